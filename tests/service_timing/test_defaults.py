from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from service_timing.defaults import (
    ALLOWANCES_WITH_TESTS,
    ALLOWANCES_WITHOUT_TESTS,
    ROUTES,
    STANDARD_MINUTES,
)
from service_timing.models import ServiceStandard
from service_timing.services import allowances_exceed_standard, standard_revise


@pytest.mark.parametrize("application_type", list(STANDARD_MINUTES))
def test_default_allowances_never_add_up_to_more_than_the_standard(application_type) -> None:
    allowances = (
        ALLOWANCES_WITH_TESTS if "TEORI" in ROUTES[application_type] else ALLOWANCES_WITHOUT_TESTS
    )
    # Every allowance counts, the SIM Umum simulator included.
    assert sum(allowances.values()) <= STANDARD_MINUTES[application_type]


def test_the_boundary_of_the_sum() -> None:
    assert allowances_exceed_standard(60, {"REG": 30, "BIO": 30}) == ""
    assert "61 menit melebihi standar 60" in allowances_exceed_standard(60, {"REG": 30, "BIO": 31})


@pytest.mark.django_db
def test_installed_defaults_fit_their_standards(unit) -> None:
    for standard in ServiceStandard.objects.filter(unit=unit).prefetch_related("allowances"):
        assert sum(a.minutes for a in standard.allowances.all()) <= standard.minutes


@pytest.mark.django_db
def test_a_revision_whose_allowances_exceed_the_standard_is_refused(unit, officer) -> None:
    standard = ServiceStandard.objects.get(unit=unit, application_type="PERPANJANGAN")
    with pytest.raises(ValidationError) as info:
        standard_revise(
            standard=standard,
            minutes=40,
            warning_percent=80,
            effective_from=dt.date(2030, 1, 1),
            sop_reference="SOP 2030",
            allowances={"REG": 20, "BIO": 21},
            user=officer,
        )
    assert "melebihi standar" in info.value.message_dict["allowances"][0]
    assert ServiceStandard.objects.filter(unit=unit, application_type="PERPANJANGAN").count() == 1
