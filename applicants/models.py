"""Applicants (citizens, by NIK) and their applications (one visit's case)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from satpas.models import Unit


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class SimClass(models.TextChoices):
    """SIM classes of Perpol 5/2021 Pasal 3."""

    A = "A", "A"
    A_UMUM = "A_UMUM", "A Umum"
    BI = "BI", "B I"
    BI_UMUM = "BI_UMUM", "B I Umum"
    BII = "BII", "B II"
    BII_UMUM = "BII_UMUM", "B II Umum"
    C = "C", "C"
    CI = "CI", "C I"
    CII = "CII", "C II"
    D = "D", "D"
    DI = "DI", "D I"

    @classmethod
    def umum(cls) -> frozenset[str]:
        return frozenset({cls.A_UMUM, cls.BI_UMUM, cls.BII_UMUM})


class ApplicationType(models.TextChoices):
    """Application types of Perpol 5/2021 Pasal 6(3), plus mutasi (DOMAIN.md §1)."""

    BARU = "BARU", _("SIM baru")
    PERPANJANGAN = "PERPANJANGAN", _("Perpanjangan")
    PENINGKATAN = "PENINGKATAN", _("Peningkatan golongan")
    PENURUNAN = "PENURUNAN", _("Penurunan golongan")
    PERUBAHAN_DATA = "PERUBAHAN_DATA", _("Perubahan data")
    HILANG_RUSAK = "HILANG_RUSAK", _("Penggantian hilang/rusak")
    MUTASI = "MUTASI", _("Mutasi")


class Priority(models.TextChoices):
    """Special treatment in the queue (UU 25/2009 Pasal 29: the elderly, people with
    disabilities, pregnant women, and others as the unit decides)."""

    NONE = "", _("Tidak")
    ELDERLY = "LANSIA", _("Lansia")
    DISABILITY = "DISABILITAS", _("Disabilitas")
    PREGNANT = "HAMIL", _("Ibu hamil")
    OTHER = "LAINNYA", _("Lainnya")


# From this age the registration form suggests the elderly priority (UU 13/1998 Pasal 1:
# "lanjut usia" is 60 years and over).
ELDERLY_FROM_AGE = 60
PRIORITY_NOTE_MAX_LENGTH = 100


# The SIM number as printed, without spaces or dashes. Its format is not in DOMAIN.md;
# DEFAULT: 12 to 16 digits (cards in circulation carry 12 or 14).
SIM_NUMBER_MIN_DIGITS = 12
SIM_NUMBER_MAX_DIGITS = 16
SIM_NUMBER_PATTERN = rf"^[0-9]{{{SIM_NUMBER_MIN_DIGITS},{SIM_NUMBER_MAX_DIGITS}}}$"


# One letter per type at the head of the queue number (B-012).
QUEUE_PREFIX: dict[str, str] = {
    ApplicationType.BARU: "B",
    ApplicationType.PERPANJANGAN: "P",
    ApplicationType.PENINGKATAN: "N",
    ApplicationType.PENURUNAN: "T",
    ApplicationType.PERUBAHAN_DATA: "D",
    ApplicationType.HILANG_RUSAK: "H",
    ApplicationType.MUTASI: "M",
}


class Applicant(models.Model):
    """A citizen as known to one unit. NIK and name are personal data (UU 27/2022)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="applicants", verbose_name=_("satuan")
    )
    nik = models.CharField(_("NIK"), max_length=16)
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    birth_date = models.DateField(_("tanggal lahir"))
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("didaftarkan"), auto_now_add=True)
    # Set when the retention period ran out (applicants.retention): NIK, name and phone are
    # gone, the row stays so that every figure still counts the applications.
    anonymised_at = models.DateTimeField(_("dianonimkan pada"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pemohon")
        verbose_name_plural = _("pemohon")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "nik"], name="applicant_one_per_unit_and_nik"),
            models.CheckConstraint(
                condition=Q(nik__regex=r"^[0-9]{16}$"), name="applicant_nik_16_digits"
            ),
        ]
        permissions = [
            ("view_personal_data", _("Dapat melihat NIK dan nama pemohon tanpa disamarkan")),
        ]

    def __str__(self) -> str:
        # Never the NIK: strings end up in logs and admin breadcrumbs.
        return self.full_name


class Channel(models.TextChoices):
    """Where an application was registered."""

    COUNTER = "LOKET", _("Loket pendaftaran")
    KIOSK = "KIOS", _("Kios perpanjangan")


