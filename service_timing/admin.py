from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from applicants.admin import ApplicationAdmin
from applicants.models import Application
from satpas.access import signed_in_user
from satpas.admin_scoping import UnitScopedAdminMixin
from satpas.meta import model_field
from service_timing.models import (
    CounterPolicy,
    CounterStateChange,
    Journey,
    Pause,
    RouteStep,
    ServicePoint,
    ServiceStandard,
    Stage,
    StageAllowance,
    StageQueue,
    StageRecord,
    SystemOutage,
)
from service_timing.selectors import (
    stage_order,
    standard_is_used,
    version_would_change_judged_days,
)
from service_timing.services import allowances_exceed_standard, outage_add, outage_check


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_test", "is_default"]
    list_filter = ["is_test", "is_default"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(StageQueue)
class StageQueueAdmin(UnitScopedAdminMixin, admin.ModelAdmin):
    """Call-next's own bookkeeping for the priority policy: shown, never edited."""

    list_display = ["unit", "stage", "calls_since_priority"]
    list_filter = ["unit", "stage"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit", "stage"]
    readonly_fields = ["unit", "stage", "calls_since_priority"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RouteStep)
class RouteStepAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["unit", "application_type", "position", "stage", "umum_only", "is_default"]
    list_filter = ["unit", "application_type", "umum_only", "is_default"]
    search_fields = ["stage__name", "stage__code"]
    list_select_related = ["unit", "stage"]
    ordering = ["unit", "application_type", "position"]


@admin.register(ServicePoint)
class ServicePointAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["number", "name", "stage", "unit", "is_active", "state"]
    list_filter = ["unit", "stage", "is_active", "state"]
    search_fields = ["name"]
    list_select_related = ["unit", "stage"]
    # The state is set at the console, where each change is kept with who and when.
    readonly_fields = ["state"]


@admin.register(CounterStateChange)
class CounterStateChangeAdmin(UnitScopedAdminMixin, admin.ModelAdmin):
    """Kept as the counters report them: read only."""

    unit_field = "service_point__unit"
    list_display = ["service_point", "state", "changed_at", "changed_by"]
    list_filter = ["service_point__unit", "state", "changed_at"]
    search_fields = ["service_point__name", "changed_by__full_name"]
    date_hierarchy = "changed_at"
    list_select_related = ["service_point", "changed_by"]
    readonly_fields = ["service_point", "state", "changed_at", "changed_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CounterPolicy)
class CounterPolicyAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "unit",
        "requeue_places",
        "absent_after_calls",
        "priority_mode",
        "priority_every",
    ]
    list_filter = ["unit"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit"]


class StageAllowanceFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        allowances = {
            str(form.cleaned_data["stage"].pk): form.cleaned_data["minutes"]
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("stage")
            and form.cleaned_data.get("minutes")
        }
        minutes = self.instance.minutes
        problem = allowances_exceed_standard(minutes, allowances) if minutes else ""
        if problem:
            raise forms.ValidationError(problem)


class StageAllowanceInline(admin.TabularInline):
    model = StageAllowance
    formset = StageAllowanceFormSet
    extra = 0

    def get_extra(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> int:
        # A new version offers a row per stage (see ServiceStandardAdmin.get_formset_kwargs):
        # once the version is in use it is read-only, so its allowances are entered with it.
        return len(_stages_of(request)) if obj is None else 0


def _stages_of(request: HttpRequest) -> list[str]:
    unit = getattr(request.user, "home_unit", None)
    if unit is None:
        return list(Stage.objects.values_list("code", flat=True))
    order = stage_order(unit)
    return sorted(order, key=order.__getitem__)


class ServiceStandardForm(forms.ModelForm):
    class Meta:
        model = ServiceStandard
        fields = [
            "unit",
            "application_type",
            "minutes",
            "warning_percent",
            "effective_from",
            "sop_reference",
            "is_default",
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        unit, kind, start = (
            data.get("unit"),
            data.get("application_type"),
            data.get("effective_from"),
        )
        if unit and kind and start and version_would_change_judged_days(unit, kind, start):
            raise forms.ValidationError(
                _(
                    "Sudah ada permohonan %(type)s pada %(date)s atau sesudahnya. Versi baru hanya boleh berlaku mulai hari berikutnya, agar tidak ada layanan yang dinilai dengan aturan yang dibuat sesudahnya."
                )
                % {
                    "type": dict(model_field(ServiceStandard, "application_type").flatchoices)[
                        kind
                    ],
                    "date": start.strftime("%d-%m-%Y"),
                }
            )
        return data


@admin.register(ServiceStandard)
class ServiceStandardAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    """A standard in use is read-only: a change is a new version with a later start."""

    list_display = [
        "application_type",
        "minutes",
        "warning_percent",
        "effective_from",
        "sop_reference",
        "unit",
        "is_default",
    ]
    list_filter = ["unit", "application_type", "is_default"]
    search_fields = ["sop_reference"]
    date_hierarchy = "effective_from"
    list_select_related = ["unit"]
    inlines = [StageAllowanceInline]
    readonly_fields = ["created_at", "created_by"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and standard_is_used(obj):
            fields += [
                "unit",
                "application_type",
                "minutes",
                "warning_percent",
                "effective_from",
                "sop_reference",
                "is_default",
            ]
        return fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not standard_is_used(obj)

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and standard_is_used(obj):
            for inline in inlines:
                inline.has_add_permission = lambda *a, **k: False  # type: ignore[method-assign]
                inline.has_change_permission = lambda *a, **k: False  # type: ignore[method-assign]
                inline.has_delete_permission = lambda *a, **k: False  # type: ignore[method-assign]
        return inlines

    form = ServiceStandardForm

    def save_model(
        self, request: HttpRequest, obj: ServiceStandard, form: Any, change: bool
    ) -> None:
        if not change:
            obj.created_by = signed_in_user(request)
        super().save_model(request, obj, form, change)

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, StageAllowanceInline) and obj.pk is None:
            # Rows left without minutes are unchanged and not saved.
            kwargs["initial"] = [{"stage": code} for code in _stages_of(request)]
        return kwargs

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        standard = form.instance
        if not standard.allowances.exists() and not standard_is_used(standard):
            messages.warning(
                request,
                _(
                    "Versi ini belum memiliki alokasi per tahap: keterlambatan tidak dapat "
                    "ditelusuri ke tahap yang melewati alokasinya. Isi alokasinya sebelum versi "
                    "ini berlaku pada %(date)s; sesudah dipakai, versi tidak dapat diubah."
                )
                % {"date": standard.effective_from.strftime("%d-%m-%Y")},
            )


# Shown, never edited, in an application's page.
STAGE_RECORD_FIELDS = (
    "stage",
    "service_point",
    "served_by",
    "called_at",
    "started_at",
    "finished_at",
    "outcome",
)
PAUSE_FIELDS = ("started_at", "ended_at", "reason", "recorded_by")


class StageRecordInline(admin.TabularInline):
    model = StageRecord
    extra = 0
    fields = STAGE_RECORD_FIELDS
    readonly_fields = STAGE_RECORD_FIELDS
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PauseInline(admin.TabularInline):
    model = Pause
    extra = 0
    fields = PAUSE_FIELDS
    readonly_fields = PAUSE_FIELDS
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ApplicationWithTimingAdmin(ApplicationAdmin):
    inlines = [StageRecordInline, PauseInline]


admin.site.unregister(Application)
admin.site.register(Application, ApplicationWithTimingAdmin)


@admin.register(StageRecord)
class StageRecordAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    """Records come from the counters; corrections go through the application page."""

    unit_field = "application__unit"
    list_display = [
        "application",
        "stage",
        "service_point",
        "served_by",
        "called_at",
        "started_at",
        "finished_at",
        "outcome",
        "call_count",
    ]
    list_filter = ["application__unit", "stage", "outcome", "started_at"]
    search_fields = ["application__queue_number", "served_by__full_name"]
    date_hierarchy = "started_at"
    list_select_related = ["application", "stage", "service_point", "served_by"]
    readonly_fields = [f.name for f in StageRecord._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Pause)
class PauseAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    unit_field = "application__unit"
    list_display = ["application", "started_at", "ended_at", "reason", "no_show", "recorded_by"]
    list_filter = ["application__unit", "no_show", "started_at"]
    search_fields = ["reason", "application__queue_number"]
    list_select_related = ["application", "recorded_by"]
    readonly_fields = ["application", "recorded_by", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A pause is recorded and ended on the application's page (services re-judge the
        # application); an edit here would change the clock without that.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SystemOutageForm(forms.ModelForm):
    class Meta:
        model = SystemOutage
        fields = ["unit", "started_at", "ended_at", "reason"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("started_at") and "reason" in data:
            outage_check(
                started_at=data["started_at"], ended_at=data.get("ended_at"), reason=data["reason"]
            )
        return data


@admin.register(SystemOutage)
class SystemOutageAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["started_at", "ended_at", "reason", "unit", "recorded_by"]
    list_filter = ["unit", "started_at"]
    search_fields = ["reason"]
    list_select_related = ["unit", "recorded_by"]
    readonly_fields = ["recorded_by"]
    form = SystemOutageForm

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Recorded outages are evidence: added (through the service), never edited here.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: SystemOutage, form: Any, change: bool) -> None:
        saved = outage_add(
            unit_id=obj.unit_id,
            started_at=obj.started_at,
            ended_at=obj.ended_at,
            reason=obj.reason,
            user=signed_in_user(request),
        )
        obj.pk, obj.recorded_by = saved.pk, saved.recorded_by


@admin.register(Journey)
class JourneyAdmin(UnitScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "application",
        "service_date",
        "current_stage",
        "state",
        "current_point",
        "ready_since",
        "priority",
    ]
    list_filter = ["unit", "service_date", "state", "current_stage", "priority"]
    search_fields = ["application__queue_number"]
    list_select_related = ["application", "current_stage", "current_point"]
    readonly_fields = [f.name for f in Journey._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
