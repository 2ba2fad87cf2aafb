"""Upgrading across the move of EvidencePack and SigningKey from `satpas` to `evidence`: the
rows stay, the permissions (and who holds them) stay, and a pack waiting in the task queue
still finds its task."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from evidence.models import EvidencePack, SigningKey
from satpas.models import User
from tests.factories import UserFactory

# Schema changes inside a test transaction are refused on SQLite: this test commits.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = ("satpas", "0007_shared_cache_table")
OLD_TASK = "satpas.evidence.tasks.build_evidence_pack"


def _targets_before(executor: MigrationExecutor) -> list[tuple[str, str | None]]:
    """The last satpas migration before the move, no evidence app, every other app's latest."""
    targets: list[tuple[str, str | None]] = []
    for app, name in executor.loader.graph.leaf_nodes():
        if app == "satpas":
            targets.append(BEFORE_THE_MOVE)
        elif app == "evidence":
            targets.append((app, None))
        else:
            targets.append((app, name))
    return targets


def test_packs_keys_and_permissions_survive_the_move_to_the_evidence_app(unit) -> None:
    user = UserFactory(home_unit=unit)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = _targets_before(executor)
    executor.migrate(before)
    try:
        executor.loader.build_graph()
        old = executor.loader.project_state([t for t in before if t[1] is not None]).apps
        old_ct = old.get_model("contenttypes", "ContentType")
        assert old_ct.objects.filter(app_label="satpas", model="evidencepack").exists()
        pack = old.get_model("satpas", "EvidencePack").objects.create(
            unit_id=unit.pk,
            period_start=dt.date(2026, 6, 1),
            period_end=dt.date(2026, 6, 30),
            status="DONE",
            progress=100,
            sha256="ab" * 32,
            requested_by_id=user.pk,
            signed_with="ed25519:old",
        )
        key = old.get_model("satpas", "SigningKey").objects.create(
            unit_id=unit.pk,
            public_key="cHVibGlj",
            fingerprint="ed25519:old",
            private_key_encrypted="secret",
        )
        old_permission = old.get_model("auth", "Permission")
        export = old_permission.objects.get(
            content_type__app_label="satpas", codename="export_evidence"
        )
        view_key = old_permission.objects.get(
            content_type__app_label="satpas", codename="view_signingkey"
        )
        group = old.get_model("auth", "Group").objects.create(name="Tim penilai lama")
        group.permissions.add(export, view_key)
        old.get_model("satpas", "User").objects.get(pk=user.pk).user_permissions.add(export)
        waiting = DBTaskResult.objects.create(
            id=uuid.uuid4(),
            args_kwargs={"args": [pack.pk], "kwargs": {}},
            task_path=OLD_TASK,
            queue_name="default",
            backend_name="default",
            run_after=timezone.now(),
            exception_class_path="",
            traceback="",
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    ContentType.objects.clear_cache()

    moved = EvidencePack.objects.get(pk=pack.pk)
    assert (moved.unit, moved.requested_by_id, moved.sha256) == (unit, user.pk, "ab" * 32)
    assert SigningKey.objects.get(pk=key.pk).fingerprint == "ed25519:old"
    assert SigningKey.objects.get(unit=unit).pk == key.pk

    for model, old_ids in (("evidencepack", {export.pk}), ("signingkey", {view_key.pk})):
        content_type = ContentType.objects.get(app_label="evidence", model=model)
        assert content_type.model_class() in (EvidencePack, SigningKey)
        assert old_ids <= set(content_type.permission_set.values_list("pk", flat=True))
        assert not ContentType.objects.filter(app_label="satpas", model=model).exists()
    assert Permission.objects.get(pk=export.pk).content_type.app_label == "evidence"
    assert set(Group.objects.get(pk=group.pk).permissions.values_list("pk", flat=True)) == {
        export.pk,
        view_key.pk,
    }
    holder = User.objects.get(pk=user.pk)
    assert holder.has_perm("evidence.export_evidence")
    assert not holder.has_perm("satpas.export_evidence")

    assert DBTaskResult.objects.get(pk=waiting.pk).task_path == (
        "evidence.tasks.build_evidence_pack"
    )
