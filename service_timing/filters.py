"""The filters of the applications list."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from applicants.models import Application, ApplicationType
from satpas import periods
from satpas.filters import FilterSet, OfficeDateFilter
from service_timing.selectors.catalogue import stages_by_code
from service_timing.selectors.heatmap import ANY_STAGE, WEEKDAYS, in_cell

HOURS = [(str(hour), f"{hour:02d}.00–{hour:02d}.59") for hour in range(24)]


def stage_choices() -> list[tuple[str, str]]:
    """Any stage, then the catalogue's stages (cached)."""
    return [
        (ANY_STAGE, str(_("Tahap mana pun"))),
        *((c, s.name) for c, s in stages_by_code().items()),
    ]


class PeriodField(forms.CharField):
    """A period in its one textual form (`satpas.periods`: 2026-11, 2026-Q4, a range…)."""

    def clean(self, value: Any) -> periods.Period | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            # Only its office days are read (service dates), so any zone will do.
            return periods.parse(text, ZoneInfo(settings.TIME_ZONE))
        except periods.PeriodError as exc:
            raise forms.ValidationError(
                _("Periode tidak dikenal. Contoh: 2026-11, 2026-Q4 atau 2026-06-10..2026-06-20."),
                code="period",
            ) from exc


class PeriodFilter(django_filters.Filter):
    field_class = PeriodField

    def filter(self, qs: QuerySet, value: periods.Period | None) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(service_date__gte=value.start, service_date__lte=value.end)


def _kept(queryset: QuerySet, name: str, value: Any) -> QuerySet:
    """Weekday, hour and stage narrow together, in `filter_queryset`."""
    return queryset


class ApplicationFilter(FilterSet):
    """One office day's applications (the view gives today when no day or period is asked
    for); the drill-down of the hour-by-hour picture narrows a period to a weekday, an hour
    and, for queue waiting, the stage the applicant was called at."""

    tanggal = OfficeDateFilter(field_name="service_date", label=_("Tanggal"))
    periode = PeriodFilter(label=_("Periode"))
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
    hari = django_filters.ChoiceFilter(
        label=_("Hari"),
        choices=[(str(number), label) for number, label in WEEKDAYS.items()],
        empty_label=_("Semua"),
        method=_kept,
    )
    jam = django_filters.ChoiceFilter(
        label=_("Jam"),
        choices=HOURS,
        empty_label=_("Semua"),
        method=_kept,
    )
    tahap = django_filters.ChoiceFilter(
        label=_("Dipanggil di tahap"),
        choices=stage_choices,
        empty_label=_("Menurut jam daftar"),
        method=_kept,
    )

    class Meta:
        model = Application
        fields = ["tanggal", "periode", "status", "jenis", "cari", "hari", "jam", "tahap"]

    def __init__(self, *args: Any, zone: ZoneInfo, **kwargs: Any) -> None:
        self.zone = zone
        super().__init__(*args, **kwargs)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        weekday, hour, stage = self.cell()
        return in_cell(queryset, zone=self.zone, weekday=weekday, hour=hour, stage=stage)

    def cell(self) -> tuple[int | None, int | None, str | None]:
        """The weekday, hour and stage asked for (None: not narrowed), once valid."""
        data = self.form.cleaned_data
        weekday, hour = data.get("hari"), data.get("jam")
        return (
            int(weekday) if weekday else None,
            int(hour) if hour else None,
            data.get("tahap") or None,
        )

    def search(self, queryset: QuerySet[Application], name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(queue_number__icontains=value) if value else queryset
