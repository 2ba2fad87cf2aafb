"""The evidence app's own records: evidence packs, the keys that sign them, and what the
unit publishes on its public service page (pledge, requirements, PNBP fees)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applicants.models import ApplicationType, SimClass

# The longest period a report or a pack covers: a year and a bit (LKE evaluations look back
# one year). Here, below both the report forms and the pack's services, which read it.
MAX_PERIOD_DAYS = 400


class BackgroundWork(models.Model):
    """What a piece of work done by the background worker records of itself: who asked and
    when, how far it is (the page polls it), what went wrong, when it ended."""

    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    step = models.CharField(_("langkah"), max_length=120, blank=True)
    error = models.TextField(_("galat"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )
    requested_at = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        abstract = True


class EvidencePack(BackgroundWork):
    """A ZIP of a unit's Zona Integritas evidence for a period, built in the background."""

    class Status(models.TextChoices):
        QUEUED = "QUEUED", _("Menunggu")
        RUNNING = "RUNNING", _("Sedang disusun")
        DONE = "DONE", _("Selesai")
        FAILED = "FAILED", _("Gagal")

    unit = models.ForeignKey(
        "satpas.Unit",
        on_delete=models.PROTECT,
        related_name="evidence_packs",
        verbose_name=_("satuan"),
    )
    period_start = models.DateField(_("dari tanggal"))
    period_end = models.DateField(_("sampai tanggal"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("berkas"), upload_to="evidence/", blank=True)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 berkas"), max_length=64, blank=True)
    signed_with = models.CharField(
        _("sidik jari kunci penanda tangan"),
        max_length=80,
        blank=True,
        help_text=_("Sidik jari kunci publik Ed25519 satuan yang menandatangani manifest."),
    )

    class Meta:
        db_table = "satpas_evidencepack"  # the table kept its name when the model moved here
        verbose_name = _("paket bukti")
        verbose_name_plural = _("paket bukti")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="evidence_pack_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="evidence_pack_progress_0_100"
            ),
        ]
        permissions = [("export_evidence", _("Dapat menyusun dan mengunduh paket bukti"))]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    @property
    def filename(self) -> str:
        return f"bukti-zi-{self.unit.code}-{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}.zip"


class SigningKey(models.Model):
    """A unit's Ed25519 key that signs the manifest of its evidence packs. Made on first use;
    the private half is stored encrypted with a key derived from SECRET_KEY (see
    evidence.signing), unless EVIDENCE_SIGNING_KEY_FILE names a key file instead."""

    unit = models.OneToOneField(
        "satpas.Unit",
        on_delete=models.PROTECT,
        related_name="signing_key",
        verbose_name=_("satuan"),
    )
    public_key = models.CharField(_("kunci publik (base64)"), max_length=64)
    fingerprint = models.CharField(_("sidik jari"), max_length=80)
    private_key_encrypted = models.TextField(_("kunci privat (terenkripsi)"))
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        db_table = "satpas_signingkey"  # the table kept its name when the model moved here
        verbose_name = _("kunci tanda tangan")
        verbose_name_plural = _("kunci tanda tangan")

    def __str__(self) -> str:
        return f"{self.unit.code} {self.fingerprint}"


