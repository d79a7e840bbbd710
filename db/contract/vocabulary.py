"""The words a coalition's data may use and how every page, export and message writes them.

Built from `coalition.yaml`: the area's name and the noun for the people pledged fill the status
labels and definitions; roles, capabilities and conditions are the coalition's own lists, each
word with a label and a definition. When `coalition.yaml` is silent, generic defaults apply, so
the files of a coalition written before these lists existed stay valid. Nothing here names a
particular coalition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from db.contract.models import SOURCE_KINDS, STATUSES, Coalition, Term, Unit
from db.memo import Memo

KINDS = ("roles", "capabilities", "conditions")  # the word lists a statement uses

# What each kind of outlet is, for the register's readers; strongest first (SOURCE_KINDS).
SOURCE_KIND_TERMS: dict[str, Term] = {
    kind: Term(label=label, short=short)
    for kind, (label, short) in {
        "government": ("Government or parliament", "government"),
        "international": ("International organisation", "intl. org."),
        "wire": ("Wire service", "wire"),
        "public_broadcaster": ("Public broadcaster", "public media"),
        "press": ("Newspaper or broadcaster", "press"),
        "republisher": ("Republisher or aggregator", "republisher"),
        "state_media_party": ("State media of a party to the conflict", "state media"),
    }.items()
}
assert tuple(SOURCE_KIND_TERMS) == SOURCE_KINDS

DEFAULT_ROLES: dict[str, Term] = {
    "lead": Term(label="Leads the coalition", short="lead"),
    "headquarters_host": Term(label="Hosts the force headquarters", short="headquarters"),
    "coordination_cell": Term(label="Leads a coordination cell", short="coordination cell"),
}

DEFAULT_CAPABILITIES: dict[str, Term] = {
    word: Term(label=label)
    for word, label in {
        "ground": "Ground forces",
        "air": "Air forces",
        "maritime": "Naval forces",
        "logistics": "Logistics",
        "training": "Training",
        "instructors": "Instructors",
        "staff_officers": "Staff officers",
        "demining": "Demining",
        "air_defence": "Air defence",
        "intelligence": "Intelligence",
        "medical": "Medical",
        "headquarters": "Headquarters staff",
    }.items()
}


def _status_terms(personnel: str, area: str | None) -> dict[str, Term]:
    where = area or "the mission area"
    return {
        "troops": Term(
            label=f"Willing to send {personnel}",
            short="Willing",
            definition=f"Has said it is willing to deploy {personnel} to {where} as part of the "
            "force.",
        ),
        "open": Term(
            label="Open to involvement",
            short="Open",
            definition=f"Open to being involved in some way; sending {personnel} is not ruled out.",
        ),
        "support": Term(
            label=f"Support, no {personnel} on the ground",
            short="Support only",
            definition=f"Will contribute, but with no {personnel} on the ground in {where} (air, "
            f"sea, logistics, training outside {where}, equipment).",
        ),
        "undecided": Term(
            label="In the talks, no position",
            short="Undecided",
            definition="Takes part in the talks without a stated position on contributing.",
        ),
        "declined": Term(
            label="Declined", short="Declined", definition="Has said it will not take part."
        ),
    }


@dataclass(frozen=True)
class Vocabulary:
    """Labels and definitions for every word a coalition's data uses."""

    personnel: str = "troops"
    area: str | None = None
    statuses: Mapping[str, Term] = field(default_factory=lambda: _status_terms("troops", None))
    roles: Mapping[str, Term] = field(default_factory=lambda: dict(DEFAULT_ROLES))
    capabilities: Mapping[str, Term] = field(default_factory=lambda: dict(DEFAULT_CAPABILITIES))
    conditions: Mapping[str, Term] = field(default_factory=dict)
    units: Mapping[str, Unit] = field(default_factory=dict)
    source_kinds: Mapping[str, Term] = field(default_factory=lambda: dict(SOURCE_KIND_TERMS))

    def terms(self, kind: str) -> Mapping[str, Term]:
        return getattr(self, kind)

    def label(self, kind: str, word: str) -> str:
        """A word's label; a word the vocabulary does not know is shown as written."""
        term = self.terms(kind).get(word)
        return term.label if term else word.replace("_", " ")

    def short(self, kind: str, word: str) -> str:
        term = self.terms(kind).get(word)
        if term is None:
            return word.replace("_", " ")
        return term.short or term.label

    def labels(self, kind: str, words: list[str] | tuple[str, ...]) -> list[str]:
        return [self.label(kind, w) for w in words]

    def status_label(self, status: str) -> str:
        return self.label("statuses", status)

    def status_short(self, status: str) -> str:
        return self.short("statuses", status)


DEFAULT = Vocabulary()


_MADE: Memo[Vocabulary] = Memo(16)  # by the coalition's JSON: a few coalitions per process


def vocabulary(coalition: Coalition | None) -> Vocabulary:
    """The vocabulary `coalition` defines, with defaults where it is silent.

    Built from the object as it is (a loaded build is not validated again), remembered by the
    coalition's content so the pages of one build share it.
    """
    if coalition is None:
        return DEFAULT
    return _MADE.get(coalition.model_dump_json(), lambda: _make(coalition))


def _make(coalition: Coalition) -> Vocabulary:
    personnel = coalition.personnel or "troops"
    statuses = _status_terms(personnel, coalition.area)
    for status, term in (coalition.statuses or {}).items():
        statuses[status] = Term.model_construct(
            label=term.label,
            short=term.short or statuses[status].short,
            definition=term.definition or statuses[status].definition,
        )
    return Vocabulary(
        personnel=personnel,
        area=coalition.area,
        statuses={s: statuses[s] for s in STATUSES},
        roles=dict(coalition.roles) if coalition.roles is not None else dict(DEFAULT_ROLES),
        capabilities=(
            dict(coalition.capabilities)
            if coalition.capabilities is not None
            else dict(DEFAULT_CAPABILITIES)
        ),
        conditions=dict(coalition.conditions or {}),
        units=dict(coalition.units or {}),
    )
