"""Findings, the policy, proposals and decisions, the SMK semester export, referrals."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from personnel import exports, scoring, selectors, services
from personnel.filters import FindingFilter
from personnel.forms import (
    BulkDecisionForm,
    DecisionForm,
    PolicyForm,
    ReferralForm,
    RewardRuleForm,
)
from personnel.models import (
    Criterion,
    DisciplinaryReferral,
    Finding,
    Rank,
    ScoreAdjustment,
    Severity,
)
from personnel.views.common import office_today, period_from
from satpas import periods
from satpas.access import UnitRequest, get_in_unit, permission_required
from satpas.querystrings import canonical_query, paginate


@require_safe
@permission_required("personnel.view_finding")
@canonical_query(periods=False)
def finding_list(request: UnitRequest) -> HttpResponse:
    period = period_from(request)
    in_month = selectors.findings_of(request.unit).filter(period=period)
    findings = FindingFilter(request.GET, queryset=in_month).qs
    criterion, kind = request.GET.get("kriteria", ""), request.GET.get("jenis", "")
    return render(
        request,
        "personnel/finding_list.html",
        {
            "page": paginate(request, findings),
            "period": period,
            "criteria": Criterion.choices,
            "kinds": Finding.Kind.choices,
            "criterion": criterion,
            "kind": kind,
        },
    )


@require_safe
@permission_required("personnel.view_finding")
def finding_detail(request: UnitRequest, pk: int) -> HttpResponse:
    finding = get_in_unit(
        request,
        Finding.objects.select_related(
            "officer",
            "adjustment__decided_by",
            "referral",
            "attendance__shift__service_point",
            "appearance",
            "professionalism",
            "cleanliness__service_point",
            "compensation_case__application",
            "complaint",
            "reward_rule",
            "adjustment__reversal",
            "objection__decided_by",
        ),
        pk=pk,
    )
    return render(request, "personnel/finding_detail.html", {"finding": finding})


@permission_required("personnel.view_scorepolicy")
def policy(request: UnitRequest) -> HttpResponse:
    current = services.policy_for(request.unit)
    rules = list(current.reward_rules.all())
    editing = request.user.has_perm("personnel.change_scorepolicy")
    data = request.POST if request.method == "POST" else None
    if data is not None and not editing:
        raise PermissionDenied(_("Anda tidak berwenang mengubah kebijakan."))
    form = PolicyForm(data, instance=current)
    rule_forms = [
        (rule, RewardRuleForm(data, instance=rule, prefix=f"rule-{rule.pk}")) for rule in rules
    ]
    if data is not None and form.is_valid() and all(f.is_valid() for _r, f in rule_forms):
        try:
            services.policy_update(
                policy=current,
                values=form.cleaned_data,
                rules={rule.pk: f.cleaned_data for rule, f in rule_forms},
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Kebijakan reward & punishment disimpan."))
            return redirect("personnel:policy")
    return render(
        request,
        "personnel/policy.html",
        {
            "form": form,
            "rule_forms": rule_forms,
            "editing": editing,
            "defaults": scoring,
        },
    )


@require_safe
@permission_required("personnel.view_scoreadjustment")
@canonical_query(periods=False)
def adjustment_list(request: UnitRequest) -> HttpResponse:
    period = period_from(request)
    status = request.GET.get("status", ScoreAdjustment.Status.PROPOSED)
    adjustments = selectors.adjustments_of(request.unit).filter(period=period)
    if status in ScoreAdjustment.Status.values:
        adjustments = adjustments.filter(status=status)
    else:
        status = ""
    adjustments = adjustments.order_by("officer__full_name", "finding__occurred_on", "pk")
    return render(
        request,
        "personnel/adjustment_list.html",
        {
            "page": paginate(request, adjustments),
            "period": period,
            "status": status,
            "statuses": ScoreAdjustment.Status.choices,
            "may_decide": request.user.has_perm("personnel.decide_scoreadjustment"),
            "may_propose": request.user.has_perm("personnel.propose_scoreadjustment"),
            "pending": selectors.pending_approvals_count(request.unit),
            "objections_pending": selectors.pending_objections_count(request.unit),
        },
    )


def _adjustments_url(period: object, status: str = "PROPOSED") -> str:
    return f"{reverse('personnel:adjustments')}?periode={period:%Y-%m}&status={status}"


@require_POST
@permission_required("personnel.propose_scoreadjustment")
def propose(request: UnitRequest) -> HttpResponse:
    period = periods.month_start(office_today(request))
    with contextlib.suppress(ValueError):
        period = periods.parse_month(request.POST.get("periode", ""))
    summary = services.adjustments_propose(
        unit=request.unit, period=period, by=request.user, now=timezone.now()
    )
    # The true counts: every finding not yet proposed is proposed now, whenever it was made
    # (a check makes its finding when recorded; cases and monthly rules make theirs here).
    text = _(
        "%(proposed)d usulan baru dari %(findings)d temuan yang belum diusulkan untuk "
        "%(month)s (%(made)d temuan baru disusun dari kasus, pengaduan dan aturan bulanan)."
    ) % {
        "proposed": summary.proposed,
        "findings": summary.findings,
        "made": summary.made,
        "month": period.strftime("%m-%Y"),
    }
    if not summary.rewards_evaluated:
        text += " " + _("Aturan penghargaan dinilai setelah bulan berakhir.")
    messages.success(request, text)
    return redirect(_adjustments_url(period))


@require_POST
@permission_required("personnel.decide_scoreadjustment")
def decide(request: UnitRequest, pk: int) -> HttpResponse:
    adjustment = get_in_unit(request, ScoreAdjustment.objects.select_related("officer"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih setujui atau tolak."))
    else:
        try:
            services.adjustment_decide(
                adjustment=adjustment,
                approve=form.cleaned_data["approve"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                now=timezone.now(),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            verb = _("disetujui") if form.cleaned_data["approve"] else _("ditolak")
            messages.success(
                request,
                _("Usulan %(points)+d untuk %(officer)s %(verb)s.")
                % {"points": adjustment.points, "officer": adjustment.officer, "verb": verb},
            )
    return redirect(_adjustments_url(adjustment.period))


@require_POST
@permission_required("personnel.decide_scoreadjustment")
def decide_bulk(request: UnitRequest) -> HttpResponse:
    ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
    form = BulkDecisionForm(request.POST, choices=ids)
    period = period_from(request)
    with contextlib.suppress(ValueError):
        period = periods.parse_month(request.POST.get("periode", ""))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            count = services.adjustments_decide(
                unit=request.unit,
                ids=form.cleaned_data["ids"],
                approve=form.cleaned_data["approve"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                now=timezone.now(),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            verb = _("disetujui") if form.cleaned_data["approve"] else _("ditolak")
            messages.success(request, _("%(n)d usulan %(verb)s.") % {"n": count, "verb": verb})
    return redirect(_adjustments_url(period))


def _semester(request: HttpRequest) -> tuple[int, int]:
    try:
        return periods.parse_semester(request.GET.get("periode", ""))
    except ValueError:
        return periods.semester_of(office_today(request))


@require_safe
@permission_required("personnel.view_scoreadjustment")
@canonical_query(periods=False)
def semester(request: UnitRequest) -> HttpResponse:
    year, half = _semester(request)
    rows = selectors.semester_totals(request.unit, year, half)
    return render(
        request,
        "personnel/semester.html",
        {
            "rows": rows,
            "year": year,
            "half": half,
            "previous": f"{year - 1}-S2" if half == 1 else f"{year}-S1",
            "next": f"{year}-S2" if half == 1 else f"{year + 1}-S1",
            "ranks": dict(Rank.choices),
        },
    )


@require_safe
@permission_required("personnel.view_scoreadjustment")
@canonical_query(periods=False)
def semester_export(request: UnitRequest) -> HttpResponse:
    year, half = _semester(request)
    return exports.semester_workbook_response(request.unit, year, half)


@require_safe
@permission_required("personnel.view_disciplinaryreferral")
@canonical_query(periods=False)
def referral_list(request: UnitRequest) -> HttpResponse:
    referrals = selectors.referrals_of(request.unit)
    status = request.GET.get("status", "")
    if status == "terbuka":
        referrals = referrals.exclude(status=DisciplinaryReferral.Status.DECIDED)
    elif status in DisciplinaryReferral.Status.values:
        referrals = referrals.filter(status=status)
    return render(
        request,
        "personnel/referral_list.html",
        {
            "page": paginate(request, referrals),
            "status": status,
            "statuses": DisciplinaryReferral.Status.choices,
        },
    )


@permission_required("personnel.view_disciplinaryreferral")
def referral_detail(request: UnitRequest, pk: int) -> HttpResponse:
    referral = get_in_unit(
        request,
        DisciplinaryReferral.objects.select_related("officer", "finding", "decided_by"),
        pk=pk,
    )
    may_change = request.user.has_perm("personnel.change_disciplinaryreferral")
    form = ReferralForm(
        request.POST or None, initial={"status": referral.status, "decision": referral.decision}
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied(_("Anda tidak berwenang mengubah rujukan."))
        if form.is_valid():
            try:
                with transaction.atomic():
                    services.referral_update(
                        referral=referral,
                        status=form.cleaned_data["status"],
                        decision=form.cleaned_data["decision"],
                        by=request.user,
                        now=timezone.now(),
                    )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Rujukan disiplin diperbarui."))
                return redirect("personnel:referral", pk=referral.pk)
    return render(
        request,
        "personnel/referral_detail.html",
        {
            "referral": referral,
            "form": form,
            "may_change": may_change and referral.status != DisciplinaryReferral.Status.DECIDED,
            "severity": Severity,
        },
    )
