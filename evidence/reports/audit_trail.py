"""The audit trail: who changed which evidence record, when, why, and the old and new values.

Creations of high-volume records (applications, stage records) are the registers themselves;
here they appear only when changed or deleted. Low-volume evidence (standards, pauses, outages,
cases, findings, …) is listed with every event.

The report page (form, content) and the register (sheets) share this module's queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError
from django.db.models import CharField, Model, QuerySet, Value
from django.utils.translation import gettext_lazy as _

from applicants.models import Channel
from evidence.registers import Register
from evidence.reports.base import Content, Report
from evidence.reports.filters import FormFilters
from evidence.reports.forms import PeriodForm, choice
from evidence.workbook import Column, Sheet
from satpas.forms import typed_field
from satpas.selectors import UnitPeriod

EVENT = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
CHUNK = 500
# Changes without a user this soon after a kiosk registration are the kiosk's own.
KIOSK_REGISTRATION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class Tracked:
    model: str  # "app_label.ModelName"
    unit_path: str  # lookup from the history row to the unit id
    every_event: bool  # False: only changes and deletions


TRACKED = [
    Tracked("satpas.Unit", "id", True),
    # Accounts, with their roles and the other units they may read (many-to-many history).
    Tracked("satpas.User", "home_unit_id", True),
    # The calendar decides which minutes the service clock counts.
    Tracked("satpas.OpeningHours", "unit_id", True),
    Tracked("satpas.ServiceBreak", "unit_id", True),
    Tracked("satpas.Holiday", "unit_id", True),
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
        ("compensation.CompensationItem", "unit_id", True),
        ("compensation.StockMovement", "item__unit_id", True),
        ("compensation.Complaint", "unit_id", True),
        ("compensation.ComplaintNote", "complaint__unit_id", True),
        ("personnel.Officer", "unit_id", True),
        ("personnel.DutyShift", "unit_id", True),
        ("personnel.AttendanceCheck", "unit_id", True),
        ("personnel.AppearanceCheck", "unit_id", True),
        ("personnel.ProfessionalismAssessment", "unit_id", True),
        ("personnel.CleanlinessCheck", "unit_id", True),
        ("personnel.Finding", "unit_id", True),
        ("personnel.ScorePolicy", "unit_id", True),
        ("personnel.RewardRule", "policy__unit_id", True),
        ("personnel.ScoreAdjustment", "unit_id", True),
        ("personnel.DisciplinaryReferral", "unit_id", True),
        ("personnel.Recognition", "unit_id", True),
        ("personnel.Objection", "unit_id", True),
    ]:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        history = getattr(model, "history", None)
        if history is not None and _has_path(history.model, unit_path):
            found.append(Tracked(label, unit_path, every))
    return found


def tracked() -> list[Tracked]:
    return [*TRACKED, *extra_tracked()]


def model_choices() -> list[tuple[str, str]]:
    """(app_label.Model, verbose name) of every tracked model, for a filter."""
    return [(t.model, str(apps.get_model(t.model)._meta.verbose_name)) for t in tracked()]


# Not a FilterSet: a FilterSet narrows one model's rows, and this register's rows are a UNION
# of every tracked history table (31 and more), each read in its own query; its `data` filter
# chooses which tables are read at all, rather than narrowing rows. `AuditFilters` reads these
# values from the report's form for the page and its download alike.
@dataclass(frozen=True)
class Filters:
    model: str = ""  # app_label.Model
    event: str = ""  # "+", "~" or "-"
    record_id: int | None = None
    username: str = ""


@dataclass(frozen=True)
class Event:
    at: dt.datetime
    model: str  # verbose name
    record_id: int
    event: str
    user_name: str
    username: str
    reason: str
    changes: str

    def as_row(self) -> list:
        return [
            self.at,
            self.model,
            self.record_id,
            self.event,
            self.user_name,
            self.username,
            self.reason,
            self.changes,
        ]


def _history_rows(tracked_model: Tracked, period: UnitPeriod, filters: Filters) -> QuerySet:
    model = apps.get_model(tracked_model.model)
    rows = model.history.model.objects.filter(
        **{tracked_model.unit_path: period.unit.pk},
        history_date__gte=period.start_at,
        history_date__lt=period.end_at,
    )
    if not tracked_model.every_event:
        rows = rows.exclude(history_type="+")
    if filters.event:
        rows = rows.filter(history_type=filters.event)
    if filters.record_id is not None:
        rows = rows.filter(id=filters.record_id)
    if filters.username:
        rows = rows.filter(history_user__username=filters.username)
    return rows


def events(period: UnitPeriod, filters: Filters | None = None) -> QuerySet:
    """Every history row of the period as one query (a UNION over the tracked models' history
    tables), newest first (within one instant, kind by kind): dicts with the model, history
    id and date, for paging; `describe` turns a page of them into events with their changes."""
    filters = filters or Filters()
    parts = [
        _history_rows(t, period, filters)
        .annotate(model_label=Value(t.model, output_field=CharField()))
        .values("model_label", "history_id", "history_date", "id")
        .order_by()
        for t in tracked()
        if not filters.model or t.model == filters.model
    ]
    if not parts:
        return apps.get_model("satpas.Unit").history.none().values("history_id")
    first, *rest = parts
    # Within one instant, kind by kind, newest first: history ids of different tables come
    # from different sequences and say nothing about which was saved first.
    return first.union(*rest, all=True).order_by("-history_date", "model_label", "-history_id")


def describe(rows: Iterable[dict], zone: ZoneInfo) -> list[Event]:
    """The events of a page of `events()` rows, with their field changes: one query per kind
    of record on the page (its rows and their previous versions together), one for the people
    named on the whole page, and for accounts their roles and units to read."""
    rows = list(rows)
    by_model: dict[str, list[dict]] = {}
    for row in rows:
        by_model.setdefault(row["model_label"], []).append(row)
    kinds = []
    for label, page_rows in by_model.items():
        model = apps.get_model(label)
        history = model.history.model
        wanted = {row["history_id"] for row in page_rows}
        versions: dict[int, list] = {}
        chunk = []
        # Every version of the page's records up to the newest on the page: the page's rows
        # and what each changed from.
        for version in (
            history._default_manager.filter(
                id__in={row["id"] for row in page_rows},
                history_date__lte=max(row["history_date"] for row in page_rows),
            )
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        ):
            versions.setdefault(version.id, []).append(version)
            if version.history_id in wanted:
                chunk.append(version)
        kinds.append((model, history, chunk, _befores(chunk, versions)))
    people = _people(
        [
            (fields, [*chunk, *befores.values()])
            for model, _history, chunk, befores in kinds
            for fields in [list(model._meta.concrete_fields)]
        ]
    )
    described: dict[tuple[str, int], Event] = {}
    for model, history, chunk, befores in kinds:
        label = model._meta.label
        for row, event in zip(
            chunk, _render(model, history, chunk, befores, people, zone), strict=True
        ):
            described[label, row.history_id] = event
    return [described[row["model_label"], row["history_id"]] for row in rows]


def _has_path(history_model: type[Model], path: str) -> bool:
    try:
        history_model._default_manager.filter(**{path: 0}).query  # noqa: B018 (builds the lookup)
    except FieldError:
        return False
    return True


def _events(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
    filters = filters or Filters()
    for tracked_model in tracked():
        if filters.model and tracked_model.model != filters.model:
            continue
        model = apps.get_model(tracked_model.model)
        history = model.history.model
        fields = list(model._meta.concrete_fields)
        rows = (
            _history_rows(tracked_model, period, filters)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        chunk: list = []
        for row in rows.iterator(chunk_size=CHUNK):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                yield from (
                    event.as_row()
                    for event in _described(model, history, fields, chunk, period.zone)
                )
                chunk = []
        if chunk:
            yield from (
                event.as_row() for event in _described(model, history, fields, chunk, period.zone)
            )


def _described(
    model: type[Model], history: type[Model], fields: list, chunk: list, zone: ZoneInfo
) -> Iterator[Event]:
    """Rows with the fields that changed against each record's previous version (one query
    per chunk for all the previous versions, one for the people they name)."""
    changed = [row for row in chunk if row.history_type == "~"]
    previous: dict[int, list] = {}
    if changed:
        latest = max(row.history_date for row in changed)
        old: Any  # a historical row: `id` is the recorded object's, `history_id` its own
        for old in history._default_manager.filter(
            id__in={row.id for row in changed}, history_date__lte=latest
        ).order_by("id", "history_date", "history_id"):
            previous.setdefault(old.id, []).append(old)
    befores = _befores(chunk, previous)
    people = _people([(fields, [*chunk, *befores.values()])])
    return _render(model, history, chunk, befores, people, zone)


def _befores(chunk: list, previous: dict[int, list]) -> dict[int, Model]:
    """history id of each change in `chunk` → the version it changed from. Versions saved
    within the same instant are ordered by their history id."""
    befores: dict[int, Model] = {}
    for row in chunk:
        if row.history_type != "~":
            continue
        earlier = [
            old
            for old in previous.get(row.id, [])
            if (old.history_date, old.history_id) < (row.history_date, row.history_id)
        ]
        if earlier:
            befores[row.history_id] = earlier[-1]
    return befores


def _render(
    model: type[Model],
    history: type[Model],
    chunk: list,
    befores: dict[int, Model],
    people: dict[object, str],
    zone: ZoneInfo,
) -> Iterator[Event]:
    fields = list(model._meta.concrete_fields)
    sets = _m2m_sets(history, [*chunk, *befores.values()]) if befores else {}
    for row in chunk:
        before = befores.get(row.history_id)
        changes = _diff(fields, before, row, zone, people) if before is not None else ""
        if before is not None and sets:
            changes = "; ".join(
                part for part in [changes, _m2m_diff(history, before, row, sets)] if part
            )
        yield Event(
            at=row.history_date,
            model=str(model._meta.verbose_name),
            record_id=row.id,
            event=EVENT.get(row.history_type, row.history_type),
            user_name=row.history_user.full_name if row.history_user else _nobody(row),
            username=row.history_user.username if row.history_user else "",
            reason=row.history_change_reason or "",
            changes=changes,
        )


def _nobody(row: Any) -> str:
    """Who made a change no user signed: the renewal kiosk, for an application it registered
    while it registered it (the journey's first stage is set in the same request), else the
    system (its tasks and sweeps). Creations of applications are not listed (TRACKED)."""
    registered_at = getattr(row, "registered_at", None)
    if (
        getattr(row, "channel", None) == Channel.KIOSK
        and registered_at is not None
        and row.history_date - registered_at < KIOSK_REGISTRATION
    ):
        return "kios perpanjangan"
    return "sistem"


def _m2m_sets(history: type[Model], versions: list) -> dict[tuple[str, int], list[str]]:
    """(field name, history id) → the names a many-to-many field held in that version, for
    models whose history keeps them (simple-history's `m2m_fields`): two queries per field."""
    found: dict[tuple[str, int], list[str]] = {}
    ids = {version.history_id for version in versions}
    for field in getattr(history, "_history_m2m_fields", []):
        through = field.remote_field.through
        m2m_history = next(
            rel.related_model
            for rel in history._meta.related_objects
            if getattr(rel.related_model, "instance_type", None) is through
        )
        target = next(
            f.name for f in through._meta.fields if f.related_model is field.related_model
        )
        pairs = list(
            m2m_history._default_manager.filter(history_id__in=ids).values_list(
                "history_id", target
            )
        )
        names = {
            obj.pk: str(obj)
            for obj in field.related_model._base_manager.filter(pk__in={pk for _, pk in pairs})
        }
        for history_id, pk in pairs:
            found.setdefault((field.name, history_id), []).append(names.get(pk, str(pk)))
    return found


def _m2m_diff(
    history: type[Model], before: Model, after: Model, sets: dict[tuple[str, int], list[str]]
) -> str:
    changes = []
    for field in history._history_m2m_fields:  # type: ignore[attr-defined]
        old = sorted(sets.get((field.name, before.history_id), []))  # type: ignore[attr-defined]
        new = sorted(sets.get((field.name, after.history_id), []))  # type: ignore[attr-defined]
        if old != new:
            changes.append(
                f"{field.verbose_name}: {', '.join(old) or '–'} → {', '.join(new) or '–'}"
            )
    return "; ".join(changes)


def _user_fields(fields: list) -> list:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [field for field in fields if field.is_relation and field.related_model is user_model]


def _people(groups: list[tuple[list, list]]) -> dict[object, str]:
    """Who the user columns name in these (fields, versions) groups, "name (NRP)": one query
    at most."""
    ids: set[object] = set()
    for fields, versions in groups:
        columns = [field.attname for field in _user_fields(fields)]
        ids |= {getattr(v, column) for v in versions for column in columns}
    ids.discard(None)
    if not ids:
        return {}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return {
        pk: f"{name} ({username})"
        for pk, name, username in user_model.objects.filter(pk__in=ids).values_list(
            "pk", "full_name", "username"
        )
    }


def _diff(
    fields: list, before: Model, after: Model, zone: ZoneInfo, people: dict[object, str]
) -> str:
    people_columns = {field.attname for field in _user_fields(fields)}
    changes = []
    for field in fields:
        old, new = getattr(before, field.attname, None), getattr(after, field.attname, None)
        if old != new:
            if field.attname in people_columns:
                old, new = people.get(old, old), people.get(new, new)
            changes.append(f"{field.verbose_name}: {_show(old, zone)} → {_show(new, zone)}")
    return "; ".join(changes)


def _show(value: object, zone: ZoneInfo) -> str:
    """A value as the office reads it: times in office time, to the minute; people by name."""
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.datetime):
        local = value.astimezone(zone) if value.tzinfo else value
        return local.strftime("%d-%m-%Y %H.%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def sheets(
    period: UnitPeriod, *, masked: bool = True, filters: AuditFilters | None = None
) -> list[Sheet]:
    values = filters.values() if filters is not None else None
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
            _events(period, values),
        )
    ]


