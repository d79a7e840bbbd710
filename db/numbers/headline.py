"""One headline value per view: every number a reader sees and every sentence explaining it.

Made here, once, from a dataset, an as-of date, the filters and a scenario; the overview, the
scenario page, the briefing images, `coalition summary` and `coalition diff` only display it. A
second place that formats or sums the same thing is a bug waiting: numbers are written by
`format_range` alone ("2,500" for one figure, never "2,500–2,500"), names are joined by
`and_list`, and verbs agree with their subjects ("Kenya leads", "France and the United Kingdom
lead").

Every sentence is an English template marked `_()` or `_n()`, translated whole in
`db/locales/<lang>/LC_MESSAGES/headline.po` and filled after. A French sentence never puts an
article before a country's name (French names take one by gender, "le Royaume-Uni", "la France"):
names follow a colon or head a list ("Pays pilotes : France et Royaume-Uni").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
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
from db.locale import DEFAULT, _, _n, language, number, percent, percent_range, speaking
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
    name_key,
)

NAMED = 8  # names written out in a sentence before "and N more"


def shorten(items: Sequence[str], limit: int = NAMED) -> list[str]:
    """The first `limit` items and 'N more', so a long list cannot run off a chart or image."""
    if len(items) <= limit:
        return list(items)
    rest = len(items) - limit + 1
    return [
        *items[: limit - 1],
        _n("{count} more", "{count} more", rest).format(count=number(rest)),
    ]


def and_list(items: Sequence[str], limit: int = NAMED) -> str:
    """'A', 'A and B', 'A, B and C', or 'A, B, ... and 41 more' ('A, B et C' in French)."""
    shown = shorten(items, limit)
    if not shown:
        return ""
    if len(shown) == 1:
        return shown[0]
    return _("{rest} and {last}").format(rest=", ".join(shown[:-1]), last=shown[-1])


def semicolons(parts: Iterable[str]) -> str:
    """'a; b; c': parts that may hold commas themselves ('a ; b ; c' in French, with a narrow
    no-break space before each semicolon)."""
    text = ""
    for part in parts:
        text = _("{first}; {then}").format(first=text, then=part) if text else part
    return text


def by_name(names: Iterable[str]) -> list[str]:
    """Names in alphabetical order, as the language sorts them (`name_key`)."""
    return sorted(names, key=name_key)


# English puts "the" before some country names in a sentence ("the United Kingdom leads").
_THE_NAMES = frozenset("Bahamas Comoros Gambia Maldives Netherlands Philippines Seychelles".split())
_THE_STARTS = ("United ", "Republic ", "Democratic Republic", "Central African", "Dominican Rep")


def in_sentence(name: str) -> str:
    """A country's name as it reads inside a sentence: 'the United Kingdom', 'France'. Other
    languages take the name as it is: their sentences are written to need no article."""
    if language() != DEFAULT:
        return name
    if name in _THE_NAMES or name.startswith(_THE_STARTS) or name.endswith(" Islands"):
        return f"the {name}"
    return name


def sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def plural(n: int, one: str, many: str) -> str:
    """English only ('1 country', '2 countries'): a sentence in another language uses `_n`."""
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
    group: str | None = None  # the group the view is narrowed to, if any (its key)
    group_label: str | None = None  # that group's name as the reader's language writes it
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

    def _by_target(self, minimum: str, target: str, qualified: str) -> str:
        """Of three templates, the one for the band in force: measured against its `minimum`
        (a range), against one figure (`target`), or against a figure the source qualifies
        ('about 15,000'), which reads after the noun. Each names {low} or {band}."""
        band = self.band
        if band is None or not band.single:
            return minimum
        return qualified if band.qualifier else target

    def _band_fields(self) -> dict[str, str]:
        band = self.band
        return {"low": number(band.low), "band": band.text} if band else {}

    @property
    def band_text(self) -> str:
        """'5,000–20,000', or one figure ('2,500'), or a plain 'none cited yet'."""
        return self.band.text if self.band else _("none cited yet")

    @property
    def target_line(self) -> str:
        """'Target: 5,000–20,000 troops, cited since 17 March 2025.'"""
        if self.target is None:
            return _("No target size for the force had been cited by {date}.").format(
                date=day(self.as_of)
            )
        template = (
            _(
                "Target: {band} {personnel} (reported, not stated on the record), cited since {date}."
            )
            if self.target.basis == "reported"
            else _("Target: {band} {personnel}, cited since {date}.")
        )
        return template.format(
            band=self.band_text, personnel=self.personnel, date=day(self.target.date)
        )

    @property
    def leads_text(self) -> str:
        """'France and the United Kingdom', or '' with no lead."""
        return and_list(by_name(in_sentence(p.name) for p in self.totals.leads))

    @property
    def leads_sentence(self) -> str:
        """'France and the United Kingdom lead', 'Kenya leads', or 'No lead named yet'; in
        French, the names after a colon ('Pays pilotes : France et Royaume-Uni')."""
        if not self.totals.leads and self.scope and self.coalition_leads:
            count = len(self.coalition_leads)
            return _n(
                "The coalition's lead, {names}, is not in this view",
                "The coalition's leads, {names}, are not in this view",
                count,
            ).format(names=and_list([in_sentence(n) for n in self.coalition_leads]))
        if not self.totals.leads:
            return _("No lead named yet")
        text = _n("{names} leads", "{names} lead", len(self.totals.leads))
        return sentence_start(text.format(names=self.leads_text))

    @property
    def stated_line(self) -> str:
        """'Stated troops: 250–450 from 2 countries' (or a plain 'none stated')."""
        if not self.counted:
            return _("No stated figures on {date}").format(date=day(self.as_of))
        count = len(self.counted)
        text = _n(
            "Stated {personnel}: {stated}, from {count} country",
            "Stated {personnel}: {stated}, from {count} countries",
            count,
        )
        return sentence_start(
            text.format(personnel=self.personnel, stated=self.stated.text, count=number(count))
        )

    @property
    def band_reference(self) -> str:
        """'the 5,000 minimum' for a range, 'the 2,500 target' or 'the target of about 15,000'
        for one figure."""
        if self.band is None:
            return ""
        return self._by_target(
            _("the {low} minimum"), _("the {band} target"), _("the target of {band}")
        ).format(**self._band_fields())

    @property
    def target_phrase(self) -> str:
        """'10,000–30,000 target', '2,500 target' or 'target of about 15,000' (a qualified
        figure reads after the noun)."""
        if self.band is None:
            return _("target")
        template = _("target of {band}") if self.band.qualifier else _("{band} target")
        return template.format(band=self.band.text)

    @property
    def chart_title(self) -> str:
        """The overview's title above the range chart."""
        if self.band is None:
            return sentence_start(_("Stated {personnel}").format(personnel=self.personnel))
        template = (
            _("Stated {personnel} against the target of {band}")
            if self.band.qualifier
            else _("Stated {personnel} against the {band} target")
        )
        return sentence_start(template.format(personnel=self.personnel, band=self.band.text))

    @property
    def share_text(self) -> str:
        """'2.5–4.5%': the stated figures as a share of the band's minimum."""
        if self.band is None or not self.counted:
            return ""
        low, high = (100 * v / self.band.low for v in (self.stated.low, self.stated.high))
        return percent(low) if self.stated.single else percent_range(low, high)

    @property
    def share_phrase(self) -> str:
        """'2.5–4.5% of the 10,000 minimum', '1.7% of the target of about 15,000': the share
        and what it is of, for a label or a sentence; '' without a band or a stated figure."""
        if not self.share_text:
            return ""
        return self._by_target(
            _("{share} of the {low} minimum"),
            _("{share} of the {band} target"),
            _("{share} of the target of {band}"),
        ).format(share=self.share_text, **self._band_fields())

    @property
    def gap_sentence(self) -> str:
        """'250–450 stated: 5–9% of the 5,000 minimum.' How far the figures are from it."""
        if self.band is None:
            return ""
        if not self.counted:
            return self._by_target(
                _("No stated figures against the {low} minimum."),
                _("No stated figures against the {band} target."),
                _("No stated figures against the target of {band}."),
            ).format(**self._band_fields())
        return _("{stated} stated: {share}.").format(
            stated=self.stated.text, share=self.share_phrase
        )

    @property
    def scope(self) -> str:
        """'' for the whole coalition; 'Nordic-Baltic Eight', 'willing countries only' or
        'Nordic-Baltic Eight, willing and open countries only' for a part of it."""
        return _scope(self.group_label or self.group, self.statuses, self.words)

    @property
    def file_scope(self) -> str:
        """The scope as file names give it, the same in every language: the group's key and
        the statuses' generic English words ('nordic-baltic-eight-willing-countries-only')."""
        with speaking(DEFAULT):
            return _scope(self.group, self.statuses, vocabulary(None))

    @property
    def filter_sentence(self) -> str:
        """What a narrowed view counts, said once above its numbers."""
        if not self.scope:
            return ""
        return _("Filtered view ({scope}): the numbers count only the countries in it.").format(
            scope=self.scope
        )

    @property
    def takeaway(self) -> str:
        """What a reader should take away, as a briefing's title, in a sober register; a part of
        the coalition is named and measured against the coalition's own target."""
        fields = {
            "scope": self.scope, "personnel": self.personnel, "stated": self.stated.text,
            "share": self.share_text, **self._band_fields(),
        }  # fmt: skip
        if self.scope:
            if self.band and self.counted:
                template = (
                    _(
                        "{scope}: {stated} {personnel} stated on the record, {share} of the "
                        "coalition's target of {band}"
                    )
                    if self.band.qualifier
                    else _(
                        "{scope}: {stated} {personnel} stated on the record, {share} of the "
                        "coalition's {band} target"
                    )
                )
                return template.format(**fields)
            return _("{scope}: no {personnel} figure stated on the record").format(**fields)
        if self.band and self.counted:
            template = self._by_target(
                _("{personnel} stated on the record reach {share} of the {low} minimum cited"),
                _("{personnel} stated on the record reach {share} of the {band} target cited"),
                _("{personnel} stated on the record reach {share} of the target of {band}"),
            )
        elif self.band:
            template = self._by_target(
                _("No {personnel} figure stated on the record against the {low} minimum cited"),
                _("No {personnel} figure stated on the record against the {band} target cited"),
                _("No {personnel} figure stated on the record against the target of {band} cited"),
            )
        elif self.counted:
            template = _("{personnel} stated on the record: {stated}")
        else:
            template = _("No {personnel} figure stated on the record yet")
        return sentence_start(template.format(**fields))

    @property
    def not_counted_sentence(self) -> str:
        """'Not counted: France, Latvia and the United Kingdom are willing but gave no number.'"""
        names = [in_sentence(p.name) for p in self.not_counted]
        if not names:
            return ""
        return _n(
            "Not counted: {names} is willing to send {personnel} but gave no number.",
            "Not counted: {names} are willing to send {personnel} but gave no number.",
            len(names),
        ).format(names=and_list(names), personnel=self.personnel)

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
            _("{name} {figure}{account} is not added to {other} {other_figure}{other_account}")
            .format(
                name=possessive(n.position.name), figure=format_figure(n.position.troops),
                account=_account(n.position), other=possessive(n.counted.name),
                other_figure=format_figure(n.counted.troops), other_account=_account(n.counted),
            )
            for n in self.totals.not_added
            if n.position.iso3 not in self.assumed
        ]  # fmt: skip
        if not parts:
            return ""
        return sentence_start(
            _(
                "{figures}: the data records that they come from different accounts, which must "
                "not be added together, so the sum with press reports counts only one."
            ).format(figures=semicolons(parts))
        )

    def figure(self, position: Position) -> str:
        """A position's figure as every surface writes it: basis, unit and own date included."""
        return format_troops(position, self.words.units)

    @property
    def reported_sentence(self) -> str:
        """The press figures, each kind named, kept apart from the stated sum; the sum with them."""
        kinds = [
            (_("reported by the press, not stated by the governments: {figures}"),
             self.totals.reported),
            (_("derived from a unit a source names: {figures}"), self.totals.derived),
        ]  # fmt: skip
        parts = []
        for label, positions in kinds:
            named = [
                _press_part(p, self.words, p.iso3 in self.totals.left_out)
                for p in positions
                if p.iso3 not in self.assumed
            ]
            if named:
                parts.append(label.format(figures=and_list(named)))
        if not parts:
            return ""
        text = _("{figures}; with them the figures add up to {total}.").format(
            figures=semicolons(parts), total=self.with_reported.text
        )
        return " ".join(filter(None, [sentence_start(text), self.not_added_sentence]))

    @property
    def joint_sentence(self) -> str:
        """Figures reported for several countries together: shown, never added."""
        if not self.totals.joint:
            return ""
        parts = [_joint(j, self.names) for j in self.totals.joint]
        return _("Reported for countries together, never added to the sums: {figures}.").format(
            figures=semicolons(parts)
        )

    @property
    def assumed_sentence(self) -> str:
        """'Scenario: 2,250–2,450 troops, of which 2,000 assumed for 1 country.'"""
        extra = self.assumed_total
        if not extra:
            return ""
        count = sum(1 for v in self.assumed.values() if v > 0)
        fields = {
            "total": self.with_assumed.text, "personnel": self.personnel,
            "assumed": number(extra), "count": number(count), "sourced": self.sourced_text,
        }  # fmt: skip
        if not self.sourced_text:
            return _n(
                "Scenario: {total} {personnel}, with {assumed} assumed for {count} country on "
                "top of the sourced figures (none stated).",
                "Scenario: {total} {personnel}, with {assumed} assumed for {count} countries on "
                "top of the sourced figures (none stated).",
                count,
            ).format(**fields)
        return _n(
            "Scenario: {total} {personnel}, with {assumed} assumed for {count} country on top "
            "of the sourced figures ({sourced}).",
            "Scenario: {total} {personnel}, with {assumed} assumed for {count} countries on top "
            "of the sourced figures ({sourced}).",
            count,
        ).format(**fields)

    @property
    def sourced_text(self) -> str:
        """'150 stated; 11,250–11,350 with press reports': the sourced sums, in words; '' with
        neither (each sentence then says 'none stated' its own way)."""
        fields = {"stated": self.stated.text, "reported": self.with_reported.text}
        if self.counted and self.press:
            return _("{stated} stated; {reported} with press reports").format(**fields)
        if self.counted:
            return _("{stated} stated").format(**fields)
        if self.press:
            return _("none stated; {reported} with press reports").format(**fields)
        return ""

    @property
    def range_alt(self) -> str:
        """What the range chart shows, for readers who cannot see it: every bar's ends."""
        fields = {"personnel": self.personnel, "stated": self.stated.text}
        sentences = [
            _("Bar chart: stated {personnel} {stated} against a target of {band}.").format(
                band=self.band.text, **fields
            )
            if self.band
            else _("Bar chart: stated {personnel} {stated}.").format(**fields)
        ]
        if self.press:
            sentences.append(
                _("With figures the press reported or derived from units, {total}.").format(
                    total=self.with_reported.text
                )
            )
        if self.assumed_total:
            sentences.append(
                _("With {assumed} assumed (a scenario), {total}.").format(
                    assumed=number(self.assumed_total), total=self.with_assumed.text
                )
            )
        if self.not_counted:
            count = len(self.not_counted)
            sentences.append(
                _n(
                    "{count} more country is willing but gives no number.",
                    "{count} more countries are willing but give no number.",
                    count,
                ).format(count=number(count))
            )
        return " ".join(sentences)

    @property
    def stale_sentence(self) -> str:
        """'No statement recorded since 6 January 2026.' when the news is older than the limit."""
        if not self.stale or self.newest is None:
            return ""
        days = self.stale_days or 0
        return _n(
            "No statement recorded since {newest} ({count} day before {date}).",
            "No statement recorded since {newest} ({count} days before {date}).",
            days,
        ).format(newest=day(self.newest), count=number(days), date=day(self.as_of))

    @property
    def checked_sentence(self) -> str:
        """When the countries in view were last checked against the news: 'no statement since May'
        means no news only if someone looked."""
        dates = sorted(p.checked for p in self.totals.positions if p.checked)
        if not dates:
            return ""
        if dates[0] == dates[-1]:
            return _(
                "Every country file in view was last checked against the news on {date}."
            ).format(date=day(dates[0]))
        return _(
            "Country files in view were last checked against the news between {first} and {last}."
        ).format(first=day(dates[0]), last=day(dates[-1]))

    @property
    def weak(self) -> tuple[Position, ...]:
        """Positions in view that rest only on republishers, aggregators or state media."""
        return tuple(p for p in self.totals.positions if p.weakly_sourced)

    @property
    def weak_sentence(self) -> str:
        """'Weakly sourced (only republishers or aggregators): Denmark and Sweden.'"""
        if not self.weak:
            return ""
        return _(
            "Weakly sourced, resting only on republishers or aggregators: {names}. Their "
            "positions are shown, but check them before repeating them."
        ).format(names=and_list([in_sentence(p.name) for p in self.weak]))

    @property
    def newest_text(self) -> str:
        return day(self.newest) if self.newest else _("none yet")

    @property
    def method_sentence(self) -> str:
        """How the stated sum is made, and what it leaves out: for notes under charts."""
        text = _(
            "Stated {personnel} add up each willing country's lowest and highest figure given on "
            "the record (\u201cabout\u201d a number counts as that number)."
        ).format(personnel=self.personnel)
        return " ".join(
            filter(
                None,
                [
                    sentence_start(text), self.not_counted_sentence, self.reported_sentence,
                    self.joint_sentence,
                ],
            )
        )  # fmt: skip

    @property
    def key_figures(self) -> list[tuple[str, str, str]]:
        """The numbers above a briefing chart, each (value, label, kind): stated, with press
        reports (or, in a scenario, with the assumed figures), the target, who is willing."""
        personnel = self.personnel
        if self.target is None:
            target = _("target cited")
        elif self.target.basis == "reported":
            target = _("target cited since {date} (reported)").format(date=day(self.target.date))
        else:
            target = _("target cited since {date}").format(date=day(self.target.date))
        if self.assumed_total:
            second = (
                self.with_assumed.text,
                _("with {assumed} assumed (scenario, not sourced)").format(
                    assumed=number(self.assumed_total)
                ),
                "assumed",
            )
        elif self.press:
            second = (
                self.with_reported.text,
                _("with figures the press reported or derived"),
                "reported",
            )
        else:
            second = (
                _("none"),
                _("no figure reported by the press in this view")
                if self.scope
                else _("no figure reported by the press"),
                "reported",
            )
        if self.counted:
            stated = _("{personnel} stated on the record").format(personnel=personnel)
        elif self.scope:
            stated = _("no {personnel} figure stated on the record in this view").format(
                personnel=personnel
            )
        else:
            stated = _("no {personnel} figure stated on the record").format(personnel=personnel)
        return [
            (self.stated.text if self.counted else _("none"), stated, "stated"),
            second,
            (self.band_text, target, "target"),
            (number(self.willing),
             _("willing to send {personnel} ({count} gave no number)").format(
                 personnel=personnel, count=number(len(self.totals.unquantified))),
             "willing"),
        ]  # fmt: skip

    @property
    def status_parts(self) -> list[str]:
        """The overview's line under the title: who leads, how many are willing, how old."""
        return [
            self.leads_sentence,
            _("{count} willing to send {personnel}").format(
                count=number(self.willing), personnel=self.personnel
            ),
            _("({count} without a number)").format(count=number(len(self.totals.unquantified))),
            _("newest statement {date}").format(date=self.newest_text),
        ]

    def subtitle(self, what: str, force_name: str | None) -> str:
        """'<name>: <what>, as of <date>; newest statement <date>.' for an image's subtitle;
        `{force}` in `what` is the force's name."""
        what = what.replace("{force}", force_name or _("the force"))
        name = f"{self.name} ({self.scope})" if self.scope else self.name
        text = _("{name}: {what}, as of {date}; newest statement {newest}.").format(
            name=name, what=what, date=day(self.as_of), newest=self.newest_text
        )
        if self.stale and self.newest:
            text += " " + _("No statement recorded since {date}.").format(date=day(self.newest))
        return text

    @property
    def scenario_mark(self) -> str | None:
        """The mark an image with assumptions carries."""
        if not self.assumed_total:
            return None
        return _("SCENARIO: includes {assumed} assumed {personnel} for {codes} (not sourced)").format(
            assumed=number(self.assumed_total), personnel=self.personnel,
            codes=", ".join(sorted(self.assumed)),
        )  # fmt: skip

    @property
    def map_title(self) -> str:
        return _n(
            "{count} country willing to send {personnel}, of {members} in the coalition",
            "{count} countries willing to send {personnel}, of {members} in the coalition",
            self.willing,
        ).format(
            count=number(self.willing), personnel=self.personnel,
            members=number(len(self.totals.positions)),
        )  # fmt: skip

    @property
    def no_assumption_sentence(self) -> str:
        if not self.sourced_text:
            return _("No assumptions yet. Sourced figures: none stated.")
        return _("No assumptions yet. Sourced figures: {sourced}.").format(
            sourced=self.sourced_text
        )

    @property
    def conditions_caption(self) -> str:
        return _(
            "Offers of the countries willing to send {personnel} or open to involvement, by the "
            "conditions in force: those a country last stated, kept until it states others or "
            "none. A country with two conditions appears under both, so the rows overlap."
        ).format(personnel=self.personnel)

    @property
    def summary_lines(self) -> list[str]:
        """The sentences above `coalition summary`'s table, in order. Its first line's dates are
        ISO in English, as the command's --as-of takes them (scripts read them); other languages
        write them for a reader."""
        english = language() == DEFAULT
        when = self.as_of.isoformat() if english else day(self.as_of)
        if not self.totals.positions:
            return [
                _("{name} on {date}: no statements on or before this date.").format(
                    name=self.name, date=when
                )
            ]
        newest = str(self.newest) if english else self.newest_text
        lines = [
            _("{name} on {date} (newest statement {newest})").format(
                name=self.name, date=when, newest=newest
            )
        ]
        lines += [line for line in (self.stale_sentence, self.target_line) if line]
        lines.append(f"{self.stated_line}.")
        if self.press:
            lines.append(_("With press reports: {total}.").format(total=self.with_reported.text))
        lines += [
            s
            for s in (
                self.not_counted_sentence, self.reported_sentence, self.joint_sentence,
                self.assumed_sentence,
            )
            if s
        ]  # fmt: skip
        lines.append(f"{self.leads_sentence}.")
        counts = ", ".join(
            _n("{status} {count}", "{status} {count}", n).format(
                status=self.words.status_short(s).lower(), count=number(n)
            )
            for s, n in self.totals.counts.items()
            if n
        )
        lines.append(_("Countries: {counts}").format(counts=counts))
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
    return semicolons(
        _n("{count} {status}", "{count} {status}", n).format(
            count=number(n), status=words.status_label(status).lower()
        )
        for status, n in totals.counts.items()
        if n
    )


