"""One headline value per view: every number a reader sees and every sentence explaining it.

Made here, once, from a dataset, an as-of date, the filters and a scenario; the overview, the
scenario page, the briefing images, `coalition summary` and `coalition diff` only display it. A
second place that formats or sums the same thing is a bug waiting: numbers are written by
`format_range` alone ("2,500" for one figure, never "2,500–2,500"), names are joined by
`and_list`, and verbs agree with their subjects ("Kenya leads", "France and the United Kingdom
lead").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from db.contract.models import (
    STATUSES,
    Country,
    Dataset,
    DatedTarget,
    JointFigure,
    Statement,
    Troops,
)
from db.contract.vocabulary import Vocabulary, vocabulary
from db.numbers.locale import _, number, percent, percent_range
from db.numbers.totals import (
    BASIS_WORDS,
    Position,
    Totals,
    cited,
    compute_totals,
    day,
    figure_with_basis,
    format_figure,
    format_range,
    format_troops,
)

NAMED = 8  # names written out in a sentence before "and N more"


def shorten(items: Sequence[str], limit: int = NAMED) -> list[str]:
    """The first `limit` items and 'N more', so a long list cannot run off a chart or image."""
    if len(items) <= limit:
        return list(items)
    return [*items[: limit - 1], f"{len(items) - limit + 1} more"]


def and_list(items: Sequence[str], limit: int = NAMED) -> str:
    """'A', 'A and B', 'A, B and C', or 'A, B, ... and 41 more'."""
    shown = shorten(items, limit)
    if not shown:
        return ""
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


# English puts "the" before some country names in a sentence ("the United Kingdom leads").
_THE_NAMES = frozenset("Bahamas Comoros Gambia Maldives Netherlands Philippines Seychelles".split())
_THE_STARTS = ("United ", "Republic ", "Democratic Republic", "Central African", "Dominican Rep")


def in_sentence(name: str) -> str:
    """A country's name as it reads inside a sentence: 'the United Kingdom', 'France'."""
    if name in _THE_NAMES or name.startswith(_THE_STARTS) or name.endswith(" Islands"):
        return f"the {name}"
    return name


def sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def plural(n: int, one: str, many: str) -> str:
    return f"{number(n)} {one if n == 1 else many}"


@dataclass(frozen=True)
class Range:
    low: int
    high: int
    qualifier: str | None = None

    @property
    def text(self) -> str:
        return format_range(self.low, self.high, self.qualifier)

    @property
    def single(self) -> bool:
        return self.low == self.high


@dataclass(frozen=True)
class Segment:
    """One country's figure in a bar of the range chart."""

    code: str
    name: str
    high: int
    low: int
    kind: str  # stated, reported (reported or derived figures) or assumed
    qualifier: str | None = None
    word: str = ""  # how the figure is known, on its label: 'reported', 'derived'


BARS = ("stated", "reported", "assumed")  # each bar holds its own kind and every kind before it


