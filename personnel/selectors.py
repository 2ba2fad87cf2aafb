"""Reads of personnel: the roster, findings, the ledger, and the monthly figures of officers.

Every aggregate runs in SQL; Python only arranges the few rows that come back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from applicants.models import Application
from compensation.models import CompensationCase
from personnel import scoring
from personnel.models import (
    AttendanceCheck,
    CleanlinessCheck,
    DisciplinaryReferral,
    DutyShift,
    Finding,
    Officer,
    Recognition,
    ScoreAdjustment,
)
from personnel.models.checks import AppearanceCheck
from satpas import periods
from satpas.models import Unit, User
from satpas.roles import Role
from service_timing.models import StageRecord


def office_zone(unit: Unit) -> ZoneInfo:
    return ZoneInfo(unit.time_zone)


def office_today(unit: Unit, now: dt.datetime | None = None) -> dt.date:
    return timezone.localdate(now or timezone.now(), timezone=office_zone(unit))


def day_bounds(unit: Unit, start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) in office days, as aware datetimes."""
    zone = office_zone(unit)
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end, dt.time.min, tzinfo=zone),
    )


def month_bounds(unit: Unit, period: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The month of `period` in office time, as [start, end) aware datetimes."""
    return day_bounds(unit, periods.month_start(period), periods.next_month(period))


def scheduled_start(shift: DutyShift) -> dt.datetime:
    return dt.datetime.combine(shift.date, shift.starts_at, tzinfo=office_zone(shift.unit))


def scheduled_end(shift: DutyShift) -> dt.datetime:
    return dt.datetime.combine(shift.date, shift.ends_at, tzinfo=office_zone(shift.unit))


def shifts_of(officer: Officer, day: dt.date) -> list[DutyShift]:
    """The officer's rostered shifts on a day, earliest first (leave left out)."""
    return list(
        DutyShift.objects.filter(officer=officer, date=day)
        .exclude(attendance__status__in=AttendanceCheck.LEAVE)
        .select_related("unit")
        .order_by("starts_at")
    )


def shifts_at(service_point_id: int, day: dt.date) -> list[DutyShift]:
    """Shifts rostered at a counter on a day, earliest first."""
    return list(
        DutyShift.objects.filter(service_point_id=service_point_id, date=day)
        .select_related("unit")
        .order_by("starts_at")
    )


# --- officers and the roster ------------------------------------------------------------


def officers_of(unit: Unit, *, active_only: bool = True) -> QuerySet[Officer]:
    officers = Officer.objects.filter(unit=unit).select_related("user")
    return officers.filter(is_active=True) if active_only else officers


def officer_of_user(user: User | AnonymousUser) -> Officer | None:
    """The officer profile of a logged-in user, or None."""
    if not user.is_authenticated:
        return None
    return Officer.objects.filter(user=user).select_related("unit").first()


def roster_between(unit: Unit, start: dt.date, end: dt.date) -> QuerySet[DutyShift]:
    """Shifts in [start, end), with what the grid and the checks page show."""
    return (
        DutyShift.objects.filter(unit=unit, date__gte=start, date__lt=end)
        .select_related("officer", "service_point", "attendance")
        .order_by("date", "starts_at", "service_point__number", "officer__full_name")
    )


def week_grid(unit: Unit, monday: dt.date) -> tuple[list[dt.date], list[dict]]:
    """The week's days and one row per service point: {point, cells: [[shift, …] per day]}."""
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    from service_timing.models import ServicePoint

    points = list(ServicePoint.objects.filter(unit=unit, is_active=True).order_by("number"))
    rows: dict[int, dict[str, Any]] = {
        point.pk: {"point": point, "cells": [[] for _ in days]} for point in points
    }
    for shift in roster_between(unit, days[0], days[-1] + dt.timedelta(days=1)):
        row = rows.get(shift.service_point_id)
        if row is None:
            row = rows[shift.service_point_id] = {
                "point": shift.service_point,
                "cells": [[] for _ in days],
            }
        row["cells"][(shift.date - monday).days].append(shift)
    return days, list(rows.values())


def officers_on_duty(service_point_id: int, day: dt.date) -> QuerySet[Officer]:
    """Officers rostered at a counter on a day, leaving out those on leave or other duty."""
    shifts = DutyShift.objects.filter(service_point_id=service_point_id, date=day).exclude(
        attendance__status__in=AttendanceCheck.LEAVE
    )
    return Officer.objects.filter(shifts__in=shifts).distinct()


# --- findings and the ledger ------------------------------------------------------------


def users_rostered_for(application: Application) -> set[int]:
    """Users rostered, on the application's service day, at a counter that served it (one
    query); registered with compensation for a complaint's responsible officer."""
    points = StageRecord.objects.filter(application=application).values("service_point")
    return set(
        DutyShift.objects.filter(
            unit_id=application.unit_id,
            date=application.service_date,
            service_point__in=points,
            officer__user__isnull=False,
        ).values_list("officer__user", flat=True)
    )


def findings_of(unit: Unit) -> QuerySet[Finding]:
    return Finding.objects.filter(unit=unit).select_related("officer", "adjustment", "referral")


def adjustments_of(unit: Unit) -> QuerySet[ScoreAdjustment]:
    return ScoreAdjustment.objects.filter(unit=unit).select_related(
        "officer",
        "finding__objection__decided_by",
        "reverses__finding__objection__decided_by",
        "decided_by",
    )


def pending_objections_count(unit: Unit) -> int:
    from personnel.models import Objection

    return Objection.objects.filter(unit=unit, status=Objection.Status.PENDING).count()


def referrals_of(unit: Unit) -> QuerySet[DisciplinaryReferral]:
    return DisciplinaryReferral.objects.filter(unit=unit).select_related("officer", "finding")


def pending_approvals_count(unit: Unit) -> int:
    """Proposals waiting for the Kasat Lantas (for the home page)."""
    return ScoreAdjustment.objects.filter(unit=unit, status=ScoreAdjustment.Status.PROPOSED).count()


def open_referrals_count(unit: Unit) -> int:
    """Disciplinary referrals not yet decided (for the home page)."""
    return (
        DisciplinaryReferral.objects.filter(unit=unit)
        .exclude(status=DisciplinaryReferral.Status.DECIDED)
        .count()
    )


def officer_summary(officer: Officer, period: dt.date) -> dict[str, int]:
    """One officer's month and semester at a glance, in one query (for the home page)."""
    year, half = periods.semester_of(period)
    start, end = periods.semester_bounds(year, half)
    approved = Q(status=ScoreAdjustment.Status.APPROVED)
    row = ScoreAdjustment.objects.filter(
        officer=officer, period__gte=start, period__lt=end
    ).aggregate(
        month_points=Sum("points", filter=approved & Q(period=period), default=0),
        semester_points=Sum("points", filter=approved, default=0),
        pending=Count("pk", filter=Q(status=ScoreAdjustment.Status.PROPOSED)),
    )
    return row


def semester_totals(unit: Unit, year: int, half: int) -> list[dict]:
    """Per officer: the approved points of an SMK semester, by LKE basis (the assessor's
    recommendation).

    Lists the officers who are judged: those on the roster in the semester, and everyone else
    active except the Kasat and the supervisors, who do the judging (a row of "+0" for them
    read as if they had been assessed); anyone with approved points is listed regardless."""
    start, end = periods.semester_bounds(year, half)
    on_roster = Exists(
        DutyShift.objects.filter(officer=OuterRef("pk"), date__gte=start, date__lt=end)
    )
    judges = Exists(
        User.groups.through.objects.filter(
            user_id=OuterRef("user_id"), group__name__in=[Role.KASAT, Role.SUPERVISOR]
        )
    )
    by_basis: dict[str, list[str]] = {
        basis: [] for basis in (scoring.DISCIPLINE, scoring.PERFORMANCE, scoring.USERS)
    }
    for criterion, basis in scoring.LKE_BASIS.items():
        by_basis[basis].append(criterion)
    approved = Q(adjustments__status=ScoreAdjustment.Status.APPROVED) & Q(
        adjustments__period__gte=start, adjustments__period__lt=end
    )

    def points(extra: Q) -> Sum:
        return Sum("adjustments__points", filter=approved & extra, default=0)

    rows = (
        Officer.objects.filter(unit=unit)
        .annotate(
            total=points(Q()),
            rewards=points(Q(adjustments__kind=ScoreAdjustment.Kind.REWARD)),
            punishments=points(Q(adjustments__kind=ScoreAdjustment.Kind.PUNISHMENT)),
            discipline=points(Q(adjustments__criterion__in=by_basis[scoring.DISCIPLINE])),
            performance=points(Q(adjustments__criterion__in=by_basis[scoring.PERFORMANCE])),
            users=points(Q(adjustments__criterion__in=by_basis[scoring.USERS])),
            entries=Count("adjustments", filter=approved),
        )
        .filter(Q(entries__gt=0) | (Q(is_active=True) & (on_roster | ~judges)))
        .order_by("full_name")
        .values(
            "pk",
            "number",
            "full_name",
            "rank",
            "position",
            "total",
            "rewards",
            "punishments",
            "discipline",
            "performance",
            "users",
            "entries",
        )
    )
    return [dict(row) for row in rows]


def month_ranking(unit: Unit, period: dt.date, *, limit: int = 10) -> list[dict]:
    """Officers by approved net points of a month, best first (candidates for teladan)."""
    rows = (
        ScoreAdjustment.objects.filter(
            unit=unit, period=period, status=ScoreAdjustment.Status.APPROVED
        )
        .values("officer", "officer__full_name", "officer__rank", "officer__number")
        .annotate(
            points=Sum("points"),
            rewards=Count("pk", filter=Q(kind=ScoreAdjustment.Kind.REWARD)),
            punishments=Count("pk", filter=Q(kind=ScoreAdjustment.Kind.PUNISHMENT)),
        )
        .order_by("-points", "punishments", "officer__full_name")[:limit]
    )
    return [dict(row) for row in rows]


def recognitions_of(unit: Unit, period: dt.date) -> QuerySet[Recognition]:
    return Recognition.objects.filter(unit=unit, period=period).select_related("officer")


# --- the month of each officer, for the reward rules ------------------------------------


def officer_months(unit: Unit, period: dt.date) -> dict[int, scoring.OfficerMonth]:
    """What the month held for each active officer of the unit (seven aggregate queries)."""
    first, after = periods.month_start(period), periods.next_month(period)
    start, end = month_bounds(unit, period)
    stats: dict[int, dict[str, int]] = {
        pk: {}
        for pk in Officer.objects.filter(unit=unit, is_active=True).values_list("pk", flat=True)
    }

    def merge(rows: QuerySet, key: str, **fields: str) -> None:
        for row in rows:
            if row[key] in stats:
                for name, column in fields.items():
                    stats[row[key]][name] = row[column] or 0

    in_month = Q(date__gte=first, date__lt=after)
    # A day on leave or other duty is not a duty day at the counter.
    on_duty = ~Q(attendance__status__in=AttendanceCheck.LEAVE)
    covered = CleanlinessCheck.objects.filter(
        service_point=OuterRef("service_point"), checked_on=OuterRef("date")
    )
    merge(
        DutyShift.objects.filter(in_month, unit=unit)
        .annotate(checked=Exists(covered))
        .values("officer")
        .annotate(
            days=Count("date", distinct=True, filter=on_duty),
            checked_days=Count("date", distinct=True, filter=Q(checked=True) & on_duty),
        )
        .order_by(),
        "officer",
        duty_days="days",
        cleanliness_checked_days="checked_days",
    )
    merge(
        AttendanceCheck.objects.filter(unit=unit, checked_on__gte=first, checked_on__lt=after)
        .values("officer")
        .annotate(
            late=Count("pk", filter=Q(is_late=True)),
            absent=Count("pk", filter=Q(status=AttendanceCheck.Status.ABSENT)),
            early=Count("pk", filter=Q(left_early=True)),
        )
        .order_by(),
        "officer",
        late="late",
        absent="absent",
        left_early="early",
    )
    merge(
        AppearanceCheck.objects.filter(unit=unit, checked_on__gte=first, checked_on__lt=after)
        .values("officer")
        .annotate(checks=Count("pk"), failed=Count("pk", filter=Q(passed=False)))
        .order_by(),
        "officer",
        appearance_checks="checks",
        appearance_failed="failed",
    )
    merge(
        Finding.objects.filter(
            unit=unit, period=first, kind=Finding.Kind.PUNISHMENT, status=Finding.Status.ACTIVE
        )
        .values("officer")
        .annotate(
            cleanliness=Count("pk", filter=Q(criterion=scoring.CLEANLINESS)),
            rating=Count("pk", filter=Q(criterion=scoring.USER_RATING)),
        )
        .order_by(),
        "officer",
        cleanliness_findings="cleanliness",
        user_rating_findings="rating",
    )
    merge(
        StageRecord.objects.filter(
            application__unit=unit,
            finished_at__gte=start,
            finished_at__lt=end,
            served_by__officer_profile__unit=unit,
        )
        .values("served_by__officer_profile")
        .annotate(served=Count("pk"))
        .order_by(),
        "served_by__officer_profile",
        served="served",
    )
    # A stage is late for its officer when an overdue case names the officer's own part
    # (service beyond the allowance, counter idle); queue waiting is nobody's.
    merge(
        CompensationCase.objects.filter(
            Q(officer_minutes__gt=0) | Q(attributed_by__isnull=False),
            unit=unit,
            reason=CompensationCase.Reason.OVERDUE,
            opened_at__gte=start,
            opened_at__lt=end,
            minutes_over__gt=0,
            attributed_officer__officer_profile__unit=unit,
        )
        .exclude(status=CompensationCase.Status.WAIVED)
        .values("attributed_officer__officer_profile")
        .annotate(overdue=Count("pk"))
        .order_by(),
        "attributed_officer__officer_profile",
        overdue="overdue",
    )
    return {pk: scoring.OfficerMonth(**values) for pk, values in stats.items()}


def checks_summary(unit: Unit, day: dt.date) -> dict[str, int]:
    """Today's checks at a glance for the supervisor's home section (two queries)."""
    shifts = DutyShift.objects.filter(unit=unit, date=day).aggregate(
        on_duty=Count("pk"),
        attended=Count("pk", filter=Q(attendance__isnull=False)),
        late=Count("pk", filter=Q(attendance__is_late=True)),
    )
    findings = Finding.objects.filter(
        unit=unit, occurred_on=day, kind=Finding.Kind.PUNISHMENT, status=Finding.Status.ACTIVE
    ).count()
    return {**shifts, "findings": findings}
