"""Compensation pages: hand-over (also as an htmx partial in the counter console), register,
stock, SKM survey (public: QR and kiosk), IKM report and complaints."""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from applicants.models import Application
from compensation import periods, selectors, services
from compensation.forms import (
    AttributeForm,
    CaseFilterForm,
    ComplaintCloseForm,
    ComplaintFilterForm,
    ComplaintForm,
    ComplaintNoteForm,
    DeclineForm,
    DissatisfiedForm,
    GiveForm,
    KioskTicketForm,
    PeriodForm,
    StockAdjustForm,
    StockReceiveForm,
    SurveyForm,
    WaiveForm,
)
from compensation.models import CompensationCase, CompensationItem, Complaint, StockMovement
from satpas.access import get_in_unit, permission_required, require_unit, scoped
from satpas.models import Unit
from satpas.ratelimits import over_limit, too_many

PAGE_SIZE = 50
logger = logging.getLogger(__name__)
# The signed cookie that makes a tablet the unit's exit kiosk (set by a supervisor).
KIOSK_COOKIE = "satpas_kiosk"
KIOSK_SALT = "satpas.compensation.kiosk"


def _zone(request: HttpRequest) -> ZoneInfo:
    return ZoneInfo(require_unit(request).time_zone)


def _today(request: HttpRequest) -> dt.date:
    return timezone.localdate(timezone=_zone(request))


def _page(request: HttpRequest, queryset: Any) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _errors(exc: ValidationError) -> list[str]:
    return [str(message) for message in exc.messages]


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- hand-over ------------------------------------------------------------------------------


def _handover_context(
    request: HttpRequest,
    application: Application,
    *,
    bound: dict[tuple[str, int], Any] | None = None,
    notice: str = "",
    errors: list[str] | None = None,
) -> dict[str, Any]:
    bound = bound or {}
    rows = []
    for case in selectors.cases_of_application(application):
        row: dict[str, Any] = {"case": case}
        if case.status == CompensationCase.Status.DUE:
            prefix = f"c{case.pk}"
            row["give_form"] = bound.get(("give", case.pk)) or GiveForm(
                items=services.offered_items(case), prefix=prefix
            )
            row["decline_form"] = bound.get(("decline", case.pk)) or DeclineForm(prefix=prefix)
            row["waive_form"] = bound.get(("waive", case.pk)) or WaiveForm(prefix=prefix)
        rows.append(row)
    has_dissatisfied = any(
        row["case"].reason == CompensationCase.Reason.DISSATISFIED for row in rows
    )
    return {
        "application": application,
        "rows": rows,
        "due_count": sum(row["case"].status == CompensationCase.Status.DUE for row in rows),
        "dissatisfied_form": None
        if has_dissatisfied
        else bound.get(("dissatisfied", application.pk)) or DissatisfiedForm(),
        "notice": notice,
        "errors": errors or [],
        "may_settle": request.user.has_perm("compensation.settle_compensationcase"),
        "may_waive": request.user.has_perm("compensation.waive_compensationcase"),
    }


def _render_handover(request: HttpRequest, application: Application, **kwargs: Any) -> HttpResponse:
    context = _handover_context(request, application, **kwargs)
    if request.htmx:  # type: ignore[attr-defined]
        # Embedded in the counter console or the application page: the focus stays where
        # the officer is (the console's scan field), so nothing here takes it.
        return render(request, "compensation/_handover.html", {**context, "embedded": True})
    return render(request, "compensation/handover.html", context)


def _after_action(request: HttpRequest, application: Application, notice: str) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return _render_handover(request, application, notice=notice)
    messages.success(request, notice)
    return redirect("compensation:handover", pk=application.pk)


def _application(request: HttpRequest, pk: int) -> Application:
    return get_in_unit(request, Application.objects.select_related("applicant"), pk=pk)


def _case(request: HttpRequest, pk: int) -> CompensationCase:
    return get_in_unit(
        request,
        CompensationCase.objects.select_related("application__applicant"),
        pk=pk,
    )


@require_GET
@permission_required("compensation.view_compensationcase")
def case_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """The hand-over photo, only to those who may read the case (media is not public)."""
    case = _case(request, pk)
    if not case.photo:
        raise Http404(_("Kasus ini tidak berfoto."))
    content_type = mimetypes.guess_type(case.photo.name)[0] or "application/octet-stream"
    return FileResponse(case.photo.open("rb"), content_type=content_type)


