"""Admin: items and tiers are configured here; cases, survey responses and complaints are
evidence, read here and written through the compensation pages (services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from compensation.models import (
    CompensationCase,
    CompensationItem,
    CompensationRule,
    Complaint,
    ComplaintNote,
    StockMovement,
    SurveyResponse,
)
from compensation.services import stock_adjust, stock_receive
from satpas.access import signed_in_user
from satpas.admin_scoping import UnitScopedAdminMixin


class ReadOnlyAdminMixin:
    """Evidence rows: visible, never added, changed or deleted by hand."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _own_unit(request: HttpRequest, queryset: QuerySet[Any], field: str = "unit") -> QuerySet[Any]:
    user = signed_in_user(request)
    if user.is_superuser:
        return queryset
    return queryset.filter(**{field: user.home_unit_id})


class CompensationItemForm(forms.ModelForm):
    """An item is offered at hand-over only through a rule: choose its rules in the same step."""

    rules = forms.ModelMultipleChoiceField(
        queryset=CompensationRule.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("ditawarkan pada aturan"),
        help_text=_(
            "Barang hanya ditawarkan saat penyerahan bila masuk aturan kompensasi. Barang baru "
            "langsung masuk semua aturan satuan; hapus centang aturan yang tidak berlaku."
        ),
    )

    class Meta:
        model = CompensationItem
        fields = ["unit", "name", "unit_label", "low_stock_threshold", "is_active"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        unit = data.get("unit")
        if unit and any(rule.unit_id != unit.pk for rule in data.get("rules") or []):
            self.add_error("rules", _("Pilih hanya aturan satuan barang ini."))
        return data


@admin.register(CompensationItem)
class CompensationItemAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "unit_label", "low_stock_threshold", "is_active", "unit"]
    list_filter = ["is_active", "unit"]
    search_fields = ["name"]
    list_select_related = ["unit"]
    form = CompensationItemForm

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):  # type: ignore[no-untyped-def]
        form = super().get_form(request, obj, change=change, **kwargs)
        rules = _own_unit(request, CompensationRule.objects.select_related("unit"))
        form.base_fields["rules"].queryset = rules
        form.base_fields["rules"].initial = (
            list(rules.filter(items=obj)) if obj is not None else list(rules)
        )
        return form

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        item, chosen = form.instance, set(form.cleaned_data.get("rules") or [])
        for rule in CompensationRule.objects.filter(unit=item.unit):
            if rule in chosen:
                rule.items.add(item)
            else:
                rule.items.remove(item)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: the ledger and the cases point at items


