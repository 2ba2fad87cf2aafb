"""What every FilterSet of a list or report page shares (django-filter).

A page scopes its rows to the unit first and hands the scoped queryset to its FilterSet: a
filter only ever narrows what the unit may see. The filters' names are the product's one
vocabulary of query parameters (see `satpas.querystrings`).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms

from satpas.fields import OfficeDateField


class OfficeDateFilter(django_filters.DateFilter):
    """A date filter on an office day (years the calendar can hold, as every date field)."""

    field_class = OfficeDateField


class FilterSet(django_filters.FilterSet):
    """Bootstrap's small controls on every field."""

    @property
    def form(self) -> forms.Form:
        form: forms.Form = super().form
        if not getattr(form, "_small", False):
            small(form)
            form._small = True  # type: ignore[attr-defined]
        return form

    def narrowed(self, unfiltered: Any = None) -> Any:
        """The filtered rows; when a filter is not valid, none is applied (the form says
        why) and `unfiltered` (or the scoped rows) are shown."""
        if self.is_bound and not self.is_valid():
            return self.queryset if unfiltered is None else unfiltered
        return self.qs


def small(form: forms.Form) -> None:
    """Bootstrap's small controls on every field of a filter form."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.attrs["class"] = "form-select form-select-sm"
        else:
            field.widget.attrs["class"] = "form-control form-control-sm"
