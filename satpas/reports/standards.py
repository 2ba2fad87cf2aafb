"""The register of SOP standard versions, with their per-stage allowances."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from applicants.models import ApplicationType
from satpas.evidence.period import Period
from satpas.evidence.registers import standards as register
from satpas.reports.base import Content, Report
from satpas.reports.forms import PeriodForm, choice
from service_timing.models import StageAllowance
from service_timing.selectors import allowances_in_route_order


class Form(PeriodForm):
    jenis = choice(_("Jenis"), ApplicationType.choices, all_label=_("Semua jenis"))

    def filters(self) -> register.Filters:
        return register.Filters(application_type=self.value("jenis") or "")


def content(period: Period, form: Form) -> Content:
    rows = (
        register.versions(period, form.filters())
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "allowances",
                queryset=allowances_in_route_order(StageAllowance.objects.select_related("stage")),
            )
        )
        .order_by("application_type", "-effective_from", "-pk")
    )
    return Content(rows=rows, summary={"in_force": register.in_force_during(period)})


REPORT = Report(
    slug="standards",
    path="standar-pelayanan",
    title=_("Versi standar pelayanan"),
    description=_(
        "Setiap versi standar waktu pelayanan (SOP) per jenis permohonan dan alokasinya per tahap; versi yang berlaku pada periode ditandai."
    ),
    register=register.REGISTER,
    form=Form,
    permissions=("service_timing.view_servicestandard",),
    content=content,
    template="reports/standards.html",
)
