"""Service time against the SOP standard: per type, per stage, per day, and each application."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from applicants.models import Application, ApplicationType
from satpas.evidence.period import Period
from satpas.evidence.registers import service_time as register
from satpas.reports.base import Content, Report
from satpas.reports.forms import PeriodForm, choice


class Form(PeriodForm):
    jenis = choice(_("Jenis"), ApplicationType.choices, all_label=_("Semua jenis"))
    status = choice(_("Status"), Application.Status.choices, all_label=_("Semua status"))
    penilaian = choice(
        _("Penilaian"),
        [(register.WITHIN, _("Sesuai standar")), (register.BREACHED, _("Melebihi standar"))],
        all_label=_("Semua"),
    )

    def filters(self) -> register.Filters:
        return register.Filters(
            application_type=self.value("jenis") or "",
            status=self.value("status") or "",
            verdict=self.value("penilaian") or "",
        )


def content(period: Period, form: Form) -> Content:
    filters = form.filters()
    summary: dict[str, Any] = {
        "overall": register.overall(period),
        "per_type": register.per_type(period),
        "per_stage": register.per_stage(period),
        "queue": register.queue_per_stage_hour(period),
        "per_day": list(register.per_day_rows(period)),  # one row per office day at most
    }
    summary["chart"] = {
        "labels": [f"{row['service_date']:%d-%m}" for row in summary["per_day"]],
        "bars": [row["total"] for row in summary["per_day"]],
        "line": [row["share"] for row in summary["per_day"]],
        "bar_label": str(_("Permohonan")),
        "line_label": str(_("Persentase sesuai standar")),
        "line_max": 100,
    }
    rows = (
        register.application_rows(period, filters)
        .select_related("applicant")
        .order_by("-service_date", "-registered_at", "-pk")
    )
    return Content(rows=rows, summary=summary)


REPORT = Report(
    slug="service_time",
    path="waktu-pelayanan",
    title=_("Waktu pelayanan"),
    description=_(
        "Waktu pelayanan setiap permohonan terhadap standar SOP: per jenis, per tahap dan per hari, median dan persentil 90, serta pelanggaran standar."
    ),
    register=register.REGISTER,
    form=Form,
    permissions=("applicants.view_application",),
    content=content,
    template="reports/service_time.html",
)