@admin.register(CompensationRule)
class CompensationRuleAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["unit", "min_minutes_over", "item_names", "note", "is_default"]
    list_filter = ["unit", "is_default"]
    search_fields = ["note", "items__name"]
    list_select_related = ["unit"]
    filter_horizontal = ["items"]
    readonly_fields = ["is_default"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CompensationRule]:
        return super().get_queryset(request).prefetch_related("items")

    @admin.display(description=CompensationRule._meta.get_field("items").verbose_name)
    def item_names(self, rule: CompensationRule) -> str:
        return ", ".join(item.name for item in rule.items.all())

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "items":
            kwargs["queryset"] = _own_unit(request, CompensationItem.objects.filter(is_active=True))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StockMovementAdminForm(forms.ModelForm):
    class Meta:
        model = StockMovement
        fields = ["item", "kind", "quantity", "note", "supplied_by"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind, quantity, note = data.get("kind"), data.get("quantity"), data.get("note", "")
        if kind == StockMovement.Kind.GIVEN:
            raise forms.ValidationError(
                _("Pemberian dicatat dari penyerahan kompensasi, bukan dari sini.")
            )
        if kind == StockMovement.Kind.RECEIVED and quantity is not None and quantity <= 0:
            self.add_error("quantity", _("Jumlah yang diterima harus lebih dari nol."))
        if kind == StockMovement.Kind.ADJUSTED:
            if quantity == 0:
                self.add_error("quantity", _("Penyesuaian tidak boleh nol."))
            if not (note or "").strip():
                self.add_error("note", _("Keterangan penyesuaian wajib diisi."))
        return data


@admin.register(StockMovement)
class StockMovementAdmin(UnitScopedAdminMixin, SimpleHistoryAdmin):
    """Append-only ledger: rows are added, never changed or deleted."""

    unit_field = "item__unit"
    list_display = ["occurred_at", "item", "kind", "quantity", "note", "supplied_by", "recorded_by"]
    list_filter = ["kind", "item__unit", "item"]
    search_fields = ["note", "item__name", "supplied_by__full_name"]
    list_select_related = ["item", "supplied_by", "recorded_by"]
    date_hierarchy = "occurred_at"
    form = StockMovementAdminForm
    # The time is the server's; hand-overs come from the cases, never from here.
    fields = ["item", "kind", "quantity", "note", "supplied_by"]
    autocomplete_fields: list[str] = []

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "item":
            kwargs["queryset"] = _own_unit(request, CompensationItem.objects.all())
        if db_field.name == "supplied_by":
            from satpas.models import User

            kwargs["queryset"] = _own_unit(request, User.objects.all(), "home_unit")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: StockMovement, form: Any, change: bool) -> None:
        """Through the same services as the stock page, so that the rules and history hold."""
        if obj.kind == StockMovement.Kind.RECEIVED:
            saved = stock_receive(
                item=obj.item,
                quantity=obj.quantity,
                note=obj.note,
                supplied_by=obj.supplied_by,
                user=signed_in_user(request),
            )
        else:
            saved = stock_adjust(
                item=obj.item, quantity=obj.quantity, note=obj.note, user=signed_in_user(request)
            )
        obj.pk, obj.occurred_at, obj.recorded_by = saved.pk, saved.occurred_at, saved.recorded_by


@admin.register(CompensationCase)
class CompensationCaseAdmin(ReadOnlyAdminMixin, UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "opened_at",
        "application",
        "reason",
        "status",
        "minutes_over",
        "attributed_stage",
        "attributed_officer",
        "item",
        "settled_at",
    ]
    list_filter = ["status", "reason", "unit", "attributed_stage"]
    search_fields = ["application__queue_number", "attributed_officer__full_name"]
    list_select_related = ["application", "attributed_stage", "attributed_officer", "item"]
    date_hierarchy = "opened_at"


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdminMixin, UnitScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "submitted_at",
        "channel",
        "application",
        "u1",
        "u2",
        "u3",
        "u4",
        "u5",
        "u6",
        "u7",
        "u8",
        "u9",
    ]
    list_filter = ["channel", "unit"]
    search_fields = ["comment", "application__queue_number"]
    list_select_related = ["application"]
    date_hierarchy = "submitted_at"


class ComplaintNoteInline(admin.TabularInline):
    model = ComplaintNote
    extra = 0
    can_delete = False
    readonly_fields = ["written_at", "written_by", "text"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdminMixin, UnitScopedAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "received_at",
        "channel",
        "lapor_reference",
        "status",
        "substantiated",
        "about_officer",
        "application",
    ]
    list_filter = ["status", "channel", "substantiated", "unit"]
    search_fields = ["description", "lapor_reference", "application__queue_number"]
    list_select_related = ["about_officer", "application"]
    date_hierarchy = "received_at"
    inlines = [ComplaintNoteInline]


@admin.register(ComplaintNote)
class ComplaintNoteAdmin(ReadOnlyAdminMixin, UnitScopedAdminMixin, SimpleHistoryAdmin):
    unit_field = "complaint__unit"
    list_display = ["written_at", "complaint", "written_by", "text"]
    search_fields = ["text"]
    list_select_related = ["complaint", "written_by"]
    list_filter = ["complaint__unit"]
