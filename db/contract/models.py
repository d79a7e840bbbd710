"""The data contract: what a pledge file may say, as plain pydantic models.

These models validate; the SQLModel tables in `models.py` only store. The five statuses, the
three bases of a figure and the kinds of outlet are the kind of data this tool tracks and live here; every word that belongs
to one coalition (roles, capabilities, conditions, groups, the area's name) comes from its
`coalition.yaml` (see `db/vocabulary.py`), and country files are checked against it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
    model_validator,
)

from db.contract.characters import describe, first_hidden

Status = Literal["troops", "open", "support", "undecided", "declined"]
STATUSES: tuple[str, ...] = get_args(Status)

Basis = Literal["official", "reported", "derived"]
BASES: tuple[str, ...] = get_args(Basis)

# Kinds of outlet, strongest first: a position shows the strongest kind among its sources.
SourceKind = Literal[
    "government", "international", "wire", "public_broadcaster", "press", "republisher",
    "state_media_party",
]  # fmt: skip
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
WEAK_KINDS = frozenset({"republisher", "state_media_party"})  # never enough on their own

ISO3_PATTERN = re.compile(r"^[A-Z]{3}$")
WORD_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#@\\][^\s\\]*$", re.IGNORECASE)
HOST_PATTERN = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)*[^\W_](?:[\w-]*[^\W_])?\.?$")


# Text fields are plain text: markup in them is refused here and escaped wherever it is shown.
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|\]\s*\(|&[a-zA-Z#][a-zA-Z0-9]*;")


def _plain_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if MARKUP.search(value):
        raise ValueError(
            "contains HTML, an HTML entity or a Markdown link: write plain text "
            "(web addresses belong in sources)"
        )
    hidden = first_hidden(value, allow="\n")
    if hidden is not None:
        raise ValueError(
            f"contains an invisible, control or special character ({describe(hidden)}): "
            "retype the text without it"
        )
    return value


def _http_url(value: str) -> str:
    hidden = first_hidden(value)
    if hidden is not None:
        raise ValueError(
            f"contains an invisible, control or special character ({describe(hidden)}): "
            "copy the address again from the browser's address bar"
        )
    if not URL_PATTERN.match(value):
        raise ValueError(f"must be a web address starting with https:// (got {value!r})")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ValueError(f"is not a well-formed web address (got {value!r})") from None
    if "@" in parts.netloc:
        raise ValueError(
            "holds user information before an '@' (https://name@host/), which can make one "
            "site's address point to another: give the page's own address"
        )
    if not parts.hostname or not HOST_PATTERN.match(parts.hostname):
        raise ValueError(f"has no valid host name (got {value!r})")
    return value


Text = Annotated[str, AfterValidator(_plain_text)]
Url = Annotated[str, AfterValidator(_http_url)]
Count = Annotated[int, Field(gt=0, le=1_000_000)]
Word = Annotated[str, Field(pattern=WORD_PATTERN.pattern)]
Iso3 = Annotated[str, Field(pattern=ISO3_PATTERN.pattern)]


BASIS_HELP = (
    "Required with every figure. official: said on the record by the government; reported: by "
    "the press, citing unnamed officials or documents; derived: inferred from a unit the source "
    "names, given in 'unit:'."
)


Qualifier = Literal["about", "up_to", "at_least"]
QUALIFIER_HELP = (
    "How the source qualifies the figure: about ('about 200', 'around 200'), up_to ('up to "
    "7,500', 'fewer than 7,500') or at_least ('at least 100', 'more than 100'); leave it out for "
    "an exact figure. Write the number the source gives as both min and max (for 'up to 400': "
    "min 400, max 400, qualifier up_to); for a range ('about 100 to 200'), min and max are its "
    "ends. The sums count min and max as written. Older files' 'approximate: true' reads as "
    "about."
)


def _read_approximate(model: Any) -> Any:
    """The older `approximate: true` reads as `qualifier: about` (coalition fmt rewrites it);
    both together are refused. Afterwards only `qualifier` holds the meaning."""
    if model.approximate is not None:
        if model.approximate and model.qualifier is not None:
            raise ValueError("has both 'approximate' and 'qualifier': keep 'qualifier' only")
        if model.approximate:
            object.__setattr__(model, "qualifier", "about")
        object.__setattr__(model, "approximate", None)
    return model


APPROXIMATE_HELP = "The older form of qualifier: true reads as 'about'. Use qualifier instead."


class Contract(BaseModel):
    """Strict: no type coercion, no unknown fields, so typos and quoted numbers are caught."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Source(Contract):
    outlet: Text = Field(
        description="Who published the page at `url`, as named in outlets.yaml, e.g. 'AP'."
    )
    via: Text | None = Field(
        default=None,
        description="The original outlet whose report the page carries (a republisher must "
        "name it), as named in outlets.yaml, e.g. 'Reuters'.",
    )
    title: Text = Field(description="The headline or page title.")
    url: Url = Field(
        description="The page address (http or https).",
        json_schema_extra={"pattern": URL_PATTERN.pattern},
    )
    published: dt.date = Field(description="Publication date, YYYY-MM-DD.")
    note: Text | None = Field(default=None, description="Anything a reader should know about it.")


