"""The period of a report (month, quarter, year or a range of office days) and its filters."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from compensation.forms import MONTHS
from evidence.models import MAX_PERIOD_DAYS
from satpas import periods
from satpas.fields import OfficeDateField
from satpas.models import Unit
from satpas.querystrings import MONTH, QUARTER, RANGE, SEMESTER, YEAR
from satpas.selectors import UnitPeriod, of_unit

CURRENT, PREVIOUS = "current", "previous"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """GET filters of a report. Unbound or invalid, it stands for the default month (this
    month for reports, the last full month for an evidence pack)."""

    periode = forms.ChoiceField(
        label=_("Periode"),
        choices=[
            (MONTH, _("Bulan")),
            (QUARTER, _("Triwulan")),
            (SEMESTER, _("Semester")),
            (YEAR, _("Tahun")),
            (RANGE, _("Rentang tanggal")),
        ],
        required=False,
    )
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100, required=False)
    bulan = forms.TypedChoiceField(
        label=_("Bulan"), choices=MONTHS, coerce=int, required=False, empty_value=None
    )
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"),
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        required=False,
        empty_value=None,
    )
    semester = forms.TypedChoiceField(
        label=_("Semester"),
        choices=[(1, "1"), (2, "2")],
        coerce=int,
        required=False,
        empty_value=None,
    )
    dari = OfficeDateField(label=_("Dari tanggal"), required=False, widget=DATE_INPUT)
    sampai = OfficeDateField(label=_("Sampai tanggal"), required=False, widget=DATE_INPUT)

    def __init__(
        self, *args: Any, unit: Unit, today: dt.date, default: str = CURRENT, **kwargs: Any
    ) -> None:
        this_month = periods.containing(periods.MONTH, today, ZoneInfo(unit.time_zone))
        month = (this_month.previous() if default == PREVIOUS else this_month).start
        kwargs.setdefault(
            "initial",
            {
                "periode": MONTH,
                "tahun": month.year,
                "bulan": month.month,
                "triwulan": (month.month - 1) // 3 + 1,
                "semester": 1 if month.month <= 6 else 2,
                "dari": month,
                "sampai": min(periods.month_end(month), today) if default == PREVIOUS else today,
            },
        )
        super().__init__(*args, **kwargs)
        self.unit, self.today, self.default_month = unit, today, month
        small(self)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("periode") == RANGE:
            start, end = data.get("dari"), data.get("sampai")
            if start is None or end is None:
                raise forms.ValidationError(_("Isi tanggal awal dan tanggal akhir rentang."))
            if end < start:
                raise forms.ValidationError(_("Tanggal akhir tidak boleh sebelum tanggal awal."))
            if (end - start).days + 1 > MAX_PERIOD_DAYS:
                raise forms.ValidationError(
                    _("Periode paling panjang %(n)d hari.") % {"n": MAX_PERIOD_DAYS}
                )
        return data

    def period(self) -> UnitPeriod:
        """The chosen period in the unit's office days (the default one when none is valid)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        kind = data.get("periode") or MONTH
        year = data.get("tahun") or self.default_month.year
        zone = ZoneInfo(self.unit.time_zone)
        if kind == RANGE:
            chosen = periods.span(data["dari"], data["sampai"], zone)
        elif kind == YEAR:
            chosen = periods.year(year, zone)
        elif kind == SEMESTER:
            half = data.get("semester") or (1 if self.default_month.month <= 6 else 2)
            chosen = periods.semester(year, half, zone)
        elif kind == QUARTER:
            quarter = data.get("triwulan") or (self.default_month.month - 1) // 3 + 1
            chosen = periods.quarter(year, quarter, zone)
        else:
            chosen = periods.month(year, data.get("bulan") or self.default_month.month, zone)
        return of_unit(self.unit, chosen)

    def filters(self) -> Any:
        """The report's own filters (none here)."""
        return None

    def value(self, name: str) -> Any:
        """A cleaned filter value, or its empty value when the form is not valid."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get(name)
        return None


def choice(label: Any, choices: list, *, all_label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", all_label), *choices], required=False)


def small(form: forms.Form) -> None:
    """Bootstrap's small controls on every field of a filter form."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.attrs["class"] = "form-select form-select-sm"
        else:
            field.widget.attrs["class"] = "form-control form-control-sm"
