"""Admin pages show a unit operator only their own unit's rows (superusers see all)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from satpas.access import signed_in_user
from satpas.models import Unit


class UnitScopedAdminMixin:
    """Limit changelists and unit choices to the operator's home unit."""

    unit_field = "unit"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.unit_field: signed_in_user(request).home_unit_id})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is Unit and not request.user.is_superuser:
            home_unit_id = signed_in_user(request).home_unit_id
            kwargs["queryset"] = (
                Unit.objects.filter(pk=home_unit_id)
                if home_unit_id is not None
                else Unit.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