@dataclass(frozen=True)
class Headline:
    """What a view of the coalition says, as numbers and as sentences."""

    name: str
    as_of: dt.date
    words: Vocabulary
    totals: Totals
    assumed: Mapping[str, int] = field(default_factory=dict)
    newest: dt.date | None = None  # the newest statement in the data on or before as_of
    stale_after_days: int = 60
    references: tuple[tuple[str, int], ...] = ()  # reference scenarios drawn as lines
    group: str | None = None  # the group the view is narrowed to, if any
    statuses: tuple[str, ...] | None = None  # the statuses shown, when not all of them
    coalition_leads: tuple[str, ...] = ()  # the whole coalition's leads, for a narrowed view

    # Numbers -----------------------------------------------------------------------------------

    @property
    def personnel(self) -> str:
        return self.words.personnel

    @property
    def target(self) -> DatedTarget | None:
        return self.totals.target

    @property
    def band(self) -> Range | None:
        target = self.target
        return Range(target.min, target.max, target.qualifier) if target else None

    @property
    def stated(self) -> Range:
        return Range(self.totals.low, self.totals.high)

    @property
    def with_reported(self) -> Range:
        return Range(self.totals.reported_low, self.totals.reported_high)

    @property
    def assumed_total(self) -> int:
        return sum(v for v in self.assumed.values() if v > 0)

    @property
    def with_assumed(self) -> Range:
        """What "with assumed" means, everywhere: the assumed figures stacked on top of every
        sourced figure drawn (stated, reported and derived); an assumption for a country that
        has a sourced figure replaces it."""
        return self.bar_range("assumed")

    def bar(self, kind: str) -> tuple[Segment, ...]:
        """The figures a bar of the range chart stacks, in order: the stated bar holds the
        figures stated on the record; the reported bar adds the reported and derived ones; the
        assumed bar adds the assumptions, each replacing its country's sourced figure."""
        stated = tuple(
            Segment(p.iso3, p.name, p.troops_high, p.troops_low, "stated", p.troops.qualifier)
            for p in self.counted
        )
        press = tuple(
            Segment(
                p.iso3, p.name, p.troops_high, p.troops_low, "reported", p.troops.qualifier,
                BASIS_WORDS[p.basis],
            )
            for p in self.press
            if p.iso3 not in self.totals.left_out
        )  # fmt: skip
        if kind == "stated":
            return stated
        if kind == "reported":
            return stated + press
        kept = tuple(s for s in stated + press if s.code not in self.assumed)
        return kept + tuple(
            Segment(code, self.names.get(code, code), n, n, "assumed")
            for code, n in self.assumed.items()
        )

    def bar_range(self, kind: str) -> Range:
        """The low and high ends of a bar: the sums of its figures' lowest and highest."""
        segments = self.bar(kind)
        return Range(sum(s.low for s in segments), sum(s.high for s in segments))

    @property
    def bars(self) -> tuple[str, ...]:
        """The bars the range chart draws: stated always, the others when they hold a figure."""
        return tuple(
            k
            for k in BARS
            if k == "stated"
            or (k == "reported" and self.press)
            or (k == "assumed" and self.assumed)
        )

    @property
    def willing(self) -> int:
        return self.totals.counts["troops"]

    @property
    def counted(self) -> tuple[Position, ...]:
        """Willing countries whose figure makes the stated sum."""
        return self.totals.official

    @property
    def not_counted(self) -> tuple[Position, ...]:
        """Willing countries with no figure, and none assumed for them."""
        return tuple(p for p in self.totals.unquantified if p.iso3 not in self.assumed)

    @property
    def stale_days(self) -> int | None:
        return (self.as_of - self.newest).days if self.newest else None

    @property
    def stale(self) -> bool:
        return self.stale_days is not None and self.stale_days > self.stale_after_days

    # Words -------------------------------------------------------------------------------------

    @property
    def band_text(self) -> str:
        """'5,000–20,000', or one figure ('2,500'), or a plain 'none cited yet'."""
        return self.band.text if self.band else "none cited yet"

    @property
    def target_line(self) -> str:
        """'Target: 5,000–20,000 troops, cited since 17 March 2025.'"""
        if self.target is None:
            return f"No target size for the force had been cited by {day(self.as_of)}."
        basis = " (reported, not stated on the record)" if self.target.basis == "reported" else ""
        return (
            f"Target: {self.band_text} {self.personnel}{basis}, cited since "
            f"{day(self.target.date)}."
        )

    @property
    def leads_text(self) -> str:
        """'France and the United Kingdom', or '' with no lead."""
        return and_list(sorted(in_sentence(p.name) for p in self.totals.leads))

    @property
    def leads_sentence(self) -> str:
        """'France and the United Kingdom lead', 'Kenya leads', or 'No lead named yet'."""
        if not self.totals.leads and self.scope and self.coalition_leads:
            leads = and_list([in_sentence(n) for n in self.coalition_leads])
            verb = "is" if len(self.coalition_leads) == 1 else "are"
            return f"The coalition's {'lead' if verb == 'is' else 'leads'}, {leads}, {verb} not in this view"
        if not self.totals.leads:
            return "No lead named yet"
        verb = "leads" if len(self.totals.leads) == 1 else "lead"
        return sentence_start(f"{self.leads_text} {verb}")

    @property
    def stated_line(self) -> str:
        """'Stated troops: 250–450 from 2 countries' (or a plain 'none stated')."""
        if not self.counted:
            return f"No stated figures on {day(self.as_of)}"
        return (
            f"Stated {self.personnel}: {self.stated.text}, from "
            f"{plural(len(self.counted), 'country', 'countries')}"
        )

    @property
    def band_reference(self) -> str:
        """'the 5,000 minimum' for a range, 'the 2,500 target' or 'the target of about 15,000'
        for one figure."""
        if self.band is None:
            return ""
        if self.band.single:
            return f"the {self.target_phrase}"
        return f"the {self.band.low:,} minimum"

    @property
    def target_phrase(self) -> str:
        """'10,000–30,000 target', '2,500 target' or 'target of about 15,000' (a qualified
        figure reads after the noun)."""
        if self.band is None:
            return "target"
        return f"target of {self.band.text}" if self.band.qualifier else f"{self.band.text} target"

    @property
    def chart_title(self) -> str:
        """The overview's title above the range chart."""
        if self.band is None:
            return f"Stated {self.personnel}"
        return f"Stated {self.personnel} against the {self.target_phrase}"

    @property
    def share_text(self) -> str:
        """'2.5–4.5%': the stated figures as a share of the band's minimum."""
        if self.band is None or not self.counted:
            return ""
        low, high = (100 * v / self.band.low for v in (self.stated.low, self.stated.high))
        return percent(low) if self.stated.single else percent_range(low, high)

    @property
    def gap_sentence(self) -> str:
        """'250–450 stated: 5–9% of the 5,000 minimum.' How far the figures are from it."""
        if self.band is None:
            return ""
        if not self.counted:
            return f"No stated figures against {self.band_reference}."
        return f"{self.stated.text} stated: {self.share_text} of {self.band_reference}."

    @property
    def scope(self) -> str:
        """'' for the whole coalition; 'Nordic-Baltic Eight', 'willing countries only' or
        'Nordic-Baltic Eight, willing and open countries only' for a part of it."""
        parts = [self.group] if self.group else []
        if self.statuses is not None:
            named = and_list([self.words.status_short(s).lower() for s in self.statuses])
            parts.append(f"{named or 'no'} countries only")
        return ", ".join(parts)

    @property
    def filter_sentence(self) -> str:
        """What a narrowed view counts, said once above its numbers."""
        if not self.scope:
            return ""
        return f"Filtered view ({self.scope}): the numbers count only the countries in it."

    @property
    def takeaway(self) -> str:
        """What a reader should take away, as a briefing's title, in a sober register; a part of
        the coalition is named and measured against the coalition's own target."""
        if self.scope:
            if self.band and self.counted:
                return (
                    f"{self.scope}: {self.stated.text} {self.personnel} stated on the record, "
                    f"{self.share_text} of the coalition's {self.target_phrase}"
                )
            return f"{self.scope}: no {self.personnel} figure stated on the record"
        stated = f"{self.personnel[:1].upper()}{self.personnel[1:]} stated on the record"
        if self.band and self.counted:
            cited = "" if self.band.qualifier and self.band.single else " cited"
            return f"{stated} reach {self.share_text} of {self.band_reference}{cited}"
        if self.band:
            return f"No {self.personnel} figure stated on the record against {self.band_reference} cited"
        if self.counted:
            return f"{stated}: {self.stated.text}"
        return f"No {self.personnel} figure stated on the record yet"

    @property
    def not_counted_sentence(self) -> str:
        """'Not counted: France, Latvia and the United Kingdom are willing but gave no number.'"""
        names = [in_sentence(p.name) for p in self.not_counted]
        if not names:
            return ""
        verb = "is" if len(names) == 1 else "are"
        return (
            f"Not counted: {and_list(names)} {verb} willing to send {self.personnel} but gave "
            "no number."
        )

    @property
    def press(self) -> tuple[Position, ...]:
        """Willing countries whose figure is reported by the press or derived from a unit: in
        the sum with press reports, never in the stated sum."""
        return self.totals.reported + self.totals.derived

    @property
    def not_added_sentence(self) -> str:
        """'France's 6,000 (Mathilde Panot) is not added to the United Kingdom's up to 7,500
        (The Times): ...'"""
        parts = [
            f"{possessive(n.position.name)} {format_figure(n.position.troops)}"
            f"{_account(n.position)} is not added to {possessive(n.counted.name)} "
            f"{format_figure(n.counted.troops)}{_account(n.counted)}"
            for n in self.totals.not_added
            if n.position.iso3 not in self.assumed
        ]
        if not parts:
            return ""
        return sentence_start(
            f"{'; '.join(parts)}: the data records that they come from different accounts, "
            "which must not be added together, so the sum with press reports counts only one."
        )

    def figure(self, position: Position) -> str:
        """A position's figure as every surface writes it: basis, unit and own date included."""
        return format_troops(position, self.words.units)

    @property
    def reported_sentence(self) -> str:
        """The press figures, each kind named, kept apart from the stated sum; the sum with them."""
        kinds = [
            ("reported by the press, not stated by the governments", self.totals.reported),
            ("derived from a unit a source names", self.totals.derived),
        ]
        parts = []
        for label, positions in kinds:
            named = [
                _press_part(p, self.words, p.iso3 in self.totals.left_out)
                for p in positions
                if p.iso3 not in self.assumed
            ]
            if named:
                parts.append(f"{label}: {and_list(named)}")
        if not parts:
            return ""
        text = f"{'; '.join(parts)}; with them the figures add up to {self.with_reported.text}."
        return " ".join(filter(None, [sentence_start(text), self.not_added_sentence]))

    @property
    def joint_sentence(self) -> str:
        """Figures reported for several countries together: shown, never added."""
        if not self.totals.joint:
            return ""
        parts = [_joint(j, self.names) for j in self.totals.joint]
        return f"Reported for countries together, never added to the sums: {'; '.join(parts)}."

    @property
    def assumed_sentence(self) -> str:
        """'Scenario: 2,250–2,450 troops, of which 2,000 assumed for 1 country.'"""
        extra = self.assumed_total
        if not extra:
            return ""
        count = sum(1 for v in self.assumed.values() if v > 0)
        return (
            f"Scenario: {self.with_assumed.text} {self.personnel}, with {extra:,} assumed for "
            f"{plural(count, 'country', 'countries')} on top of the sourced figures "
            f"({self.sourced_text})."
        )

    @property
    def sourced_text(self) -> str:
        """'150 stated; 11,250–11,350 with press reports': the sourced sums, in words."""
        text = f"{self.stated.text if self.counted else 'none'} stated"
        if self.press:
            text += f"; {self.with_reported.text} with press reports"
        return text

    @property
    def range_alt(self) -> str:
        """What the range chart shows, for readers who cannot see it: every bar's ends."""
        text = f"Bar chart: stated {self.personnel} {self.stated.text}"
        if self.band:
            text += f" against a target of {self.band.text}"
        text += "."
        if self.press:
            text += (
                f" With figures the press reported or derived from units, "
                f"{self.with_reported.text}."
            )
        if self.assumed_total:
            text += f" With {self.assumed_total:,} assumed (a scenario), {self.with_assumed.text}."
        if self.not_counted:
            text += f" {len(self.not_counted)} more countries are willing but give no number."
        return text

    @property
    def stale_sentence(self) -> str:
        """'No statement recorded since 6 January 2026.' when the news is older than the limit."""
        if not self.stale or self.newest is None:
            return ""
        return f"No statement recorded since {day(self.newest)} ({self.stale_days:,} days before {day(self.as_of)})."

    @property
    def checked_sentence(self) -> str:
        """When the countries in view were last checked against the news: 'no statement since May'
        means no news only if someone looked."""
        dates = sorted(p.checked for p in self.totals.positions if p.checked)
        if not dates:
            return ""
        if dates[0] == dates[-1]:
            return (
                f"Every country file in view was last checked against the news on {day(dates[0])}."
            )
        return (
            f"Country files in view were last checked against the news between {day(dates[0])} "
            f"and {day(dates[-1])}."
        )

    @property
    def weak(self) -> tuple[Position, ...]:
        """Positions in view that rest only on republishers, aggregators or state media."""
        return tuple(p for p in self.totals.positions if p.weakly_sourced)

    @property
    def weak_sentence(self) -> str:
        """'Weakly sourced (only republishers or aggregators): Denmark and Sweden.'"""
        if not self.weak:
            return ""
        names = and_list([in_sentence(p.name) for p in self.weak])
        return (
            f"Weakly sourced, resting only on republishers or aggregators: {names}. Their "
            "positions are shown, but check them before repeating them."
        )

    @property
    def newest_text(self) -> str:
        return day(self.newest) if self.newest else "none yet"

    @property
    def method_sentence(self) -> str:
        """How the stated sum is made, and what it leaves out: for notes under charts."""
        text = (
            f"Stated {self.personnel} add up each willing country's lowest and highest figure "
            "given on the record (\u201cabout\u201d a number counts as that number)."
        )
        return " ".join(
            filter(
                None, [text, self.not_counted_sentence, self.reported_sentence, self.joint_sentence]
            )
        )

    @property
    def key_figures(self) -> list[tuple[str, str, str]]:
        """The numbers above a briefing chart, each (value, label, kind): stated, with press
        reports (or, in a scenario, with the assumed figures), the target, who is willing."""
        personnel = self.personnel
        target = "target cited" + (f" since {day(self.target.date)}" if self.target else "")
        if self.target and self.target.basis == "reported":
            target += " (reported)"
        second = (
            (self.with_assumed.text, f"with {self.assumed_total:,} assumed (scenario, not sourced)",
             "assumed")
            if self.assumed_total
            else (self.with_reported.text, "with figures the press reported or derived", "reported")
            if self.press
            else (
                "none",
                "no figure reported by the press" + (" in this view" if self.scope else ""),
                "reported",
            )
        )  # fmt: skip
        return [
            (self.stated.text if self.counted else "none",
             f"{personnel} stated on the record" if self.counted
             else f"no {personnel} figure stated on the record"
             + (" in this view" if self.scope else ""),
             "stated"),
            second,
            (self.band_text, target, "target"),
            (str(self.willing),
             f"willing to send {personnel} ({len(self.totals.unquantified)} gave no number)",
             "willing"),
        ]  # fmt: skip

    @property
    def status_parts(self) -> list[str]:
        """The overview's line under the title: who leads, how many are willing, how old."""
        return [
            self.leads_sentence,
            f"{self.willing} willing to send {self.personnel}",
            f"({len(self.totals.unquantified)} without a number)",
            f"newest statement {self.newest_text}",
        ]

    def subtitle(self, what: str, force_name: str | None) -> str:
        """'<name>: <what>, as of <date>; newest statement <date>.' for an image's subtitle;
        `{force}` in `what` is the force's name."""
        what = what.replace("{force}", force_name or "the force")
        name = f"{self.name} ({self.scope})" if self.scope else self.name
        text = f"{name}: {what}, as of {day(self.as_of)}; newest statement {self.newest_text}."
        if self.stale:
            text += f" No statement recorded since {self.newest_text}."
        return text

    @property
    def scenario_mark(self) -> str | None:
        """The mark an image with assumptions carries."""
        if not self.assumed_total:
            return None
        codes = ", ".join(sorted(self.assumed))
        return (
            f"SCENARIO: includes {self.assumed_total:,} assumed {self.personnel} for {codes} "
            "(not sourced)"
        )

    @property
    def map_title(self) -> str:
        return (
            f"{self.willing} countries willing to send {self.personnel}, of "
            f"{len(self.totals.positions)} in the coalition"
        )

    @property
    def no_assumption_sentence(self) -> str:
        return f"No assumptions yet. Sourced figures: {self.sourced_text}."

    @property
    def conditions_caption(self) -> str:
        return (
            f"Offers of the countries willing to send {self.personnel} or open to involvement, by "
            "the conditions in force: those a country last stated, kept until it states others "
            "or none. A country with two conditions appears under both, so the rows overlap."
        )

    @property
    def summary_lines(self) -> list[str]:
        """The sentences above `coalition summary`'s table, in order."""
        if not self.totals.positions:
            return [f"{self.name} on {self.as_of}: no statements on or before this date."]
        lines = [f"{self.name} on {self.as_of} (newest statement {self.newest})"]
        lines += [line for line in (self.stale_sentence, self.target_line) if line]
        lines.append(f"{self.stated_line}.")
        if self.press:
            lines.append(f"With press reports: {self.with_reported.text}.")
        lines += [
            s
            for s in (
                self.not_counted_sentence, self.reported_sentence, self.joint_sentence,
                self.assumed_sentence,
            )
            if s
        ]  # fmt: skip
        lines.append(f"{self.leads_sentence}.")
        counts = self.totals.counts.items()
        lines.append(
            "Countries: "
            + ", ".join(f"{self.words.status_short(s).lower()} {n}" for s, n in counts if n)
        )
        lines += [s for s in (self.checked_sentence, self.weak_sentence) if s]
        return lines

    @property
    def names(self) -> dict[str, str]:
        return {p.iso3: p.name for p in self.totals.positions}


