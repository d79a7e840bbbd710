"""The one cache: a bounded map that evicts the least recently used entry, computing each key once.

Every value the dashboard keeps across runs goes through `Memo` (the loaded build, its refresh,
the views made per build and filters, the export images, the coalition's vocabulary), so there is
one eviction policy to reason about. Why not Streamlit's `st.cache_resource`: it hashes every
argument with its own hasher and inspects the function's signature on every call; measured under
load (docs/load.md), the two lookups each run made cost 8% of a replica's time, more than the
page's own code, against 7 µs for a dictionary lookup. Keys here are short tuples of strings and
numbers, so Python's own hash does. Each key is computed once even when many sessions ask for it
at the same moment (the others wait for that one result); a call that raises stores nothing, so
the next one tries again. Values are shared and must never be changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, Generic, TypeVar

T = TypeVar("T")
V = TypeVar("V")


class Memo(Generic[V]):
    """At most `max_entries` values; the least recently used goes first."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._pending: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value for `key`, made by `make()` the first time (once, however many ask)."""
        with self._guard:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            lock = self._pending.setdefault(key, threading.Lock())
        with lock:  # one caller makes it; the others wait here, then find its value
            with self._guard:
                if key in self._values:
                    return self._values[key]
            try:
                value = make()
            except BaseException:
                with self._guard:
                    self._pending.pop(key, None)
                raise
            with self._guard:
                self._values[key] = value
                self._pending.pop(key, None)
                while len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
            return value

    def clear(self) -> None:
        with self._guard:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


def process_memo(max_entries: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise a function of hashable positional arguments in a `Memo`."""

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        memo: Memo[Any] = Memo(max_entries)

        @wraps(func)
        def call(*args: Hashable) -> T:
            return memo.get(args, lambda: func(*args))

        call.clear = memo.clear  # type: ignore[attr-defined]
        return call

    return decorate
