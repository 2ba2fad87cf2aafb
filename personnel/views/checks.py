"""Checks on a phone: today's roster, then one form per check."""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from personnel import selectors, services
from personnel.forms import (
    AppearanceForm,
    AttendanceForm,
    CleanlinessForm,
    DepartureForm,
    ProfessionalismForm,
)
from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    DutyShift,
    Officer,
)
from personnel.views.common import office_today
from satpas.access import UnitRequest, get_in_unit, permission_required, scoped
from service_timing.models import ServicePoint

PHOTO_KINDS: dict[str, tuple[type[AppearanceCheck] | type[CleanlinessCheck], str]] = {
    "sikap-tampang": (AppearanceCheck, "personnel.view_appearancecheck"),
    "kebersihan": (CleanlinessCheck, "personnel.view_cleanlinesscheck"),
}


def _day(request: HttpRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("tanggal", ""))
    except ValueError:
        return office_today(request)


def _back(day: dt.date) -> str:
    return f"{reverse('personnel:checks')}?tanggal={day.isoformat()}"


def _errors_to_form(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@permission_required("personnel.add_attendancecheck")
def today(request: UnitRequest) -> HttpResponse:
    day = _day(request)
    unit = request.unit
    shifts = list(selectors.roster_between(unit, day, day + dt.timedelta(days=1)))
    checked = dict(
        scoped(request, AppearanceCheck.objects.filter(checked_on=day))
        .values("officer")
        .annotate(n=Count("pk"), failed=Count("pk", filter=Q(passed=False)))
        .values_list("officer", "failed")
    )
    cleanliness = {
        row["service_point"]: row
        for row in scoped(request, CleanlinessCheck.objects.filter(checked_on=day))
        .values("service_point")
        .annotate(n=Count("pk"), failed=Count("pk", filter=Q(passed=False)))
    }
    points = []
    seen = set()
    for shift in shifts:
        # For the template, None: not checked yet; otherwise how many appearance checks failed.
        shift.appearance_failed = checked.get(shift.officer_id)
        if shift.service_point_id not in seen:
            seen.add(shift.service_point_id)
            points.append(
                {"point": shift.service_point, "check": cleanliness.get(shift.service_point_id)}
            )
    return render(
        request,
        "personnel/checks_today.html",
        {
            "day": day,
            "is_today": day == office_today(request),
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "shifts": shifts,
            "points": points,
        },
    )


@permission_required("personnel.add_attendancecheck")
def attendance(request: UnitRequest, shift: int) -> HttpResponse:
    duty = get_in_unit(
        request, DutyShift.objects.select_related("officer", "service_point", "unit"), pk=shift
    )
    now = timezone.now()
    initial = {"arrived_at": timezone.localtime(now).time().replace(second=0, microsecond=0)}
    form = AttendanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        arrived = form.cleaned_data["arrived_at"]
        status = form.status()
        arrived_at = (
            dt.datetime.combine(duty.date, arrived, tzinfo=selectors.office_zone(duty.unit))
            if status == AttendanceCheck.Status.PRESENT and arrived
            else None
        )
        try:
            check = services.attendance_record(
                shift=duty,
                status=status,
                arrived_at=arrived_at,
                note=form.cleaned_data["note"],
                by=request.user,
                now=now,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            if check.is_late:
                messages.warning(
                    request,
                    _("%(officer)s terlambat %(m)d menit: temuan disiplin waktu dicatat.")
                    % {"officer": duty.officer, "m": check.minutes_late},
                )
            elif check.status == check.Status.ABSENT:
                messages.warning(
                    request,
                    _("%(officer)s tidak hadir: temuan disiplin waktu dicatat.")
                    % {"officer": duty.officer},
                )
            elif check.is_leave:
                messages.success(
                    request,
                    _("%(officer)s: %(status)s dicatat (bukan temuan).")
                    % {"officer": duty.officer, "status": check.get_status_display()},
                )
            else:
                messages.success(
                    request,
                    _(
                        "%(officer)s hadir tepat waktu (%(m)d menit setelah jadwal, dalam toleransi)."
                    )
                    % {"officer": duty.officer, "m": check.minutes_late},
                )
            return redirect(_back(duty.date))
    return render(request, "personnel/check_attendance.html", {"form": form, "duty": duty})


@permission_required("personnel.add_attendancecheck")
def departure(request: UnitRequest, check: int) -> HttpResponse:
    """When a present officer left the counter; before the scheduled end is a finding."""
    attendance = get_in_unit(
        request,
        AttendanceCheck.objects.select_related(
            "shift", "shift__unit", "shift__service_point", "officer"
        ),
        pk=check,
    )
    duty = attendance.shift
    now = timezone.now()
    initial = {"left_at": timezone.localtime(now).time().replace(second=0, microsecond=0)}
    form = DepartureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        left_at = dt.datetime.combine(
            duty.date, form.cleaned_data["left_at"], tzinfo=selectors.office_zone(duty.unit)
        )
        try:
            attendance = services.attendance_record_departure(
                check=attendance,
                left_at=left_at,
                note=form.cleaned_data["note"],
                by=request.user,
                now=now,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            if attendance.left_early:
                messages.warning(
                    request,
                    _(
                        "%(officer)s pulang %(m)d menit sebelum jadwal: temuan disiplin waktu dicatat."
                    )
                    % {"officer": duty.officer, "m": attendance.minutes_early},
                )
            else:
                messages.success(
                    request, _("Jam pulang %(officer)s dicatat.") % {"officer": duty.officer}
                )
            return redirect(_back(duty.date))
    return render(
        request,
        "personnel/check_departure.html",
        {"form": form, "duty": duty, "attendance": attendance},
    )


def _officer(request: HttpRequest, pk: int) -> Officer:
    return get_in_unit(request, Officer.objects.filter(is_active=True), pk=pk)


@dataclass(frozen=True)
class _Outcome:
    checked_on: dt.date
    passed: bool
    message: str


def _check_page(
    request: HttpRequest,
    *,
    form: Form,
    title: str,
    subject: object,
    record: Callable[[], _Outcome],
    **context: Any,
) -> HttpResponse:
    """Every check page has one shape: a valid form → one service call (`record`) → a message
    (a warning when a finding was made) → back to the day's roster."""
    if request.method == "POST" and form.is_valid():
        try:
            outcome = record()
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            notify = messages.success if outcome.passed else messages.warning
            notify(request, outcome.message)
            return redirect(_back(outcome.checked_on))
    return render(
        request,
        "personnel/check_form.html",
        {
            "form": form,
            "multipart": "photo" in form.fields,
            "title": title,
            "subject": subject,
            "back": _back(_day(request)),
            **context,
        },
    )


@permission_required("personnel.add_appearancecheck")
def appearance(request: UnitRequest, officer: int) -> HttpResponse:
    person = _officer(request, officer)
    form = AppearanceForm(
        request.POST or None, request.FILES or None, initial={"checked_on": _day(request)}
    )

    def record() -> _Outcome:
        check = services.appearance_record(
            unit=request.unit,
            officer=person,
            checked_on=form.cleaned_data["checked_on"],
            results=form.results(),
            notes=form.notes() or {},
            severity=form.cleaned_data["severity"],
            photo=form.cleaned_data["photo"],
            note=form.cleaned_data["note"],
            by=request.user,
            now=timezone.now(),
        )
        if check.passed:
            message = _("Sikap tampang %(o)s memenuhi.") % {"o": person}
        else:
            message = _("Sikap tampang %(o)s: temuan dicatat.") % {"o": person}
        return _Outcome(check.checked_on, check.passed, message)

    return _check_page(
        request, form=form, title=_("Sikap tampang dan 3S"), subject=person, record=record
    )


@permission_required("personnel.add_professionalismassessment")
def professionalism(request: UnitRequest, officer: int) -> HttpResponse:
    person = _officer(request, officer)
    form = ProfessionalismForm(request.POST or None, initial={"checked_on": _day(request)})

    def record() -> _Outcome:
        assessment = services.professionalism_record(
            unit=request.unit,
            officer=person,
            checked_on=form.cleaned_data["checked_on"],
            scores=form.scores(),
            severity=form.cleaned_data["severity"],
            note=form.cleaned_data["note"],
            by=request.user,
            now=timezone.now(),
        )
        if assessment.passed:
            message = _("Penilaian %(o)s disimpan.") % {"o": person}
        else:
            message = _("Penilaian %(o)s disimpan: temuan dicatat.") % {"o": person}
        return _Outcome(assessment.checked_on, assessment.passed, message)

    return _check_page(
        request, form=form, title=_("Penilaian profesionalisme"), subject=person, record=record
    )


@permission_required("personnel.add_cleanlinesscheck")
def cleanliness(request: UnitRequest, point: int) -> HttpResponse:
    service_point = get_in_unit(request, ServicePoint.objects.all(), pk=point)
    day = _day(request)
    form = CleanlinessForm(request.POST or None, request.FILES or None, initial={"checked_on": day})

    def record() -> _Outcome:
        result = services.cleanliness_record(
            unit=request.unit,
            service_point=service_point,
            checked_on=form.cleaned_data["checked_on"],
            results=form.results(),
            severity=form.cleaned_data["severity"],
            photo=form.cleaned_data["photo"],
            note=form.cleaned_data["note"],
            by=request.user,
            now=timezone.now(),
        )
        if result.check.passed:
            message = _("%(p)s bersih dan nyaman.") % {"p": service_point}
        else:
            message = _("%(p)s tidak memenuhi: %(n)d temuan untuk petugas yang berjaga.") % {
                "p": service_point,
                "n": result.findings,
            }
        return _Outcome(result.check.checked_on, result.check.passed, message)

    return _check_page(
        request,
        form=form,
        title=_("Kebersihan dan kenyamanan loket"),
        subject=service_point,
        record=record,
        on_duty=selectors.officers_on_duty(service_point.pk, day),
    )


@require_safe
@permission_required("personnel.view_finding")
def photo(request: UnitRequest, kind: str, pk: int) -> FileResponse:
    """A check's photo, only to those who may read the check (media is not public)."""
    if kind not in PHOTO_KINDS:
        raise Http404(_("Data tidak ditemukan."))
    model, permission = PHOTO_KINDS[kind]
    if not request.user.has_perm(permission):
        raise PermissionDenied(_("Anda tidak berwenang membuka halaman ini."))
    if model is AppearanceCheck:
        picture = get_in_unit(request, AppearanceCheck.objects.all(), pk=pk).photo
    else:
        picture = get_in_unit(request, CleanlinessCheck.objects.all(), pk=pk).photo
    if not picture:
        raise Http404(_("Pemeriksaan ini tidak berfoto."))
    content_type = mimetypes.guess_type(picture.name or "")[0] or "application/octet-stream"
    return FileResponse(picture.open("rb"), content_type=content_type)
