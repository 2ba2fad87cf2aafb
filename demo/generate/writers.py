"""Buffered rows per table, written with PostgreSQL's COPY (elsewhere with bulk_create)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, models

from applicants.models import Applicant, Application, QueueCounter
from compensation.models import CompensationCase, Complaint, SurveyResponse
from personnel.models import AttendanceCheck, DutyShift, Finding, ScoreAdjustment
from satpas.meta import model_field
from service_timing.models import Journey, StageRecord

FLUSH_ROWS = 20_000


class TableWriter:
    """Buffered rows for one table, written with COPY (PostgreSQL) or bulk_create."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        self.model = model
        self.fields = list(fields)
        self.columns = [model_field(model, self._name(f)).column for f in self.fields]
        self.json_fields = {
            i
            for i, f in enumerate(self.fields)
            if isinstance(model._meta.get_field(self._name(f)), models.JSONField)
        }
        self.rows: list[tuple] = []
        self.written = 0
        pk = model._meta.pk
        self.next_id = (
            (model._default_manager.aggregate(top=models.Max(pk.attname))["top"] or 0) + 1
            if isinstance(pk, models.AutoField | models.BigAutoField)
            else None
        )

    @staticmethod
    def _name(attname: str) -> str:
        return attname[:-3] if attname.endswith("_id") and attname != "id" else attname

    def new_id(self) -> int:
        assert self.next_id is not None
        value = self.next_id
        self.next_id += 1
        return value

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            table = self.model._meta.db_table
            columns = ", ".join(f'"{column}"' for column in self.columns)
            sql = f'COPY "{table}" ({columns}) FROM STDIN'
            with connection.cursor() as cursor, cursor.connection.cursor().copy(sql) as copy:
                for row in self.rows:
                    if self.json_fields:
                        row = tuple(
                            json.dumps(v) if i in self.json_fields else v for i, v in enumerate(row)
                        )
                    copy.write_row(row)
        else:
            self.model._default_manager.bulk_create(
                [self.model(**dict(zip(self.fields, row, strict=True))) for row in self.rows],
                batch_size=500,
            )
        self.written += len(self.rows)
        self.rows = []


@dataclass
class Writers:
    applicants: TableWriter
    applications: TableWriter
    journeys: TableWriter
    records: TableWriter
    counters: TableWriter
    cases: TableWriter
    surveys: TableWriter
    complaints: TableWriter
    shifts: TableWriter
    attendance: TableWriter
    findings: TableWriter
    adjustments: TableWriter

    @classmethod
    def open(cls) -> Writers:
        return cls(
            applicants=TableWriter(
                Applicant,
                ["id", "unit_id", "nik", "full_name", "birth_date", "sex", "phone", "created_at"],
            ),
            applications=TableWriter(
                Application,
                [
                    "id",
                    "unit_id",
                    "applicant_id",
                    "application_type",
                    "sim_class",
                    "current_sim_class",
                    "current_sim_issued_on",
                    "service_date",
                    "queue_number",
                    "ticket_code",
                    "registered_at",
                    "registered_by_id",
                    "channel",  # no database default: COPY must name it
                    "status",
                    "closed_at",
                    "closing_note",
                    "first_stage_code",
                    "elapsed_minutes",
                    "standard_minutes",
                    "compensation_state",
                    "priority",
                    "priority_note",
                ],
            ),
            journeys=TableWriter(
                Journey,
                [
                    "application_id",
                    "unit_id",
                    "service_date",
                    "standard_id",
                    "standard_minutes",
                    "warning_percent",
                    "route",
                    "current_index",
                    "current_stage_id",
                    "state",
                    "ready_since",
                    "pause_count",
                    "updated_at",
                    "missed_calls",
                    "priority",
                ],
            ),
            records=TableWriter(
                StageRecord,
                [
                    "id",
                    "application_id",
                    "stage_id",
                    "service_point_id",
                    "served_by_id",
                    "called_at",
                    "started_at",
                    "finished_at",
                    "outcome",
                    "created_at",
                    "call_count",
                ],
            ),
            counters=TableWriter(QueueCounter, ["unit_id", "service_date", "prefix", "last"]),
            cases=TableWriter(
                CompensationCase,
                [
                    "id",
                    "unit_id",
                    "application_id",
                    "reason",
                    "status",
                    "opened_at",
                    "minutes_over",
                    "attributed_stage_id",
                    "attributed_point_id",
                    "attributed_officer_id",
                    "attribution_note",
                    "item_id",
                    "settled_at",
                    "settled_by_id",
                    "acknowledged",
                    "settlement_note",
                    "photo",
                ],
            ),
            surveys=TableWriter(
                SurveyResponse,
                [
                    "unit_id",
                    "application_id",
                    "submitted_at",
                    "channel",
                    "u1",
                    "u2",
                    "u3",
                    "u4",
                    "u5",
                    "u6",
                    "u7",
                    "u8",
                    "u9",
                    "comment",
                ],
            ),
            complaints=TableWriter(
                Complaint,
                [
                    "unit_id",
                    "application_id",
                    "channel",
                    "lapor_reference",
                    "received_at",
                    "description",
                    "status",
                    "substantiated",
                    "resolved_at",
                    "handled_by_id",
                ],
            ),
            shifts=TableWriter(
                DutyShift,
                [
                    "id",
                    "unit_id",
                    "officer_id",
                    "date",
                    "shift",
                    "service_point_id",
                    "starts_at",
                    "ends_at",
                ],
            ),
            attendance=TableWriter(
                AttendanceCheck,
                [
                    "id",
                    "unit_id",
                    "checked_on",
                    "recorded_at",
                    "recorded_by_id",
                    "note",
                    "shift_id",
                    "officer_id",
                    "status",
                    "arrived_at",
                    "minutes_late",
                    "tolerance_minutes",
                    "is_late",
                ],
            ),
            findings=TableWriter(
                Finding,
                [
                    "id",
                    "unit_id",
                    "officer_id",
                    "criterion",
                    "kind",
                    "severity",
                    "occurred_on",
                    "period",
                    "description",
                    "source_key",
                    "attendance_id",
                    "compensation_case_id",
                    "created_at",
                ],
            ),
            adjustments=TableWriter(
                ScoreAdjustment,
                [
                    "unit_id",
                    "officer_id",
                    "finding_id",
                    "period",
                    "criterion",
                    "kind",
                    "points",
                    "status",
                    "proposed_at",
                    "proposed_by_id",
                    "decided_at",
                    "decided_by_id",
                    "decision_reason",
                ],
            ),
        )

    def all(self) -> list[TableWriter]:
        return [getattr(self, name) for name in self.__dataclass_fields__]

    def flush(self) -> None:
        for writer in self.all():
            writer.flush()
