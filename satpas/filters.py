"""What every FilterSet of a list or report page shares (django-filter).

A page scopes its rows to the unit first and hands the scoped queryset to its FilterSet: a
filter only ever narrows what the unit may see. The filters' names are the product's one
vocabulary of query parameters (see `satpas.querystrings`).

A FilterSet's form may be a period form (`Meta.form`): the period's fields sit beside the
filters' own on the one form of the page, and the form gets what it needs to read a period
(today, the zone…) through `form_kwargs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import django_filters
from django import forms
from django.db.models import QuerySet

from satpas import periods
from satpas.fields import OfficeDateField


class OfficeDateFilter(django_filters.DateFilter):
    """A date filter on an office day (years the calendar can hold, as every date field)."""

    field_class = OfficeDateField


class FilterSet(django_filters.FilterSet):
    """Bootstrap's small controls on every field; keyword arguments for the form."""

    def __init__(
        self,
        data: Any = None,
        queryset: Any = None,
        *,
        request: Any = None,
        prefix: str | None = None,
        form_kwargs: Mapping[str, Any] | None = None,
    ) -> None:
        self.form_kwargs = dict(form_kwargs or {})
        super().__init__(data, queryset, request=request, prefix=prefix)

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            form_class = self.get_form_class()
            data = self.data if self.is_bound else None
            self._form = form_class(data, prefix=self.form_prefix, **self.form_kwargs)
            small(self._form)
        return self._form

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """Only the filters' own fields narrow the rows (the form may hold others: a period)."""
        data = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            queryset = filter_.filter(queryset, data.get(name))
        return queryset

    def apply(self, queryset: QuerySet) -> QuerySet:
        """The rows of `queryset` (of this FilterSet's model) that the filters keep; all of
        them when the filters are not valid (the form says why) or none were given."""
        if not self.is_bound or not self.is_valid():
            return queryset
        return self.filter_queryset(queryset)

    def narrowed(self, unfiltered: Any = None) -> Any:
        """The filtered rows; when a filter is not valid, none is applied (the form says
        why) and `unfiltered` (or the scoped rows) are shown."""
        if self.is_bound and not self.is_valid():
            return self.queryset if unfiltered is None else unfiltered
        return self.qs


class PeriodFilterSet(FilterSet):
    """The rows of one period that the filters keep. `Meta.form` is a period form (its
    `period()` is the chosen period, None for all) and `period_field` names the moment the
    period bounds. A form that is not valid stands for its default period and no filter."""

    period_field: ClassVar[str]

    def period(self) -> periods.Period | None:
        return self.form.period()  # type: ignore[attr-defined]  # Meta.form is a period form

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.within_period(super().filter_queryset(queryset))

    def narrowed(self, unfiltered: Any = None) -> Any:
        if not self.is_bound:  # the form's default period (django-filter filters nothing)
            return self.within_period(self.queryset)
        if not self.is_valid():
            return self.within_period(self.queryset if unfiltered is None else unfiltered)
        return self.qs

    def within_period(self, queryset: QuerySet) -> QuerySet:
        period = self.period()
        if period is None:
            return queryset
        return queryset.filter(
            **{
                f"{self.period_field}__gte": period.start_at,
                f"{self.period_field}__lt": period.end_at,
            }
        )


def small(form: forms.Form) -> None:
    """Bootstrap's small controls on every field of a filter form."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.attrs["class"] = "form-select form-select-sm"
        else:
            field.widget.attrs["class"] = "form-control form-control-sm"
