"""Compensation owed to applicants, the items handed over, the SKM survey and complaints."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applicants.models import Application
from satpas.models import Unit
from service_timing.models import ServicePoint, Stage


class CompensationItem(models.Model):
    """Something handed over as compensation (air mineral, permen, …), with its stock."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="compensation_items", verbose_name=_("satuan")
    )
    name = models.CharField(_("nama barang"), max_length=80)
    unit_label = models.CharField(_("satuan barang"), max_length=20, default="buah")
    low_stock_threshold = models.PositiveIntegerField(_("batas stok menipis"), default=10)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("barang kompensasi")
        verbose_name_plural = _("barang kompensasi")
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="compensation_item_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CompensationRule(models.Model):
    """A tier: for an overrun of at least `min_minutes_over`, the items that may be offered."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="compensation_rules", verbose_name=_("satuan")
    )
    min_minutes_over = models.PositiveIntegerField(
        _("mulai dari (menit lewat standar)"), validators=[MinValueValidator(1)]
    )
    items = models.ManyToManyField(CompensationItem, verbose_name=_("barang yang ditawarkan"))
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    is_default = models.BooleanField(_("bawaan"), default=False)
    history = HistoricalRecords(m2m_fields=[items])

    class Meta:
        verbose_name = _("aturan kompensasi")
        verbose_name_plural = _("aturan kompensasi")
        ordering = ["unit", "min_minutes_over"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "min_minutes_over"], name="compensation_rule_tier_unique"
            )
        ]

    def __str__(self) -> str:
        return _("≥ %(m)d menit") % {"m": self.min_minutes_over}


class StockMovement(models.Model):
    """Item stock ledger (append-only): received, given, adjusted."""

    class Kind(models.TextChoices):
        RECEIVED = "RECEIVED", _("Diterima")
        GIVEN = "GIVEN", _("Diberikan")
        ADJUSTED = "ADJUSTED", _("Penyesuaian")

    item = models.ForeignKey(
        CompensationItem,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("barang"),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    quantity = models.IntegerField(_("jumlah"), help_text=_("Positif masuk, negatif keluar."))
    occurred_at = models.DateTimeField(_("waktu"))
    note = models.CharField(_("keterangan"), max_length=250, blank=True)
    supplied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disediakan oleh petugas"),
        help_text=_("Bila petugas menyediakan barang sebagai sanksi (SOP)."),
    )
    case = models.ForeignKey(
        "CompensationCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stock_movements",
        verbose_name=_("kasus"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mutasi stok")
        verbose_name_plural = _("mutasi stok")
        ordering = ["-occurred_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="stock_movement_not_zero"),
            models.CheckConstraint(
                condition=Q(kind="RECEIVED", quantity__gt=0)
                | Q(kind="GIVEN", quantity__lt=0)
                | Q(kind="ADJUSTED"),
                name="stock_movement_sign_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.quantity:+d}"


class CompensationCase(models.Model):
    """What an applicant is owed for one reason, until it is settled."""

    class Reason(models.TextChoices):
        OVERDUE = "OVERDUE", _("Melebihi standar waktu")
        DISSATISFIED = "DISSATISFIED", _("Pemohon kurang puas")

    class Status(models.TextChoices):
        DUE = "DUE", _("Terutang")
        GIVEN = "GIVEN", _("Diberikan")
        DECLINED = "DECLINED", _("Ditolak pemohon")
        WAIVED = "WAIVED", _("Dibebaskan supervisor")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="compensation_cases", verbose_name=_("satuan")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="compensation_cases",
        verbose_name=_("permohonan"),
    )
    reason = models.CharField(_("alasan"), max_length=14, choices=Reason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DUE
    )
    opened_at = models.DateTimeField(_("dibuka"))
    minutes_over = models.PositiveIntegerField(_("menit lewat standar"), default=0)
    # What the applicant said when "kurang puas" (a case, not a complaint: see complaints).
    dissatisfaction_note = models.CharField(
        _("keterangan kurang puas"), max_length=250, blank=True, default="", db_default=""
    )
    # Attribution: the stage that overran its allowance the most, its counter and officer.
    attributed_stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tahap"),
    )
    attributed_point = models.ForeignKey(
        ServicePoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loket"),
    )
    attributed_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attributed_compensation_cases",
        verbose_name=_("petugas"),
    )
    attribution_note = models.CharField(_("catatan atribusi"), max_length=250, blank=True)
    # The attributed officer's own part: service beyond the stage's allowance plus the time
    # their open counter sat idle while this applicant waited (outages and pauses left out).
    # Queue waiting is the unit's capacity, never an officer's (DESIGN.md "Judging people").
    officer_minutes = models.PositiveIntegerField(
        _("menit kelebihan oleh petugas"), default=0, db_default=0
    )
    # How the attribution was reached, for the explanation shown wherever it is judged:
    # allowance, called/started/finished, service, idle, outage and pause minutes left out.
    # Database defaults too: bulk writers (COPY of generated history) may leave these out.
    attribution_detail = models.JSONField(
        _("rincian atribusi"),
        default=dict,
        db_default=models.Value({}, output_field=models.JSONField()),
        blank=True,
    )
    attributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diatribusikan manual oleh"),
    )
    # Settlement.
    item = models.ForeignKey(
        CompensationItem, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("barang")
    )
    settled_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diselesaikan oleh"),
    )
    acknowledged = models.BooleanField(_("diterima pemohon"), default=False)
    settlement_note = models.CharField(_("catatan"), max_length=250, blank=True)
    photo = models.ImageField(
        _("foto penyerahan"), upload_to="compensation/%Y/%m/", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kasus kompensasi")
        verbose_name_plural = _("kasus kompensasi")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reason"], name="compensation_case_one_per_reason"
            ),
            models.CheckConstraint(
                condition=Q(status="DUE", settled_at__isnull=True)
                | (~Q(status="DUE") & Q(settled_at__isnull=False)),
                name="compensation_case_settled_iff_not_due",
            ),
            models.CheckConstraint(
                condition=~Q(status="GIVEN") | Q(item__isnull=False),
                name="compensation_case_given_names_item",
            ),
            models.CheckConstraint(
                condition=~Q(status="WAIVED") | ~Q(settlement_note=""),
                name="compensation_case_waiver_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status"], name="compensation_case_open"),
            models.Index(fields=["unit", "opened_at"], name="compensation_case_period"),
            models.Index(
                fields=["attributed_officer", "opened_at"], name="compensation_case_officer"
            ),
        ]
        permissions = [
            ("settle_compensationcase", _("Dapat mencatat penyerahan kompensasi")),
            ("waive_compensationcase", _("Dapat membebaskan kompensasi (dengan alasan)")),
            ("attribute_compensationcase", _("Dapat menetapkan petugas atas keterlambatan")),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {self.application}"


class SurveyResponse(models.Model):
    """One SKM response (PermenPANRB 14/2017): nine elements scored 1–4."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="survey_responses", verbose_name=_("satuan")
    )
    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_response",
        verbose_name=_("permohonan"),
    )
    submitted_at = models.DateTimeField(_("diisi pada"))
    channel = models.CharField(
        _("saluran"),
        max_length=10,
        choices=[("QR", _("QR tiket")), ("KIOSK", _("Kios"))],
        default="QR",
    )
    u1 = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    u2 = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    u3 = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    u4 = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    u5 = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    u6 = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    u7 = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    u8 = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    u9 = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])
    comment = models.TextField(_("saran / komentar"), blank=True)

    class Meta:
        verbose_name = _("respons SKM")
        verbose_name_plural = _("respons SKM")
        ordering = ["-submitted_at"]
        permissions = [("enrol_kiosk", _("Dapat mendaftarkan perangkat kios survei"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    u1__range=(1, 4),
                    u2__range=(1, 4),
                    u3__range=(1, 4),
                    u4__range=(1, 4),
                    u5__range=(1, 4),
                    u6__range=(1, 4),
                    u7__range=(1, 4),
                    u8__range=(1, 4),
                    u9__range=(1, 4),
                ),
                name="survey_scores_1_to_4",
            )
        ]
        indexes = [models.Index(fields=["unit", "submitted_at"], name="survey_period")]

    def __str__(self) -> str:
        return f"SKM {self.submitted_at:%d-%m-%Y}"


