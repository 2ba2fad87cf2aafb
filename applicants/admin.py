from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from applicants.models import Applicant, Application, HeldSim
from satpas.admin_scoping import UnitScopedAdminMixin


@admin.register(Applicant)
class ApplicantAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["full_name", "nik", "birth_date", "sex", "unit", "created_at"]
    list_filter = ["unit", "sex"]
    search_fields = ["full_name", "=nik"]
    list_select_related = ["unit"]
    readonly_fields = ["created_at"]


@admin.register(Application)
class ApplicationAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "queue_number",
        "service_date",
        "application_type",
        "sim_class",
        "status",
        "elapsed_minutes",
        "standard_minutes",
        "compensation_state",
        "priority",
        "unit",
    ]
    list_filter = [
        "unit",
        "service_date",
        "application_type",
        "status",
        "compensation_state",
        "priority",
        "sim_class",
    ]
    search_fields = ["queue_number", "=ticket_code", "applicant__full_name", "=applicant__nik"]
    date_hierarchy = "service_date"
    list_select_related = ["unit", "applicant"]
    raw_id_fields = ["applicant", "retake_of", "registered_by"]
    readonly_fields = [
        "ticket_code",
        "registered_at",
        "registered_by",
        "closed_at",
        "elapsed_minutes",
        "standard_minutes",
        "compensation_state",
        "first_stage_code",
    ]

    # Registered at the counter (application_register: queue number, identity and retake
    # rules) and closed by the counter's events and the withdrawal service: read-only here.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(HeldSim)
class HeldSimAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    """Recorded by the counter at hand-over and corrected by a supervisor with a reason
    (applicants.held_sims): read-only here, the history shows who changed what."""

    unit_field = "applicant__unit"
    list_display = ["applicant", "sim_class", "issued_on", "valid_until", "recorded_at"]
    list_filter = ["sim_class"]
    search_fields = ["=number", "=applicant__nik"]
    list_select_related = ["applicant"]
    raw_id_fields = ["applicant", "application"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
