"""The office itself: units, their service calendar, and the people who log in."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Self

from django.apps import apps
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from satpas.validators import validate_personnel_number


class Unit(models.Model):
    """A Satpas (SIM service unit) of a Sat Lantas. Every operational row belongs to one."""

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
        WIB_PONTIANAK = "Asia/Pontianak", _("WIB (Asia/Pontianak)")
        WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
        WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")

    code = models.CharField(
        _("kode"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9-]{2,20}$",
                _("Kode satuan: 2–20 huruf besar, angka atau tanda hubung."),
            )
        ],
        help_text=_("Kode singkat, misalnya TPI. Dipakai pada perintah ekspor bukti."),
    )
    name = models.CharField(_("nama"), max_length=120)
    region = models.CharField(_("wilayah (Polda)"), max_length=120)
    city = models.CharField(
        _("kota"), max_length=80, help_text=_("Tempat penandatanganan laporan.")
    )
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    time_zone = models.CharField(
        _("zona waktu"), max_length=40, choices=TimeZone.choices, default=TimeZone.WIB
    )
    letterhead = models.TextField(
        _("kop surat"),
        help_text=_("Satu baris per baris kop, dari atas ke bawah."),
    )
    signatory_title = models.CharField(
        _("jabatan penanda tangan"),
        max_length=120,
        help_text=_("Misalnya KASAT LANTAS POLRESTA TANJUNGPINANG."),
    )
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=120)
    signatory_rank = models.CharField(_("pangkat penanda tangan"), max_length=40)
    signatory_nrp = models.CharField(
        _("NRP penanda tangan"), max_length=18, validators=[validate_personnel_number]
    )
    breaks_stop_clock = models.BooleanField(
        _("jam istirahat menghentikan waktu layanan"),
        default=True,
        help_text=_("Jika aktif, menit selama jam istirahat tidak dihitung sebagai waktu layanan."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("satuan")
        verbose_name_plural = _("satuan")
        ordering = ["name"]
        permissions = [
            ("switch_unit", _("Dapat membaca lebih dari satu satuan")),
            ("view_regional", _("Dapat membuka tampilan wilayah (satuan berdampingan)")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def letterhead_lines(self) -> list[str]:
        return [line.strip() for line in self.letterhead.splitlines() if line.strip()]


# The start of calendar rows that were always in force (before versions existed).
CALENDAR_BEGINNING = dt.date(2000, 1, 1)


def last_judged_day(
    unit_id: int | None, *, on_or_after: dt.date, weekday: int | None = None
) -> dt.date | None:
    """The last service date, from `on_or_after` on, of the unit's applications (on one
    weekday, Monday = 0): the calendar judged those days and must not change for them.

    Read through the app registry: the office core sits below applicants (no import up)."""
    if unit_id is None:
        return None
    rows = apps.get_model("applicants", "Application").objects.filter(
        unit_id=unit_id, service_date__gte=on_or_after
    )
    if weekday is not None:
        rows = rows.filter(service_date__iso_week_day=weekday + 1)
    return rows.order_by("-service_date").values_list("service_date", flat=True).first()


def _refuse_judged(last: dt.date | None, what: str | Promise) -> None:
    if last is not None:
        raise ValidationError(
            _(
                "%(what)s sudah dipakai menilai permohonan sampai %(date)s; mengubahnya akan "
                "mengubah penilaian yang sudah dibuat. Buat versi baru yang berlaku mulai "
                "%(next)s atau sesudahnya."
            )
            % {
                "what": what,
                "date": last.strftime("%d-%m-%Y"),
                "next": (last + dt.timedelta(days=1)).strftime("%d-%m-%Y"),
            }
        )


class OpeningHours(models.Model):
    """Opening hours of a unit on one weekday; a weekday without a row is closed."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Senin")
        TUESDAY = 1, _("Selasa")
        WEDNESDAY = 2, _("Rabu")
        THURSDAY = 3, _("Kamis")
        FRIDAY = 4, _("Jumat")
        SATURDAY = 5, _("Sabtu")
        SUNDAY = 6, _("Minggu")

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("satuan")
    )
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices)
    opens_at = models.TimeField(_("buka"))
    closes_at = models.TimeField(_("tutup"))
    valid_from = models.DateField(
        _("berlaku mulai"),
        default=CALENDAR_BEGINNING,
        help_text=_(
            "Jam buka yang sudah dipakai menilai permohonan tidak diubah: buat versi baru yang "
            "berlaku mulai tanggal sesudah permohonan terakhir pada hari itu."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jam buka")
        verbose_name_plural = _("jam buka")
        ordering = ["unit", "weekday", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "weekday", "valid_from"], name="opening_hours_one_per_day_and_start"
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="opening_hours_close_after_open",
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="opening_hours_weekday_0_6"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H.%M}–{self.closes_at:%H.%M}"

    JUDGED_FIELDS = ("unit_id", "weekday", "opens_at", "closes_at", "valid_from")

    def clean(self) -> None:
        """Hours that judged applications stay as they were for those days (see SOP standards)."""
        what = _("Jam buka hari %(day)s") % {"day": self.get_weekday_display()}
        stored = OpeningHours.objects.filter(pk=self.pk).first() if self.pk else None
        changed = stored is None or any(
            getattr(stored, f) != getattr(self, f) for f in self.JUDGED_FIELDS
        )
        if stored is not None and changed:
            _refuse_judged(
                last_judged_day(
                    stored.unit_id, on_or_after=stored.valid_from, weekday=stored.weekday
                ),
                what,
            )
        if changed and self.valid_from is not None and self.weekday is not None:
            _refuse_judged(
                last_judged_day(self.unit_id, on_or_after=self.valid_from, weekday=self.weekday),
                what,
            )

    def is_in_use(self) -> bool:
        return (
            last_judged_day(self.unit_id, on_or_after=self.valid_from, weekday=self.weekday)
            is not None
        )


class ServiceBreak(models.Model):
    """A daily break (ishoma, Friday prayers): on one weekday, or on every open day."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="service_breaks", verbose_name=_("satuan")
    )
    weekday = models.PositiveSmallIntegerField(
        _("hari"),
        choices=OpeningHours.Weekday.choices,
        null=True,
        blank=True,
        help_text=_("Kosongkan untuk setiap hari buka."),
    )
    starts_at = models.TimeField(_("mulai"))
    ends_at = models.TimeField(_("selesai"))
    label = models.CharField(_("keterangan"), max_length=80, blank=True)
    valid_from = models.DateField(
        _("berlaku mulai"),
        default=CALENDAR_BEGINNING,
        help_text=_(
            "Jadwal istirahat berganti utuh: pada satu hari berlaku semua jam istirahat dengan "
            "tanggal mulai terakhir sebelum hari itu. Jam istirahat yang sudah dipakai menilai "
            "permohonan tidak diubah: buat jadwal baru mulai tanggal sesudah permohonan terakhir."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jam istirahat")
        verbose_name_plural = _("jam istirahat")
        ordering = ["unit", "valid_from", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="service_break_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        day = self.get_weekday_display() if self.weekday is not None else _("Setiap hari")
        return f"{day} {self.starts_at:%H.%M}–{self.ends_at:%H.%M}"

    JUDGED_FIELDS = ("unit_id", "weekday", "starts_at", "ends_at", "valid_from")

    def clean(self) -> None:
        """A break schedule that judged applications stays as it was for those days."""
        what = _("Jadwal istirahat")
        stored = ServiceBreak.objects.filter(pk=self.pk).first() if self.pk else None
        changed = stored is None or any(
            getattr(stored, f) != getattr(self, f) for f in self.JUDGED_FIELDS
        )
        if stored is not None and changed:
            _refuse_judged(last_judged_day(stored.unit_id, on_or_after=stored.valid_from), what)
        if changed and self.valid_from is not None:
            _refuse_judged(last_judged_day(self.unit_id, on_or_after=self.valid_from), what)

    def is_in_use(self) -> bool:
        return last_judged_day(self.unit_id, on_or_after=self.valid_from) is not None


class Holiday(models.Model):
    """A day the unit is closed although its weekday is normally open."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="holidays", verbose_name=_("satuan")
    )
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("nama hari libur"), max_length=120)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["unit", "date"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "date"], name="holiday_one_per_unit_and_date")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"

    def clean(self) -> None:
        """A day that judged applications keeps its open or closed status."""
        stored = Holiday.objects.filter(pk=self.pk).first() if self.pk else None
        days = {(self.unit_id, self.date)}
        if stored is not None:
            days = set() if (stored.unit_id, stored.date) == (self.unit_id, self.date) else days
            days |= {(stored.unit_id, stored.date)} if days else set()
        for unit_id, day in sorted(days, key=lambda pair: str(pair)):
            if day is not None and self.is_judged(unit_id, day):
                raise ValidationError(_holiday_refusal(day))

    def is_in_use(self) -> bool:
        return self.is_judged(self.unit_id, self.date)

    @staticmethod
    def is_judged(unit_id: int | None, day: dt.date) -> bool:
        if unit_id is None:  # a row not yet given a unit: no application can be on it
            return False
        application = apps.get_model("applicants", "Application")
        return application.objects.filter(unit_id=unit_id, service_date=day).exists()


