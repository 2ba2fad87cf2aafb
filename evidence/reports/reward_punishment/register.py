"""The reward and punishment register's sheets (the Excel download and the evidence pack).

Reward and punishment register: the findings of the period, the proposals and the Kasat's
decisions with their reasons, the approved ledger with running totals, the SMK semester
totals, disciplinary referrals, the petugas teladan and the unit's policy (LKE ii.c asks for
a policy on discipline, performance and users' ratings, applied routinely)."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

from evidence.registers import Register, short_rank
from evidence.reports.filters import FormFilters
from evidence.reports.reward_punishment.queries import (
    Filters,
    adjustments,
    basis,
    findings,
    objections,
    recognitions,
    referrals,
    semesters,
)
from evidence.workbook import Column, Sheet
from personnel import scoring
from personnel.explain import explanation
from personnel.models import (
    Criterion,
    DisciplinaryReferral,
    Finding,
    Objection,
    RewardRule,
    ScoreAdjustment,
    ScorePolicy,
    Severity,
)
from personnel.selectors import semester_totals
from satpas.selectors import UnitPeriod

CHUNK = 2000


def _findings(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
    criteria, kinds = dict(Criterion.choices), dict(Finding.Kind.choices)
    severities, statuses = dict(Severity.choices), dict(ScoreAdjustment.Status.choices)
    referral_states = dict(DisciplinaryReferral.Status.choices)
    rows = (
        findings(period, filters)
        .order_by("occurred_on", "created_at", "pk")
        .values_list(
            "occurred_on",
            "officer__number",
            "officer__full_name",
            "officer__rank",
            "criterion",
            "kind",
            "severity",
            "description",
            "source_key",
            "adjustment__points",
            "adjustment__status",
            "referral__status",
            "created_at",
            "status",
            "withdrawn_reason",
            "policy_version",
            "facts",
            "objection__status",
            "objection__reason",
            "objection__decision_reason",
            "objection__decided_by__full_name",
        )
        .iterator(chunk_size=CHUNK)
    )
    objection_states = dict(Objection.Status.choices)
    for (
        day,
        number,
        name,
        rank,
        criterion,
        kind,
        severity,
        description,
        source,
        points,
        status,
        referral,
        created,
        state,
        withdrawn_reason,
        version,
        facts,
        objection,
        objection_reason,
        decision_reason,
        decided_by,
    ) in rows:
        if referral:
            follow_up = f"rujukan disiplin: {referral_states.get(referral, referral)}"
        elif status:
            follow_up = f"{statuses.get(status, status)} ({points:+d})"
        else:
            follow_up = "belum diusulkan"
        yield [
            day,
            number,
            name,
            short_rank(rank),
            str(criteria.get(criterion, criterion)),
            basis(criterion),
            str(kinds.get(kind, kind)),
            str(severities.get(severity, "")) if severity else "",
            description,
            source,
            follow_up,
            created,
            "ditarik: " + withdrawn_reason if state == Finding.Status.WITHDRAWN else "berlaku",
            _explanation(criterion, facts, version),
            version,
            _objection(objection_states, objection, objection_reason, decision_reason, decided_by),
        ]


def _explanation(criterion: str, facts: dict | None, version: int | None) -> str:
    """How the finding was reached, the same lines the officer and the Kasat read."""
    shape = SimpleNamespace(criterion=criterion, facts=facts or {}, policy_version=version)
    return "; ".join(f"{label}: {value}" for label, value in explanation(shape))


def _objection(
    states: dict, status: str | None, reason: str | None, decision: str | None, by: str | None
) -> str:
    if not status:
        return ""
    text = f"{states.get(status, status)}. Alasan petugas: {reason}"
    if decision:
        text += f". Keputusan ({by}): {decision}"
    return text


def _objections(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
    states = dict(Objection.Status.choices)
    rows = (
        objections(period, filters)
        .order_by("filed_at", "pk")
        .values_list(
            "filed_at",
            "officer__number",
            "officer__full_name",
            "finding__occurred_on",
            "finding__description",
            "reason",
            "status",
            "decided_at",
            "decided_by__full_name",
            "decision_reason",
        )
        .iterator(chunk_size=CHUNK)
    )
    for filed, number, name, day, description, reason, status, decided, by, decision in rows:
        yield [
            filed,
            number,
            name,
            day,
            description,
            reason,
            str(states.get(status, status)),
            decided,
            by,
            decision,
        ]


def _adjustments(
    period: UnitPeriod, filters: Filters | None, approved_only: bool
) -> Iterator[list]:
    criteria, kinds = dict(Criterion.choices), dict(ScoreAdjustment.Kind.choices)
    statuses = dict(ScoreAdjustment.Status.choices)
    rows = adjustments(period, filters)
    if approved_only:
        rows = rows.filter(status=ScoreAdjustment.Status.APPROVED).order_by(
            "officer__full_name", "officer_id", "period", "decided_at", "pk"
        )
    else:
        rows = rows.order_by("period", "proposed_at", "pk")
    values = rows.values_list(
        "period",
        "officer_id",
        "officer__number",
        "officer__full_name",
        "criterion",
        "kind",
        "points",
        "status",
        "proposed_at",
        "proposed_by__full_name",
        "decided_at",
        "decided_by__full_name",
        "decision_reason",
        "finding__occurred_on",
        "finding__description",
        "reason",
    ).iterator(chunk_size=CHUNK)
    running: tuple[int | None, int] = (None, 0)  # (officer, total so far): one officer at a time
    for (
        month,
        officer_id,
        number,
        name,
        criterion,
        kind,
        points,
        status,
        proposed_at,
        proposed_by,
        decided_at,
        decided_by,
        reason,
        found_on,
        description,
        basis_text,
    ) in values:
        # A reversing entry has no finding of its own: its stated reason says what it undoes.
        description = description or basis_text
        if approved_only:
            total = (running[1] if running[0] == officer_id else 0) + points
            running = (officer_id, total)
            yield [
                month,
                number,
                name,
                str(criteria.get(criterion, criterion)),
                basis(criterion),
                str(kinds.get(kind, kind)),
                points,
                total,
                decided_at,
                decided_by,
                reason,
                description,
            ]
        else:
            yield [
                month,
                number,
                name,
                str(criteria.get(criterion, criterion)),
                basis(criterion),
                str(kinds.get(kind, kind)),
                points,
                str(statuses.get(status, status)),
                proposed_at,
                proposed_by or "sistem",
                decided_at,
                decided_by,
                reason,
                found_on,
                description,
            ]


def _semesters(period: UnitPeriod) -> Iterator[list]:
    for year, half in semesters(period):
        label = f"{year}-{half} ({'Jan–Jun' if half == 1 else 'Jul–Des'})"
        for row in semester_totals(period.unit, year, half):
            yield [
                label,
                row["number"],
                row["full_name"],
                short_rank(row["rank"]),
                row["position"],
                row["discipline"],
                row["performance"],
                row["users"],
                row["rewards"],
                row["punishments"],
                row["total"],
                row["entries"],
            ]


def _referrals(period: UnitPeriod, filters: Filters | None) -> Iterator[list]:
    criteria, statuses = dict(Criterion.choices), dict(DisciplinaryReferral.Status.choices)
    rows = (
        referrals(period, filters)
        .order_by("opened_at", "pk")
        .values_list(
            "opened_at",
            "officer__number",
            "officer__full_name",
            "finding__criterion",
            "finding__occurred_on",
            "finding__description",
            "status",
            "decision",
            "decided_at",
            "decided_by__full_name",
        )
        .iterator(chunk_size=CHUNK)
    )
    for opened, number, name, criterion, day, description, status, decision, at, by in rows:
        yield [
            opened,
            number,
            name,
            str(criteria.get(criterion, criterion)),
            day,
            description,
            str(statuses.get(status, status)),
            decision,
            at,
            by,
        ]


def _recognitions(period: UnitPeriod) -> Iterator[list]:
    rows = (
        recognitions(period)
        .order_by("period", "position")
        .values_list(
            "period",
            "position",
            "officer__number",
            "officer__full_name",
            "officer__rank",
            "points",
            "citation",
            "named_at",
            "named_by__full_name",
        )
        .iterator(chunk_size=CHUNK)
    )
    for month, position, number, name, rank, points, citation, named_at, named_by in rows:
        yield [
            month,
            position,
            number,
            name,
            short_rank(rank),
            points,
            citation,
            named_at,
            named_by,
        ]


def _policy(period: UnitPeriod) -> Iterator[list]:
    policy = ScorePolicy.objects.filter(unit=period.unit).first()
    if policy is None:
        return
    yield ["Toleransi keterlambatan (menit)", "", policy.lateness_tolerance_minutes, ""]
    for code, label in Criterion.choices:
        yield [f"Poin sanksi: {label}", basis(code), -policy.base_points(code), ""]
    yield ["Pengali pelanggaran sedang", "", policy.medium_factor, ""]
    yield ["Pelanggaran berat", "", "", "dirujuk ke sidang disiplin, tanpa poin"]
    kinds = dict(RewardRule.Kind.choices)
    for rule in RewardRule.objects.filter(policy=policy).order_by("kind"):
        parameters = ", ".join(
            f"{name}={getattr(rule, name)}" for name in scoring.REWARD_PARAMETERS.get(rule.kind, ())
        )
        yield [
            f"Penghargaan: {kinds.get(rule.kind, rule.kind)}",
            basis(rule.criterion),
            rule.points,
            f"{'berlaku' if rule.is_active else 'tidak berlaku'}; {parameters}",
        ]


def sheets(
    period: UnitPeriod, *, masked: bool = True, filters: FormFilters | None = None
) -> list[Sheet]:
    chosen: Filters | None = filters.values() if filters is not None else None
    return [
        Sheet(
            "Temuan",
            [
                Column("Tanggal", 12),
                Column("NRP/NIP", 20),
                Column("Nama", 24),
                Column("Pangkat", 10),
                Column("Kriteria", 24),
                Column("Dasar LKE", 16),
                Column("Jenis", 20),
                Column("Tingkat", 9),
                Column("Uraian", 40),
                Column("Sumber", 22),
                Column("Tindak lanjut", 24),
                Column("Dicatat pada", 17),
                Column("Status temuan", 24),
                Column("Dasar temuan (rincian)", 60),
                Column("Versi kebijakan", 9),
                Column("Keberatan", 40),
            ],
            _findings(period, chosen),
        ),
        Sheet(
            "Keberatan",
            [
                Column("Diajukan pada", 17),
                Column("NRP/NIP", 20),
                Column("Nama", 24),
                Column("Tanggal temuan", 12),
                Column("Temuan", 40),
                Column("Alasan keberatan", 40),
                Column("Status", 24),
                Column("Diputus pada", 17),
                Column("Diputus oleh", 22),
                Column("Alasan keputusan", 40),
            ],
            _objections(period, chosen),
        ),
        Sheet(
            "Usulan dan keputusan",
            [
                Column("Bulan", 12),
                Column("NRP/NIP", 20),
                Column("Nama", 24),
                Column("Kriteria", 24),
                Column("Dasar LKE", 16),
                Column("Jenis", 20),
                Column("Poin", 7),
                Column("Status", 12),
                Column("Diusulkan pada", 17),
                Column("Diusulkan oleh", 22),
                Column("Diputuskan pada", 17),
                Column("Diputuskan oleh", 22),
                Column("Alasan keputusan", 30),
                Column("Tanggal temuan", 12),
                Column("Temuan", 40),
            ],
            _adjustments(period, chosen, approved_only=False),
        ),
        Sheet(
            "Buku nilai disetujui",
            [
                Column("Bulan", 12),
                Column("NRP/NIP", 20),
                Column("Nama", 24),
                Column("Kriteria", 24),
                Column("Dasar LKE", 16),
                Column("Jenis", 20),
                Column("Poin", 7),
                Column("Jumlah berjalan", 10),
                Column("Disetujui pada", 17),
                Column("Disetujui oleh", 22),
                Column("Alasan", 30),
                Column("Temuan", 40),
            ],
            _adjustments(period, chosen, approved_only=True),
        ),
        Sheet(
            "Rekap SMK semester",
            [
                Column("Semester", 18),
                Column("NRP/NIP", 20),
                Column("Nama", 24),
                Column("Pangkat", 10),
                Column("Jabatan", 22),
                Column("Disiplin", 9),
                Column("Kinerja", 9),
                Column("Penilaian pengguna", 12),
                Column("Penghargaan", 11),
                Column("Sanksi", 9),
                Column("Rekomendasi penyesuaian", 14),
                Column("Jumlah catatan", 10),
            ],
            _semesters(period),
            note="Hanya penyesuaian yang disetujui Kasat Lantas; rekomendasi bagi pejabat penilai SMK.",
        ),
        Sheet(
            "Rujukan disiplin",
            [
                Column("Dibuka pada", 17),
                Column("NRP/NIP", 20),
                Column("Nama", 24),
                Column("Kriteria", 24),
                Column("Tanggal temuan", 12),
                Column("Temuan", 40),
                Column("Status", 18),
                Column("Putusan", 30),
                Column("Diputus pada", 17),
                Column("Dicatat oleh", 22),
            ],
            _referrals(period, chosen),
        ),
        Sheet(
            "Petugas teladan",
            [
                Column("Bulan", 12),
                Column("Peringkat", 9),
                Column("NRP/NIP", 20),
                Column("Nama", 24),
                Column("Pangkat", 10),
                Column("Poin bulan itu", 10),
                Column("Alasan penghargaan", 40),
                Column("Ditetapkan pada", 17),
                Column("Ditetapkan oleh", 22),
            ],
            _recognitions(period),
        ),
        Sheet(
            "Kebijakan",
            [
                Column("Ketentuan", 46),
                Column("Dasar LKE", 20),
                Column("Nilai", 9),
                Column("Keterangan", 50),
            ],
            _policy(period),
        ),
    ]


REGISTER = Register(
    slug="04-reward-punishment",
    title="Register reward dan punishment petugas pelayanan",
    indicator="Pemenuhan · Peningkatan Kualitas Pelayanan Publik · ii.c sistem penghargaan dan sanksi (disiplin, kinerja, penilaian pengguna); Penataan SDM · penilaian kinerja individu sebagai dasar reward",
    sheets=sheets,
)
