from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from personnel.models import (
    AppearanceCheck,
    AttendanceCheck,
    CleanlinessCheck,
    DisciplinaryReferral,
    DutyShift,
    Finding,
    Objection,
    Officer,
    ProfessionalismAssessment,
    Recognition,
    RewardRule,
    ScoreAdjustment,
    ScorePolicy,
)
from personnel.resources import DutyShiftResource, SafeXLSX
from personnel.services import policy_update
from satpas.access import signed_in_user
from satpas.admin_scoping import UnitScopedAdminMixin


class _ReadOnlyEvidenceAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    """Evidence is written by the pages' services (which derive findings); admin reads it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Officer)
class OfficerAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "rank", "number", "position", "user", "is_active", "unit"]
    list_filter = ["is_active", "rank", "unit"]
    search_fields = ["full_name", "number", "position"]
    list_select_related = ["unit", "user"]
    autocomplete_fields = ["user"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Officers are deactivated, never deleted: findings and the ledger point at them.
        return False


@admin.register(DutyShift)
class DutyShiftAdmin(ImportExportMixin, UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["date", "shift", "officer", "service_point", "starts_at", "ends_at"]
    list_filter = ["shift", "unit", "service_point", "date"]
    search_fields = ["officer__full_name", "officer__number"]
    date_hierarchy = "date"
    list_select_related = ["officer", "service_point", "unit"]
    raw_id_fields = ["officer", "service_point"]

    def get_resource_kwargs(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        return {"unit": signed_in_user(request).home_unit}

    # Export builds its resource through its own hook: it needs the unit as much as import.
    def get_export_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict:
        return {"unit": signed_in_user(request).home_unit}

    def get_resource_classes(self, request: HttpRequest) -> list:
        return [DutyShiftResource]

    def get_export_formats(self) -> list:
        # Only a workbook whose cells cannot run as formulas (CSV/TSV/ODS would be raw text).
        return [SafeXLSX]


@admin.register(AttendanceCheck)
class AttendanceCheckAdmin(_ReadOnlyEvidenceAdmin):
    list_display = ["checked_on", "officer", "status", "arrived_at", "minutes_late", "is_late"]
    list_filter = ["status", "is_late", "unit", "checked_on"]
    search_fields = ["officer__full_name", "officer__number"]
    date_hierarchy = "checked_on"
    list_select_related = ["officer", "unit"]


@admin.register(AppearanceCheck)
class AppearanceCheckAdmin(_ReadOnlyEvidenceAdmin):
    list_display = ["checked_on", "officer", "passed", "severity", "recorded_by"]
    list_filter = ["passed", "severity", "unit", "checked_on"]
    search_fields = ["officer__full_name", "officer__number"]
    date_hierarchy = "checked_on"
    list_select_related = ["officer", "unit", "recorded_by"]


@admin.register(ProfessionalismAssessment)
class ProfessionalismAssessmentAdmin(_ReadOnlyEvidenceAdmin):
    list_display = [
        "checked_on",
        "officer",
        "procedure",
        "accuracy",
        "courtesy",
        "integrity",
        "passed",
    ]
    list_filter = ["passed", "severity", "unit", "checked_on"]
    search_fields = ["officer__full_name", "officer__number"]
    date_hierarchy = "checked_on"
    list_select_related = ["officer", "unit"]


@admin.register(CleanlinessCheck)
class CleanlinessCheckAdmin(_ReadOnlyEvidenceAdmin):
    list_display = ["checked_on", "service_point", "passed", "severity", "recorded_by"]
    list_filter = ["passed", "severity", "unit", "checked_on"]
    search_fields = ["service_point__name", "note"]
    date_hierarchy = "checked_on"
    list_select_related = ["service_point", "unit", "recorded_by"]


@admin.register(Finding)
class FindingAdmin(_ReadOnlyEvidenceAdmin):
    list_display = [
        "occurred_on",
        "officer",
        "criterion",
        "kind",
        "severity",
        "status",
        "policy_version",
        "description",
    ]
    list_filter = ["status", "criterion", "kind", "severity", "unit", "period"]
    search_fields = ["officer__full_name", "officer__number", "description", "source_key"]
    date_hierarchy = "occurred_on"
    list_select_related = ["officer", "unit"]


class RewardRuleInline(admin.TabularInline):
    model = RewardRule
    extra = 0
    can_delete = False
    fields = [
        "kind",
        "is_active",
        "points",
        "min_duty_days",
        "min_checks",
        "min_share_percent",
        "min_served",
    ]
    readonly_fields = ["kind"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ScorePolicy)
class ScorePolicyAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["unit", "version", "lateness_tolerance_minutes", "medium_factor", "updated_at"]
    list_filter = ["unit"]
    search_fields = ["unit__name"]
    list_select_related = ["unit"]
    readonly_fields = ["version", "updated_at"]
    inlines = [RewardRuleInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A unit's policy is made on first use with its documented defaults and reward rules.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ScorePolicy, form: Any, change: bool) -> None:
        """Nothing yet: the policy is saved with its reward rules in save_related."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Through the same service as the policy page, so that a change makes a new version."""
        rules: dict[int, dict[str, Any]] = {}
        for formset in formsets:
            changed = [f for f in formset.forms if f.instance.pk and f.has_changed()]
            rules.update(
                {
                    f.instance.pk: {name: f.cleaned_data[name] for name in f.changed_data}
                    for f in changed
                }
            )
            # What formset.save() would leave behind for the admin's change message.
            formset.new_objects, formset.deleted_objects = [], []
            formset.changed_objects = [(f.instance, f.changed_data) for f in changed]
        values = {name: form.cleaned_data[name] for name in form.changed_data}
        saved = policy_update(policy=form.instance, values=values, rules=rules)
        form.instance.version, form.instance.updated_at = saved.version, saved.updated_at


@admin.register(ScoreAdjustment)
class ScoreAdjustmentAdmin(_ReadOnlyEvidenceAdmin):
    list_display = ["period", "officer", "criterion", "kind", "points", "status", "decided_by"]
    list_filter = ["status", "kind", "criterion", "unit", "period"]
    search_fields = ["officer__full_name", "officer__number", "decision_reason", "reason"]
    list_select_related = ["officer", "unit", "decided_by"]


@admin.register(DisciplinaryReferral)
class DisciplinaryReferralAdmin(_ReadOnlyEvidenceAdmin):
    list_display = ["opened_at", "officer", "status", "decided_at"]
    list_filter = ["status", "unit"]
    search_fields = ["officer__full_name", "officer__number", "decision"]
    list_select_related = ["officer", "unit"]


@admin.register(Recognition)
class RecognitionAdmin(_ReadOnlyEvidenceAdmin):
    list_display = ["period", "position", "officer", "points", "named_by"]
    list_filter = ["unit", "period"]
    search_fields = ["officer__full_name", "officer__number", "citation"]
    list_select_related = ["officer", "unit", "named_by"]


@admin.register(Objection)
class ObjectionAdmin(_ReadOnlyEvidenceAdmin):
    list_display = ["filed_at", "officer", "status", "decided_by", "decided_at"]
    list_filter = ["status", "unit"]
    search_fields = ["officer__full_name", "officer__number", "reason", "decision_reason"]
    list_select_related = ["officer", "unit", "decided_by"]