def map_alt(totals: Totals, words: Vocabulary) -> str:
    """What the map shows, in words and numbers, for readers who cannot see it."""
    return _("Map of the coalition's members by status on {date}: {counts}.").format(
        date=day(totals.as_of), counts=counts_text(totals, words) or _("none")
    )


def history_alt(history: Sequence[Totals], personnel: str) -> str:
    """The figures-over-time chart in words: the stated sum at its start and at its end."""
    if not history:
        return _("Step line chart of stated {personnel} over time: no statements yet.").format(
            personnel=personnel
        )
    first, last = history[0], history[-1]
    fields = {
        "personnel": personnel, "first": format_range(first.low, first.high),
        "start": day(first.as_of), "last": format_range(last.low, last.high),
        "end": day(last.as_of),
    }  # fmt: skip
    if (last.reported_low, last.reported_high) != (last.low, last.high):
        return _(
            "Step line chart of stated {personnel} over time, on a calendar axis: {first} on "
            "{start}, {last} on {end}; with press reports {press} on {end}."
        ).format(press=format_range(last.reported_low, last.reported_high), **fields)
    return _(
        "Step line chart of stated {personnel} over time, on a calendar axis: {first} on "
        "{start}, {last} on {end}."
    ).format(**fields)


def status_history_alt(history: Sequence[Totals], words: Vocabulary) -> str:
    """The countries-per-status chart in words: the counts at its start and at its end."""
    if not history:
        return _("Stacked step chart of countries per status over time: no statements yet.")
    first, last = history[0], history[-1]
    return _(
        "Stacked step chart of the number of countries in each status over time. On {start}: "
        "{first}. On {end}: {last}."
    ).format(
        start=day(first.as_of), first=counts_text(first, words), end=day(last.as_of),
        last=counts_text(last, words),
    )  # fmt: skip


