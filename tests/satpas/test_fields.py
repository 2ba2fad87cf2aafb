from __future__ import annotations

import pytest
from django import forms

from satpas.fields import OfficeDateField, OfficeDateTimeField


class Form(forms.Form):
    day = OfficeDateField(required=False)
    moment = OfficeDateTimeField(required=False, input_formats=["%Y-%m-%dT%H:%M"])


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"day": "0002-01-01"}, "day"),
        ({"day": "9999-12-31"}, "day"),
        ({"moment": "0001-01-01T00:00"}, "moment"),
        ({"moment": "9999-12-31T23:59"}, "moment"),
    ],
)
def test_years_no_office_works_in_are_refused_with_a_message(data, field) -> None:
    form = Form(data)
    assert not form.is_valid()
    assert form.errors[field]


def test_ordinary_dates_pass() -> None:
    form = Form({"day": "1995-08-17", "moment": "2026-11-27T08:15"})
    assert form.is_valid(), form.errors