class Application(models.Model):
    """One visit's case: from registration to hand-over (or closure)."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Dalam proses")
        COMPLETED = "COMPLETED", _("Selesai")
        NOT_PASSED = "NOT_PASSED", _("Tidak lulus")
        WITHDRAWN = "WITHDRAWN", _("Dibatalkan")

    class Compensation(models.TextChoices):
        NONE = "", _("Tidak ada")
        DUE = "DUE", _("Kompensasi terutang")
        SETTLED = "SETTLED", _("Kompensasi selesai")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="applications", verbose_name=_("satuan")
    )
    applicant = models.ForeignKey(
        Applicant, on_delete=models.PROTECT, related_name="applications", verbose_name=_("pemohon")
    )
    application_type = models.CharField(
        _("jenis permohonan"), max_length=20, choices=ApplicationType.choices
    )
    sim_class = models.CharField(_("golongan SIM"), max_length=10, choices=SimClass.choices)
    current_sim_class = models.CharField(
        _("golongan SIM yang dimiliki"), max_length=10, choices=SimClass.choices, blank=True
    )
    current_sim_issued_on = models.DateField(
        _("tanggal terbit SIM yang dimiliki"), null=True, blank=True
    )
    # A renewed card shows its own issue date; the 12 months of a prerequisite (Perpol 5/2021)
    # count from the day the class was first held.
    current_sim_first_held_on = models.DateField(
        _("pertama kali memiliki golongan ini"), null=True, blank=True
    )
    service_date = models.DateField(_("tanggal layanan"))
    queue_number = models.CharField(_("nomor antrean"), max_length=8)
    ticket_code = models.CharField(_("kode tiket"), max_length=32, unique=True)
    registered_at = models.DateTimeField(_("didaftarkan pada"))
    # Nobody signs in at the renewal kiosk: its applications have no registering user and say
    # so in `channel`, rather than borrowing a staff account or a made-up one.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registered_applications",
        verbose_name=_("didaftarkan oleh"),
    )
    channel = models.CharField(
        _("saluran pendaftaran"), max_length=8, choices=Channel.choices, default=Channel.COUNTER
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    closing_note = models.CharField(_("catatan penutupan"), max_length=250, blank=True)
    retake_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="retakes",
        verbose_name=_("ujian ulang dari"),
    )
    first_stage_code = models.CharField(
        _("mulai dari tahap"),
        max_length=12,
        blank=True,
        help_text=_("Untuk ujian ulang: tahap pertama yang dijalani (tahap sebelumnya sudah)."),
    )
    # Written when the application closes, so that reports aggregate in SQL.
    elapsed_minutes = models.PositiveIntegerField(_("waktu layanan (menit)"), null=True, blank=True)
    standard_minutes = models.PositiveIntegerField(_("standar (menit)"), null=True, blank=True)
    compensation_state = models.CharField(
        _("kompensasi"), max_length=8, choices=Compensation.choices, blank=True, default=""
    )
    # Set at registration; a later change needs a reason, kept in the history.
    priority = models.CharField(
        _("layanan prioritas"), max_length=12, choices=Priority.choices, blank=True, default=""
    )
    priority_note = models.CharField(
        _("keterangan prioritas"), max_length=PRIORITY_NOTE_MAX_LENGTH, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        ordering = ["-service_date", "registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "service_date", "queue_number"],
                name="application_queue_number_unique_per_unit_and_day",
            ),
            models.CheckConstraint(
                condition=(Q(status="OPEN") & Q(closed_at__isnull=True))
                | (~Q(status="OPEN") & Q(closed_at__isnull=False)),
                name="application_closed_at_iff_closed",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=models.F("registered_at")),
                name="application_closed_after_registration",
            ),
            # An officer registers at the counter; the kiosk has no user.
            models.CheckConstraint(
                condition=(Q(channel="LOKET") & Q(registered_by__isnull=False))
                | (Q(channel="KIOS") & Q(registered_by__isnull=True)),
                name="application_registered_by_iff_counter",
            ),
            # "Lainnya" is the unit's own decision: it says which.
            models.CheckConstraint(
                condition=~Q(priority="LAINNYA") | ~Q(priority_note=""),
                name="application_other_priority_has_note",
            ),
        ]
        permissions = [
            ("enrol_renewal_kiosk", _("Dapat mendaftarkan perangkat kios perpanjangan SIM")),
        ]
        indexes = [
            models.Index(fields=["unit", "service_date", "status"], name="application_unit_day"),
            models.Index(fields=["unit", "status"], name="application_unit_status"),
        ]

    def __str__(self) -> str:
        return f"{self.queue_number} {self.service_date:%d-%m-%Y}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_priority(self) -> bool:
        return bool(self.priority)


class HeldSim(models.Model):
    """A SIM card the applicant holds, as recorded by the counter that handed it over (or
    seen at a later visit): the last card of each class. The renewal kiosk matches its
    number."""

    applicant = models.ForeignKey(
        Applicant, on_delete=models.CASCADE, related_name="held_sims", verbose_name=_("pemohon")
    )
    sim_class = models.CharField(_("golongan SIM"), max_length=10, choices=SimClass.choices)
    number = models.CharField(_("nomor SIM"), max_length=SIM_NUMBER_MAX_DIGITS)
    issued_on = models.DateField(_("tanggal terbit"))
    valid_until = models.DateField(_("berlaku sampai"))
    # The day the class was first held (a renewed card shows its own issue date).
    first_held_on = models.DateField(_("pertama kali memiliki golongan ini"), null=True, blank=True)
    application = models.ForeignKey(
        "Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handed_over_sims",
        verbose_name=_("diserahkan pada permohonan"),
    )
    recorded_at = models.DateTimeField(_("dicatat pada"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("SIM yang dimiliki")
        verbose_name_plural = _("SIM yang dimiliki")
        ordering = ["sim_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "sim_class"], name="held_sim_one_per_applicant_and_class"
            ),
            models.CheckConstraint(
                condition=Q(number__regex=SIM_NUMBER_PATTERN), name="held_sim_number_digits"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("issued_on")),
                name="held_sim_valid_after_issue",
            ),
        ]
        # A number is on record for one holder only (checked when the counter records it).
        indexes = [models.Index(fields=["number"], name="held_sim_number")]

    def __str__(self) -> str:
        # Never the number: strings end up in logs and admin breadcrumbs.
        return f"SIM {self.get_sim_class_display()}"


class QueueCounter(models.Model):
    """The last queue number given per unit, day and prefix (row-locked when taken)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    service_date = models.DateField()
    prefix = models.CharField(max_length=1)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("penghitung antrean")
        verbose_name_plural = _("penghitung antrean")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "service_date", "prefix"], name="queue_counter_one_per_day_prefix"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.service_date} {self.last}"