def country_alt(name: str, steps: Sequence[Position], words: Vocabulary) -> str:
    """A country's timeline in words: each statement's date and status."""
    parts = [
        _("{date}, {status}").format(date=day(p.since), status=words.status_short(p.status).lower())
        for p in steps
    ]
    return _("Timeline of {name}'s statements by status: {steps}.").format(
        name=name, steps=semicolons(parts)
    )


def step_label(position: Position, words: Vocabulary) -> str:
    """'about 7,500 reported, lead': the figure in force and the roles after one statement, short
    (the unit is in the hover); 'no number' for a willing country without one."""
    figure = figure_with_basis(position.troops) if position.status == "troops" else ""
    if position.status == "troops" and not figure:
        figure = _("no number")
    return ", ".join(filter(None, [figure, *(words.short("roles", r) for r in position.roles)]))


def changes_sentence(steps: Sequence[Position], words: Vocabulary) -> str:
    """'Figure and roles as they changed: 20 March 2025, no number, lead; 8 January 2026, about
    7,500 reported, lead.' Only where they changed: eleven 'lead' in a row say nothing more."""
    parts, before = [], ""
    for position in steps:
        label = step_label(position, words)
        if label != before:
            parts.append(
                _("{date}, {change}").format(
                    date=day(position.since), change=label or _("no figure or role")
                )
            )
        before = label
    if not parts:
        return ""
    return _("Figure and roles as they changed: {changes}.").format(changes=semicolons(parts))