def period_sentences(before: Headline, after: Headline, count: int) -> list[str]:
    """What a period of changes holds: how many statements, and the sums at either end."""
    start, end = day(before.as_of), day(after.as_of)
    if not count:
        if after.newest:
            return [
                _("No statement recorded between {start} and {end}; the newest is from {newest}.")
                .format(start=start, end=end, newest=day(after.newest))
            ]  # fmt: skip
        return [_("No statement recorded between {start} and {end}.").format(start=start, end=end)]
    counted = (
        _("{count} statement after {start} and on or before {end}, newest first.")
        if count == 1
        else _("{count} statements after {start} and on or before {end}, newest first.")
    )
    lines = [counted.format(count=number(count), start=start, end=end)]
    stated = [h.stated.text if h.counted else _("none") for h in (before, after)]
    text = _("Stated {personnel}: {before} on {start}, {after} on {end}").format(
        personnel=after.personnel, before=stated[0], start=start, after=stated[1], end=end
    )
    if before.press or after.press:
        press = [h.with_reported.text if h.press else _("none") for h in (before, after)]
        text += _("; with press reports: {before}, then {after}").format(
            before=press[0], after=press[1]
        )
    lines.append(sentence_start(text) + ".")
    return lines


def counts_text(totals: Totals, words: Vocabulary) -> str:
    """'8 willing to send troops; 10 open to involvement; ...': each status with a country
    (semicolons: a status's own label may hold a comma)."""
    return "; ".join(
        f"{number(n)} {words.status_label(status).lower()}"
        for status, n in totals.counts.items()
        if n
    )


