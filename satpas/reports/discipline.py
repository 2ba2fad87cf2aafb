"""Discipline logs: attendance, appearance and 3S, professionalism, cleanliness of the points."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from personnel.models import Officer
from satpas.evidence.period import Period
from satpas.evidence.registers import discipline as register
from satpas.reports.base import Content, Report
from satpas.reports.forms import PeriodForm, choice

KINDS = [
    (register.ATTENDANCE, _("Kehadiran")),
    (register.APPEARANCE, _("Sikap tampang dan 3S")),
    (register.PROFESSIONALISM, _("Profesionalisme")),
    (register.CLEANLINESS, _("Kebersihan loket")),
]
RELATED = {
    register.ATTENDANCE: ("officer", "shift__service_point", "recorded_by"),
    register.APPEARANCE: ("officer", "recorded_by"),
    register.PROFESSIONALISM: ("officer", "recorded_by"),
    register.CLEANLINESS: ("service_point", "recorded_by"),
}


class Form(PeriodForm):
    pemeriksaan = forms.ChoiceField(label=_("Pemeriksaan"), choices=KINDS, required=False)
    petugas = forms.TypedChoiceField(
        label=_("Petugas"), choices=[], coerce=int, required=False, empty_value=None
    )
    hasil = choice(
        _("Hasil"),
        [(register.PASSED, _("Memenuhi")), (register.FAILED, _("Tidak memenuhi"))],
        all_label=_("Semua hasil"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["petugas"].choices = [
            ("", _("Semua petugas")),
            *Officer.objects.filter(unit=self.unit)
            .order_by("full_name")
            .values_list("pk", "full_name"),
        ]

    def kind(self) -> str:
        return self.value("pemeriksaan") or register.ATTENDANCE

    def filters(self) -> register.Filters:
        return register.Filters(officer_id=self.value("petugas"), result=self.value("hasil") or "")


def content(period: Period, form: Form) -> Content:
    kind, filters = form.kind(), form.filters()
    rows = (
        register.checks(kind, period, filters)
        .select_related(*RELATED[kind])
        .order_by("-checked_on", "-recorded_at", "-pk")
    )
    return Content(
        rows=rows,
        summary={
            "kind": kind,
            "totals": register.totals(period, filters),
            "per_month": register.per_month(period),
            "comparison": register.comparison(period),
            "a_year_earlier": register.a_year_earlier(period),
        },
    )


REPORT = Report(
    slug="discipline",
    path="disiplin",
    title=_("Disiplin petugas"),
    description=_(
        "Log pemeriksaan kehadiran (toleransi 10 menit), sikap tampang dan 3S, profesionalisme dan kebersihan loket, dengan pelanggaran dibanding periode yang sama tahun sebelumnya."
    ),
    register=register.REGISTER,
    form=Form,
    permissions=(
        "personnel.view_attendancecheck",
        "personnel.view_appearancecheck",
        "personnel.view_professionalismassessment",
        "personnel.view_cleanlinesscheck",
    ),
    content=content,
    template="reports/discipline.html",
)