def review_sentence(country: Country) -> str:
    """'Newest statement 3 December 2025; file checked against the news 2 December 2026.'"""
    checked = day(country.checked)
    if country.statements:
        return _("Newest statement {newest}; file checked against the news {checked}.").format(
            newest=day(country.statements[-1].date), checked=checked
        )
    return _("No statement yet; file checked against the news {checked}.").format(checked=checked)


def position_sentence(position: Position, words: Vocabulary) -> str:
    """'Willing to send troops, 50–250 troops, derived from a company (the figure given on 30
    April 2025), stated 3 December 2025.' A carried figure names its own date."""
    fields = {"status": words.status_label(position.status), "date": day(position.since)}
    figure = figure_with_basis(position.troops, words.units, words.personnel)
    if not figure:
        return _("{status}, stated {date}.").format(**fields)
    if position.carried and position.figure_since and position.figure_source:
        return _(
            "{status}, {figure} (the figure given on {figure_date}, source: {source}), stated "
            "{date}."
        ).format(
            figure=figure, figure_date=day(position.figure_since),
            source=cited(position.figure_source), **fields,
        )  # fmt: skip
    return _("{status}, {figure}, stated {date}.").format(figure=figure, **fields)


def sourcing_sentence(position: Position, words: Vocabulary) -> str:
    """The strongest kind of source behind a position, and a warning when it is weak."""
    if position.source_kind is None:
        return ""
    kind = words.label("source_kinds", position.source_kind).lower()
    if position.weakly_sourced:
        return _(
            "Weakly sourced: this position rests only on republishers or aggregators (strongest "
            "source: {kind}). Check it before repeating it."
        ).format(kind=kind)
    return _("Strongest source: {kind}.").format(kind=kind)


