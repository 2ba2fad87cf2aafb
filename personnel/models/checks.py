"""What supervisors check: attendance, appearance (sikap tampang, 3S), professionalism and
the cleanliness of a service point. Every check is evidence: history is kept."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from personnel.models.officers import DutyShift, Officer
from personnel.photos import validate_photo
from satpas.meta import model_field
from satpas.models import Unit
from service_timing.models import ServicePoint


class Severity(models.TextChoices):
    """Levels of a violation (Perpol 7/2022 Pasal 17; PP 94/2021 for PNS)."""

    RINGAN = "RINGAN", _("Ringan")
    SEDANG = "SEDANG", _("Sedang")
    BERAT = "BERAT", _("Berat")


class _Check(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("satuan")
    )
    checked_on = models.DateField(_("tanggal"))
    recorded_at = models.DateTimeField(_("dicatat pada"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    note = models.CharField(_("catatan"), max_length=250, blank=True)

    class Meta:
        abstract = True


class _JudgedCheck(_Check):
    """A check that passes or fails as a whole, with the severity of a failure."""

    passed = models.BooleanField(_("memenuhi"), default=True)
    severity = models.CharField(
        _("tingkat pelanggaran"), max_length=8, choices=Severity.choices, default=Severity.RINGAN
    )

    class Meta:
        abstract = True


class _ItemCheck(_JudgedCheck):
    """A check of named items, each passing or failing (`<item>_ok`, with `<item>_note` where
    the model has one); it passes when every item does."""

    ITEMS: list[str] = []

    class Meta:
        abstract = True

    def item_label(self, item: str) -> str:
        return str(model_field(type(self), f"{item}_ok").verbose_name)

    def failed_codes(self) -> list[str]:
        """The items that failed, in the order of ITEMS."""
        return [item for item in self.ITEMS if not getattr(self, f"{item}_ok")]

    def set_results(
        self, results: Mapping[str, bool], notes: Mapping[str, str] | None = None
    ) -> None:
        """Take the items' outcomes (an item left out passes) and whether the check passed."""
        for item in self.ITEMS:
            setattr(self, f"{item}_ok", bool(results.get(item, True)))
            if notes is not None:
                setattr(self, f"{item}_note", (notes.get(item) or "").strip())
        self.passed = not self.failed_codes()


class AttendanceCheck(_Check):
    """Arrival against the scheduled start of a shift (late only beyond the tolerance) and,
    once recorded, departure against its scheduled end. Leave and other duty are not findings."""

    class Status(models.TextChoices):
        PRESENT = "PRESENT", _("Hadir")
        ABSENT = "ABSENT", _("Tidak hadir tanpa keterangan")
        IZIN = "IZIN", _("Izin")
        SAKIT = "SAKIT", _("Sakit")
        CUTI = "CUTI", _("Cuti")
        DINAS_LUAR = "DINAS_LUAR", _("Dinas luar / tugas lain")
        LEPAS_PIKET = "LEPAS_PIKET", _("Lepas piket")

    # Away with a reason the unit knows of: never a finding, and not a duty day.
    LEAVE = frozenset({"IZIN", "SAKIT", "CUTI", "DINAS_LUAR", "LEPAS_PIKET"})

    shift = models.OneToOneField(
        DutyShift, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("jadwal")
    )
    officer = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        related_name="attendance_checks",
        verbose_name=_("petugas"),
    )
    status = models.CharField(_("kehadiran"), max_length=12, choices=Status.choices)
    arrived_at = models.DateTimeField(_("waktu datang"), null=True, blank=True)
    minutes_late = models.PositiveIntegerField(_("menit terlambat"), default=0)
    tolerance_minutes = models.PositiveSmallIntegerField(_("toleransi (menit)"))
    is_late = models.BooleanField(_("terlambat"), default=False)
    left_at = models.DateTimeField(_("waktu pulang"), null=True, blank=True)
    # Database defaults too: bulk writers (generate_history) leave these columns out.
    minutes_early = models.PositiveIntegerField(
        _("menit pulang lebih awal"), default=0, db_default=0
    )
    left_early = models.BooleanField(_("pulang sebelum waktunya"), default=False, db_default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pemeriksaan kehadiran")
        verbose_name_plural = _("pemeriksaan kehadiran")
        ordering = ["-checked_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="PRESENT", arrived_at__isnull=False)
                | (~Q(status="PRESENT") & Q(arrived_at__isnull=True, minutes_late=0)),
                name="attendance_arrival_iff_present",
            ),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True, minutes_early=0, left_early=False)
                | Q(status="PRESENT", left_at__isnull=False),
                name="attendance_departure_only_when_present",
            ),
            models.CheckConstraint(
                condition=Q(is_late=False) | Q(minutes_late__gt=models.F("tolerance_minutes")),
                name="attendance_late_only_beyond_tolerance",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "checked_on"], name="attendance_unit_day"),
            models.Index(fields=["officer", "checked_on"], name="attendance_officer_day"),
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.checked_on:%d-%m-%Y} {self.get_status_display()}"

    @property
    def is_leave(self) -> bool:
        return self.status in self.LEAVE


