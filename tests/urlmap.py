"""Every URL pattern of the project, each with the arguments of a real record, for the tests
that go through all of them (auditor read-only, permission matrix, bad input)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.contrib.sessions.models import Session
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.views.static import serve as static_serve

from applicants.models import Application
from evidence.models import CapacityPlan, EvidencePack
from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    Finding,
    Objection,
    Recognition,
    ScoreAdjustment,
)
from service_timing.models import Announcement, Pause, ServicePoint

# Tables that record sessions and login attempts, not the unit's data.
NOT_DATA = {Session._meta.db_table, "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


@dataclass(frozen=True)
class Route:
    name: str
    path: str

    def __str__(self) -> str:
        return self.name


def routes() -> Iterator[tuple[str, str]]:
    """(name, route) of every URL pattern, names with their namespaces."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern, route, inner)
            elif isinstance(pattern, URLPattern):
                if pattern.callback is static_serve:
                    # The development media route: present only when DEBUG was on as the URLconf
                    # was first imported (a test that sets DEBUG may run first in a worker).
                    continue
                name = pattern.name or ""
                yield (f"{namespace}:{name}" if namespace and name else name or route), route

    yield from walk(get_resolver(), "", "")


def samples(evidence, unit) -> dict[str, dict[str, str]]:
    """A real record for each URL kwarg, per URL name (and a default per kwarg)."""
    application = evidence.case.application
    pause = Pause.objects.create(
        application=application,
        started_at=application.registered_at,
        ended_at=application.registered_at + dt.timedelta(minutes=5),
        reason="Mengambil dokumen",
        recorded_by=application.registered_by,
    )
    world = evidence.world
    pack = EvidencePack.objects.create(
        unit=unit,
        period_start=evidence.period.start,
        period_end=evidence.period.start,
        requested_by=application.registered_by,
    )
    plan = CapacityPlan.objects.create(
        unit=unit,
        week_start=evidence.period.start - dt.timedelta(days=evidence.period.start.weekday()),
        target="0.950",
        requested_by=application.registered_by,
    )
    proposed = ScoreAdjustment.objects.filter(unit=unit, status="PROPOSED").first()
    punishments = Finding.objects.filter(unit=unit, kind="PUNISHMENT").order_by("pk")
    objected = punishments.last()
    objection = Objection.objects.create(
        unit=unit,
        finding=objected,
        officer=objected.officer,
        reason="Data waktu keliru",
        filed_at=objected.created_at,
        filed_by=application.registered_by,
    )
    default = {
        "unit_code": unit.code,
        "ticket_code": Application.objects.filter(unit=unit, survey_response__isnull=True)
        .first()
        .ticket_code,
        "point_pk": str(ServicePoint.objects.filter(unit=unit).first().pk),
        "shift": str(world.free_shift.pk),
        "officer": str(world.profile.pk),
        "point": str(world.point.pk),
        "kind": "sikap-tampang",
        "pause_pk": str(pause.pk),
        "app_label": "satpas",
        "object_id": str(unit.pk),
        "id": str(application.registered_by_id),
        "content_type_id": "1",
        "url": "x/",
        "pk": str(application.pk),
    }
    announcement = Announcement.objects.create(
        unit=unit,
        text="Loket foto istirahat pukul 12.00-13.00",
        shown_from=application.registered_at,
        created_by=application.registered_by,
    )
    by_name = {
        "service_timing:announcement_end": {"pk": announcement.pk},
        "compensation:case_give": {"pk": evidence.case.pk},
        "compensation:case_decline": {"pk": evidence.case.pk},
        "compensation:case_waive": {"pk": evidence.case.pk},
        "compensation:case_attribute": {"pk": evidence.case.pk},
        "compensation:case_photo": {"pk": evidence.case.pk},
        "compensation:complaint_detail": {"pk": evidence.counter.pk},
        "compensation:complaint_note": {"pk": evidence.counter.pk},
        "compensation:complaint_close": {"pk": evidence.counter.pk},
        "personnel:officer": {"pk": world.profile.pk},
        "personnel:shift_delete": {"pk": world.free_shift.pk},
        "personnel:departure": {
            "check": AttendanceCheck.objects.filter(
                unit=unit, status="PRESENT", left_at__isnull=True
            )
            .first()
            .pk
        },
        "personnel:photo": {"pk": AppearanceCheck.objects.filter(unit=unit).first().pk},
        "personnel:finding": {"pk": Finding.objects.filter(unit=unit).first().pk},
        "personnel:decide": {"pk": proposed.pk},
        "personnel:objection_file": {
            "pk": punishments.filter(officer=world.profile).exclude(pk=objected.pk).first().pk
        },
        "personnel:objection_decide": {"pk": objection.pk},
        "personnel:referral": {"pk": world.referral.pk},
        "personnel:certificate": {"pk": Recognition.objects.get(unit=unit).pk},
        "reports:pack": {"pk": pack.pk},
        "reports:pack_progress": {"pk": pack.pk},
        "reports:pack_download": {"pk": pack.pk},
        **{
            f"capacity:{name}": {"pk": plan.pk}
            for name in ("plan", "plan_progress", "what_if", "export")
        },
    }
    return {"": default, **{k: {n: str(v) for n, v in d.items()} for k, d in by_name.items()}}


def url_of(name: str, route: str, values: dict[str, dict[str, str]]) -> str:
    def value(kwarg: str) -> str:
        for source in (values.get(name, {}), values[""]):
            if kwarg in source:
                return source[kwarg]
        raise AssertionError(f"{name}: no sample value for <{kwarg}>; add one to samples()")

    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: value(m.group(1)), path)
    path = re.sub(r"\([^)]*\)", "1", path)  # unnamed groups (simple-history's admin views)
    path = "/" + path.replace("^", "").replace("$", "")
    resolve(path)  # the sample must reach the pattern it stands for
    return path


def snapshot() -> dict[str, str]:
    """Every row of every table holding the unit's data, hashed per table."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in NOT_DATA or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        state[table] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return state


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(table for table in before if before[table] != after[table])


def all_urls(evidence, unit) -> list[Route]:
    values = samples(evidence, unit)
    return [Route(name, url_of(name, route, values)) for name, route in routes()]
