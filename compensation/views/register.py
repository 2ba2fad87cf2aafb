"""The compensation register: a unit's cases, filtered and paged."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from compensation import selectors
from compensation.filters import CaseFilter
from compensation.views.common import office_today, office_zone
from satpas.access import UnitRequest, permission_required, require_unit
from satpas.querystrings import canonical_query, paginate, period_form_data


@require_safe
@permission_required("compensation.view_compensationcase")
@canonical_query()
def register(request: UnitRequest) -> HttpResponse:
    """Every compensation case, with filters by period, state, reason and officer."""
    unit = require_unit(request)
    filters = CaseFilter(
        period_form_data(request.GET),
        selectors.case_register(unit),
        officers=list(selectors.unit_officers(unit)),
        form_kwargs={"today": office_today(request), "zone": office_zone(request)},
    )
    cases = filters.narrowed()
    return render(
        request,
        "compensation/register.html",
        {
            "form": filters.form,
            "period": filters.period(),
            "counts": selectors.case_counts(cases),
            "page": paginate(request, cases),
            "open_count": selectors.open_case_count(unit),
        },
    )