def figure_sentence(troops: Troops | None, words: Vocabulary) -> str:
    """What a reported or derived figure is, beside the statement that gives it."""
    if troops is None or troops.basis == "official":
        return ""
    if troops.basis == "reported":
        return _(
            "Reported figure: the press reported it from unnamed officials or documents; the "
            "government has not stated it. It is not in the stated sum."
        )
    unit = words.units.get(troops.unit or "")
    named = unit.label if unit else (troops.unit.replace("_", " ") if troops.unit else _("a unit"))
    return _(
        "Derived figure: the source names {unit}, not a number; {figure} is the size used for it "
        "(see Sources & method). It is not in the stated sum."
    ).format(unit=named, figure=format_figure(troops))


def detail_sentence(statement: Statement) -> str:
    """Said when a statement on the record carries detail the press had from unnamed sources."""
    if statement.detail_basis != "reported":
        return ""
    return _(
        "The position is on the record, but its capabilities, roles or conditions come from the "
        "press citing unnamed sources (see the notes)."
    )


def _press_part(p: Position, words: Vocabulary, left_out: bool = False) -> str:
    """'the United Kingdom ~7,500 (figure of 8 Jan 2026)', 'Estonia 50–250 (a company)': the
    kind is named by the sentence's label, so only the unit and a carried figure's date follow,
    and 'not added' for a figure the sum leaves out."""
    extra = [_("not added")] if left_out else []
    if p.troops.unit in words.units:
        extra.append(words.units[p.troops.unit].label)
    if p.carried and p.figure_since:
        extra.append(_("figure of {date}").format(date=day(p.figure_since, short=True)))
    detail = f" ({', '.join(extra)})" if extra else ""
    return f"{in_sentence(p.name)} {format_figure(p.troops)}{detail}"


