"""Every personnel page: who may open it, who is refused, the login redirect, another unit's
404, and a pinned query budget with a dozen officers' month of data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CAST = ["officer", "supervisor", "kasat", "auditor", "admin_user"]


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[..., str]
    allowed: tuple[str, ...]
    budget: int
    other_unit_404: bool = False

    def __str__(self) -> str:
        return self.name


READERS = ("supervisor", "kasat", "auditor")
W = "supervisor", "admin_user"
PAGES = [
    # 19: + the arrivals heat map (the opening hours for its axes, one GROUP BY).
    Page("dashboard", lambda w: reverse("personnel:dashboard"), READERS, 19),
    Page(
        "dashboard_applications",
        lambda w: reverse("personnel:dashboard_applications") + "?periode=2026-06",
        READERS,
        6,
    ),
    Page("officers", lambda w: reverse("personnel:officers"), (*READERS, "admin_user"), 6),
    Page(
        "officer",
        lambda w: reverse("personnel:officer", args=[w.profile.pk]),
        (*READERS, "admin_user"),
        11,
        other_unit_404=True,
    ),
    # +1: the unit's policy, for the objection period of each finding.
    Page("me", lambda w: reverse("personnel:me"), ("officer", "supervisor", "kasat"), 12),
    Page("roster", lambda w: reverse("personnel:roster"), (*READERS, "admin_user"), 6),
    Page("shift_add", lambda w: reverse("personnel:shift_add"), W, 6),
    Page("roster_import", lambda w: reverse("personnel:roster_import"), W, 4),
    Page("checks", lambda w: reverse("personnel:checks"), ("supervisor",), 7),
    Page(
        "attendance",
        lambda w: reverse("personnel:attendance", args=[w.free_shift.pk]),
        ("supervisor",),
        5,
        other_unit_404=True,
    ),
    Page(
        "appearance",
        lambda w: reverse("personnel:appearance", args=[w.profile.pk]),
        ("supervisor",),
        5,
        other_unit_404=True,
    ),
    Page(
        "professionalism",
        lambda w: reverse("personnel:professionalism", args=[w.profile.pk]),
        ("supervisor",),
        5,
        other_unit_404=True,
    ),
    Page(
        "cleanliness",
        lambda w: reverse("personnel:cleanliness", args=[w.point.pk]),
        ("supervisor",),
        6,
        other_unit_404=True,
    ),
    Page("findings", lambda w: reverse("personnel:findings") + "?periode=2026-06", READERS, 6),
    Page(
        "finding",
        lambda w: reverse("personnel:finding", args=[w.finding.pk]),
        READERS,
        5,
        other_unit_404=True,
    ),
    Page("policy", lambda w: reverse("personnel:policy"), (*READERS, "admin_user"), 6),
    # +1: the objections waiting for a decision, counted for the tab.
    Page("adjustments", lambda w: reverse("personnel:adjustments") + "?status=semua", READERS, 8),
    Page("semester", lambda w: reverse("personnel:semester") + "?periode=2026-S1", READERS, 5),
    Page(
        "semester_export",
        lambda w: reverse("personnel:semester_export") + "?periode=2026-S1",
        READERS,
        4,
    ),
    Page("referrals", lambda w: reverse("personnel:referrals"), READERS, 6),
    Page(
        "referral",
        lambda w: reverse("personnel:referral", args=[w.referral.pk]),
        READERS,
        5,
        other_unit_404=True,
    ),
    Page(
        "recognition",
        lambda w: reverse("personnel:recognition") + "?periode=2026-05",
        ("officer", *READERS),
        6,
    ),
    Page(
        "certificate",
        lambda w: reverse("personnel:certificate", args=[w.recognition.pk]),
        ("officer", *READERS),
        4,
        other_unit_404=True,
    ),
]


@pytest.mark.parametrize("target", PAGES, ids=str)
def test_the_roles_that_may_open_it_do_and_the_others_are_refused(
    request, client_for, small_world, target: Page
) -> None:
    statuses = {
        who: client_for(request.getfixturevalue(who)).get(target.url(small_world)).status_code
        for who in CAST
    }
    assert statuses == {who: 200 if who in target.allowed else 403 for who in CAST}


@pytest.mark.parametrize("target", PAGES, ids=str)
def test_anonymous_is_sent_to_the_login_page(client_for, small_world, target: Page) -> None:
    response = client_for(None).get(target.url(small_world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("target", [p for p in PAGES if p.other_unit_404], ids=str)
def test_another_units_record_is_a_404(
    client_for, small_world, other_supervisor, other_kasat, target: Page
) -> None:
    user = other_supervisor if "supervisor" in target.allowed else other_kasat
    assert client_for(user).get(target.url(small_world)).status_code == 404


@pytest.mark.parametrize("target", PAGES, ids=str)
def test_query_budget(
    request, client_for, world, target: Page, django_assert_max_num_queries
) -> None:
    client = client_for(request.getfixturevalue(target.allowed[0]))
    url = target.url(world)
    with django_assert_max_num_queries(target.budget):
        assert client.get(url).status_code == 200


POSTS = [
    ("propose", lambda w: reverse("personnel:propose"), ("supervisor", "kasat")),
    ("decide", lambda w: reverse("personnel:decide", args=[w.adjustment.pk]), ("kasat",)),
    ("decide_bulk", lambda w: reverse("personnel:decide_bulk"), ("kasat",)),
    (
        "shift_delete",
        lambda w: reverse("personnel:shift_delete", args=[w.free_shift.pk]),
        ("supervisor", "admin_user"),
    ),
]
POST_ACCESS = [(name, url, allowed, who) for name, url, allowed in POSTS for who in CAST]


@pytest.mark.parametrize(
    ("name", "url", "allowed", "who"), POST_ACCESS, ids=[f"{p[0]}-{p[3]}" for p in POST_ACCESS]
)
def test_actions_are_refused_to_roles_without_the_permission(
    request, client_for, small_world, name, url, allowed, who
) -> None:
    user = request.getfixturevalue(who)
    response = client_for(user).post(
        url(small_world), {"approve": "1", "ids": [small_world.adjustment.pk]}
    )
    assert response.status_code == (302 if who in allowed else 403)


@pytest.mark.parametrize(("name", "url", "allowed"), POSTS, ids=[p[0] for p in POSTS])
def test_actions_send_anonymous_to_login(client_for, small_world, name, url, allowed) -> None:
    response = client_for(None).post(url(small_world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_actions_on_another_units_records_are_404(client_for, small_world, other_kasat) -> None:
    client = client_for(other_kasat)
    url = reverse("personnel:decide", args=[small_world.adjustment.pk])
    assert client.post(url, {"approve": "1"}).status_code == 404
    response = client.post(
        reverse("personnel:decide_bulk"), {"approve": "1", "ids": [small_world.adjustment.pk]}
    )
    assert response.status_code == 302
    small_world.adjustment.refresh_from_db()
    assert small_world.adjustment.status == "PROPOSED"


def test_list_pages_of_another_unit_show_none_of_this_units_rows(
    client_for, small_world, other_kasat
) -> None:
    client = client_for(other_kasat)
    for name in ("personnel:findings", "personnel:adjustments", "personnel:referrals"):
        body = client.get(reverse(name) + "?periode=2026-06&status=semua").content.decode()
        assert "Andika Saputra" not in body
