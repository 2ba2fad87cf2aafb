"""The row filters of a report (django-filter), and what the report page asks of them.

A report's filters are a FilterSet on the model of its detail rows, whose form is the report's
period form: the page shows one form, period and filters. The period is not one of the
filters: the report's queries read it (the evidence pack reads the same queries for a period
with no filter), and a form that is not valid stands for the default period. `apply` narrows
the rows of the period, on the page and in its Excel download alike, so both always agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Protocol

from django import forms

from evidence.reports.forms import CURRENT, PeriodForm
from satpas.filters import FilterSet
from satpas.models import Unit
from satpas.selectors import UnitPeriod


class ReportFilters(Protocol):
    """What the report page and its download need: the form to show, the period it reads."""

    @property
    def form(self) -> forms.Form: ...

    def period(self) -> UnitPeriod: ...


class ReportFilter(FilterSet):
    """A report's filters. It is never asked for rows of its own (`qs`): it narrows the
    period's rows that the report's queries hand to `apply`."""

    class Meta:
        form = PeriodForm

    def __init__(
        self, data: Any = None, *, unit: Unit, today: dt.date, default: str = CURRENT
    ) -> None:
        super().__init__(
            data,
            self._meta.model._default_manager.none(),
            form_kwargs={"unit": unit, "today": today, "default": default},
        )
        self.unit = unit

    def period(self) -> UnitPeriod:
        return self.period_form.period()

    @property
    def period_form(self) -> PeriodForm:
        form = self.form
        assert isinstance(form, PeriodForm)  # Meta.form is a period form
        return form


class FormFilters:
    """The filters of a report whose rows no one FilterSet can express; its form's
    `filters()` gives the values its queries read."""

    form_class: ClassVar[type[PeriodForm]]

    def __init__(
        self, data: Any = None, *, unit: Unit, today: dt.date, default: str = CURRENT
    ) -> None:
        self.form = self.form_class(data, unit=unit, today=today, default=default)

    def period(self) -> UnitPeriod:
        return self.form.period()

    def values(self) -> Any:
        return self.form.filters()
