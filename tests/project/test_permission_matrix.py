"""Every URL of the project against every role: the expected answer is written down here.

A URL without an entry in MATRIX fails the test, so that a new page cannot arrive without
someone deciding who may open it. Roles: anonymous, counter officer (O), supervisor (S),
Kasat Lantas (K), auditor (A), the unit's admin operator (D); an officer, a supervisor, a
Kasat and an auditor of another unit, who must get 404 for this unit's records; and a
visitor: a Supervisor, Kasat and auditor of another unit who switched to read this one, who
may read what his roles allow and write nothing (403).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client

from tests.conftest import visiting

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "officer",
    "supervisor",
    "kasat",
    "auditor",
    "admin_user",
    "other_officer",
    "other_supervisor",
    "other_kasat",
    "other_auditor",
    "visitor",
)
LETTER = {
    "officer": "O",
    "supervisor": "S",
    "kasat": "K",
    "auditor": "A",
    "admin_user": "D",
    "other_officer": "O",
    "other_supervisor": "S",
    "other_kasat": "K",
    "other_auditor": "A",
    "visitor": "SKA",
}


@dataclass(frozen=True)
class Rule:
    method: str  # the method the page is probed with: "GET", or "POST" for actions
    allowed: str  # letters of the roles that may use it; "*" for every signed-in role
    scoped: bool = False  # the URL names one of this unit's records: another unit gets 404
    public: bool = False  # no login needed

    def expected(self, role: str) -> str:
        if self.public:
            return "ok"
        if role == "anonymous":
            return "login"
        may = self.allowed == "*" or any(letter in self.allowed for letter in LETTER[role])
        if role == "visitor" and self.method != "GET":
            return "403"  # a visited unit is read-only, whatever the roles
        if not may:
            return "403"
        if role.startswith("other_") and self.scoped:
            return "404"
        return "ok"


def G(allowed: str, scoped: bool = False) -> Rule:
    return Rule("GET", allowed, scoped)


def P(allowed: str, scoped: bool = False) -> Rule:
    return Rule("POST", allowed, scoped)


PUBLIC_GET = Rule("GET", "*", public=True)
PUBLIC_POST = Rule("POST", "*", public=True)

MATRIX: dict[str, Rule] = {
    # The office core.
    "home": G("*"),
    "login": PUBLIC_GET,
    "logout": P("*"),
    "password_change": G("*"),
    "password_change_done": G("*"),
    "ping": G("*"),
    "switch_unit": P("*"),
    "two_factor_verify": G("*"),
    "two_factor_enrol": G("*"),
    "set_language": PUBLIC_POST,
    # Registration and the counters.
    "applicants:register": G("OS"),
    "applicants:applicant_lookup": P("OS"),
    "service_timing:console_pick": G("OS"),
    "service_timing:console": G("OS", scoped=True),
    "service_timing:console_action": P("OS", scoped=True),
    "service_timing:console_queue": G("OS", scoped=True),
    "service_timing:board": G("OSKAD"),
    "service_timing:board_rows": G("OSKAD"),
    "service_timing:alerts": G("SK"),
    "service_timing:applications": G("OSKAD"),
    "service_timing:application": G("OSKAD", scoped=True),
    "service_timing:ticket": G("OSKAD", scoped=True),
    "service_timing:correct": P("S", scoped=True),
    "service_timing:pause": P("S", scoped=True),
    "service_timing:pause_end": P("S", scoped=True),
    "service_timing:withdraw": P("S", scoped=True),
    "service_timing:priority": P("OS", scoped=True),
    # The SIM handed over: the counter records its number, a supervisor corrects it.
    "service_timing:held_sim_add": P("OS", scoped=True),
    "service_timing:held_sim_fix": P("S", scoped=True),
    "service_timing:outage": G("S"),
    "service_timing:announcements": G("SK"),
    "service_timing:announcement_end": P("S", scoped=True),
    # For applicants, without a login.
    "service_timing:display": PUBLIC_GET,
    "service_timing:display_content": PUBLIC_GET,
    "service_timing:status": PUBLIC_GET,
    "service_timing:status_content": PUBLIC_GET,
    "compensation:survey": PUBLIC_GET,
    "compensation:kiosk": PUBLIC_GET,
    "compensation:kiosk_submit": PUBLIC_POST,
    "compensation:kiosk_survey": PUBLIC_GET,
    "compensation:kiosk_thanks": PUBLIC_GET,
    "compensation:kiosk_enrol": G("S", scoped=True),  # the URL names the unit's kiosk
    "applicants:renewal_kiosk": PUBLIC_GET,
    "applicants:renewal_kiosk_confirm": PUBLIC_GET,
    "applicants:renewal_kiosk_ticket": PUBLIC_GET,
    "applicants:renewal_kiosk_enrol": G("S", scoped=True),
    # The unit's public service page and its waiting-room poster; the pledge shown there is
    # the Kasat's and the admin operator's to change.
    "public:page": PUBLIC_GET,
    "public:poster": PUBLIC_GET,
    "public:pledge": G("KD"),
    # For the load balancer.
    "healthz": PUBLIC_GET,
    # Compensation.
    "compensation:register": G("OSKA"),
    "compensation:handover": G("OSKA", scoped=True),
    "compensation:dissatisfied": P("OS", scoped=True),
    "compensation:case_give": P("OS", scoped=True),
    "compensation:case_decline": P("OS", scoped=True),
    "compensation:case_waive": P("SK", scoped=True),
    "compensation:case_attribute": G("S", scoped=True),
    "compensation:case_photo": G("OSKA", scoped=True),
    "compensation:stock": G("OSKAD"),
    "compensation:stock_receive": P("SD"),
    "compensation:stock_adjust": P("SD"),
    "compensation:ikm": G("SKA"),
    "compensation:complaints": G("OSKA"),
    "compensation:complaint_new": G("OS"),
    "compensation:complaint_detail": G("OSKA", scoped=True),
    "compensation:complaint_note": P("SK", scoped=True),
    "compensation:complaint_close": P("SK", scoped=True),
    # Personnel.
    "personnel:dashboard": G("SKA"),
    "personnel:dashboard_applications": G("SKA"),
    "personnel:officers": G("SKAD"),
    "personnel:officer": G("SKAD", scoped=True),
    "personnel:me": G("OSK"),
    "personnel:roster": G("SKAD"),
    "personnel:shift_add": P("SD"),
    "personnel:shift_delete": P("SD", scoped=True),
    "personnel:roster_import": G("SD"),
    "personnel:checks": G("S"),
    "personnel:attendance": G("S", scoped=True),
    "personnel:departure": G("S", scoped=True),
    "personnel:appearance": G("S", scoped=True),
    "personnel:professionalism": G("S", scoped=True),
    "personnel:cleanliness": G("S", scoped=True),
    "personnel:photo": G("SKA", scoped=True),
    "personnel:findings": G("SKA"),
    "personnel:finding": G("SKA", scoped=True),
    "personnel:objection_file": P("OSK", scoped=True),
    "personnel:objections": G("SKA"),
    "personnel:objection_decide": P("SK", scoped=True),
    "personnel:policy": G("SKAD"),
    "personnel:adjustments": G("SKA"),
    "personnel:propose": P("SK"),
    "personnel:decide": P("K", scoped=True),
    "personnel:decide_bulk": P("K"),
    "personnel:semester": G("SKA"),
    "personnel:semester_export": G("SKA"),
    "personnel:referrals": G("SKA"),
    "personnel:referral": G("SKA", scoped=True),
    "personnel:recognition": G("OSKA"),
    "personnel:certificate": G("OSKA", scoped=True),
    # Reports and evidence for the Zona Integritas.
    "reports:index": G("SKA"),
    "reports:packs": G("SKA"),
    "reports:pack_request": P("SKA"),
    "reports:pack": G("SKA", scoped=True),
    "reports:pack_progress": G("SKA", scoped=True),
    "reports:pack_download": G("SKA", scoped=True),
    # The capacity planner: the Kasat and the supervisors of the unit.
    "capacity:plans": G("SK"),
    "capacity:plan_request": P("SK"),
    "capacity:plan": G("SK", scoped=True),
    "capacity:plan_progress": G("SK", scoped=True),
    "capacity:what_if": P("SK", scoped=True),
    "capacity:export": G("SK", scoped=True),
    # The regional view is for the regional role only (tests/evidence/test_regional_view.py).
    "reports:regional": G(""),
    "reports:regional_excel": G(""),
    **{
        f"reports:{slug}{suffix}": G("SKA")
        for slug in [
            "service_time",
            "compensation",
            "reward_punishment",
            "discipline",
            "satisfaction",
            "complaints",
            "standards",
            "audit_trail",
        ]
        for suffix in ("", "_excel")
    },
}
# Answers that differ from the rule, with the reason.
EXCEPTIONS: dict[tuple[str, str], str] = {
    # An empty switch names no unit: "not found", for everyone signed in.
    **{("switch_unit", role): "404" for role in ROLES if role != "anonymous"},
    ("switch_unit", "anonymous"): "login",
    # Signing out ends on the login page, whoever asks.
    **{("logout", role): "login" for role in ROLES},
    # A visitor sends nothing in the unit he reads, not even a kiosk answer.
    ("compensation:kiosk_submit", "visitor"): "403",
    # The kiosk takes answers without a ticket only on an enrolled tablet, and never from
    # someone signed in (staff do not answer the survey).
    **{("compensation:kiosk_submit", role): "403" for role in ROLES},
    # A supervisor enrols only his home unit's kiosk: a visitor reading this unit may not.
    ("compensation:kiosk_enrol", "visitor"): "403",
    # The renewal kiosk serves only an enrolled tablet, and nobody signed in (staff register
    # at the counter under their own name).
    **{
        (name, role): "403"
        for name in (
            "applicants:renewal_kiosk",
            "applicants:renewal_kiosk_confirm",
            "applicants:renewal_kiosk_ticket",
        )
        for role in ROLES
    },
    ("applicants:renewal_kiosk_enrol", "visitor"): "403",
}


def outcome(response) -> str:  # type: ignore[no-untyped-def]
    if response.status_code in (301, 302) and "/masuk/" in response.get("Location", ""):
        return "login"
    if response.status_code in (403, 404, 405):
        return str(response.status_code)
    if response.status_code >= 500:
        return f"error {response.status_code}"
    return "ok"


def test_every_url_has_an_entry() -> None:
    from tests.urlmap import routes

    names = {name for name, route in routes() if not route.startswith("admin/")}
    assert sorted(names - set(MATRIX)) == []
    assert sorted(set(MATRIX) - names) == []


def test_every_role_gets_the_expected_answer_on_every_url(request, urls, unit) -> None:
    users = {role: request.getfixturevalue(role) for role in ROLES[1:]}
    mismatches = []
    for route in urls:
        if route.path.startswith("/admin/"):
            continue
        rule = MATRIX[route.name]
        for role in ROLES:
            expected = EXCEPTIONS.get((route.name, role)) or rule.expected(role)
            client = Client()  # a fresh session each time: logout must not spoil the next probe
            if role in users:
                client.force_login(users[role])
            if role == "visitor":
                visiting(client, unit)
            with transaction.atomic():  # every probe starts from the same records
                if rule.method == "GET":
                    response = client.get(route.path)
                else:
                    response = client.post(route.path, {})
                transaction.set_rollback(True)
            got = outcome(response)
            if got != expected:
                mismatches.append(f"{route.name:38} {role:14} expected {expected:6} got {got}")
    assert mismatches == [], "\n" + "\n".join(mismatches)


def test_the_admin_is_for_staff_only_and_never_fails_them(request, urls) -> None:
    """Django's admin decides by staff status and model permissions: everyone else is sent to
    a sign-in (the site's for anonymous visitors, the admin's for signed-in non-staff); the
    unit's operator (staff) gets a page or a refusal, never an error."""
    admin_urls = [route for route in urls if route.path.startswith("/admin/")]
    assert len(admin_urls) > 100
    problems = []
    for role in ("anonymous", "officer", "auditor", "other_officer", "admin_user"):
        client = Client()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        for route in admin_urls:
            if route.name in ("admin:logout",):
                continue
            with transaction.atomic():
                response = client.get(route.path)
                transaction.set_rollback(True)
            location = response.get("Location", "")
            to_admin_login = response.status_code == 302 and (
                "/admin/login/" in location or location.startswith("/masuk/")
            )
            if role == "admin_user":
                if response.status_code >= 500 or to_admin_login:
                    problems.append(
                        f"{route.name} {route.path}: operator got {response.status_code}"
                    )
            elif route.name != "admin:login" and not to_admin_login:
                problems.append(f"{route.name} {route.path}: {role} got {response.status_code}")
    assert problems == [], "\n".join(problems)
