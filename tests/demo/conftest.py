"""The seeded demo, shared by the tests of one class or module that read it.

Seeding the demo takes most of a minute; seeding it again for each test that only looks at it
made these tests the slowest of the suite. A test that writes (seeding again, signing in) still
starts from the same seeded state: see `seeded_demo`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from pytest_django import DjangoDbBlocker

from tests.clock import office_clock


@dataclass(frozen=True)
class SeededDemo:
    """What `seed_demo` printed, and the instant it ran at."""

    output: str
    moment: dt.datetime


@contextlib.contextmanager
def seeded_demo(
    blocker: DjangoDbBlocker, moment: dt.datetime, *args: str, debug: bool = False
) -> Iterator[SeededDemo]:
    """Run `seed_demo *args` at `moment` in a transaction that stays open while the block runs
    and is rolled back when it ends.

    Each test inside runs in a savepoint of that transaction (pytest-django's `db`), rolled back
    after the test: what one test writes is gone before the next, and the demo is gone before
    any test outside the block. Use it in a class- or module-scoped fixture whose tests all ask
    for it (a test of the same scope that does not would see the demo too). Under xdist it is
    seeded once on each worker that runs tests of that scope.
    """
    with blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            with (
                office_clock(moment),
                translation.override(settings.LANGUAGE_CODE),
                override_settings(DEBUG=debug),
            ):
                call_command("seed_demo", *args, stdout=out)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield SeededDemo(output=out.getvalue(), moment=moment)
    finally:
        with blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