class AppearanceCheck(_ItemCheck):
    """Sikap tampang and 3S: each item passes or fails, with a note (DOMAIN.md §5)."""

    ITEMS = ["hair", "shave", "uniform", "shoes", "name_tag", "greeting"]

    officer = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        related_name="appearance_checks",
        verbose_name=_("petugas"),
    )
    shift = models.ForeignKey(
        DutyShift,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jadwal"),
    )
    hair_ok = models.BooleanField(_("rambut rapi"), default=True)
    hair_note = models.CharField(_("catatan rambut"), max_length=120, blank=True)
    shave_ok = models.BooleanField(_("bercukur (kumis, jenggot, cambang)"), default=True)
    shave_note = models.CharField(_("catatan cukur"), max_length=120, blank=True)
    uniform_ok = models.BooleanField(_("seragam sesuai ketentuan"), default=True)
    uniform_note = models.CharField(_("catatan seragam"), max_length=120, blank=True)
    shoes_ok = models.BooleanField(_("sepatu bersih dan disemir"), default=True)
    shoes_note = models.CharField(_("catatan sepatu"), max_length=120, blank=True)
    name_tag_ok = models.BooleanField(_("papan nama dan atribut lengkap"), default=True)
    name_tag_note = models.CharField(_("catatan papan nama/atribut"), max_length=120, blank=True)
    greeting_ok = models.BooleanField(_("senyum, sapa, salam (3S)"), default=True)
    greeting_note = models.CharField(_("catatan 3S"), max_length=120, blank=True)
    photo = models.ImageField(
        _("foto"),
        upload_to="personnel/appearance/%Y/%m/",
        null=True,
        blank=True,
        validators=[validate_photo],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pemeriksaan sikap tampang")
        verbose_name_plural = _("pemeriksaan sikap tampang")
        ordering = ["-checked_on", "-recorded_at"]
        indexes = [
            models.Index(fields=["unit", "checked_on"], name="appearance_unit_day"),
            models.Index(fields=["officer", "checked_on"], name="appearance_officer_day"),
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.checked_on:%d-%m-%Y}"

    def failed_items(self) -> list[tuple[str, str]]:
        """(label, note) of every item that failed."""
        return [
            (self.item_label(item), getattr(self, f"{item}_note")) for item in self.failed_codes()
        ]


class ProfessionalismAssessment(_JudgedCheck):
    """Four aspects scored 1 (tidak baik) to 4 (sangat baik); a 1 on any aspect fails."""

    ASPECTS = ["procedure", "accuracy", "courtesy", "integrity"]
    FAIL_BELOW = 2

    officer = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        related_name="professionalism_assessments",
        verbose_name=_("petugas"),
    )
    procedure = models.PositiveSmallIntegerField(
        _("penguasaan SOP dan prosedur"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    accuracy = models.PositiveSmallIntegerField(
        _("ketelitian dan kecermatan"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    courtesy = models.PositiveSmallIntegerField(
        _("sikap dan komunikasi dengan pemohon"),
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    integrity = models.PositiveSmallIntegerField(
        _("integritas (tanpa pungutan, tanpa calo)"),
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penilaian profesionalisme")
        verbose_name_plural = _("penilaian profesionalisme")
        ordering = ["-checked_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    procedure__range=(1, 4),
                    accuracy__range=(1, 4),
                    courtesy__range=(1, 4),
                    integrity__range=(1, 4),
                ),
                name="professionalism_scores_1_to_4",
            )
        ]
        indexes = [
            models.Index(fields=["unit", "checked_on"], name="professionalism_unit_day"),
            models.Index(fields=["officer", "checked_on"], name="professionalism_officer_day"),
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.checked_on:%d-%m-%Y}"

    def failed_items(self) -> list[tuple[str, int]]:
        return [
            (str(model_field(type(self), aspect).verbose_name), getattr(self, aspect))
            for aspect in self.ASPECTS
            if getattr(self, aspect) < self.FAIL_BELOW
        ]


class CleanlinessCheck(_ItemCheck):
    """Cleanliness and comfort of a service point, with the health-protocol facilities.
    A failure falls on every officer on duty there that day, per the roster."""

    ITEMS = ["floor", "waste", "seating", "handwash", "sanitiser"]

    service_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        related_name="cleanliness_checks",
        verbose_name=_("loket"),
    )
    floor_ok = models.BooleanField(_("lantai, meja dan loket bersih"), default=True)
    waste_ok = models.BooleanField(_("tempat sampah tersedia dan tidak penuh"), default=True)
    seating_ok = models.BooleanField(_("ruang tunggu nyaman dan tertata"), default=True)
    handwash_ok = models.BooleanField(_("tempat cuci tangan berfungsi (air, sabun)"), default=True)
    sanitiser_ok = models.BooleanField(_("hand sanitiser tersedia"), default=True)
    photo = models.ImageField(
        _("foto"),
        upload_to="personnel/cleanliness/%Y/%m/",
        null=True,
        blank=True,
        validators=[validate_photo],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pemeriksaan kebersihan loket")
        verbose_name_plural = _("pemeriksaan kebersihan loket")
        ordering = ["-checked_on", "-recorded_at"]
        indexes = [
            models.Index(fields=["unit", "checked_on"], name="cleanliness_unit_day"),
            models.Index(fields=["service_point", "checked_on"], name="cleanliness_point_day"),
        ]

    def __str__(self) -> str:
        return f"{self.service_point} {self.checked_on:%d-%m-%Y}"

    def failed_items(self) -> list[str]:
        return [self.item_label(item) for item in self.failed_codes()]