class Complaint(models.Model):
    """A complaint (pengaduan) and its handling."""

    class Channel(models.TextChoices):
        SURVEY = "SURVEY", _("Survei / penyerahan")
        COUNTER = "COUNTER", _("Loket")
        PHONE = "PHONE", _("Telepon / WhatsApp")
        LAPOR = "LAPOR", _("SP4N-LAPOR!")
        OTHER = "OTHER", _("Lainnya")

    class Status(models.TextChoices):
        NEW = "NEW", _("Baru")
        IN_PROGRESS = "IN_PROGRESS", _("Diproses")
        DONE = "DONE", _("Selesai")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("satuan")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("permohonan"),
    )
    compensation_case = models.ForeignKey(
        CompensationCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("kasus kompensasi"),
    )
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    lapor_reference = models.CharField(_("nomor tiket SP4N-LAPOR!"), max_length=40, blank=True)
    received_at = models.DateTimeField(_("diterima"))
    description = models.TextField(_("isi pengaduan"))
    about_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_about",
        verbose_name=_("petugas yang diadukan"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    substantiated = models.BooleanField(
        _("terbukti"), null=True, blank=True, help_text=_("Diisi saat pengaduan selesai ditangani.")
    )
    resolved_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditangani oleh"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-received_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="DONE", resolved_at__isnull=False)
                | (~Q(status="DONE") & Q(resolved_at__isnull=True)),
                name="complaint_resolved_iff_done",
            ),
            models.CheckConstraint(
                condition=~Q(channel="LAPOR") | ~Q(lapor_reference=""),
                name="complaint_lapor_has_reference",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "received_at"], name="complaint_period"),
            models.Index(fields=["unit", "status"], name="complaint_open"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.received_at:%d-%m-%Y}"


class ComplaintNote(models.Model):
    """A follow-up note on a complaint (append-only)."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="notes", verbose_name=_("pengaduan")
    )
    written_at = models.DateTimeField(_("waktu"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    text = models.TextField(_("tindak lanjut"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tindak lanjut pengaduan")
        verbose_name_plural = _("tindak lanjut pengaduan")
        ordering = ["complaint", "written_at"]

    def __str__(self) -> str:
        return self.text[:60]
