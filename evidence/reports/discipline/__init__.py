"""Discipline logs: attendance, appearance and 3S, professionalism, cleanliness of the points.

The report page (form, content) is here; the register's queries are in `queries`, its
sheets and the register itself in `register`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from evidence.reports.base import Content, Report
from evidence.reports.discipline.queries import (
    APPEARANCE,
    ATTENDANCE,
    CLEANLINESS,
    DISCIPLINE_CRITERIA,
    FAILED,
    KINDS,
    PASSED,
    PROFESSIONALISM,
    Filters,
    a_year_earlier,
    checks,
    comparison,
    per_month,
    totals,
    violations,
)
from evidence.reports.discipline.register import CHUNK, REGISTER, sheets
from evidence.reports.filters import FormFilters
from evidence.reports.forms import PeriodForm, choice
from personnel.models import Officer
from satpas.forms import typed_field
from satpas.selectors import UnitPeriod

KIND_CHOICES = [
    (ATTENDANCE, _("Kehadiran")),
    (APPEARANCE, _("Sikap tampang dan 3S")),
    (PROFESSIONALISM, _("Profesionalisme")),
    (CLEANLINESS, _("Kebersihan loket")),
]
RELATED = {
    ATTENDANCE: ("officer", "shift__service_point", "recorded_by"),
    APPEARANCE: ("officer", "recorded_by"),
    PROFESSIONALISM: ("officer", "recorded_by"),
    CLEANLINESS: ("service_point", "recorded_by"),
}


# The filters stay the dataclass of `queries`, read from the form: the rows are one of four
# kinds of check (four models, chosen by `pemeriksaan`), and the register filters all four at
# once; each filter means something else per kind (a point's cleanliness check falls on the
# officers on duty there; a failed attendance is late or absent), so no one FilterSet on one
# model expresses them.
class Form(PeriodForm):
    pemeriksaan = forms.ChoiceField(label=_("Pemeriksaan"), choices=KIND_CHOICES, required=False)
    petugas = forms.TypedChoiceField(
        label=_("Petugas"), choices=[], coerce=int, required=False, empty_value=None
    )
    hasil = choice(
        _("Hasil"),
        [(PASSED, _("Memenuhi")), (FAILED, _("Tidak memenuhi"))],
        all_label=_("Semua hasil"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "petugas", forms.ChoiceField).choices = [
            ("", _("Semua petugas")),
            *Officer.objects.filter(unit=self.unit)
            .order_by("full_name")
            .values_list("pk", "full_name"),
        ]

    def kind(self) -> str:
        return self.value("pemeriksaan") or ATTENDANCE

    def filters(self) -> Filters:
        return Filters(officer_id=self.value("petugas"), result=self.value("hasil") or "")


class DisciplineFilters(FormFilters):
    form_class = Form
    form: Form

    def values(self) -> Filters:
        return self.form.filters()


def content(period: UnitPeriod, chosen: DisciplineFilters) -> Content:
    kind, filters = chosen.form.kind(), chosen.values()
    rows = (
        checks(kind, period, filters)
        .select_related(*RELATED[kind])
        .order_by("-checked_on", "-recorded_at", "-pk")
    )
    return Content(
        rows=rows,
        summary={
            "kind": kind,
            "totals": totals(period, filters),
            "per_month": per_month(period),
            "comparison": comparison(period),
            "a_year_earlier": a_year_earlier(period),
        },
    )


REPORT = Report(
    slug="discipline",
    path="disiplin",
    title=_("Disiplin petugas"),
    description=_(
        "Log pemeriksaan kehadiran (toleransi 10 menit), sikap tampang dan 3S, profesionalisme dan kebersihan loket, dengan pelanggaran dibanding periode yang sama tahun sebelumnya."
    ),
    register=REGISTER,
    filters=DisciplineFilters,
    permissions=(
        "personnel.view_attendancecheck",
        "personnel.view_appearancecheck",
        "personnel.view_professionalismassessment",
        "personnel.view_cleanlinesscheck",
    ),
    content=content,
    template="reports/discipline.html",
)

__all__ = [
    "APPEARANCE",
    "ATTENDANCE",
    "CHUNK",
    "CLEANLINESS",
    "DISCIPLINE_CRITERIA",
    "FAILED",
    "KINDS",
    "KIND_CHOICES",
    "PASSED",
    "PROFESSIONALISM",
    "REGISTER",
    "RELATED",
    "REPORT",
    "DisciplineFilters",
    "Filters",
    "Form",
    "a_year_earlier",
    "checks",
    "comparison",
    "content",
    "per_month",
    "sheets",
    "totals",
    "violations",
]