Sources = Annotated[list[Source], Field(min_length=1)]


class TroopRange(Contract):
    """A lowest and a highest number; equal for a single figure."""

    min: Count = Field(description="Lowest number.")
    max: Count = Field(description="Highest number; equal to min for one figure.")

    @field_validator("max")
    @classmethod
    def _max_not_below_min(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("min")
        if low is not None and value < low:
            raise ValueError(f"must be >= min ({low} > {value})")
        return value


class Troops(TroopRange):
    """A figure: exact (min == max) or a range, maybe qualified ('about 200', 'up to 6,000').

    `basis` says who gave it, and has no default: `official`, said on the record by the
    government; `reported`, by the press citing unnamed officials or documents; `derived`,
    inferred from a unit the source names ('a company'), recorded in `unit`. Only official
    figures make the stated sum.
    """

    approximate: bool | None = Field(default=None, description=APPROXIMATE_HELP, exclude=True)
    qualifier: Qualifier | None = Field(default=None, description=QUALIFIER_HELP)
    basis: Basis = Field(description=BASIS_HELP)
    unit: Word | None = Field(
        default=None,
        description="With basis 'derived' only: the unit the source names, one of the units "
        "defined in coalition.yaml (e.g. company).",
    )

    account: Text | None = Field(
        default=None,
        description="Whose account the figure is, when it is not the government's own words: "
        "the newspaper or person that gave it (e.g. 'The Times', 'Mathilde Panot'). Figures "
        "from the same account can always be added together.",
    )

    _approximate = model_validator(mode="after")(_read_approximate)

    @model_validator(mode="after")
    def _unit_with_derived(self) -> Troops:
        if self.basis == "derived" and self.unit is None:
            raise ValueError("a derived figure needs 'unit:', the unit the source names")
        if self.basis != "derived" and self.unit is not None:
            raise ValueError(
                f"'unit:' goes only with basis 'derived' (basis is {self.basis!r}): remove it, "
                "or make the basis derived"
            )
        return self

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str | None, info: ValidationInfo) -> str | None:
        return value if value is None else _in_vocabulary("units", [value], info)[0]


class CountryTroops(Troops):
    """A country's figure, which may be marked as an account not to be added to another's."""

    not_added_with: list[Iso3] = Field(
        default_factory=list,
        description="Countries (ISO3 codes) whose figure, when it comes from another account, "
        "must not be added to this one: two accounts of one force, say. The sum with press "
        "reports then counts only one of the two and says why.",
    )

    @model_validator(mode="after")
    def _apart_from_accounts(self) -> CountryTroops:
        if not self.not_added_with:
            return self
        if self.basis == "official":
            raise ValueError(
                "'not_added_with' goes only with a reported or derived figure: figures stated "
                "on the record are always added; remove it, or correct the basis"
            )
        if self.account is None:
            raise ValueError(
                "'not_added_with' needs 'account:', whose account this figure is (e.g. 'The "
                "Times'), so that figures from one account can still be added"
            )
        return self

    @field_validator("not_added_with")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        return _no_repeats(value)


