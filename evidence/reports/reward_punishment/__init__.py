"""Reward and punishment: findings, proposals and decisions, the approved ledger, referrals,
petugas teladan and the SMK semester totals.

The report page (form, content) is here; the register's queries are in `queries`, its
sheets and the register itself in `register`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from evidence.reports.base import Content, Report
from evidence.reports.filters import FormFilters
from evidence.reports.forms import PeriodForm, choice
from evidence.reports.reward_punishment.queries import (
    BASIS_LABELS,
    Filters,
    adjustments,
    basis,
    findings,
    first_month,
    objections,
    recognitions,
    referrals,
    semesters,
    summary,
)
from evidence.reports.reward_punishment.register import CHUNK, REGISTER, sheets
from personnel.models import Criterion, Finding, Officer, ScoreAdjustment
from personnel.selectors import semester_totals
from satpas.forms import typed_field
from satpas.selectors import UnitPeriod

FINDINGS, PROPOSALS, LEDGER, REFERRALS, RECOGNITIONS = (
    "temuan",
    "usulan",
    "buku",
    "rujukan",
    "teladan",
)
VIEWS = [
    (PROPOSALS, _("Usulan dan keputusan")),
    (LEDGER, _("Buku nilai disetujui")),
    (FINDINGS, _("Temuan")),
    (REFERRALS, _("Rujukan disiplin")),
    (RECOGNITIONS, _("Petugas teladan")),
]


# The filters stay the dataclass of `queries`, read from the form: the rows are findings,
# proposals, referrals or recognitions (chosen by `tampilan`), and the register filters
# findings, objections, adjustments and referrals at once, each by the filters its model has
# (the officer for all, the criterion and kind for two, the status for one); no one FilterSet
# on one model expresses them.
class Form(PeriodForm):
    tampilan = forms.ChoiceField(label=_("Tampilkan"), choices=VIEWS, required=False)
    petugas = forms.TypedChoiceField(
        label=_("Petugas"), choices=[], coerce=int, required=False, empty_value=None
    )
    kriteria = choice(_("Kriteria"), Criterion.choices, all_label=_("Semua kriteria"))
    jenis = choice(_("Jenis"), Finding.Kind.choices, all_label=_("Reward dan punishment"))
    status = choice(_("Status usulan"), ScoreAdjustment.Status.choices, all_label=_("Semua status"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "petugas", forms.ChoiceField).choices = [
            ("", _("Semua petugas")),
            *Officer.objects.filter(unit=self.unit)
            .order_by("full_name")
            .values_list("pk", "full_name"),
        ]

    def view(self) -> str:
        return self.value("tampilan") or PROPOSALS

    def filters(self) -> Filters:
        return Filters(
            officer_id=self.value("petugas"),
            criterion=self.value("kriteria") or "",
            kind=self.value("jenis") or "",
            status=self.value("status") or "",
        )


class RewardPunishmentFilters(FormFilters):
    form_class = Form
    form: Form

    def values(self) -> Filters:
        return self.form.filters()


def content(period: UnitPeriod, chosen: RewardPunishmentFilters) -> Content:
    view, filters = chosen.form.view(), chosen.values()
    if view == FINDINGS:
        rows: QuerySet[Any] = (
            findings(period, filters)
            .select_related("officer", "adjustment", "referral", "objection__decided_by")
            .order_by("-occurred_on", "-created_at", "-pk")
        )
    elif view == REFERRALS:
        rows = (
            referrals(period, filters)
            .select_related("officer", "finding", "decided_by")
            .order_by("-opened_at", "-pk")
        )
    elif view == RECOGNITIONS:
        rows = (
            recognitions(period)
            .select_related("officer", "named_by")
            .order_by("-period", "position")
        )
    else:
        rows = adjustments(period, filters).select_related(
            "officer", "finding", "proposed_by", "decided_by"
        )
        if view == LEDGER:
            rows = rows.filter(status=ScoreAdjustment.Status.APPROVED)
        rows = rows.order_by("-period", "officer__full_name", "pk")
    semester_rows = [
        {"year": year, "half": half, "rows": semester_totals(period.unit, year, half)}
        for year, half in semesters(period)
    ]
    return Content(
        rows=rows,
        summary={"view": view, **summary(period, filters), "semesters": semester_rows},
    )


REPORT = Report(
    slug="reward_punishment",
    path="reward-punishment",
    title=_("Reward dan punishment"),
    description=_(
        "Temuan, usulan dan keputusan Kasat Lantas beserta alasannya, buku nilai yang disetujui, rekap SMK per semester, rujukan disiplin dan petugas teladan."
    ),
    register=REGISTER,
    filters=RewardPunishmentFilters,
    permissions=("personnel.view_finding", "personnel.view_scoreadjustment"),
    content=content,
    template="reports/reward_punishment.html",
)

__all__ = [
    "BASIS_LABELS",
    "CHUNK",
    "FINDINGS",
    "LEDGER",
    "PROPOSALS",
    "RECOGNITIONS",
    "REFERRALS",
    "REGISTER",
    "REPORT",
    "VIEWS",
    "Filters",
    "Form",
    "RewardPunishmentFilters",
    "adjustments",
    "basis",
    "content",
    "findings",
    "first_month",
    "objections",
    "recognitions",
    "referrals",
    "semesters",
    "sheets",
    "summary",
]
