"""Audit trail: who changed which evidence record, when, why, and what the values were.

Creations of high-volume records (applications, stage records) are the registers themselves;
here they appear only when changed or deleted. Low-volume evidence (standards, pauses,
outages, cases, findings, …) is listed with every event.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Model

from satpas.evidence.period import Period
from satpas.evidence.registers import Register
from satpas.evidence.workbook import Column, Sheet

EVENT = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
CHUNK = 500


@dataclass(frozen=True)
class Tracked:
    model: str  # "app_label.ModelName"
    unit_path: str  # lookup from the history row to the unit id
    every_event: bool  # False: only changes and deletions


TRACKED = [
    Tracked("satpas.Unit", "id", True),
    Tracked("applicants.Application", "unit_id", False),
    Tracked("service_timing.StageRecord", "application__unit_id", False),
    Tracked("service_timing.Pause", "application__unit_id", True),
    Tracked("service_timing.SystemOutage", "unit_id", True),
    Tracked("service_timing.ServiceStandard", "unit_id", True),
    Tracked("service_timing.StageAllowance", "standard__unit_id", True),
    Tracked("service_timing.RouteStep", "unit_id", True),
    Tracked("service_timing.ServicePoint", "unit_id", True),
]


def extra_tracked() -> list[Tracked]:
    """Evidence models of the compensation and personnel layers (if installed)."""
    found = []
    for label, unit_path, every in [
        ("compensation.CompensationCase", "unit_id", True),
        ("compensation.CompensationRule", "unit_id", True),
        ("compensation.StockMovement", "item__unit_id", True),
        ("compensation.Complaint", "unit_id", True),
        ("compensation.ComplaintNote", "complaint__unit_id", True),
        ("personnel.Officer", "unit_id", True),
        ("personnel.AttendanceCheck", "unit_id", True),
        ("personnel.AppearanceCheck", "unit_id", True),
        ("personnel.ProfessionalismAssessment", "unit_id", True),
        ("personnel.CleanlinessCheck", "unit_id", True),
        ("personnel.Finding", "unit_id", True),
        ("personnel.ScorePolicy", "unit_id", True),
        ("personnel.ScoreAdjustment", "unit_id", True),
        ("personnel.DisciplinaryReferral", "unit_id", True),
    ]:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        history = getattr(model, "history", None)
        if history is not None and _has_path(history.model, unit_path):
            found.append(Tracked(label, unit_path, every))
    return found


def _has_path(history_model: type[Model], path: str) -> bool:
    try:
        history_model.objects.filter(**{path: 0}).query  # noqa: B018 (builds the lookup)
    except FieldError:
        return False
    return True


def _events(period: Period) -> Iterator[list]:
    for tracked in [*TRACKED, *extra_tracked()]:
        model = apps.get_model(tracked.model)
        history = model.history.model
        fields = list(model._meta.concrete_fields)
        rows = history.objects.filter(
            **{tracked.unit_path: period.unit.pk},
            history_date__gte=period.start_at,
            history_date__lt=period.end_at,
        )
        if not tracked.every_event:
            rows = rows.exclude(history_type="+")
        rows = rows.select_related("history_user").order_by("history_date", "history_id")
        chunk: list = []
        for row in rows.iterator(chunk_size=CHUNK):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                yield from _described(model, history, fields, chunk)
                chunk = []
        if chunk:
            yield from _described(model, history, fields, chunk)


def _described(
    model: type[Model], history: type[Model], fields: list, chunk: list
) -> Iterator[list]:
    """Rows with the fields that changed against each record's previous version (one query
    per chunk for all the previous versions)."""
    changed = [row for row in chunk if row.history_type == "~"]
    previous: dict[int, list] = {}
    if changed:
        latest = max(row.history_date for row in changed)
        for old in history.objects.filter(
            id__in={row.id for row in changed}, history_date__lt=latest
        ).order_by("id", "history_date"):
            previous.setdefault(old.id, []).append(old)
    for row in chunk:
        before = None
        if row.history_type == "~":
            earlier = [
                old for old in previous.get(row.id, []) if old.history_date < row.history_date
            ]
            before = earlier[-1] if earlier else None
        yield [
            row.history_date,
            str(model._meta.verbose_name),
            row.id,
            EVENT.get(row.history_type, row.history_type),
            row.history_user.full_name if row.history_user else "sistem",
            row.history_user.username if row.history_user else "",
            row.history_change_reason or "",
            _diff(fields, before, row) if before is not None else "",
        ]


def _diff(fields: list, before: Model, after: Model) -> str:
    changes = []
    for field in fields:
        old, new = getattr(before, field.attname, None), getattr(after, field.attname, None)
        if old != new:
            changes.append(f"{field.verbose_name}: {_show(old)} → {_show(new)}")
    return "; ".join(changes)


def _show(value: object) -> str:
    if value is None or value == "":
        return "–"
    if hasattr(value, "isoformat"):
        return value.isoformat(timespec="minutes") if hasattr(value, "hour") else value.isoformat()  # type: ignore[call-arg]
    return str(value)


def sheets(period: Period) -> list[Sheet]:
    return [
        Sheet(
            "Riwayat perubahan",
            [
                Column("Waktu", 17),
                Column("Jenis data", 24),
                Column("ID", 9),
                Column("Peristiwa", 10),
                Column("Oleh", 24),
                Column("NRP/NIP", 20),
                Column("Alasan", 36),
                Column("Perubahan (lama → baru)", 80),
            ],
            _events(period),
        )
    ]


REGISTER = Register(
    slug="09-jejak-audit",
    title="Jejak audit perubahan data bukti",
    indicator="Pemanfaatan Teknologi Informasi · jejak audit data pelayanan (siapa mengubah apa dan kapan)",
    sheets=sheets,
)
