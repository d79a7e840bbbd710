"""What pages keep between runs: per build, and per filter combination, within a bound."""

from __future__ import annotations

from components.context import MAX_VIEWS, Shelves


def test_a_view_shelf_is_kept_between_runs() -> None:
    shelves = Shelves()
    shelves.view("a").get(("totals",), lambda: 1)
    assert shelves.view("a").get(("totals",), lambda: 2) == 1


def test_the_least_recently_used_views_are_dropped_past_the_bound() -> None:
    shelves = Shelves()
    shelves.view("first").get(("x",), lambda: "kept")
    shelves.view("second").get(("x",), lambda: "dropped")
    for i in range(MAX_VIEWS - 2):
        shelves.view(f"v{i}")
    shelves.view("first")  # used again: now the most recent
    shelves.view("one more")  # the 65th view pushes out the least recently used
    assert shelves.view("first").get(("x",), lambda: "made again") == "kept"
    assert len(shelves.view("second")) == 0


def test_memo_makes_once_per_key_and_stays_bounded() -> None:
    import datetime as dt

    from components.context import MAX_ENTRIES, PageContext
    from components.filters import Filters
    from db.contract.validate import validate_folder
    from tests.conftest import JULY, TODAY

    dataset = validate_folder(JULY, today=TODAY).dataset
    filters = Filters(as_of=dt.date(2025, 5, 1), statuses=("troops",), group=None)
    ctx = PageContext(dataset, filters, TODAY, build=("test.db", 1, 2, 3))
    made: list[int] = []
    for i in range(MAX_ENTRIES + 1):
        assert ctx.memo("n", lambda i=i: made.append(i) or i, i) == i
    assert ctx.memo("n", lambda: made.append(-1) or -1, MAX_ENTRIES) == MAX_ENTRIES  # kept
    assert ctx.memo("n", lambda: made.append(-1) or -1, 0) == -1  # the least recently used went
    assert len(made) == MAX_ENTRIES + 2
    again = PageContext(dataset, filters, TODAY, build=("test.db", 1, 2, 3))
    assert again.totals is ctx.totals  # a later run with the same build and filters
    rebuilt = PageContext(dataset, filters, TODAY, build=("test.db", 1, 2, 4))
    assert rebuilt.totals is not ctx.totals


def test_views_differ_by_language_and_by_group_even_with_the_same_members() -> None:
    """Two groups with the same members on a date are two views (each names its group), and a
    French reader's view is never an English one's."""
    import datetime as dt

    from components.context import PageContext
    from components.filters import Filters
    from db.contract.validate import validate_folder
    from tests.conftest import JULY, TODAY

    dataset = validate_folder(JULY, today=TODAY).dataset
    build = ("test.db", 1, 2, 3)
    members = frozenset({"EST", "LVA", "LTU"})

    def keys(group: str | None, lang: str = "en") -> dict[str, str]:
        filters = Filters(dt.date(2025, 5, 1), ("troops",), group, members)
        return PageContext(dataset, filters, TODAY, build=build, lang=lang).keys

    assert keys("Baltic states")["filters"] != keys("Baltic three")["filters"]
    assert keys("Baltic states")["filters"] == keys("Baltic states")["filters"]
    assert keys(None, "fr")["filters"] != keys(None)["filters"]
    assert keys(None, "fr")["build"] != keys(None)["build"]