def _no_repeats(value: list[str]) -> list[str]:
    repeated = sorted({v for v in value if value.count(v) > 1})
    if repeated:
        raise ValueError(f"lists {', '.join(repeated)} more than once")
    return value


def _in_vocabulary(kind: str, value: list[str], info: ValidationInfo) -> list[str]:
    """Vocabulary words must be defined in coalition.yaml (or be the defaults when it is silent).

    The validator passes the coalition's vocabulary in the validation context (the vocabulary is
    built from this contract, so the contract never imports it); without one, as when
    coalition.yaml did not load, the words cannot be checked and only repeats are refused.
    """
    vocabulary = (info.context or {}).get("vocabulary")
    if vocabulary is None:
        return _no_repeats(value)
    terms = vocabulary.terms(kind)
    for word in value:
        if word not in terms:
            if not terms:
                raise ValueError(
                    f"{word!r} is not allowed: coalition.yaml defines no {kind}; add "
                    f"'{kind}:' with the words and their labels there first"
                )
            raise ValueError(
                f"{word!r} is not allowed: use one of {_choices(list(terms))} (the {kind} "
                "defined in coalition.yaml)"
            )
    return _no_repeats(value)


def _choices(words: list[str]) -> str:
    quoted = [repr(w) for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


class Statement(Contract):
    date: dt.date = Field(description="When the position was stated or reported, YYYY-MM-DD.")
    status: Status = Field(description="The position: " + ", ".join(STATUSES) + ".")
    troops: CountryTroops | None = Field(default=None, description="Only with status 'troops'.")
    conditions: list[Word] | None = Field(
        default=None,
        description="What the offer depends on, from the conditions defined in coalition.yaml. "
        "Leave it out to keep the conditions in force from the statement before; write [] to "
        "say that none apply any more. A status other than troops or open ends them.",
    )
    capabilities: list[Word] = Field(default_factory=list)
    roles: list[Word] = Field(default_factory=list)
    detail_basis: Literal["reported"] | None = Field(
        default=None,
        description="'reported' when the statement is on the record but its capabilities, roles "
        "or conditions come from the press citing unnamed sources (say which in notes).",
    )
    summary: Text = Field(description="What was said, in this project's own words.")
    notes: Text | None = None
    sources: Sources

    @field_validator("troops")
    @classmethod
    def _troops_only_with_troops(
        cls, value: CountryTroops | None, info: ValidationInfo
    ) -> CountryTroops | None:
        status = info.data.get("status")
        if value is not None and status is not None and status != "troops":
            raise ValueError(
                f"a troop figure is only allowed with status 'troops' (status is {status!r})"
            )
        return value

    @field_validator("conditions", "capabilities", "roles")
    @classmethod
    def _known_words(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        return None if value is None else _in_vocabulary(info.field_name or "", value, info)


class Country(Contract):
    iso3: Iso3 = Field(description="ISO 3166-1 alpha-3 code.")
    name: Text
    checked: dt.date = Field(
        description="When this file was last reviewed in full against the news, YYYY-MM-DD, "
        "whether or not anything new was found."
    )
    statements: Annotated[list[Statement], Field(min_length=1)] = Field(
        description="Dated statements, oldest first. A new position is a new statement."
    )


class Target(TroopRange):
    """The force size officials cite, with where they said it (the undated form of `targets`)."""

    sources: Sources


class DatedTarget(Contract):
    """One statement of the force size cited: the band in force on a date is the latest one."""

    date: dt.date = Field(description="When this size was cited, YYYY-MM-DD.")
    min: Count = Field(description="Lowest number.")
    max: Count = Field(description="Highest number; equal to min for one figure.")
    approximate: bool | None = Field(default=None, description=APPROXIMATE_HELP, exclude=True)
    qualifier: Qualifier | None = Field(default=None, description=QUALIFIER_HELP)
    basis: Basis = Field(description=BASIS_HELP)
    summary: Text | None = Field(default=None, description="Who cited it, in our own words.")
    notes: Text | None = None
    sources: Sources

    _max_not_below_min = field_validator("max")(TroopRange._max_not_below_min.__func__)
    _approximate = model_validator(mode="after")(_read_approximate)


class JointFigure(Contract):
    """A figure reported only for several countries together ('the UK and France together up
    to 15,000'). It is shown beside the sums and never added to them: a country's own figure
    would otherwise be counted twice."""

    date: dt.date
    countries: Annotated[list[Iso3], Field(min_length=2)] = Field(
        description="The ISO codes of the countries the figure covers together."
    )
    troops: Troops
    summary: Text
    notes: Text | None = None
    sources: Sources


class Term(Contract):
    """A vocabulary word's meaning: a label for every page and export, and a definition."""

    label: Text
    short: Text | None = Field(default=None, description="A shorter label for filters and bars.")
    definition: Text | None = None


class Unit(Contract):
    """A unit a source may name instead of a number ('a company'): the sizes a derived figure
    takes, and where those sizes come from."""

    label: Text = Field(description="How the unit reads in a sentence: 'a company'.")
    min: Count = Field(description="The smallest size used for it.")
    max: Count = Field(description="The largest size used for it.")
    definition: Text = Field(description="Where the sizes come from, in our own words.")
    sources: Sources

    _max_not_below_min = field_validator("max")(TroopRange._max_not_below_min.__func__)


class Outlet(Contract):
    """One outlet in the register: what kind of publisher it is, which grades its reports."""

    kind: SourceKind = Field(description="One of: " + ", ".join(SOURCE_KINDS) + ".")
    about: Text | None = Field(default=None, description="What the outlet is, in a line.")


class OutletRegister(Contract):
    """`outlets.yaml`: every outlet a source may name, with its kind."""

    outlets: dict[Text, Outlet] = Field(description="Outlet name -> its kind and a line about it.")


class GroupChange(Contract):
    date: dt.date
    joined: list[Iso3] = Field(default_factory=list)
    left: list[Iso3] = Field(default_factory=list)


class Group(Contract):
    """A reference group for the filter (an alliance, a region); memberships may change on dates."""

    members: list[Iso3] = Field(description="The members before any dated change.")
    changes: list[GroupChange] = Field(default_factory=list)
    note: Text | None = None
    label: Text | None = Field(
        default=None, description="The group's name as pages show it, when not its key."
    )


class MapArea(Contract):
    """Where the map opens: a Plotly scope, or latitude and longitude ranges, or both."""

    scope: Literal["world", "europe"] = Field(
        default="world",
        description="world, or europe (drawn at a finer scale); narrow either with lat and lon.",
    )
    lat: Annotated[list[float], Field(min_length=2, max_length=2)] | None = None
    lon: Annotated[list[float], Field(min_length=2, max_length=2)] | None = None


class Scenario(Contract):
    label: Text
    troops: Count
    sources: Sources


class Milestone(Contract):
    date: dt.date
    summary: Text
    sources: Sources


Vocabulary = dict[Word, Term]

# The languages a coalition's words may be given in besides English (db/locale.LANGUAGES).
Language = Literal["fr"]


class TermText(Contract):
    """A word's label, short label and definition in another language; each may be left out."""

    label: Text | None = None
    short: Text | None = None
    definition: Text | None = None


class UnitText(Contract):
    label: Text | None = Field(default=None, description="How the unit reads in a sentence.")
    definition: Text | None = None


class GroupText(Contract):
    label: Text | None = Field(default=None, description="The group's name in this language.")
    note: Text | None = None


class Translation(Contract):
    """The coalition's own words in one other language. Whatever is left out is shown in
    English, and `coalition validate` lists it as a suggestion. Statements, notes and sources
    are not translated: they stay as recorded."""

    name: Text | None = None
    force_name: Text | None = None
    description: Text | None = None
    area: Text | None = None
    personnel: Text | None = Field(default=None, description="The noun for the people pledged.")
    statuses: dict[Status, TermText] = Field(default_factory=dict)
    roles: dict[Word, TermText] = Field(default_factory=dict)
    capabilities: dict[Word, TermText] = Field(default_factory=dict)
    conditions: dict[Word, TermText] = Field(default_factory=dict)
    units: dict[Word, UnitText] = Field(default_factory=dict)
    groups: dict[Text, GroupText] = Field(
        default_factory=dict, description="By the group's key in `groups`."
    )
    milestones: dict[Annotated[dt.date, Strict(False)], Text | list[Text]] = Field(
        default_factory=dict,
        description="A milestone's summary, by the milestone's date; for a date with several "
        "milestones, a list of their summaries in the same order.",
    )
    scenarios: dict[Text, Text] = Field(
        default_factory=dict, description="A scenario's label, by its English label."
    )
    caveats: list[Text] = Field(
        default_factory=list, description="The caveats, in the same order as in English."
    )
    marking: Text | None = None


class Coalition(Contract):
    name: Text
    force_name: Text | None = None
    description: Text
    area: Text | None = Field(
        default=None, description="Where the force would deploy, as status definitions name it."
    )
    personnel: Text = Field(
        default="troops", description="The noun for the people pledged, plural: troops, police "
        "officers, personnel.",
    )  # fmt: skip
    target: Target | None = Field(default=None, description="One undated target (or `targets`).")
    targets: list[DatedTarget] = Field(
        default_factory=list, description="The target as dated statements, oldest first."
    )
    joint_figures: list[JointFigure] = Field(default_factory=list)
    stale_after_days: Annotated[int, Field(gt=0, le=3650)] = Field(
        default=60,
        description="Say the news is old when the as-of date is this many days after the newest "
        "statement.",
    )
    statuses: dict[Status, Term] = Field(
        default_factory=dict, description="Labels and definitions that replace the defaults."
    )
    roles: Vocabulary | None = None
    capabilities: Vocabulary | None = None
    conditions: Vocabulary = Field(default_factory=dict)
    units: dict[Word, Unit] = Field(
        default_factory=dict, description="Units a source may name instead of a number."
    )
    review_after_days: Annotated[int, Field(gt=0, le=3650)] = Field(
        default=90,
        description="A country file is due for review when it was last checked this many days "
        "ago (coalition review).",
    )
    groups: dict[Text, Group] = Field(default_factory=dict)
    map: MapArea | None = None
    scenarios: list[Scenario] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    caveats: list[Text] = Field(default_factory=list)
    marking: Text | None = Field(default=None, description="Handling marking on exports.")
    translations: dict[Language, Translation] = Field(
        default_factory=dict,
        description="The coalition's words in other languages (fr): name, labels, groups, "
        "milestones. English is shown for whatever is left out.",
    )

    @model_validator(mode="after")
    def _one_target_form(self) -> Coalition:
        if self.target is None and not self.targets:
            raise ValueError("needs the target: add 'targets:' (dated) or 'target:'")
        if self.target is not None and self.targets:
            raise ValueError("has both 'target:' and 'targets:': keep 'targets:' only")
        dates = [t.date for t in self.targets]
        if dates != sorted(dates):
            raise ValueError("lists its targets out of order: keep them oldest first")
        return self

    @property
    def target_history(self) -> tuple[DatedTarget, ...]:
        """Every target, dated and oldest first; the undated form dates from its first source."""
        if self.targets:
            return tuple(self.targets)
        target = self.target
        first = min(s.published for s in target.sources)
        return (
            DatedTarget.model_construct(
                date=first, min=target.min, max=target.max, approximate=None, qualifier=None,
                basis="official",
                summary=None, notes=None, sources=target.sources,
            ),
        )  # fmt: skip

    def target_on(self, day: dt.date) -> DatedTarget | None:
        """The band in force on `day`: the latest target cited on or before it, if any."""
        current = None
        for target in self.target_history:
            if target.date <= day:
                current = target
        return current


class Dataset(Contract):
    """Everything in `pledges/`, validated: what the build stores and the totals read."""

    coalition: Coalition
    countries: tuple[Country, ...]
    outlets: dict[str, Outlet] = Field(default_factory=dict)

    def kind_of(self, source: Source) -> str | None:
        """The kind of the outlet that published `source` (None outside the register)."""
        outlet = self.outlets.get(source.outlet)
        return outlet.kind if outlet else None