@require_safe
@permission_required("compensation.view_compensationcase")
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    """What an application is owed, settled at the SERAH counter."""
    return _render_handover(request, _application(request, pk))


@require_POST
@permission_required("compensation.settle_compensationcase")
def case_give(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = GiveForm(
        request.POST, request.FILES, items=services.offered_items(case), prefix=f"c{case.pk}"
    )
    if form.is_valid():
        try:
            services.case_give(
                case=case,
                item=form.cleaned_data["item"],
                acknowledged=form.cleaned_data["acknowledged"],
                note=form.cleaned_data["note"],
                photo=form.cleaned_data["photo"],
                user=request.user,
            )
        except ValidationError as exc:
            return _render_handover(request, case.application, errors=_errors(exc))
        return _after_action(
            request,
            case.application,
            _("%(item)s diserahkan kepada pemohon %(q)s.")
            % {"item": form.cleaned_data["item"].name, "q": case.application.queue_number},
        )
    return _render_handover(request, case.application, bound={("give", case.pk): form})


@require_POST
@permission_required("compensation.settle_compensationcase")
def case_decline(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = DeclineForm(request.POST, prefix=f"c{case.pk}")
    form.is_valid()
    try:
        services.case_decline(case=case, note=form.cleaned_data.get("note", ""), user=request.user)
    except ValidationError as exc:
        return _render_handover(request, case.application, errors=_errors(exc))
    return _after_action(
        request,
        case.application,
        _("Dicatat: pemohon %(q)s menolak kompensasi.") % {"q": case.application.queue_number},
    )


@require_POST
@permission_required("compensation.waive_compensationcase")
def case_waive(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = WaiveForm(request.POST, prefix=f"c{case.pk}")
    if not form.is_valid():
        return _render_handover(request, case.application, bound={("waive", case.pk): form})
    try:
        services.case_waive(case=case, reason=form.cleaned_data["reason"], user=request.user)
    except ValidationError as exc:
        return _render_handover(request, case.application, errors=_errors(exc))
    return _after_action(
        request,
        case.application,
        _("Kompensasi pemohon %(q)s dibebaskan.") % {"q": case.application.queue_number},
    )


@require_POST
@permission_required("compensation.settle_compensationcase")
def dissatisfied(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = DissatisfiedForm(request.POST)
    form.is_valid()
    try:
        _case, complaint = services.case_open_dissatisfied(
            application=application,
            description=form.cleaned_data.get("description", ""),
            complaint_text=form.cleaned_data.get("complaint", ""),
            user=request.user,
        )
    except ValidationError as exc:
        return _render_handover(request, application, errors=_errors(exc))
    if complaint is not None:
        text = _("Dicatat: pemohon %(q)s kurang puas. Kompensasi terutang dan pengaduan dibuat.")
    else:
        text = _("Dicatat: pemohon %(q)s kurang puas. Kompensasi terutang.")
    return _after_action(request, application, text % {"q": application.queue_number})


@permission_required("compensation.attribute_compensationcase")
def case_attribute(request: HttpRequest, pk: int) -> HttpResponse:
    """A supervisor names the officer when the clock could not."""
    case = get_in_unit(
        request,
        CompensationCase.objects.select_related(
            "application", "attributed_stage", "attributed_point", "attributed_officer"
        ),
        pk=pk,
    )
    officers = selectors.unit_officers(require_unit(request))
    form = AttributeForm(request.POST or None, officers=officers)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_attribute(
                case=case,
                officer=form.cleaned_data["officer"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Petugas ditetapkan untuk kasus ini."))
            return redirect("compensation:register")
    return render(request, "compensation/attribute.html", {"case": case, "form": form})


# --- register -------------------------------------------------------------------------------


@require_safe
@permission_required("compensation.view_compensationcase")
def register(request: HttpRequest) -> HttpResponse:
    """Every compensation case, with filters by period, state, reason and officer."""
    unit = require_unit(request)
    officers = list(selectors.unit_officers(unit))
    form = CaseFilterForm(
        request.GET or None, today=_today(request), zone=_zone(request), officers=officers
    )
    period = form.period()
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    cases = selectors.case_register(
        unit,
        start=period.start if period else None,
        end=period.end if period else None,
        status=data.get("status", ""),
        reason=data.get("alasan", ""),
        officer_id=data.get("petugas"),
    )
    return render(
        request,
        "compensation/register.html",
        {
            "form": form,
            "period": period,
            "counts": selectors.case_counts(cases),
            "page": _page(request, cases),
            "query": _query_without_page(request),
            "open_count": selectors.open_case_count(unit),
        },
    )


# --- stock ----------------------------------------------------------------------------------


def _stock_forms(
    request: HttpRequest, *, receive_data: Any = None, adjust_data: Any = None
) -> tuple[StockReceiveForm, StockAdjustForm]:
    unit = require_unit(request)
    items = CompensationItem.objects.filter(unit=unit, is_active=True).order_by("name")
    return (
        StockReceiveForm(
            receive_data, items=items, officers=selectors.unit_officers(unit), prefix="terima"
        ),
        StockAdjustForm(adjust_data, items=items, prefix="sesuai"),
    )


def _render_stock(request: HttpRequest, receive_form: Any, adjust_form: Any) -> HttpResponse:
    unit = require_unit(request)
    movements = (
        StockMovement.objects.filter(item__unit=unit)
        .select_related("item", "recorded_by", "supplied_by", "case__application")
        .order_by("-occurred_at", "-pk")
    )
    return render(
        request,
        "compensation/stock.html",
        {
            "items": list(selectors.items_with_stock(unit).order_by("name")),
            "page": _page(request, movements),
            "receive_form": receive_form,
            "adjust_form": adjust_form,
            "may_record": request.user.has_perm("compensation.add_stockmovement"),
        },
    )


@require_safe
@permission_required("compensation.view_stockmovement")
def stock(request: HttpRequest) -> HttpResponse:
    """Items, their stock (the ledger's sum) and the ledger."""
    return _render_stock(request, *_stock_forms(request))


@require_POST
@permission_required("compensation.add_stockmovement")
def stock_receive(request: HttpRequest) -> HttpResponse:
    receive_form, adjust_form = _stock_forms(request, receive_data=request.POST)
    if receive_form.is_valid():
        data = receive_form.cleaned_data
        try:
            services.stock_receive(
                item=data["item"],
                quantity=data["quantity"],
                supplied_by=data["supplied_by"],
                note=data["note"],
                user=request.user,
            )
        except ValidationError as exc:
            for message in _errors(exc):
                receive_form.add_error(None, message)
        else:
            messages.success(
                request,
                _("%(n)d %(label)s %(item)s diterima.")
                % {"n": data["quantity"], "label": data["item"].unit_label, "item": data["item"]},
            )
            return redirect("compensation:stock")
    return _render_stock(request, receive_form, adjust_form)


@require_POST
@permission_required("compensation.add_stockmovement")
def stock_adjust(request: HttpRequest) -> HttpResponse:
    receive_form, adjust_form = _stock_forms(request, adjust_data=request.POST)
    if adjust_form.is_valid():
        data = adjust_form.cleaned_data
        try:
            services.stock_adjust(
                item=data["item"], quantity=data["quantity"], note=data["note"], user=request.user
            )
        except ValidationError as exc:
            for message in _errors(exc):
                adjust_form.add_error(None, message)
        else:
            messages.success(
                request, _("Penyesuaian stok %(item)s dicatat.") % {"item": data["item"]}
            )
            return redirect("compensation:stock")
    return _render_stock(request, receive_form, adjust_form)


# --- SKM survey (public) --------------------------------------------------------------------


def _survey_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    response = render(request, template, context)
    # A shared tablet or phone must not show the previous person's answers from the cache.
    response["Cache-Control"] = "no-store"
    return response


def _staff_refused(request: HttpRequest, unit: Unit) -> HttpResponse | None:
    """Someone signed in is staff, not an applicant: they may see the page, never answer.
    None when the visitor is anonymous."""
    if not request.user.is_authenticated:
        return None
    status = 403 if request.method == "POST" else 200
    response = _survey_page(
        request,
        "compensation/survey_staff.html",
        {
            "unit": unit,
            "may_enrol": request.user.has_perm("compensation.enrol_kiosk")
            and request.user.home_unit_id == unit.pk,
        },
    )
    response.status_code = status
    return response


@login_not_required
def survey(request: HttpRequest, ticket_code: str) -> HttpResponse:
    """The SKM questionnaire reached from the ticket's QR code or the status page."""
    application = get_object_or_404(
        Application.objects.select_related("unit", "survey_response"), ticket_code=ticket_code
    )
    if hasattr(application, "survey_response"):
        return _survey_page(
            request,
            "compensation/survey_thanks.html",
            {"unit": application.unit, "owed": _owed_for_dissatisfaction(application)},
        )
    if (refused := _staff_refused(request, application.unit)) is not None:
        return refused
    if request.method == "POST" and over_limit(request, "survey", unit_code=application.unit.code):
        return too_many(request)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_submit(
                unit=application.unit,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                as_complaint=form.cleaned_data["as_complaint"],
                channel="QR",
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            return redirect("compensation:survey", ticket_code=ticket_code)
    return _survey_page(
        request,
        "compensation/survey.html",
        {"form": form, "application": application, "unit": application.unit},
    )


def _owed_for_dissatisfaction(application: Application | None) -> bool:
    return (
        application is not None
        and CompensationCase.objects.filter(
            application=application,
            reason=CompensationCase.Reason.DISSATISFIED,
            status=CompensationCase.Status.DUE,
        ).exists()
    )


# The kiosk keeps the ticket being answered and the last answer's outcome in the session, so
# that every page it shows is a GET (Back never asks to resend a form on the shared tablet).
KIOSK_TICKET = "kiosk_ticket"
KIOSK_OWED = "kiosk_owed"


def kiosk_enrolled(request: HttpRequest, unit: Unit) -> bool:
    """This device carries a supervisor's enrolment as the unit's kiosk, still valid."""
    value = request.get_signed_cookie(
        KIOSK_COOKIE,
        default=None,
        salt=KIOSK_SALT,
        max_age=settings.KIOSK_ENROLMENT_DAYS * 24 * 60 * 60,
    )
    return value == unit.code


def _kiosk_unenrolled(request: HttpRequest, unit: Unit) -> HttpResponse:
    response = _survey_page(request, "compensation/kiosk_unenrolled.html", {"unit": unit})
    response.status_code = 403
    return response


@require_http_methods(["GET", "POST"])
@permission_required("compensation.enrol_kiosk")
def kiosk_enrol(request: HttpRequest, unit_code: str) -> HttpResponse:
    """A supervisor makes this tablet the unit's exit kiosk: a signed cookie, then signs out so
    that the tablet is left to applicants, not logged in as staff."""
    unit = require_unit(request)
    if unit.code != unit_code:
        raise Http404(_("Kios ini bukan milik satuan Anda."))
    if unit.pk != request.user.home_unit_id:
        raise PermissionDenied(_("Kios hanya dapat didaftarkan di satuan asal Anda."))
    if request.method == "GET":
        return render(request, "compensation/kiosk_enrol.html", {"unit": unit})
    response = redirect("compensation:kiosk", unit_code=unit.code)
    response.set_signed_cookie(
        KIOSK_COOKIE,
        unit.code,
        salt=KIOSK_SALT,
        max_age=settings.KIOSK_ENROLMENT_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    logger.info("Kiosk enrolled for unit %s by user %s", unit.code, request.user.pk)
    logout(request)
    messages.success(
        request,
        _("Perangkat ini terdaftar sebagai kios survei %(unit)s. Anda telah keluar.")
        % {"unit": unit.name},
    )
    return response


def _kiosk_unit(unit_code: str) -> Unit:
    return get_object_or_404(Unit, code=unit_code, is_active=True)


def _ticket_from_scan(text: str) -> str:
    """A scanner reading the ticket's QR types the status URL: the code is its last part."""
    parts = [part for part in text.strip().split("/") if part]
    return parts[-1] if parts else ""


def _kiosk_application(unit: Unit, ticket_code: str) -> Application:
    application = (
        Application.objects.select_related("survey_response")
        .filter(unit=unit, ticket_code=ticket_code)
        .first()
    )
    if application is None:
        raise ValidationError(_("Tiket tidak ditemukan di satuan ini. Periksa kembali kodenya."))
    if hasattr(application, "survey_response"):
        raise ValidationError(_("Survei untuk tiket ini sudah diisi. Terima kasih."))
    return application


@login_not_required
def kiosk(request: HttpRequest, unit_code: str) -> HttpResponse:
    """A tablet at the exit: scan or type the ticket (or answer without one), then the survey."""
    unit = _kiosk_unit(unit_code)
    if (refused := _staff_refused(request, unit)) is not None:
        return refused
    if request.method == "POST" and over_limit(request, "kiosk", unit_code=unit.code):
        return too_many(request)
    enrolled = kiosk_enrolled(request, unit)
    ticket_form = KioskTicketForm(request.POST or None)
    if request.method == "POST":
        if "anonymous" in request.POST:
            if not enrolled:
                return _kiosk_unenrolled(request, unit)
            request.session[KIOSK_TICKET] = ""
            return redirect("compensation:kiosk_survey", unit_code=unit.code)
        if ticket_form.is_valid():
            code = _ticket_from_scan(ticket_form.cleaned_data["ticket_code"])
            try:
                _kiosk_application(unit, code)
            except ValidationError as exc:
                ticket_form.add_error("ticket_code", exc.messages[0])
            else:
                request.session[KIOSK_TICKET] = code
                return redirect("compensation:kiosk_survey", unit_code=unit.code)
    return _survey_page(
        request,
        "compensation/kiosk.html",
        {"unit": unit, "form": ticket_form, "enrolled": enrolled},
    )


@login_not_required
@require_safe
def kiosk_survey(request: HttpRequest, unit_code: str) -> HttpResponse:
    """The questionnaire for the ticket just scanned (or anonymous), reached by redirect."""
    unit = _kiosk_unit(unit_code)
    if KIOSK_TICKET not in request.session:
        return redirect("compensation:kiosk", unit_code=unit.code)
    code = request.session[KIOSK_TICKET]
    try:
        application = _kiosk_application(unit, code) if code else None
    except ValidationError:
        del request.session[KIOSK_TICKET]
        return redirect("compensation:kiosk", unit_code=unit.code)
    return _survey_page(
        request,
        "compensation/kiosk_survey.html",
        {"unit": unit, "form": SurveyForm(), "ticket_code": code, "application": application},
    )


@login_not_required
@require_safe
def kiosk_thanks(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = _kiosk_unit(unit_code)
    owed = request.session.pop(KIOSK_OWED, False)
    return _survey_page(
        request, "compensation/survey_thanks.html", {"unit": unit, "kiosk": True, "owed": owed}
    )


@login_not_required
@require_POST
def kiosk_submit(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = _kiosk_unit(unit_code)
    if (refused := _staff_refused(request, unit)) is not None:
        return refused
    if over_limit(request, "kiosk", unit_code=unit.code):
        return too_many(request)
    code = request.POST.get("ticket_code", "")
    if not code and not kiosk_enrolled(request, unit):
        return _kiosk_unenrolled(request, unit)
    application = None
    form = SurveyForm(request.POST)
    try:
        application = _kiosk_application(unit, code) if code else None
    except ValidationError as exc:
        return _survey_page(
            request,
            "compensation/kiosk.html",
            {
                "unit": unit,
                "form": KioskTicketForm(),
                "errors": exc.messages,
                "enrolled": kiosk_enrolled(request, unit),
            },
        )
    if form.is_valid():
        try:
            services.survey_submit(
                unit=unit,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                as_complaint=form.cleaned_data["as_complaint"],
                channel="KIOSK",
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            request.session.pop(KIOSK_TICKET, None)
            request.session[KIOSK_OWED] = _owed_for_dissatisfaction(application)
            return redirect("compensation:kiosk_thanks", unit_code=unit.code)
    return _survey_page(
        request,
        "compensation/kiosk_survey.html",
        {"unit": unit, "form": form, "ticket_code": code, "application": application},
    )


# --- IKM ------------------------------------------------------------------------------------


@require_safe
@permission_required("compensation.view_surveyresponse")
def ikm(request: HttpRequest) -> HttpResponse:
    """IKM of a month, quarter or year, with the distribution of answers per element."""
    unit = require_unit(request)
    form = PeriodForm(request.GET or None, today=_today(request), zone=_zone(request))
    period = form.period() or periods.containing(periods.MONTH, _today(request), _zone(request))
    report = selectors.ikm_report(unit, period.start, period.end)
    chart = [
        {
            "field": row.element.field,
            "name": str(row.element.name),
            "answers": [str(answer) for answer in row.element.answers],
            "counts": list(row.counts),
        }
        for row in report.elements
    ]
    return render(
        request,
        "compensation/ikm.html",
        {"form": form, "period": period, "report": report, "chart": chart},
    )


# --- complaints -----------------------------------------------------------------------------


@require_safe
@permission_required("compensation.view_complaint")
def complaints(request: HttpRequest) -> HttpResponse:
    unit = require_unit(request)
    form = ComplaintFilterForm(request.GET or None, today=_today(request), zone=_zone(request))
    period = form.period()
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    start, end = (period.start, period.end) if period else (None, None)
    rows = selectors.complaint_list(
        unit,
        start=start,
        end=end,
        status=data.get("status", ""),
        channel=data.get("saluran", ""),
    )
    return render(
        request,
        "compensation/complaints.html",
        {
            "form": form,
            "period": period,
            "handling": selectors.complaint_handling(unit, start, end),
            "page": _page(request, rows),
            "query": _query_without_page(request),
        },
    )


@permission_required("compensation.add_complaint")
def complaint_new(request: HttpRequest) -> HttpResponse:
    unit = require_unit(request)
    form = ComplaintForm(request.POST or None, officers=selectors.unit_officers(unit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application = None
        if data["queue_number"]:
            application = (
                scoped(request, Application.objects.all())
                .filter(
                    queue_number=data["queue_number"].upper(), service_date=data["service_date"]
                )
                .first()
            )
            if application is None:
                form.add_error("queue_number", _("Permohonan dengan nomor antrean ini tidak ada."))
        if not form.errors:
            try:
                complaint = services.complaint_create(
                    unit=unit,
                    channel=data["channel"],
                    lapor_reference=data["lapor_reference"],
                    received_at=data["received_at"],
                    description=data["description"],
                    application=application,
                    about_officer=data["about_officer"],
                    user=request.user,
                )
            except ValidationError as exc:
                for message in _errors(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Pengaduan dicatat."))
                return redirect("compensation:complaint_detail", pk=complaint.pk)
    return render(request, "compensation/complaint_form.html", {"form": form})


def _complaint(request: HttpRequest, pk: int) -> Complaint:
    return get_in_unit(
        request,
        Complaint.objects.select_related(
            "application", "about_officer", "handled_by", "compensation_case"
        ),
        pk=pk,
    )


def _render_complaint(
    request: HttpRequest,
    complaint: Complaint,
    note_form: Any = None,
    close_form: Any = None,
) -> HttpResponse:
    officers = selectors.responsible_candidates(complaint.application)
    return render(
        request,
        "compensation/complaint_detail.html",
        {
            "complaint": complaint,
            "notes": complaint.notes.select_related("written_by").order_by("written_at", "pk"),
            "note_form": note_form or ComplaintNoteForm(),
            "close_form": close_form or ComplaintCloseForm(officers=officers),
            "may_handle": request.user.has_perms(
                ["compensation.change_complaint", "compensation.add_complaintnote"]
            )
            and complaint.status != Complaint.Status.DONE,
        },
    )


@require_safe
@permission_required("compensation.view_complaint")
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_complaint(request, _complaint(request, pk))


@require_POST
@permission_required("compensation.add_complaintnote", "compensation.change_complaint")
def complaint_note(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = ComplaintNoteForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_add_note(
                complaint=complaint, text=form.cleaned_data["text"], user=request.user
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Tindak lanjut dicatat."))
            return redirect("compensation:complaint_detail", pk=complaint.pk)
    return _render_complaint(request, complaint, note_form=form)


@require_POST
@permission_required("compensation.add_complaintnote", "compensation.change_complaint")
def complaint_close(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    form = ComplaintCloseForm(
        request.POST, officers=selectors.responsible_candidates(complaint.application)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.complaint_close(
                complaint=complaint,
                substantiated=data["substantiated"],
                about_officer=data["about_officer"],
                conclusion=data["conclusion"],
                user=request.user,
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("Pengaduan selesai ditangani."))
            return redirect("compensation:complaint_detail", pk=complaint.pk)
    return _render_complaint(request, complaint, close_form=form)
