from __future__ import annotations

from django_tasks import task

from evidence.capacity.services import capacity_plan_compute
from evidence.services import evidence_pack_build


@task()
def build_evidence_pack(pack_id: int) -> None:
    """Run by `manage.py db_worker` (or inline in tests)."""
    evidence_pack_build(pack_id)


@task()
def compute_capacity_plan(plan_id: int) -> None:
    """A capacity plan or what-if, run by the worker (inline in tests)."""
    capacity_plan_compute(plan_id)
