from __future__ import annotations

import datetime as dt

import pytest

from personnel import selectors

pytestmark = pytest.mark.django_db


def test_home_page_figures(small_world, unit, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        pending = selectors.pending_approvals_count(unit)
    assert pending > 0
    with django_assert_num_queries(1):
        assert selectors.open_referrals_count(unit) == 1
    with django_assert_num_queries(2):
        summary = selectors.checks_summary(unit, dt.date(2026, 6, 15))
    assert summary == {"on_duty": 3, "attended": 2, "late": 2, "findings": summary["findings"]}
    assert summary["findings"] >= 4
    with django_assert_num_queries(1):
        mine = selectors.officer_summary(small_world.profile, dt.date(2026, 6, 1))
    assert mine["month_points"] == -1
    assert mine["semester_points"] == 0