REGISTER = Register(
    slug="08-jejak-audit",
    title="Jejak audit perubahan data bukti",
    indicator="Pemanfaatan Teknologi Informasi · jejak audit data pelayanan (siapa mengubah apa dan kapan)",
    sheets=sheets,
)


class Form(PeriodForm):
    # Named as its URL parameter; the form metaclass moves it into base_fields, so it does not
    # replace BaseForm.data at run time (the stubs see the class attribute).
    data = forms.ChoiceField(label=_("Jenis data"), choices=[], required=False)  # type: ignore[assignment]
    peristiwa = choice(
        _("Peristiwa"),
        [("+", _("dibuat")), ("~", _("diubah")), ("-", _("dihapus"))],
        all_label=_("Semua peristiwa"),
    )
    nomor = forms.IntegerField(label=_("ID data"), min_value=1, required=False)
    oleh = forms.CharField(label=_("NRP/NIP pengubah"), max_length=18, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "data", forms.ChoiceField).choices = [
            ("", _("Semua data")),
            *model_choices(),
        ]

    def filters(self) -> Filters:
        return Filters(
            model=self.value("data") or "",
            event=self.value("peristiwa") or "",
            record_id=self.value("nomor"),
            username=(self.value("oleh") or "").strip(),
        )


class AuditFilters(FormFilters):
    form_class = Form
    form: Form

    def values(self) -> Filters:
        return self.form.filters()


def content(period: UnitPeriod, filters: AuditFilters) -> Content:
    return Content(
        rows=events(period, filters.values()),
        summary={},
        describe=lambda rows: describe(rows, period.zone),
    )


REPORT = Report(
    slug="audit_trail",
    path="jejak-audit",
    title=_("Jejak audit"),
    description=_(
        "Riwayat setiap data bukti: siapa membuat, mengubah atau menghapus apa, kapan, dengan alasan apa, serta nilai lama dan baru."
    ),
    register=REGISTER,
    filters=AuditFilters,
    permissions=(),
    content=content,
    template="reports/audit_trail.html",
)
