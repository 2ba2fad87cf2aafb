"""What the unit publishes on its public service page, configured by its admin operator."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evidence.models import ServiceFee, ServicePledge, ServiceRequirements
from satpas.admin_scoping import UnitScopedAdminMixin


@admin.register(ServicePledge)
class ServicePledgeAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["unit", "updated_at", "updated_by"]
    list_filter = ["unit"]
    search_fields = ["text"]
    list_select_related = ["unit", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]


@admin.register(ServiceRequirements)
class ServiceRequirementsAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["application_type", "unit"]
    list_filter = ["unit", "application_type"]
    search_fields = ["text"]
    list_select_related = ["unit"]


@admin.register(ServiceFee)
class ServiceFeeAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["application_type", "sim_class", "rupiah", "unit"]
    list_filter = ["unit", "application_type", "sim_class"]
    search_fields = ["application_type", "sim_class"]
    list_select_related = ["unit"]