def _holiday_refusal(day: dt.date) -> str:
    return _(
        "Sudah ada permohonan yang dinilai pada %(date)s: hari libur pada tanggal itu tidak "
        "dapat ditambah, diubah atau dihapus, agar penilaiannya tidak berubah."
    ) % {"date": day.strftime("%d-%m-%Y")}


class User(AbstractUser):
    """A person who logs in: username is their NRP (Polri) or NIP (PNS)."""

    username = models.CharField(
        _("NRP/NIP"),
        max_length=18,
        unique=True,
        validators=[validate_personnel_number],
        help_text=_("NRP 8 angka untuk anggota Polri, NIP 18 angka untuk PNS."),
        error_messages={"unique": _("Pengguna dengan NRP/NIP ini sudah ada.")},
    )
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    home_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("satuan asal"),
    )
    audit_units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="regional_auditors",
        verbose_name=_("satuan lain yang boleh dibaca"),
        help_text=_("Hanya untuk auditor wilayah: satuan lain yang datanya boleh dibaca."),
    )
    # Roles and units to read are rights: their changes are kept with the account's history.
    history = HistoricalRecords(
        excluded_fields=["password", "last_login"], m2m_fields=["groups", "audit_units"]
    )

    objects: ClassVar[UserManager[Self]] = UserManager()

    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["full_name"]
        permissions = [
            (
                "assign_audit_units",
                _("Dapat menetapkan satuan lain yang boleh dibaca (peran wilayah)"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.username})" if self.full_name else self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.username
