"""Date and time form fields that refuse years no office ever works in.

Django's fields accept year 2 or 9999; converting such a moment to UTC, or comparing it with
office days, then fails with a server error. These fields turn it into a clear message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

FIRST_YEAR, LAST_YEAR = 1900, 2100


def _check_year(value: dt.date | None) -> None:
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Tahun %(year)d tidak masuk akal; periksa kembali tanggalnya.")
            % {"year": value.year},
            code="year_out_of_range",
        )


class OfficeDateField(forms.DateField):
    def to_python(self, value: Any) -> dt.date | None:
        result = super().to_python(value)
        _check_year(result)
        return result


class OfficeDateTimeField(forms.DateTimeField):
    def to_python(self, value: Any) -> dt.datetime | None:
        try:
            result = super().to_python(value)
        except OverflowError as exc:  # an edge of the calendar, in the office's zone
            raise forms.ValidationError(_("Tanggal dan jam tidak valid."), code="invalid") from exc
        _check_year(result)
        return result
