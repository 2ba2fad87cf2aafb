"""`import_holidays`: national holidays and cuti bersama from the `holidays` package into a
unit's calendar — never overwriting a day the unit has, never closing a day already judged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from satpas.holiday_import import import_holidays, national_days
from satpas.models import Holiday, Unit
from tests.factories import HolidayFactory, UserFactory, register

pytestmark = pytest.mark.django_db


def test_a_year_brings_national_holidays_and_cuti_bersama(unit) -> None:
    result = import_holidays(unit, 2027)
    days = dict(Holiday.objects.filter(unit=unit).values_list("date", "name"))
    assert days[dt.date(2027, 1, 1)] == "Tahun Baru Masehi"
    assert days[dt.date(2027, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    assert any(name.startswith("Cuti Bersama") for name in days.values())
    assert sorted(days) == result.added == sorted(national_days(2027))
    national_only = national_days(2027, cuti_bersama=False)
    assert not any(name.startswith("Cuti Bersama") for name in national_only.values())
    assert len(national_only) < len(days)


def test_a_second_import_changes_nothing_and_keeps_the_units_own_names(unit) -> None:
    HolidayFactory(unit=unit, date=dt.date(2027, 1, 1), name="Tahun Baru (libur satuan)")
    first = import_holidays(unit, 2027)
    assert first.kept == [dt.date(2027, 1, 1)]
    count = Holiday.objects.filter(unit=unit).count()
    second = import_holidays(unit, 2027)
    assert second.added == []
    assert Holiday.objects.filter(unit=unit).count() == count
    assert Holiday.objects.get(unit=unit, date=dt.date(2027, 1, 1)).name == (
        "Tahun Baru (libur satuan)"
    )


def test_a_day_already_judged_as_open_is_not_closed_afterwards(
    unit, other_unit, officer, frozen
) -> None:
    frozen(2026, 12, 25, 9, 0)  # Christmas, yet the unit served (no holiday entered then)
    register(unit, officer)
    result = import_holidays(unit, 2026)
    assert dt.date(2026, 12, 25) in result.judged
    assert not Holiday.objects.filter(unit=unit, date=dt.date(2026, 12, 25)).exists()
    import_holidays(other_unit, 2026)  # another unit's applications do not hold it back
    assert Holiday.objects.filter(unit=other_unit, date=dt.date(2026, 12, 25)).exists()


def test_the_command_fills_every_active_unit_and_reports(unit, other_unit, capsys) -> None:
    Unit.objects.filter(pk=other_unit.pk).update(is_active=False)
    call_command("import_holidays", "--year", "2027")
    out = capsys.readouterr().out
    assert f"{unit.code} 2027: {len(national_days(2027))} ditambah" in out
    assert Holiday.objects.filter(unit=unit).exists()
    assert not Holiday.objects.filter(unit=other_unit).exists()


def test_the_command_dry_run_saves_nothing_and_options_are_checked(unit, capsys) -> None:
    call_command("import_holidays", "--year", "2027", "--unit", unit.code, "--dry-run")
    assert "akan ditambah" in capsys.readouterr().out
    assert not Holiday.objects.exists()
    call_command("import_holidays", "--year", "2027", "--unit", unit.code, "--tanpa-cuti-bersama")
    assert not Holiday.objects.filter(name__startswith="Cuti Bersama").exists()
    with pytest.raises(CommandError, match="Satuan tidak dikenal: NOPE"):
        call_command("import_holidays", "--unit", "NOPE")
    with pytest.raises(CommandError, match="di luar jangkauan"):
        call_command("import_holidays", "--year", "27")


def _unit_form(code: str) -> dict[str, str]:
    data = {
        "code": code,
        "name": "Satpas Polres Bintan",
        "region": "Polda Kepulauan Riau",
        "city": "Bintan",
        "address": "",
        "time_zone": "Asia/Jakarta",
        "is_active": "on",
        "letterhead": "POLRES BINTAN",
        "signatory_title": "KASAT LANTAS",
        "signatory_name": "BUDI",
        "signatory_rank": "AKP",
        "signatory_nrp": "85010101",
    }
    for prefix in ("opening_hours", "service_breaks"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def test_a_unit_added_in_the_admin_starts_with_this_years_holidays(client_for, unit) -> None:
    root = UserFactory(username="00000001", home_unit=unit, is_superuser=True, is_staff=True)
    response = client_for(root).post(reverse("admin:satpas_unit_add"), _unit_form("BTN"))
    assert response.status_code == 302, response.content.decode()[:2000]
    new = Unit.objects.get(code="BTN")
    assert Holiday.objects.filter(unit=new).count() == len(national_days(2026))


def test_a_unit_operator_cannot_add_a_unit(client_for, admin_user) -> None:
    response = client_for(admin_user).post(reverse("admin:satpas_unit_add"), _unit_form("BTN"))
    assert response.status_code == 403
    assert not Unit.objects.filter(code="BTN").exists()
