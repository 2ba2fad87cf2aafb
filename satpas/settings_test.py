"""Settings for the test suite: production settings with test-friendly storage and hashing."""

from __future__ import annotations

import os
from datetime import timedelta

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-checks-0123")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")

from satpas.settings import *  # noqa: F403
from satpas.settings import DATABASES, STORAGES

# The manifest needs collectstatic; the tests serve static files straight from the source.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Tests move the frozen clock across hours with a signed-in client; the tests of the idle
# timeout turn it on themselves.
SESSION_IDLE_TIMEOUT = timedelta(0)
# The pages' query budgets count queries on the database connection; the database cache
# would add its own to each one. Tests that are about the shared cache switch it on
# themselves (tests/satpas/test_shared_cache.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A read replica as Django tests one: an alias mirroring the test database (TEST.MIRROR), so
# that the router's decisions run in every test. Inside a TestCase's transaction every read
# is on the primary (the router keeps reads in atomic blocks there); tests that commit
# (transaction=True) see the replica alias read for real and list it in `databases`.
DATABASES = {
    **DATABASES,
    "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}},
}
DATABASE_ROUTERS = ["satpas.db_router.ReplicaRouter"]
# Packs are written in this process, where the test can see every query; the test of the
# worker processes (tests/evidence/test_pack_workers.py) asks for two itself.
EVIDENCE_PACK_WORKERS = 1
