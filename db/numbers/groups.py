"""Reference groups for the filter (alliances, regions), as `coalition.yaml` defines them.

A group lists its members and, where membership changed, the dated changes: the members on a
date are the list with every change up to that date applied. The code knows no group by name.
"""

from __future__ import annotations

import datetime as dt

from db.contract.models import Coalition


def members(coalition: Coalition, group: str | None, on: dt.date) -> frozenset[str] | None:
    """The ISO codes in `group` on `on`, or None for no group filter (or a group not defined)."""
    if not group or group not in coalition.groups:
        return None
    definition = coalition.groups[group]
    current = set(definition.members)
    for change in sorted(definition.changes, key=lambda c: c.date):
        if change.date <= on:
            current |= set(change.joined)
            current -= set(change.left)
    return frozenset(current)
