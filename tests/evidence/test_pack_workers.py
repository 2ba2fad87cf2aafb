"""The pack written by worker processes (EVIDENCE_PACK_WORKERS), and a register's slow queries
started early in threads (evidence.prefetch): the same bytes as written in one process, and a
failure anywhere fails the pack."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import override_settings

from evidence import pack as pack_module
from evidence import prefetch
from evidence.pack import build_pack

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="workers are forked on PostgreSQL only (an SQLite connection cannot be shared "
    "with a forked process); CI runs this on PostgreSQL",
)


class CountingPool(pack_module.ProcessPoolExecutor):
    made = 0

    def __init__(self, *args, **kwargs) -> None:
        CountingPool.made += 1
        super().__init__(*args, **kwargs)


@pytest.fixture
def counting_pool(monkeypatch) -> type[CountingPool]:
    CountingPool.made = 0
    monkeypatch.setattr(pack_module, "ProcessPoolExecutor", CountingPool)
    return CountingPool


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_write_the_same_pack_byte_for_byte(evidence, tmp_path, counting_pool) -> None:
    alone, together = tmp_path / "alone.zip", tmp_path / "together.zip"
    build_pack(evidence.period, alone)
    assert counting_pool.made == 0
    with override_settings(EVIDENCE_PACK_WORKERS=2):
        build_pack(evidence.period, together)
    assert counting_pool.made == 1  # the workers really wrote it
    assert together.read_bytes() == alone.read_bytes()


write_register = pack_module._write_register


def broken_register(index, period, path):
    if index == 2:
        raise RuntimeError("register 3 could not be read")
    return write_register(index, period, path)


@on_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_register_that_fails_in_a_worker_fails_the_pack(
    evidence, tmp_path, monkeypatch, counting_pool
) -> None:
    # Replaced before the workers are forked: they run this one.
    monkeypatch.setattr(pack_module, "_write_register", broken_register)
    with (
        override_settings(EVIDENCE_PACK_WORKERS=2),
        pytest.raises(RuntimeError, match="register 3 could not be read"),
    ):
        build_pack(evidence.period, tmp_path / "bukti.zip")
    assert counting_pool.made == 1


@pytest.mark.django_db
def test_inside_a_transaction_the_pack_is_written_here(evidence, tmp_path, counting_pool) -> None:
    """The test's own rows are uncommitted: another connection would not see them."""
    with override_settings(EVIDENCE_PACK_WORKERS=2):
        build_pack(evidence.period, tmp_path / "bukti.zip")
    assert counting_pool.made == 0


# --- evidence.prefetch ----------------------------------------------------------------------


@pytest.fixture
def threads(monkeypatch) -> None:
    monkeypatch.setattr(prefetch, "_threads", True)


def test_without_threads_the_call_waits_until_asked_for_and_runs_once() -> None:
    calls: list[int] = []

    def slow() -> int:
        calls.append(threading.get_ident())
        return 42

    later = prefetch.Later(slow)
    assert calls == []
    assert later() == 42
    assert later() == 42
    assert calls == [threading.get_ident()]


def test_with_threads_the_call_starts_at_once_in_another_thread(threads) -> None:
    started = threading.Event()
    ran_in: list[int] = []

    def slow(value: int) -> int:
        ran_in.append(threading.get_ident())
        started.set()
        return value * 2

    later = prefetch.Later(slow, 21)
    assert started.wait(timeout=10)  # before anyone asked for it
    assert later() == 42
    assert ran_in
    assert ran_in[0] != threading.get_ident()


@pytest.mark.parametrize("use_threads", [False, True])
def test_an_error_reaches_the_caller(monkeypatch, use_threads) -> None:
    monkeypatch.setattr(prefetch, "_threads", use_threads)

    def broken() -> None:
        raise ValueError("query failed")

    later = prefetch.Later(broken)
    with pytest.raises(ValueError, match="query failed"):
        later()
    with pytest.raises(ValueError, match="query failed"):
        later()


def test_a_thread_reads_in_the_callers_language(threads) -> None:
    from django.utils import translation

    with translation.override("en"):
        later = prefetch.Later(translation.get_language)
    assert later() == "en"
