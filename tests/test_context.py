"""What pages keep between runs: per build, and per filter combination, within a bound."""

from __future__ import annotations

from components.context import MAX_VIEWS, Shelves


def test_a_view_shelf_is_kept_between_runs() -> None:
    shelves = Shelves()
    shelves.view("a")[("totals",)] = 1
    assert shelves.view("a") == {("totals",): 1}


def test_the_least_recently_used_views_are_dropped_past_the_bound() -> None:
    shelves = Shelves()
    shelves.view("first")[("x",)] = "kept"
    shelves.view("second")[("x",)] = "dropped"
    for i in range(MAX_VIEWS - 2):
        shelves.view(f"v{i}")
    shelves.view("first")  # used again: now the most recent
    shelves.view("one more")  # the 65th view pushes out the least recently used
    assert shelves.view("first") == {("x",): "kept"}
    assert shelves.view("second") == {}