def map_alt(totals: Totals, words: Vocabulary) -> str:
    """What the map shows, in words and numbers, for readers who cannot see it."""
    counts = counts_text(totals, words)
    return f"Map of the coalition's members by status on {day(totals.as_of)}: {counts or 'none'}."


def history_alt(history: Sequence[Totals], personnel: str) -> str:
    """The figures-over-time chart in words: the stated sum at its start and at its end."""
    if not history:
        return f"Step line chart of stated {personnel} over time: no statements yet."
    first, last = history[0], history[-1]
    text = (
        f"Step line chart of stated {personnel} over time, on a calendar axis: "
        f"{format_range(first.low, first.high)} on {day(first.as_of)}, "
        f"{format_range(last.low, last.high)} on {day(last.as_of)}"
    )
    if (last.reported_low, last.reported_high) != (last.low, last.high):
        press = format_range(last.reported_low, last.reported_high)
        text += f"; with press reports {press} on {day(last.as_of)}"
    return text + "."


def status_history_alt(history: Sequence[Totals], words: Vocabulary) -> str:
    """The countries-per-status chart in words: the counts at its start and at its end."""
    if not history:
        return "Stacked step chart of countries per status over time: no statements yet."
    first, last = history[0], history[-1]
    return (
        "Stacked step chart of the number of countries in each status over time. On "
        f"{day(first.as_of)}: {counts_text(first, words)}. On {day(last.as_of)}: "
        f"{counts_text(last, words)}."
    )


