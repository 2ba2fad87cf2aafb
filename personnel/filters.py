"""The filters of the personnel lists (django-filter); the rows are scoped to the unit and
the month before they reach a FilterSet."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from personnel.models import Criterion, Finding
from satpas.filters import FilterSet


class FindingFilter(FilterSet):
    """A wrong value in one filter is left out (the others still apply)."""

    kriteria = django_filters.ChoiceFilter(
        field_name="criterion", label=_("Kriteria"), choices=Criterion.choices
    )
    jenis = django_filters.ChoiceFilter(
        field_name="kind", label=_("Jenis"), choices=Finding.Kind.choices
    )
    petugas = django_filters.CharFilter(label=_("Petugas"), method="officer")

    class Meta:
        model = Finding
        fields = ["kriteria", "jenis", "petugas"]

    def officer(self, queryset: QuerySet[Finding], name: str, value: str) -> QuerySet[Finding]:
        return queryset.filter(officer_id=int(value)) if value.isdigit() else queryset
