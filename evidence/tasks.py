from __future__ import annotations

from django_tasks import task

from evidence.services import evidence_pack_build


@task()
def build_evidence_pack(pack_id: int) -> None:
    """Run by `manage.py db_worker` (or inline in tests)."""
    evidence_pack_build(pack_id)
