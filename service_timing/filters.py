"""The filters of the applications list."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from applicants.models import Application, ApplicationType
from satpas.filters import FilterSet, OfficeDateFilter


class ApplicationFilter(FilterSet):
    """One office day's applications (the view gives today when none is asked for)."""

    tanggal = OfficeDateFilter(field_name="service_date", label=_("Tanggal"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Application.Status.choices, empty_label=_("Semua")
    )
    jenis = django_filters.ChoiceFilter(
        field_name="application_type",
        label=_("Jenis"),
        choices=ApplicationType.choices,
        empty_label=_("Semua"),
    )
    cari = django_filters.CharFilter(
        label=_("Nomor antrean"),
        max_length=8,
        method="search",
    )

    class Meta:
        model = Application
        fields = ["tanggal", "status", "jenis", "cari"]

    def search(self, queryset: QuerySet[Application], name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(queue_number__icontains=value) if value else queryset
