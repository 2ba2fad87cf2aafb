"""Officers, the officer's own page, and the best officers of the month (petugas teladan)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from personnel import selectors, services
from personnel.forms import RecognitionForm
from personnel.models import Officer, Recognition
from personnel.views.common import office_today, period_from
from satpas import periods
from satpas.access import UnitRequest, get_in_unit, permission_required
from satpas.querystrings import canonical_query, paginate


@require_safe
@permission_required("personnel.view_officer")
@canonical_query(periods=False)
def officer_list(request: UnitRequest) -> HttpResponse:
    officers = (
        selectors.officers_of(request.unit, active_only=False)
        .annotate(
            open_findings=Count(
                "findings",
                filter=Q(findings__period=periods.month_start(office_today(request)))
                & Q(findings__kind="PUNISHMENT", findings__status="ACTIVE"),
            )
        )
        .order_by("-is_active", "full_name")
    )
    search = request.GET.get("cari", "").strip()
    if search:
        officers = officers.filter(Q(full_name__icontains=search) | Q(number__startswith=search))
    return render(
        request,
        "personnel/officer_list.html",
        {
            "page": paginate(request, officers),
            "search": search,
        },
    )


def _record_context(officer: Officer, request: HttpRequest, *, own: bool = False) -> dict:
    """Findings (each with how it was reached), ledger and referrals of one officer (the same
    on both pages); on the officer's own page, the findings they may still object to."""
    period = periods.month_start(office_today(request))
    year, half = periods.semester_of(period)
    page = paginate(
        request,
        officer.findings.select_related(
            "adjustment__reversal", "referral", "objection__decided_by"
        ).order_by("-occurred_on", "-pk"),
    )
    if own:
        policy = services.policy_for(officer.unit)
        now = timezone.now()
        may = request.user.has_perm("personnel.add_objection")
        for finding in page.object_list:
            finding.may_object = may and services.may_object(finding, policy, now)
            finding.objection_deadline = services.objection_deadline(finding, policy)
    return {
        "profile": officer,
        "page": page,
        "adjustments": officer.adjustments.select_related("finding", "decided_by").order_by(
            "-period", "-pk"
        )[:50],
        "referrals": officer.referrals.select_related("finding").order_by("-opened_at"),
        "summary": selectors.officer_summary(officer, period),
        "year": year,
        "half": half,
        "period": period,
        "recognitions": officer.recognitions.order_by("-period"),
    }


@require_safe
@permission_required("personnel.view_officer")
@canonical_query(periods=False)
def officer_detail(request: UnitRequest, pk: int) -> HttpResponse:
    officer = get_in_unit(request, Officer.objects.select_related("user"), pk=pk)
    return render(request, "personnel/officer_detail.html", _record_context(officer, request))


@permission_required("personnel.view_own_record")
@canonical_query(periods=False)
def me(request: UnitRequest) -> HttpResponse:
    """What the system holds about the signed-in officer: transparency for those it judges."""
    officer = selectors.officer_of_user(request.user)
    if officer is None or officer.unit_id != request.unit.pk:
        return render(request, "personnel/me.html", {"profile": None})
    return render(request, "personnel/me.html", _record_context(officer, request, own=True))


@permission_required("personnel.view_recognition")
@canonical_query(periods=False)
def recognition(request: UnitRequest) -> HttpResponse:
    this_month = periods.month_start(office_today(request))
    default = periods.months_back(this_month, 2)[0]
    period = period_from(request, default=default)
    ranking = selectors.month_ranking(request.unit, period)
    named = list(selectors.recognitions_of(request.unit, period))
    may_name = request.user.has_perm("personnel.add_recognition") and period < this_month
    candidates = Officer.objects.filter(
        unit=request.unit, pk__in=[row["officer"] for row in ranking if row["points"] > 0]
    )
    form = RecognitionForm(request.POST or None, officers=candidates)
    if request.method == "POST":
        if not request.user.has_perm("personnel.add_recognition"):
            raise PermissionDenied(_("Anda tidak berwenang menetapkan petugas teladan."))
        if form.is_valid():
            try:
                services.recognition_name(
                    unit=request.unit,
                    period=period,
                    by=request.user,
                    now=timezone.now(),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Petugas teladan ditetapkan."))
                return redirect(f"{reverse('personnel:recognition')}?periode={period:%Y-%m}")
    return render(
        request,
        "personnel/recognition.html",
        {
            "period": period,
            "previous": periods.months_back(period, 2)[0],
            "next": periods.next_month(period),
            "this_month": this_month,
            "ranking": ranking,
            "named": named,
            "form": form,
            "may_name": may_name,
        },
    )


@require_safe
@permission_required("personnel.view_recognition")
def certificate(request: UnitRequest, pk: int) -> HttpResponse:
    """A printable certificate (PDF) on the unit's letterhead: evidence of the award."""
    from weasyprint import HTML

    award = get_in_unit(request, Recognition.objects.select_related("officer", "unit"), pk=pk)
    html = render_to_string(
        "personnel/certificate.html",
        {"award": award, "unit": award.unit, "issued": timezone.localdate(award.named_at)},
        request=request,
    )
    pdf = HTML(string=html).write_pdf()  # self-contained: nothing is fetched
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="piagam-teladan-{award.period:%Y-%m}-{award.position}.pdf"'
    )
    return response
