from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from satpas.access import signed_in_user
from satpas.accounts import grantable_groups, locked_fields, outranks
from satpas.admin_scoping import UnitScopedAdminMixin
from satpas.holiday_import import import_holidays
from satpas.models import (
    CALENDAR_BEGINNING,
    Holiday,
    OpeningHours,
    ServiceBreak,
    Unit,
    User,
    last_judged_day,
)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    can_delete = False  # on the row's own page, which refuses rows that judged applications


class ServiceBreakInline(admin.TabularInline):
    model = ServiceBreak
    extra = 0
    can_delete = False


class CalendarRowAdminMixin:
    """Calendar rows that judged applications are never deleted (model `clean` refuses to
    change them): the clock of those days must stay as it was judged."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_in_use():
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "region", "time_zone", "signatory_name", "is_active"]
    list_filter = ["is_active", "region", "time_zone"]
    search_fields = ["code", "name", "region", "city"]
    inlines = [OpeningHoursInline, ServiceBreakInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "region", "city", "address", "time_zone", "is_active"]}),
        (_("Kalender layanan"), {"fields": ["breaks_stop_clock"]}),
        (
            _("Kop surat dan penanda tangan laporan"),
            {
                "fields": [
                    "letterhead",
                    "signatory_title",
                    "signatory_name",
                    "signatory_rank",
                    "signatory_nrp",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Unit]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk=signed_in_user(request).home_unit_id)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def save_model(self, request: HttpRequest, obj: Unit, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:  # a new unit starts with this year's national holidays and cuti bersama
            year = timezone.localdate().year
            result = import_holidays(obj, year)
            messages.info(
                request,
                _(
                    "%(n)s hari libur nasional dan cuti bersama %(year)s ditambahkan ke kalender; "
                    "ubah di Hari libur bila satuan berbeda."
                )
                % {"n": len(result.added), "year": year},
            )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and last_judged_day(obj.pk, on_or_after=CALENDAR_BEGINNING):
            # The zone and the breaks rule decide which minutes were counted: applications
            # were judged with them.
            fields += ["time_zone", "breaks_stop_clock"]
        return fields


@admin.register(Holiday)
class HolidayAdmin(CalendarRowAdminMixin, UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["date", "name", "unit"]
    list_filter = ["unit", "date"]
    search_fields = ["name"]
    date_hierarchy = "date"
    list_select_related = ["unit"]


@admin.register(OpeningHours)
class OpeningHoursAdmin(CalendarRowAdminMixin, UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["unit", "weekday", "opens_at", "closes_at", "valid_from"]
    list_filter = ["unit", "weekday"]
    search_fields = ["unit__name"]
    list_select_related = ["unit"]


@admin.register(ServiceBreak)
class ServiceBreakAdmin(CalendarRowAdminMixin, UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["unit", "weekday", "starts_at", "ends_at", "label", "valid_from"]
    list_filter = ["unit", "weekday"]
    search_fields = ["label", "unit__name"]
    list_select_related = ["unit"]


@admin.register(User)
class UserAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin, DjangoUserAdmin):
    unit_field = "home_unit"
    list_display = ["username", "full_name", "home_unit", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "groups", "home_unit"]
    search_fields = ["username", "full_name", "email"]
    ordering = ["full_name"]
    list_select_related = ["home_unit"]
    filter_horizontal = ["groups", "user_permissions", "audit_units"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Data pribadi"), {"fields": ["full_name", "email", "home_unit"]}),
        (
            _("Peran dan hak akses"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "audit_units"]},
        ),
        (_("Waktu penting"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "home_unit", "password1", "password2"],
            },
        ),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A unit operator manages the counters' roles, never their own rights nor those of
        # anyone above them (see satpas/accounts.py).
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in locked_fields(request.user, obj) if f not in fields]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups":
            kwargs["queryset"] = grantable_groups(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        target = self.get_object(request, id)
        if target is not None and not outranks(request.user, target):
            raise PermissionDenied(
                _("Sandi pengguna dengan peran lebih tinggi hanya dapat diganti oleh superuser.")
            )
        return super().user_change_password(request, id, form_url)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are deactivated, never deleted: evidence records point at them.
        return False
