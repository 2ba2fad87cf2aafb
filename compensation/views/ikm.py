"""The IKM report of a period (PermenPANRB 14/2017)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import (
    require_safe,
)

from compensation import selectors
from compensation.forms import (
    PeriodForm,
)
from compensation.views.common import office_today, office_zone
from satpas import periods
from satpas.access import UnitRequest, permission_required, require_unit
from satpas.querystrings import canonical_query, period_form_data


@require_safe
@permission_required("compensation.view_surveyresponse")
@canonical_query()
def ikm(request: UnitRequest) -> HttpResponse:
    """IKM of a month, quarter or year, with the distribution of answers per element."""
    unit = require_unit(request)
    form = PeriodForm(
        period_form_data(request.GET), today=office_today(request), zone=office_zone(request)
    )
    period = form.period() or periods.containing(
        periods.MONTH, office_today(request), office_zone(request)
    )
    report = selectors.ikm_report(unit, period.start_at, period.end_at)
    chart = [
        {
            "field": row.element.field,
            "name": str(row.element.name),
            "answers": [str(answer) for answer in row.element.answers],
            "counts": list(row.counts),
        }
        for row in report.elements
    ]
    return render(
        request,
        "compensation/ikm.html",
        {"form": form, "period": period, "report": report, "chart": chart},
    )