def country_alt(name: str, steps: Sequence[Position], words: Vocabulary) -> str:
    """A country's timeline in words: each statement's date and status."""
    parts = [f"{day(p.since)}, {words.status_short(p.status).lower()}" for p in steps]
    return f"Timeline of {name}'s statements by status: {'; '.join(parts)}."


def step_label(position: Position, words: Vocabulary) -> str:
    """'about 7,500 reported, lead': the figure in force and the roles after one statement, short
    (the unit is in the hover); 'no number' for a willing country without one."""
    figure = figure_with_basis(position.troops) if position.status == "troops" else ""
    if position.status == "troops" and not figure:
        figure = "no number"
    return ", ".join(filter(None, [figure, *(words.short("roles", r) for r in position.roles)]))


def changes_sentence(steps: Sequence[Position], words: Vocabulary) -> str:
    """'Figure and roles as they changed: 20 March 2025, no number, lead; 8 January 2026, about
    7,500 reported, lead.' Only where they changed: eleven 'lead' in a row say nothing more."""
    parts, before = [], ""
    for position in steps:
        label = step_label(position, words)
        if label != before:
            parts.append(f"{day(position.since)}, {label or 'no figure or role'}")
        before = label
    if not parts:
        return ""
    return f"Figure and roles as they changed: {'; '.join(parts)}."


