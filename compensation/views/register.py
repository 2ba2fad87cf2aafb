"""The compensation register: a unit's cases, filtered and paged."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import (
    require_safe,
)

from compensation import selectors
from compensation.forms import (
    CaseFilterForm,
)
from compensation.views.common import office_today, office_zone
from satpas.access import UnitRequest, permission_required, require_unit
from satpas.querystrings import canonical_query, paginate, period_form_data


@require_safe
@permission_required("compensation.view_compensationcase")
@canonical_query()
def register(request: UnitRequest) -> HttpResponse:
    """Every compensation case, with filters by period, state, reason and officer."""
    unit = require_unit(request)
    officers = list(selectors.unit_officers(unit))
    form = CaseFilterForm(
        period_form_data(request.GET),
        today=office_today(request),
        zone=office_zone(request),
        officers=officers,
    )
    period = form.period()
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    cases = selectors.case_register(
        unit,
        start=period.start_at if period else None,
        end=period.end_at if period else None,
        status=data.get("status", ""),
        reason=data.get("alasan", ""),
        officer_id=data.get("petugas"),
    )
    return render(
        request,
        "compensation/register.html",
        {
            "form": form,
            "period": period,
            "counts": selectors.case_counts(cases),
            "page": paginate(request, cases),
            "open_count": selectors.open_case_count(unit),
        },
    )
