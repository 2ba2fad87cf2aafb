"""A database made by the previous release migrates forward without losing a row.

The fixture was made by the release before the evidence/ and demo/ apps (see
tests/fixtures/README.md); `manage.py migrate` runs on a copy in a separate process, as an
upgrade would."""

from __future__ import annotations

import lzma
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "db_before_evidence_app.sqlite3.xz"
# Tables whose rows a migration may add to (new apps' content types and permissions, the
# migration log); every other table keeps exactly its rows.
# Tables a release may add rows to: its migrations, new models' content types and permissions,
# the roles' new permissions (re-applied after every migrate), and the shared cache.
GROWS = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "auth_group_permissions",
    "auth_group",  # a release may add a role (the Ditlantas' regional role)
    "satpas_cache",
}


def _counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


@pytest.mark.real_clock  # a separate process: the frozen clock does not reach it anyway
def test_the_previous_releases_database_migrates_forward_without_losing_a_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(lzma.decompress(FIXTURE.read_bytes()))
    with sqlite3.connect(path) as db:
        before = _counts(db)
        group_permissions_before = db.execute(
            "SELECT g.name, p.codename FROM auth_group_permissions gp "
            "JOIN auth_group g ON g.id = gp.group_id JOIN auth_permission p ON p.id = gp.permission_id "
            "JOIN django_content_type c ON c.id = p.content_type_id "
            "WHERE c.model IN ('evidencepack', 'signingkey') ORDER BY 1, 2"
        ).fetchall()
    db.close()
    assert before["satpas_evidencepack"] == 2
    assert before["applicants_application"] > 50
    assert group_permissions_before  # the fixture holds what the test is about

    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{path}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr

    with sqlite3.connect(path) as db:
        after = _counts(db)
        lost = {
            t: (n, after.get(t)) for t, n in before.items() if t not in GROWS and after.get(t) != n
        }
        assert lost == {}
        for table in GROWS:
            assert after[table] >= before[table]
        assert db.execute(
            "SELECT app_label FROM django_content_type WHERE model = 'evidencepack'"
        ).fetchall() == [("evidence",)]
        group_permissions_after = db.execute(
            "SELECT g.name, p.codename FROM auth_group_permissions gp "
            "JOIN auth_group g ON g.id = gp.group_id JOIN auth_permission p ON p.id = gp.permission_id "
            "JOIN django_content_type c ON c.id = p.content_type_id "
            "WHERE c.model IN ('evidencepack', 'signingkey') ORDER BY 1, 2"
        ).fetchall()
        # The roles that were there keep their rights over the moved models (a role added by
        # this release, the Ditlantas', brings its own).
        old_roles = {name for name, _codename in group_permissions_before}
        assert [
            row for row in group_permissions_after if row[0] in old_roles
        ] == group_permissions_before
        assert db.execute(
            "SELECT task_path FROM django_tasks_database_dbtaskresult"
        ).fetchall() == [("evidence.tasks.build_evidence_pack",)]
    db.close()
