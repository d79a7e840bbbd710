"""A process-wide memo for values every session shares: the loaded build, its refresh, its shelves.

Streamlit's `st.cache_resource` hashes every argument with its own hasher and inspects the
function's signature on every call; measured under load (docs/load.md), the two lookups each run
made cost 8% of a replica's time, more than the page's own code. These keys are short tuples of
strings and integers, so Python's own hash does. Each key is computed once even when many
sessions ask for it at the same moment (the others wait for that one result); a call that raises
stores nothing, so the next one tries again. Values are shared and must never be changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, TypeVar

T = TypeVar("T")


def process_memo(max_entries: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise a function of hashable positional arguments; the least recently used go first."""

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        values: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
        pending: dict[tuple[Hashable, ...], threading.Lock] = {}
        guard = threading.Lock()

        @wraps(func)
        def call(*args: Hashable) -> T:
            with guard:
                if args in values:
                    values.move_to_end(args)
                    return values[args]
                lock = pending.setdefault(args, threading.Lock())
            with lock:  # one caller computes; the others wait here, then find its value
                with guard:
                    if args in values:
                        return values[args]
                try:
                    value = func(*args)
                except BaseException:
                    with guard:
                        pending.pop(args, None)
                    raise
                with guard:
                    values[args] = value
                    pending.pop(args, None)
                    while len(values) > max_entries:
                        values.popitem(last=False)
                return value

        def clear() -> None:
            with guard:
                values.clear()

        call.clear = clear  # type: ignore[attr-defined]
        return call

    return decorate