class CapacityPlan(BackgroundWork):
    """A capacity plan of a unit for one ISO week (or a what-if on one day of it), computed in
    the background; the inputs it was computed from are summarised in `result`."""

    class Status(models.TextChoices):
        QUEUED = "QUEUED", _("Menunggu")
        RUNNING = "RUNNING", _("Sedang dihitung")
        DONE = "DONE", _("Selesai")
        FAILED = "FAILED", _("Gagal")

    unit = models.ForeignKey(
        "satpas.Unit",
        on_delete=models.PROTECT,
        related_name="capacity_plans",
        verbose_name=_("satuan"),
    )
    week_start = models.DateField(_("minggu (Senin)"))
    weeks = models.PositiveSmallIntegerField(_("minggu riwayat"), default=8)
    target = models.DecimalField(_("target tepat waktu"), max_digits=4, decimal_places=3)
    base = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="what_ifs",
        verbose_name=_("rencana dasar"),
    )
    day = models.DateField(_("hari (simulasi)"), null=True, blank=True)
    changes = models.JSONField(_("perubahan loket"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    result = models.JSONField(_("hasil"), null=True, blank=True)

    class Meta:
        verbose_name = _("rencana kapasitas")
        verbose_name_plural = _("rencana kapasitas")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="capacity_plan_progress_0_100"
            ),
            models.CheckConstraint(
                condition=Q(target__gt=0) & Q(target__lte=1), name="capacity_plan_target_share"
            ),
            models.CheckConstraint(
                condition=Q(base__isnull=True) | Q(day__isnull=False),
                name="capacity_plan_what_if_has_day",
            ),
        ]
        indexes = [models.Index(fields=["unit", "week_start"], name="capacity_plan_unit_week")]
        permissions = [("plan_capacity", _("Dapat menyusun rencana kapasitas"))]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.week_start:%G-W%V}"

    @property
    def is_what_if(self) -> bool:
        return self.base_id is not None


# --- the public service page (evidence.public) ---------------------------------------------


class ServicePledge(models.Model):
    """The unit's service pledge (maklumat pelayanan, PermenPANRB 15/2014), shown on its
    public service page. Without a row the page shows the customary wording."""

    unit = models.OneToOneField(
        "satpas.Unit",
        on_delete=models.CASCADE,
        related_name="service_pledge",
        verbose_name=_("satuan"),
    )
    text = models.TextField(
        _("maklumat pelayanan"),
        max_length=3000,
        help_text=_("Satu paragraf per baris. Tampil di halaman layanan publik satuan."),
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maklumat pelayanan")
        verbose_name_plural = _("maklumat pelayanan")

    def __str__(self) -> str:
        return str(self.unit)


class ServiceRequirements(models.Model):
    """What an applicant brings for one application type at one unit (persyaratan), as the
    unit publishes it. Without a row the page shows the defaults of Perpol 5/2021."""

    unit = models.ForeignKey(
        "satpas.Unit",
        on_delete=models.CASCADE,
        related_name="service_requirements",
        verbose_name=_("satuan"),
    )
    application_type = models.CharField(
        _("jenis permohonan"), max_length=20, choices=ApplicationType.choices
    )
    text = models.TextField(
        _("persyaratan"), max_length=3000, help_text=_("Satu persyaratan per baris.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persyaratan layanan")
        verbose_name_plural = _("persyaratan layanan")
        ordering = ["unit", "application_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "application_type"], name="service_requirements_once_per_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.get_application_type_display()}"

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


class ServiceFee(models.Model):
    """The PNBP fee a unit publishes for one application type and SIM class (PP 76/2020).
    Without a row the page shows the tariff of PP 76/2020 where it gives one."""

    unit = models.ForeignKey(
        "satpas.Unit",
        on_delete=models.CASCADE,
        related_name="service_fees",
        verbose_name=_("satuan"),
    )
    application_type = models.CharField(
        _("jenis permohonan"), max_length=20, choices=ApplicationType.choices
    )
    sim_class = models.CharField(_("golongan SIM"), max_length=10, choices=SimClass.choices)
    rupiah = models.PositiveIntegerField(
        _("tarif PNBP (rupiah)"), validators=[MaxValueValidator(10_000_000)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tarif PNBP")
        verbose_name_plural = _("tarif PNBP")
        ordering = ["unit", "application_type", "sim_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "application_type", "sim_class"],
                name="service_fee_once_per_type_and_class",
            ),
            models.CheckConstraint(
                condition=Q(rupiah__lte=10_000_000), name="service_fee_rupiah_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.application_type} {self.sim_class}: {self.rupiah}"
