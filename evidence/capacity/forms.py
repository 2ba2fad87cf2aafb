"""The planner's forms: which week to plan, and a what-if on one day of a plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from evidence.capacity.history import DEFAULT_WEEKS, MAX_WEEKS
from evidence.capacity.planner import DEFAULT_TARGET, parse_week, week_label


class PlanForm(forms.Form):
    minggu = forms.CharField(
        label=_("Minggu (ISO)"),
        max_length=8,
        help_text=_("Tulis YYYY-Www, misalnya 2026-W49."),
    )
    riwayat = forms.IntegerField(
        label=_("Belajar dari (minggu terakhir)"),
        min_value=1,
        max_value=MAX_WEEKS,
        initial=DEFAULT_WEEKS,
    )
    target = forms.DecimalField(
        label=_("Target tepat waktu (%)"),
        min_value=Decimal("50"),
        max_value=Decimal("99.9"),
        decimal_places=1,
        initial=Decimal(str(DEFAULT_TARGET * 100)),
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        next_monday = today + dt.timedelta(days=7 - today.weekday())
        self.fields["minggu"].initial = week_label(next_monday)

    def clean_minggu(self) -> dt.date:
        try:
            return parse_week(self.cleaned_data["minggu"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class WhatIfForm(forms.Form):
    hari = forms.TypedChoiceField(label=_("Hari"), coerce=dt.date.fromisoformat)
    tahap = forms.ChoiceField(label=_("Tahap"))
    jam = forms.TypedMultipleChoiceField(label=_("Jam"), coerce=int)
    ubah = forms.TypedChoiceField(
        label=_("Perubahan"),
        coerce=int,
        choices=[("1", _("Tambah satu loket")), ("-1", _("Kurangi satu loket"))],
    )

    def __init__(self, *args: Any, result: dict[str, Any], names: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        days = result.get("days", [])
        stages = sorted({s for d in days for s in d["stages"]})
        hours = sorted({h for d in days for h in d["hours"]})
        choices = {
            "hari": [(d["date"], d["date"]) for d in days],
            "tahap": [(s, names.get(s, s)) for s in stages],
            "jam": [(str(h), f"{h:02d}.00") for h in hours],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options
