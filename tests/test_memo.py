"""The process-wide memo sessions share: one computation per key, bounded, nothing kept on error."""

from __future__ import annotations

import threading

import pytest

from db.memo import process_memo


def test_sessions_asking_at_once_wait_for_one_computation() -> None:
    calls: list[str] = []
    started = threading.Event()
    release = threading.Event()

    @process_memo(max_entries=2)
    def load(key: str) -> list[str]:
        calls.append(key)
        started.set()
        release.wait(10)
        return [key]

    results: list[list[str]] = []
    first = threading.Thread(target=lambda: results.append(load("a")))
    first.start()
    assert started.wait(10)
    others = [threading.Thread(target=lambda: results.append(load("a"))) for _ in range(7)]
    for thread in others:
        thread.start()
    release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert calls == ["a"]
    assert len(results) == 8 and all(r is results[0] for r in results)  # one shared value


def test_the_least_recently_used_key_goes_first() -> None:
    calls: list[int] = []

    @process_memo(max_entries=2)
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    assert [square(2), square(3), square(2), square(4)] == [4, 9, 4, 16]  # 3 is now the oldest
    assert [square(2), square(3)] == [4, 9]
    assert calls == [2, 3, 4, 3]
    square.clear()
    square(2)
    assert calls == [2, 3, 4, 3, 2]


def test_a_failed_call_stores_nothing() -> None:
    attempts: list[int] = []

    @process_memo(max_entries=2)
    def flaky(n: int) -> int:
        attempts.append(n)
        if len(attempts) == 1:
            raise OSError("disk I/O error")
        return n

    with pytest.raises(OSError, match="disk I/O error"):
        flaky(1)
    assert flaky(1) == 1 and flaky(1) == 1
    assert attempts == [1, 1]
