"""Officers (Polri members and PNS staff) and the duty roster."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from satpas.models import Unit
from satpas.validators import NIP_RE, NRP_RE, validate_personnel_number
from service_timing.models import ServicePoint


class Rank(models.TextChoices):
    """Polri ranks (DOMAIN.md §6), lowest first, then PNS ranks (pangkat/golongan)."""

    BHARADA = "BHARADA", "Bharada"
    BHARATU = "BHARATU", "Bharatu"
    BHARAKA = "BHARAKA", "Bharaka"
    BRIPDA = "BRIPDA", "Bripda"
    BRIPTU = "BRIPTU", "Briptu"
    BRIGPOL = "BRIGPOL", "Brigpol"
    BRIPKA = "BRIPKA", "Bripka"
    AIPDA = "AIPDA", "Aipda"
    AIPTU = "AIPTU", "Aiptu"
    IPDA = "IPDA", "Ipda"
    IPTU = "IPTU", "Iptu"
    AKP = "AKP", "AKP"
    KOMPOL = "KOMPOL", "Kompol"
    AKBP = "AKBP", "AKBP"
    KOMBES = "KOMBES", "Kombes Pol"
    JURU_MUDA = "JURU_MUDA", "Juru Muda (I/a)"
    JURU_MUDA_TK1 = "JURU_MUDA_TK1", "Juru Muda Tingkat I (I/b)"
    JURU = "JURU", "Juru (I/c)"
    JURU_TK1 = "JURU_TK1", "Juru Tingkat I (I/d)"
    PENGATUR_MUDA = "PENGATUR_MUDA", "Pengatur Muda (II/a)"
    PENGATUR_MUDA_TK1 = "PENGATUR_MUDA_TK1", "Pengatur Muda Tingkat I (II/b)"
    PENGATUR = "PENGATUR", "Pengatur (II/c)"
    PENGATUR_TK1 = "PENGATUR_TK1", "Pengatur Tingkat I (II/d)"
    PENATA_MUDA = "PENATA_MUDA", "Penata Muda (III/a)"
    PENATA_MUDA_TK1 = "PENATA_MUDA_TK1", "Penata Muda Tingkat I (III/b)"
    PENATA = "PENATA", "Penata (III/c)"
    PENATA_TK1 = "PENATA_TK1", "Penata Tingkat I (III/d)"
    PEMBINA = "PEMBINA", "Pembina (IV/a)"
    PEMBINA_TK1 = "PEMBINA_TK1", "Pembina Tingkat I (IV/b)"

    @classmethod
    def polri(cls) -> frozenset[str]:
        members = list(cls)
        return frozenset(members[: members.index(cls.KOMBES) + 1])

    @classmethod
    def from_label(cls, label: str) -> Rank:
        """ "Bripda" or "Pengatur" (as written in letters) to the rank."""
        wanted = label.strip().casefold()
        for rank in cls:
            if rank.label.casefold() == wanted or rank.label.split(" (")[0].casefold() == wanted:
                return rank
        raise ValueError(label)


class Officer(models.Model):
    """A member of the unit who is checked and scored; may log in (linked user) or not."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="officers", verbose_name=_("satuan")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officer_profile",
        verbose_name=_("akun pengguna"),
        help_text=_("Opsional: akun yang dipakai petugas untuk masuk."),
    )
    number = models.CharField(
        _("NRP/NIP"),
        max_length=18,
        validators=[validate_personnel_number],
        help_text=_("NRP 8 angka untuk anggota Polri, NIP 18 angka untuk PNS."),
    )
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    rank = models.CharField(_("pangkat"), max_length=20, choices=Rank.choices)
    position = models.CharField(_("jabatan"), max_length=120)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("petugas")
        verbose_name_plural = _("petugas")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="officer_number_unique"),
            models.CheckConstraint(
                condition=Q(number__regex=r"^([0-9]{8}|[0-9]{18})$"),
                name="officer_number_nrp_or_nip",
            ),
        ]
        indexes = [models.Index(fields=["unit", "is_active"], name="officer_unit_active")]
        permissions = [
            ("view_own_record", _("Dapat melihat catatan reward & punishment sendiri")),
        ]

    def __str__(self) -> str:
        return f"{self.get_rank_display().split(' (')[0]} {self.full_name}"

    @property
    def is_polri(self) -> bool:
        return self.rank in Rank.polri()

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.rank and self.number:
            if self.is_polri and not NRP_RE.match(self.number):
                errors["number"] = _("Anggota Polri memakai NRP 8 angka.")
            elif not self.is_polri and not NIP_RE.match(self.number):
                errors["number"] = _("PNS memakai NIP 18 angka.")
        if self.user_id and self.user is not None and self.user.username != self.number:
            errors["user"] = _("NRP/NIP akun pengguna harus sama dengan NRP/NIP petugas.")
        if errors:
            raise ValidationError(errors)


class DutyShift(models.Model):
    """One officer on duty at one service point, on one day, for one shift."""

    class Shift(models.TextChoices):
        PAGI = "PAGI", _("Pagi")
        SIANG = "SIANG", _("Siang")
        PENUH = "PENUH", _("Sehari penuh")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="duty_shifts", verbose_name=_("satuan")
    )
    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="shifts", verbose_name=_("petugas")
    )
    date = models.DateField(_("tanggal"))
    shift = models.CharField(_("sif"), max_length=8, choices=Shift.choices, default=Shift.PENUH)
    service_point = models.ForeignKey(
        ServicePoint, on_delete=models.PROTECT, related_name="duty_shifts", verbose_name=_("loket")
    )
    starts_at = models.TimeField(_("jam mulai"))
    ends_at = models.TimeField(_("jam selesai"))
    history = HistoricalRecords()

    # Set by the checks page for its template: None when not checked that day, otherwise how
    # many of the officer's appearance checks failed.
    appearance_failed: int | None

    class Meta:
        verbose_name = _("jadwal jaga")
        verbose_name_plural = _("jadwal jaga")
        ordering = ["date", "starts_at", "service_point__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "date", "shift"], name="duty_shift_once_per_officer_day_shift"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="duty_shift_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "date"], name="duty_shift_unit_day"),
            models.Index(fields=["service_point", "date"], name="duty_shift_point_day"),
            models.Index(fields=["officer", "date"], name="duty_shift_officer_day"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.get_shift_display()} · {self.officer}"

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.officer_id and self.unit_id and self.officer.unit_id != self.unit_id:
            errors["officer"] = _("Petugas bukan anggota satuan ini.")
        if self.officer_id and not self.officer.is_active:
            errors["officer"] = _("Petugas sudah tidak aktif.")
        if self.service_point_id and self.unit_id and self.service_point.unit_id != self.unit_id:
            errors["service_point"] = _("Loket bukan milik satuan ini.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Jam selesai harus setelah jam mulai.")
        if errors:
            raise ValidationError(errors)
