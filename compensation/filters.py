"""The filters of the compensation register and the complaints list (django-filter).

The rows are scoped to the unit before they reach a FilterSet; the period's fields come from
the period form (`Meta.form`), and the period bounds the moment a case was opened or a
complaint received. A wrong value in any field is explained by the form and nothing is
filtered: every row of the unit is listed, as with no filter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from compensation.forms import RegisterPeriodForm
from compensation.models import CompensationCase, Complaint
from satpas.filters import PeriodFilterSet
from satpas.models import User


class CaseFields(django_filters.FilterSet):
    """The case filters the register and the compensation report share; the officers to
    choose from are given (`choose_officers`): checking a value reads no row, so a page's
    query budget does not depend on it."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=CompensationCase.Status.choices,
        empty_label=_("Semua status"),
    )
    alasan = django_filters.ChoiceFilter(
        field_name="reason",
        label=_("Alasan"),
        choices=CompensationCase.Reason.choices,
        empty_label=_("Semua alasan"),
    )
    petugas = django_filters.TypedChoiceFilter(
        field_name="attributed_officer_id",
        label=_("Petugas"),
        choices=[],
        coerce=int,
        empty_value=None,
    )

    def choose_officers(self, officers: Iterable[tuple[int, str]]) -> None:
        self.filters["petugas"].extra["choices"] = [("", _("Semua petugas")), *officers]


class CaseFilter(PeriodFilterSet, CaseFields):
    period_field = "opened_at"

    class Meta:
        model = CompensationCase
        form = RegisterPeriodForm
        fields = ["status", "alasan", "petugas"]

    def __init__(self, *args: Any, officers: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choose_officers((user.pk, user.full_name or user.username) for user in officers)


class ComplaintFilter(PeriodFilterSet):
    period_field = "received_at"

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Complaint.Status.choices, empty_label=_("Semua status")
    )
    saluran = django_filters.ChoiceFilter(
        field_name="channel",
        label=_("Saluran"),
        choices=Complaint.Channel.choices,
        empty_label=_("Semua saluran"),
    )

    class Meta:
        model = Complaint
        form = RegisterPeriodForm
        fields = ["status", "saluran"]