def review_sentence(country: Country) -> str:
    """'Newest statement 3 December 2025; file checked against the news 2 December 2026.'"""
    newest = country.statements[-1].date if country.statements else None
    text = f"Newest statement {day(newest)}" if newest else "No statement yet"
    return f"{text}; file checked against the news {day(country.checked)}."


def position_sentence(position: Position, words: Vocabulary) -> str:
    """'Willing to send troops, 50–250 troops, derived from a company (the figure given on 30
    April 2025), stated 3 December 2025.' A carried figure names its own date."""
    text = words.status_label(position.status)
    figure = figure_with_basis(position.troops, words.units, words.personnel)
    if figure:
        text += f", {figure}"
        if position.carried and position.figure_since and position.figure_source:
            text += (
                f" (the figure given on {day(position.figure_since)}, source: "
                f"{cited(position.figure_source)})"
            )
    return f"{text}, stated {day(position.since)}."


def sourcing_sentence(position: Position, words: Vocabulary) -> str:
    """The strongest kind of source behind a position, and a warning when it is weak."""
    if position.source_kind is None:
        return ""
    kind = words.label("source_kinds", position.source_kind).lower()
    if position.weakly_sourced:
        return (
            f"Weakly sourced: this position rests only on republishers or aggregators (strongest "
            f"source: {kind}). Check it before repeating it."
        )
    return f"Strongest source: {kind}."


