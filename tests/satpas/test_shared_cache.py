"""Production settings choose one cache for every worker: the database by default, Redis
when CACHE_URL names it (never the per-process memory cache)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _caches(**env: str) -> dict:
    script = "import json, satpas.settings as s; print(json.dumps(s.CACHES))"
    environment = {
        k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update({"DEBUG": "false", "SECRET_KEY": "x" * 60, **env})
    output = subprocess.run(  # noqa: S603 (our own interpreter and settings)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)["default"]


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({}, "django.core.cache.backends.db.DatabaseCache"),
        (
            {"CACHE_URL": "redis://127.0.0.1:6379/1"},
            "django.core.cache.backends.redis.RedisCache",
        ),
    ],
)
def test_the_cache_is_shared_by_every_worker(env, backend) -> None:
    assert _caches(**env)["BACKEND"] == backend
