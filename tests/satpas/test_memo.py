"""The per-process memo stays true across app servers: a change stamped in the shared cache
by one server is taken up by every other within SHARED_CHECK_SECONDS."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from satpas import memo

KEY = "test:reference"


@pytest.fixture
def clock(monkeypatch):
    """memo's clock, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr(memo, "_clock", lambda: now[0])
    return now


def loader(values: list[str]):
    loads = []

    def load() -> str:
        loads.append(1)
        return values[len(loads) - 1]

    return load, loads


def test_a_change_on_another_server_is_taken_up_within_the_check_interval(clock) -> None:
    load, loads = loader(["old", "new"])
    assert memo.remember(KEY, 300, load) == "old"
    cache.set(memo._stamp_key(KEY), "stamped-by-another-server", None)  # its `forget`
    clock[0] += memo.SHARED_CHECK_SECONDS / 2
    assert memo.remember(KEY, 300, load) == "old"  # not asked yet: no read per request
    clock[0] += memo.SHARED_CHECK_SECONDS
    assert memo.remember(KEY, 300, load) == "new"
    assert len(loads) == 2


def test_an_unchanged_stamp_keeps_the_entry(clock) -> None:
    load, loads = loader(["only"])
    memo.remember(KEY, 300, load)
    clock[0] += 10 * memo.SHARED_CHECK_SECONDS
    assert memo.remember(KEY, 300, load) == "only"
    assert len(loads) == 1


def test_a_stamp_evicted_from_the_shared_cache_does_not_pass_an_old_entry(clock) -> None:
    load, _loads = loader(["old", "new"])
    memo.remember(KEY, 300, load)
    cache.delete(memo._stamp_key(KEY))
    clock[0] += memo.SHARED_CHECK_SECONDS
    assert memo.remember(KEY, 300, load) == "new"


@pytest.mark.django_db(transaction=True)
def test_forget_stamps_again_when_the_change_commits(clock) -> None:
    """A server that reloaded between the save and the commit read the old data: the stamp
    given at commit makes it load once more."""
    from django.db import transaction

    memo.remember(KEY, 300, lambda: "old")
    with transaction.atomic():
        memo.forget(KEY)
        during = cache.get(memo._stamp_key(KEY))
    after = cache.get(memo._stamp_key(KEY))
    assert during is not None
    assert after is not None
    assert after != during


def test_stamps_due_are_read_together(clock, monkeypatch) -> None:
    for key in ("a", "b", "c"):
        memo.remember(key, 300, lambda key=key: key)
    reads = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(keys) or get_many(keys))
    clock[0] += memo.SHARED_CHECK_SECONDS
    for key in ("a", "b", "c"):
        memo.remember(key, 300, lambda key=key: key)
    assert len(reads) == 1
    assert len(reads[0]) == 3