def figure_sentence(troops: Troops | None, words: Vocabulary) -> str:
    """What a reported or derived figure is, beside the statement that gives it."""
    if troops is None or troops.basis == "official":
        return ""
    if troops.basis == "reported":
        return (
            "Reported figure: the press reported it from unnamed officials or documents; the "
            "government has not stated it. It is not in the stated sum."
        )
    unit = words.units.get(troops.unit or "")
    named = unit.label if unit else (troops.unit or "a unit").replace("_", " ")
    return (
        f"Derived figure: the source names {named}, not a number; {format_figure(troops)} is the "
        "size used for it (see Sources & method). It is not in the stated sum."
    )


def detail_sentence(statement: Statement) -> str:
    """Said when a statement on the record carries detail the press had from unnamed sources."""
    if statement.detail_basis != "reported":
        return ""
    return (
        "The position is on the record, but its capabilities, roles or conditions come from the "
        "press citing unnamed sources (see the notes)."
    )


def _press_part(p: Position, words: Vocabulary, left_out: bool = False) -> str:
    """'the United Kingdom ~7,500 (figure of 8 Jan 2026)', 'Estonia 50–250 (a company)': the
    kind is named by the sentence's label, so only the unit and a carried figure's date follow,
    and 'not added' for a figure the sum leaves out."""
    extra = ["not added"] if left_out else []
    if p.troops.unit in words.units:
        extra.append(words.units[p.troops.unit].label)
    if p.carried and p.figure_since:
        extra.append(f"figure of {day(p.figure_since, short=True)}")
    detail = f" ({', '.join(extra)})" if extra else ""
    return f"{in_sentence(p.name)} {format_figure(p.troops)}{detail}"


