"""The compensation register: cases with attribution and settlement, per type, item stock."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from applicants.models import ApplicationType
from compensation.models import CompensationCase
from compensation.selectors import unit_officers
from satpas.evidence.period import Period
from satpas.evidence.registers import compensation as register
from satpas.reports.base import Content, Report
from satpas.reports.forms import PeriodForm, choice


class Form(PeriodForm):
    status = choice(_("Status"), CompensationCase.Status.choices, all_label=_("Semua status"))
    alasan = choice(_("Alasan"), CompensationCase.Reason.choices, all_label=_("Semua alasan"))
    jenis = choice(_("Jenis"), ApplicationType.choices, all_label=_("Semua jenis"))
    petugas = forms.TypedChoiceField(
        label=_("Petugas"), choices=[], coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["petugas"].choices = [
            ("", _("Semua petugas")),
            *unit_officers(self.unit).values_list("pk", "full_name"),
        ]

    def filters(self) -> register.Filters:
        return register.Filters(
            status=self.value("status") or "",
            reason=self.value("alasan") or "",
            officer_id=self.value("petugas"),
            application_type=self.value("jenis") or "",
        )


def content(period: Period, form: Form) -> Content:
    filters = form.filters()
    rows = register.cases(period, filters)
    return Content(
        rows=rows,
        summary={
            "counts": register.counts(period, filters),
            "per_type": register.per_type(period),
            "stock": register.stock_summary(period),
        },
    )


REPORT = Report(
    slug="compensation",
    path="kompensasi",
    title=_("Kompensasi"),
    description=_(
        "Kompensasi kepada pemohon bila layanan melewati standar atau pemohon kurang puas: kasus, petugas, penyerahan, per jenis layanan dan stok barang."
    ),
    register=register.REGISTER,
    form=Form,
    permissions=("compensation.view_compensationcase",),
    content=content,
    template="reports/compensation.html",
)
