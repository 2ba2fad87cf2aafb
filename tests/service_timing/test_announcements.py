"""Running text on the waiting-room display: a supervisor sets it, the display shows what is
due now, and it can be ended early; nobody else may write it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from satpas.models import Unit
from satpas.querystrings import PER_PAGE
from service_timing.models import Announcement
from service_timing.selectors.announcements import past, shown_and_planned, shown_texts
from service_timing.services import announcement_add, announcement_end
from tests.conftest import visiting

pytestmark = pytest.mark.django_db

MINUTE = dt.timedelta(minutes=1)


def display_text(client, unit: Unit) -> str:
    return client.get(reverse("service_timing:display", args=[unit.code])).content.decode()


def test_what_the_display_shows_follows_the_times(unit, supervisor) -> None:
    now = timezone.now()
    shown = announcement_add(unit=unit, user=supervisor, text="Loket foto istirahat 12.00")
    planned = announcement_add(
        unit=unit, user=supervisor, text="Besok layanan mulai 09.00", shown_from=now + 60 * MINUTE
    )
    ending = announcement_add(
        unit=unit,
        user=supervisor,
        text="Jaringan lambat",
        shown_from=now - 5 * MINUTE,
        shown_until=now + 10 * MINUTE,
    )
    assert shown_texts(unit, now) == ["Jaringan lambat", "Loket foto istirahat 12.00"]
    assert shown_texts(unit, now + 61 * MINUTE) == ["Loket foto istirahat 12.00", planned.text]
    assert [a.pk for a in shown_and_planned(unit, now)] == [ending.pk, shown.pk, planned.pk]
    announcement_end(announcement=shown, user=supervisor, now=now + MINUTE)
    assert shown_texts(unit, now + 2 * MINUTE) == ["Jaringan lambat"]
    assert [a.pk for a in past(unit, now + 11 * MINUTE)] == [shown.pk, ending.pk]  # newest first


def test_the_text_is_tidied_and_bad_times_are_refused(unit, supervisor) -> None:
    now = timezone.now()
    assert announcement_add(unit=unit, user=supervisor, text="  Antre\n  tertib ").text == (
        "Antre tertib"
    )
    for kwargs, message in [
        ({"text": "   "}, "wajib diisi"),
        ({"text": "x" * 201}, "paling panjang 200"),
        ({"text": "A", "shown_from": now, "shown_until": now}, "harus sesudah"),
        (
            {"text": "A", "shown_from": now - 60 * MINUTE, "shown_until": now - MINUTE},
            "sudah lewat",
        ),
    ]:
        with pytest.raises(ValidationError, match=message):
            announcement_add(unit=unit, user=supervisor, **kwargs)
    assert Announcement.objects.count() == 1


def test_an_announcement_no_longer_shown_cannot_be_ended_again(unit, supervisor) -> None:
    announcement = announcement_add(unit=unit, user=supervisor, text="Antre tertib")
    announcement_end(announcement=announcement, user=supervisor)
    with pytest.raises(ValidationError, match="sudah tidak tampil"):
        announcement_end(announcement=announcement, user=supervisor)
    announcement.refresh_from_db()
    assert announcement.ended_by == supervisor
    assert announcement.history.count() == 2  # made, ended: both in history


def test_a_supervisor_sets_it_from_the_page_and_the_display_shows_it(
    client_for, supervisor, unit
) -> None:
    client = client_for(supervisor)
    page = client.get(reverse("service_timing:announcements"))
    assert "Tidak ada pengumuman yang tampil di layar." in page.content.decode()
    response = client.post(
        reverse("service_timing:announcements"), {"text": "Loket foto istirahat 12.00-13.00"}
    )
    assert response.status_code == 302
    display = display_text(client_for(None), unit)
    assert 'data-testid="ticker"' in display
    assert "Loket foto istirahat 12.00-13.00" in display
    content = (
        client_for(None)
        .get(reverse("service_timing:display_content", args=[unit.code]))
        .content.decode()
    )
    assert 'data-text="Loket foto istirahat 12.00-13.00"' in content


def test_the_display_hides_the_ticker_when_nothing_is_shown(client_for, unit) -> None:
    assert 'data-testid="ticker" hidden' in display_text(client_for(None), unit)


def test_bad_input_on_the_page_says_why_and_saves_nothing(client_for, supervisor) -> None:
    response = client_for(supervisor).post(
        reverse("service_timing:announcements"),
        {"text": "Antre", "shown_from": "2026-11-25T10:00", "shown_until": "2026-11-25T09:00"},
    )
    assert response.status_code == 200
    assert "Waktu selesai tampil harus sesudah waktu mulai tampil." in response.content.decode()
    assert not Announcement.objects.exists()


def test_ending_from_the_page(client_for, supervisor, unit) -> None:
    announcement = announcement_add(unit=unit, user=supervisor, text="Antre tertib")
    client = client_for(supervisor)
    response = client.post(reverse("service_timing:announcement_end", args=[announcement.pk]))
    assert response.status_code == 302
    assert "Antre tertib" not in display_text(client_for(None), unit).split('id="ticker"')[1]
    again = client.post(
        reverse("service_timing:announcement_end", args=[announcement.pk]), follow=True
    )
    assert "Pengumuman ini sudah tidak tampil." in again.content.decode()


def test_the_kasat_reads_the_page_but_may_not_write(client_for, kasat, supervisor, unit) -> None:
    announcement = announcement_add(unit=unit, user=supervisor, text="Antre tertib")
    client = client_for(kasat)
    page = client.get(reverse("service_timing:announcements"))
    assert page.status_code == 200
    assert 'data-testid="announcement-form"' not in page.content.decode()
    assert client.post(reverse("service_timing:announcements"), {"text": "X"}).status_code == 403
    end = reverse("service_timing:announcement_end", args=[announcement.pk])
    assert client.post(end).status_code == 403
    assert Announcement.objects.count() == 1
    assert shown_texts(unit, timezone.now()) == ["Antre tertib"]


def test_refusals(client_for, officer, supervisor, other_unit, unit, visitor) -> None:
    from satpas.roles import Role
    from tests.factories import UserFactory

    announcement = announcement_add(unit=unit, user=supervisor, text="Antre tertib")
    page = reverse("service_timing:announcements")
    end = reverse("service_timing:announcement_end", args=[announcement.pk])
    # A counter officer.
    assert client_for(officer).get(page).status_code == 403
    assert client_for(officer).post(page, {"text": "X"}).status_code == 403
    assert client_for(officer).post(end).status_code == 403
    # Anonymous: to the login page.
    assert client_for(None).post(page, {"text": "X"}).status_code == 302
    assert client_for(None).post(end).status_code == 302
    # Another unit's supervisor: not found.
    other = UserFactory(username="198001012005011009", home_unit=other_unit, role=Role.SUPERVISOR)
    assert client_for(other).post(end).status_code == 404
    # A supervisor visiting this unit to read it.
    client = visiting(client_for(visitor), unit)
    assert client.post(page, {"text": "X"}).status_code == 403
    assert client.post(end).status_code == 403
    assert Announcement.objects.count() == 1
    assert shown_texts(unit, timezone.now()) == ["Antre tertib"]


def test_the_page_pages_its_past_announcements(client_for, supervisor, unit, max_queries) -> None:
    start = timezone.now() - dt.timedelta(days=3)
    for n in range(PER_PAGE + 5):
        Announcement.objects.create(
            unit=unit,
            text=f"Lama {n}",
            shown_from=start + n * MINUTE,
            shown_until=start + (n + 1) * MINUTE,
            created_by=supervisor,
        )
    client = client_for(supervisor)
    client.get(reverse("home"))
    with max_queries(8):
        first = client.get(reverse("service_timing:announcements")).content.decode()
    assert f"Lama {PER_PAGE + 4}<" in first
    assert "Lama 0<" not in first
    second = client.get(reverse("service_timing:announcements"), {"halaman": 2}).content.decode()
    assert "Lama 0<" in second


def test_english(client_for, supervisor) -> None:
    client = client_for(supervisor)
    client.post(reverse("set_language"), {"language": "en"})
    body = client.get(reverse("service_timing:announcements")).content.decode()
    assert "Waiting-room announcements" in body
