"""Bad input everywhere: random values in every form field, query parameter and upload of every
page, by a user allowed to use it. No answer may be a server error; a refused request must say
why and leave the database exactly as it was.

Field names are read from the page's own form (GET), so a form that grows a field is fuzzed on
it without editing this test.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from satpas.roles import Role
from tests.factories import UserFactory
from tests.project.test_permission_matrix import LETTER, MATRIX
from tests.urlmap import NOT_DATA

pytestmark = pytest.mark.django_db

ROLE_OF = {letter: role for role, letter in LETTER.items()}
FIELD = re.compile(rb'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.I)
FILE_FIELD = re.compile(
    rb'<input[^>]*type="file"[^>]*\bname="([^"]+)"|<input[^>]*\bname="([^"]+)"[^>]*type="file"',
    re.I,
)
# How a refusal shows: a form's invalid fields, or a message marked as an error.
EXPLAINED = re.compile(
    rb'is-invalid|invalid-feedback|errorlist|data-level="(?:error|danger)"', re.I
)
SKIP_FIELDS = {"csrfmiddlewaretoken"}
# Pages whose form posts elsewhere: the form is read from the page, posted to the action.
FORM_PAGE = {
    "compensation:case_give": "compensation:handover",
    "compensation:case_decline": "compensation:handover",
    "compensation:case_waive": "compensation:handover",
    "compensation:dissatisfied": "compensation:handover",
    "compensation:complaint_note": "compensation:complaint_detail",
    "compensation:complaint_close": "compensation:complaint_detail",
    "compensation:stock_receive": "compensation:stock",
    "compensation:stock_adjust": "compensation:stock",
    "service_timing:console_action": "service_timing:console",
    "service_timing:correct": "service_timing:application",
    "service_timing:pause": "service_timing:application",
    "service_timing:withdraw": "service_timing:application",
    "service_timing:priority": "service_timing:application",
    "personnel:shift_add": "personnel:roster",
    "personnel:decide": "personnel:adjustments",
    "personnel:decide_bulk": "personnel:adjustments",
    "personnel:propose": "personnel:adjustments",
    "applicants:applicant_lookup": "applicants:register",
    "reports:pack_request": "reports:packs",
    "compensation:kiosk_submit": "compensation:kiosk",
    "personnel:objection_file": "personnel:me",
    "personnel:objection_decide": "personnel:objections",
}
# Not fuzzed: signing out, the language cookie, and the unit switch change only the session.
SESSION_ONLY = {"logout", "set_language", "switch_unit", "login"}

values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789", min_size=0, max_size=20),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "99999999999999999999",
            "2026-02-30",
            "2026-11-27T25:61",
            "1e9",
            "<script>x</script>",
            "' OR 1=1 --",
            "\x00",
            "٣",
            "NaN",
            "true",
            "B-012",
        ]
    ),
    st.dates().map(lambda d: d.isoformat()),
)
EXAMPLES = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _counts() -> tuple[int, ...]:
    """Rows of every data table, in one query."""
    tables = [
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and m._meta.db_table not in NOT_DATA
    ]
    qn = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def _client(request, rule) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if not rule.public and rule.allowed == "":
        # No unit role may use it: the regional role (Ditlantas) over the unit does.
        regional = UserFactory(home_unit=None, role=Role.REGIONAL)
        regional.audit_units.add(request.getfixturevalue("unit"))
        client.force_login(regional)
    elif not rule.public:
        letter = "S" if rule.allowed == "*" else rule.allowed[0]
        client.force_login(request.getfixturevalue(ROLE_OF[letter]))
    return client


def _form_fields(client: Client, path: str) -> tuple[list[str], list[str]]:
    response = client.get(path)
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return [], []  # a file (Excel, PDF, photo): no form to read
    body = response.content
    names = sorted({n.decode() for n in FIELD.findall(body)} - SKIP_FIELDS)
    files = sorted({(a or b).decode() for a, b in FILE_FIELD.findall(body)})
    return names, files


def _rejected_explained(client: Client, response) -> bool:  # type: ignore[no-untyped-def]
    if response.status_code in (400, 403, 404, 405):
        return True
    if response.status_code == 302:
        followed = client.get(response["Location"])
        return b'data-level="error"' in followed.content
    return bool(EXPLAINED.search(response.content))


def _post_random(route, client: Client, names: list[str], files: list[str]):  # type: ignore[no-untyped-def]
    @EXAMPLES
    @given(data=st.fixed_dictionaries(dict.fromkeys(names, values)), blob=st.binary(max_size=300))
    def post_random(data: dict, blob: bytes) -> None:
        payload = dict(data)
        for name in files:
            payload[name] = SimpleUploadedFile(
                "x.bin", blob, content_type="application/octet-stream"
            )
        with transaction.atomic():
            before = _counts()
            response = client.post(route.path, payload, HTTP_HX_REQUEST="true")
            assert response.status_code < 500, (route.name, data)
            if _rejected_explained(client, response):
                assert _counts() == before, f"{route.name}: a refused request changed data ({data})"
            transaction.set_rollback(True)

    return post_random


def _get_random(route, client: Client, keys: list[str]):  # type: ignore[no-untyped-def]
    @EXAMPLES
    @given(query=st.dictionaries(st.sampled_from(keys), values, max_size=4))
    def get_random(query: dict) -> None:
        response = client.get(route.path, query)
        assert response.status_code < 500, (route.name, query)

    return get_random


@pytest.fixture
def by_name(urls) -> dict:  # type: ignore[no-untyped-def]
    return {route.name: route for route in urls}


def test_every_form_survives_random_values(request, urls, by_name) -> None:
    posted = 0
    for route in urls:
        rule = MATRIX.get(route.name)
        if rule is None or route.name in SESSION_ONLY:
            continue
        page = by_name.get(FORM_PAGE.get(route.name, route.name))
        client = _client(request, rule)
        fields, files = _form_fields(client, page.path) if page else ([], [])
        if rule.method == "GET" and not fields:
            continue  # a page without a form: its query parameters are fuzzed below
        names = fields or ["code", "action", "current", "reason", "note"]
        _post_random(route, client, names, files)()
        posted += 1
    assert posted > 25


def test_every_page_survives_random_query_parameters(request, urls) -> None:
    visited = 0
    for route in urls:
        rule = MATRIX.get(route.name)
        if rule is None or rule.method != "GET" or route.name in SESSION_ONLY:
            continue
        client = _client(request, rule)
        fields, _files = _form_fields(client, route.path)
        keys = sorted(
            set(fields)
            | {"page", "periode", "dari", "sampai", "tanggal", "bulan", "status", "q", "day"}
            | {"halaman", "cari", "jenis", "semester", "triwulan", "tahun"}
        )
        _get_random(route, client, keys)()
        visited += 1
    assert visited > 40


@given(
    code=st.text(min_size=1, max_size=60).filter(
        lambda c: "/" not in c and "?" not in c and "#" not in c
    )
)
@EXAMPLES
def test_any_ticket_code_in_a_url_is_a_friendly_answer(client, db, code) -> None:  # type: ignore[no-untyped-def]
    from urllib.parse import quote

    for prefix in ("/s/", "/kompensasi/survei/"):
        response = client.get(f"{prefix}{quote(code)}/")
        # A NUL anywhere in the address is refused before any view (RejectNullCharacters).
        assert response.status_code in ((400,) if "\x00" in code else (200, 404))
        if response.status_code != 200:
            assert b"<html" in response.content.lower()