def _account(p: Position) -> str:
    return f" ({p.troops.account})" if p.troops.account else ""


def possessive(name: str) -> str:
    """ "France's", "the United Kingdom's", "the Netherlands'"; other languages' sentences
    take the name as it is."""
    if language() != DEFAULT:
        return name
    name = in_sentence(name)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _joint(figure: JointFigure, names: Mapping[str, str]) -> str:
    who = sentence_start(and_list([in_sentence(names.get(c, c)) for c in figure.countries]))
    template = (
        _("{countries} together {figure} ({date}, reported)")
        if figure.troops.basis == "reported"
        else _("{countries} together {figure} ({date})")
    )
    return template.format(
        countries=who, date=day(figure.date),
        figure=format_range(figure.troops.min, figure.troops.max, figure.troops.qualifier),
    )  # fmt: skip


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
        leads = tuple(by_name(p.name for p in compute_totals(dataset, as_of).leads))
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
        group_label=coalition.groups[group].label if group in coalition.groups else None,
        statuses=tuple(s for s in STATUSES if s in statuses) if narrowed else None,
        coalition_leads=leads,
    )


def _scope(group: str | None, statuses: tuple[str, ...] | None, words: Vocabulary) -> str:
    parts = [group] if group else []
    if statuses is not None:
        if statuses:
            named = and_list([words.status_short(s).lower() for s in statuses])
            parts.append(
                _n("{statuses} countries only", "{statuses} countries only", len(statuses)).format(
                    statuses=named
                )
            )
        else:
            parts.append(_("no countries only"))
    return ", ".join(parts)


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