def _account(p: Position) -> str:
    return f" ({p.troops.account})" if p.troops.account else ""


def possessive(name: str) -> str:
    """ "France's", "the United Kingdom's", "the Netherlands'"."""
    name = in_sentence(name)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _joint(figure: JointFigure, names: Mapping[str, str]) -> str:
    who = sentence_start(and_list([in_sentence(names.get(c, c)) for c in figure.countries]))
    basis = ", reported" if figure.troops.basis == "reported" else ""
    amount = format_range(figure.troops.min, figure.troops.max, figure.troops.qualifier)
    return f"{who} together {amount} ({day(figure.date)}{basis})"


def newest_statement(dataset: Dataset, as_of: dt.date) -> dt.date | None:
    """The newest statement in the data on or before `as_of`, whatever the filters."""
    return max(
        (s.date for c in dataset.countries for s in c.statements if s.date <= as_of),
        default=None,
    )


def headline(
    dataset: Dataset,
    as_of: dt.date,
    countries: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
    assumed: Mapping[str, int] | None = None,
    totals: Totals | None = None,
    group: str | None = None,
) -> Headline:
    """The headline for one view. Pass `totals` when they are already computed for it, and
    `group` when `countries` are a group's members, so that the view says so."""
    coalition = dataset.coalition
    narrowed = statuses is not None and set(statuses) != set(STATUSES)
    leads: tuple[str, ...] = ()
    if group or narrowed:
        leads = tuple(sorted(p.name for p in compute_totals(dataset, as_of).leads))
    return Headline(
        name=coalition.name,
        as_of=as_of,
        words=vocabulary(coalition),
        totals=totals or compute_totals(dataset, as_of, countries, statuses),
        assumed={k: v for k, v in (assumed or {}).items() if v > 0},
        newest=newest_statement(dataset, as_of),
        stale_after_days=coalition.stale_after_days,
        references=tuple((s.label, s.troops) for s in coalition.scenarios),
        group=group,
        statuses=tuple(s for s in STATUSES if s in statuses) if narrowed else None,
        coalition_leads=leads,
    )


def summary_document(h: Headline) -> dict[str, Any]:
    """The `coalition summary --json` shape, documented in the README.

    Keys only ever get added: `reported` (official plus reported and derived figures),
    `target_since` and, per country, `basis` and `conditions` came with the basis of figures;
    `figure_since` (the date of the figure in force), `checked`, `source_kind` and
    `weakly_sourced` came with the audited dataset; `assumed` (every sourced figure plus the
    assumed ones, as the range chart's last bar) comes only with a scenario.
    """
    totals = h.totals
    target = totals.target
    document = {
        "coalition": h.name,
        "as_of": totals.as_of.isoformat(),
        "target": {"min": target.min, "max": target.max} if target else None,
        "troops": {"low": totals.low, "high": totals.high},
        "reported": {"low": totals.reported_low, "high": totals.reported_high},
        "target_since": target.date.isoformat() if target else None,
        "countries": [
            {
                "iso3": p.iso3,
                "name": p.name,
                "status": p.status,
                "troops_low": p.troops_low,
                "troops_high": p.troops_high,
                "roles": p.roles,
                "since": p.since.isoformat(),
                "basis": p.basis,
                "conditions": p.conditions,
                "figure_since": p.figure_since.isoformat() if p.figure_since else None,
                "checked": p.checked.isoformat() if p.checked else None,
                "source_kind": p.source_kind,
                "weakly_sourced": p.weakly_sourced,
            }
            for p in totals.positions
        ],
    }
    if h.assumed_total:
        document["assumed"] = {"low": h.with_assumed.low, "high": h.with_assumed.high}
    return document
