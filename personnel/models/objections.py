"""An officer's objection (keberatan) to a finding, and the decision on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from personnel.models.ledger import Finding
from personnel.models.officers import Officer
from satpas.models import Unit


class Objection(models.Model):
    """One objection per finding, filed by the officer within the policy's period; a supervisor
    or the Kasat Lantas upholds the finding or annuls it, always with a reason. While it is
    pending the finding's proposal waits."""

    class Status(models.TextChoices):
        PENDING = "PENDING", _("Menunggu keputusan")
        UPHELD = "UPHELD", _("Ditolak (temuan tetap)")
        ANNULLED = "ANNULLED", _("Dikabulkan (temuan dibatalkan)")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="objections", verbose_name=_("satuan")
    )
    finding = models.OneToOneField(
        Finding, on_delete=models.PROTECT, related_name="objection", verbose_name=_("temuan")
    )
    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="objections", verbose_name=_("petugas")
    )
    reason = models.TextField(_("alasan keberatan"))
    filed_at = models.DateTimeField(_("diajukan pada"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("diajukan oleh"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
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
    decision_reason = models.CharField(_("alasan keputusan"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-filed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="PENDING", decided_at__isnull=True, decided_by__isnull=True)
                | (
                    Q(status__in=["UPHELD", "ANNULLED"])
                    & Q(decided_at__isnull=False, decided_by__isnull=False)
                    & ~Q(decision_reason="")
                ),
                name="objection_decided_with_reason",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="objection_has_reason"),
        ]
        indexes = [models.Index(fields=["unit", "status"], name="objection_unit_status")]
        permissions = [
            ("decide_objection", _("Dapat memutus keberatan petugas")),
        ]

    def __str__(self) -> str:
        return f"{self.officer} · {self.get_status_display()}"
