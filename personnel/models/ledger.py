"""Findings, the SMK adjustment ledger, disciplinary referrals and the monthly recognition
of the best officers (petugas teladan)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compensation.models import CompensationCase, Complaint
from personnel.models.checks import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    ProfessionalismAssessment,
    Severity,
)
from personnel.models.officers import Officer
from personnel.models.policy import Criterion, Kind, RewardRule
from satpas.models import Unit


class Finding(models.Model):
    """One observed fact about one officer, with its criterion, severity and source.

    `source_key` names the source (`attendance:12`, `cleanliness:5:officer:3`, …) and is
    unique per unit: deriving findings again never makes a second one."""

    Kind = Kind

    class Status(models.TextChoices):
        ACTIVE = "ACTIVE", _("Berlaku")
        WITHDRAWN = "WITHDRAWN", _("Ditarik")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="findings", verbose_name=_("satuan")
    )
    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="findings", verbose_name=_("petugas")
    )
    criterion = models.CharField(_("kriteria"), max_length=20, choices=Criterion.choices)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    severity = models.CharField(
        _("tingkat"), max_length=8, choices=Severity.choices, blank=True, default=""
    )
    occurred_on = models.DateField(_("tanggal"))
    period = models.DateField(_("bulan"), help_text=_("Hari pertama bulan temuan."))
    description = models.CharField(_("uraian"), max_length=250)
    source_key = models.CharField(_("sumber"), max_length=80)
    attendance = models.ForeignKey(
        AttendanceCheck, on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )
    appearance = models.ForeignKey(
        AppearanceCheck, on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )
    professionalism = models.ForeignKey(
        ProfessionalismAssessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
    )
    cleanliness = models.ForeignKey(
        CleanlinessCheck, on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )
    compensation_case = models.ForeignKey(
        CompensationCase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="personnel_findings",
    )
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="personnel_findings",
    )
    reward_rule = models.ForeignKey(
        RewardRule, on_delete=models.PROTECT, null=True, blank=True, related_name="findings"
    )
    created_at = models.DateTimeField(_("dicatat pada"))
    # Database defaults too: bulk writers (COPY of generated history) may leave these out.
    status = models.CharField(
        _("status temuan"),
        max_length=10,
        choices=Status.choices,
        default=Status.ACTIVE,
        db_default=Status.ACTIVE,
    )
    withdrawn_at = models.DateTimeField(_("ditarik pada"), null=True, blank=True)
    withdrawn_reason = models.CharField(
        _("alasan penarikan"), max_length=250, blank=True, default="", db_default=""
    )
    policy_version = models.PositiveIntegerField(_("versi kebijakan"), null=True, blank=True)
    # The numbers the finding was reached with (allowance, start, finish, minutes over,
    # outage and pause minutes left out, threshold…): see `explanation()`.
    facts = models.JSONField(
        _("dasar temuan"),
        default=dict,
        db_default=models.Value({}, output_field=models.JSONField()),
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("temuan")
        verbose_name_plural = _("temuan")
        ordering = ["-occurred_on", "-created_at"]
        constraints = [
            # A withdrawn finding stays as evidence; its source may make a new one.
            models.UniqueConstraint(
                fields=["unit", "source_key"],
                condition=Q(status="ACTIVE"),
                name="finding_one_active_per_source",
            ),
            models.CheckConstraint(
                condition=Q(status="ACTIVE", withdrawn_at__isnull=True)
                | (Q(status="WITHDRAWN", withdrawn_at__isnull=False) & ~Q(withdrawn_reason="")),
                name="finding_withdrawn_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(kind="REWARD", severity="")
                | Q(kind="PUNISHMENT", severity__in=["RINGAN", "SEDANG", "BERAT"]),
                name="finding_severity_only_for_punishment",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "period", "criterion"], name="finding_unit_month"),
            models.Index(fields=["officer", "period"], name="finding_officer_month"),
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()} · {self.officer} · {self.occurred_on:%d-%m-%Y}"

    @property
    def is_heavy(self) -> bool:
        return self.severity == Severity.BERAT

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def explanation(self) -> list[tuple[str, str]]:
        from personnel.explain import explanation

        return explanation(self)

    @property
    def source(self) -> Any:
        for name in (
            "attendance",
            "appearance",
            "professionalism",
            "cleanliness",
            "compensation_case",
            "complaint",
            "reward_rule",
        ):
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None


class ScoreAdjustment(models.Model):
    """The SMK ledger: a proposed change of points, decided once by the Kasat Lantas.

    Append-only: a decided row never changes again and no row is ever deleted; a correction
    is a new row."""

    Kind = Kind

    class Status(models.TextChoices):
        PROPOSED = "PROPOSED", _("Diusulkan")
        APPROVED = "APPROVED", _("Disetujui")
        REJECTED = "REJECTED", _("Ditolak")
        WITHDRAWN = "WITHDRAWN", _("Ditarik")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="score_adjustments", verbose_name=_("satuan")
    )
    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="adjustments", verbose_name=_("petugas")
    )
    finding = models.OneToOneField(
        Finding,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustment",
        verbose_name=_("temuan"),
    )
    # A reversing entry: an approved adjustment whose cause disappeared is never edited; this
    # entry of the opposite sign, with its reason, goes to the Kasat for approval instead.
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversal",
        verbose_name=_("membatalkan"),
    )
    reason = models.CharField(
        _("dasar usulan"), max_length=250, blank=True, default="", db_default=""
    )
    period = models.DateField(_("bulan"))
    criterion = models.CharField(_("kriteria"), max_length=20, choices=Criterion.choices)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    points = models.SmallIntegerField(_("poin"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_at = models.DateTimeField(_("diusulkan pada"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diusulkan oleh"),
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decision_reason = models.CharField(_("alasan"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penyesuaian nilai SMK")
        verbose_name_plural = _("penyesuaian nilai SMK")
        ordering = ["-period", "officer__full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    reverses__isnull=True, finding__isnull=False, kind="REWARD", points__gt=0
                )
                | Q(reverses__isnull=True, finding__isnull=False, kind="PUNISHMENT", points__lt=0)
                | Q(reverses__isnull=False, kind="REWARD", points__lt=0)
                | Q(reverses__isnull=False, kind="PUNISHMENT", points__gt=0),
                name="adjustment_sign_matches_kind_or_reversal",
            ),
            models.CheckConstraint(
                condition=Q(status="PROPOSED", decided_at__isnull=True, decided_by__isnull=True)
                | (
                    Q(status__in=["APPROVED", "REJECTED"])
                    & Q(decided_at__isnull=False, decided_by__isnull=False)
                )
                | (Q(status="WITHDRAWN", decided_at__isnull=False) & ~Q(decision_reason="")),
                name="adjustment_decided_iff_not_proposed",
            ),
            models.CheckConstraint(
                condition=~Q(status="REJECTED") | ~Q(decision_reason=""),
                name="adjustment_rejection_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "status", "period"], name="adjustment_unit_status"),
            models.Index(fields=["officer", "status", "period"], name="adjustment_officer"),
        ]
        permissions = [
            ("propose_scoreadjustment", _("Dapat menyusun usulan penyesuaian nilai")),
            ("decide_scoreadjustment", _("Dapat menyetujui atau menolak usulan penyesuaian")),
            ("view_dashboard", _("Dapat membuka dasbor Kasat Lantas")),
        ]

    # The status as last read from or written to the database (None when it was deferred).
    _loaded_status: str | None

    def __str__(self) -> str:
        return f"{self.officer} {self.points:+d} ({self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        loaded = getattr(self, "_loaded_status", self.Status.PROPOSED)
        if not self._state.adding and loaded != self.Status.PROPOSED:
            raise ValidationError(_("Penyesuaian yang sudah diputuskan tidak dapat diubah."))
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("Buku penyesuaian nilai tidak dapat dihapus."))

    @classmethod
    def from_db(
        cls,
        db: str | None,
        field_names: Collection[str],
        values: Collection[Any],
        **kwargs: Any,
    ) -> Self:
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    @property
    def subject(self) -> Finding | None:
        """The finding this entry is about (a reversal's is the reversed entry's)."""
        if self.finding_id:
            return self.finding
        return self.reverses.finding if self.reverses_id and self.reverses else None


class DisciplinaryReferral(models.Model):
    """A heavy finding goes to the disciplinary process (PP 2/2003 Pasal 25) instead of points."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("Dilaporkan")
        EXAMINATION = "EXAMINATION", _("Pemeriksaan pendahuluan")
        HEARING = "HEARING", _("Sidang disiplin")
        DECIDED = "DECIDED", _("Diputus")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("satuan")
    )
    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("petugas")
    )
    finding = models.OneToOneField(
        Finding, on_delete=models.PROTECT, related_name="referral", verbose_name=_("temuan")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(_("dibuka pada"))
    decision = models.TextField(_("putusan"), blank=True)
    decided_at = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rujukan disiplin")
        verbose_name_plural = _("rujukan disiplin")
        ordering = ["-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="DECIDED", decided_at__isnull=False) & ~Q(decision="")
                | (~Q(status="DECIDED") & Q(decided_at__isnull=True)),
                name="referral_decided_iff_decision",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="referral_unit_status")]

    def __str__(self) -> str:
        return f"{self.officer} · {self.get_status_display()}"


class Recognition(models.Model):
    """A best officer of the month (petugas teladan), named by the Kasat Lantas."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="recognitions", verbose_name=_("satuan")
    )
    period = models.DateField(_("bulan"))
    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="recognitions", verbose_name=_("petugas")
    )
    position = models.PositiveSmallIntegerField(
        _("peringkat"), validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    points = models.SmallIntegerField(_("poin bulan itu"))
    citation = models.CharField(_("alasan penghargaan"), max_length=250)
    named_at = models.DateTimeField(_("ditetapkan pada"))
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ditetapkan oleh"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("petugas teladan")
        verbose_name_plural = _("petugas teladan")
        ordering = ["-period", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "officer"], name="recognition_once_per_month"
            ),
            models.UniqueConstraint(
                fields=["unit", "period", "position"], name="recognition_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=3), name="recognition_position_1_to_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period:%m-%Y} #{self.position} {self.officer}"
