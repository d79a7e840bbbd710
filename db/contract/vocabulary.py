"""The words a coalition's data may use and how every page, export and message writes them.

Built from `coalition.yaml`: the area's name and the noun for the people pledged fill the status
labels and definitions; roles, capabilities and conditions are the coalition's own lists, each
word with a label and a definition. When `coalition.yaml` is silent, generic defaults apply, so
the files of a coalition written before these lists existed stay valid. Nothing here names a
particular coalition. The defaults are English sentences marked `_()`, so they read in the
language in force; a coalition's own words in another language come from its `translations`
(db/contract/translate.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from db.contract.models import SOURCE_KINDS, STATUSES, Coalition, Term, Unit
from db.locale import _, language
from db.memo import Memo

KINDS = ("roles", "capabilities", "conditions")  # the word lists a statement uses


# What each kind of outlet is, for the register's readers; strongest first (SOURCE_KINDS).
def _source_kind_terms() -> dict[str, Term]:
    terms = {
        "government": Term(label=_("Government or parliament"), short=_("government")),
        "international": Term(label=_("International organisation"), short=_("intl. org.")),
        "wire": Term(label=_("Wire service"), short=_("wire")),
        "public_broadcaster": Term(label=_("Public broadcaster"), short=_("public media")),
        "press": Term(label=_("Newspaper or broadcaster"), short=_("press")),
        "republisher": Term(label=_("Republisher or aggregator"), short=_("republisher")),
        "state_media_party": Term(
            label=_("State media of a party to the conflict"), short=_("state media")
        ),
    }
    assert tuple(terms) == SOURCE_KINDS
    return terms


def _default_roles() -> dict[str, Term]:
    return {
        "lead": Term(label=_("Leads the coalition"), short=_("lead")),
        "headquarters_host": Term(label=_("Hosts the force headquarters"), short=_("headquarters")),
        "coordination_cell": Term(
            label=_("Leads a coordination cell"), short=_("coordination cell")
        ),
    }


def _default_capabilities() -> dict[str, Term]:
    return {
        "ground": Term(label=_("Ground forces")),
        "air": Term(label=_("Air forces")),
        "maritime": Term(label=_("Naval forces")),
        "logistics": Term(label=_("Logistics")),
        "training": Term(label=_("Training")),
        "instructors": Term(label=_("Instructors")),
        "staff_officers": Term(label=_("Staff officers")),
        "demining": Term(label=_("Demining")),
        "air_defence": Term(label=_("Air defence")),
        "intelligence": Term(label=_("Intelligence")),
        "medical": Term(label=_("Medical")),
        "headquarters": Term(label=_("Headquarters staff")),
    }


DEFAULT_CAPABILITIES = _default_capabilities()  # in English: the words, for synthetic data


def _status_terms(personnel: str, area: str | None) -> dict[str, Term]:
    where = area or _("the mission area")
    return {
        "troops": Term(
            label=_("Willing to send {personnel}").format(personnel=personnel),
            short=_("Willing"),
            definition=_(
                "Has said it is willing to deploy {personnel} to {area} as part of the force."
            ).format(personnel=personnel, area=where),
        ),
        "open": Term(
            label=_("Open to involvement"),
            short=_("Open"),
            definition=_(
                "Open to being involved in some way; sending {personnel} is not ruled out."
            ).format(personnel=personnel),
        ),
        "support": Term(
            label=_("Support, no {personnel} on the ground").format(personnel=personnel),
            short=_("Support only"),
            definition=_(
                "Will contribute, but with no {personnel} on the ground in {area} (air, sea, "
                "logistics, training outside {area}, equipment)."
            ).format(personnel=personnel, area=where),
        ),
        "undecided": Term(
            label=_("In the talks, no position"),
            short=_("Undecided"),
            definition=_("Takes part in the talks without a stated position on contributing."),
        ),
        "declined": Term(
            label=_("Declined"),
            short=_("Declined"),
            definition=_("Has said it will not take part."),
        ),
    }


@dataclass(frozen=True)
class Vocabulary:
    """Labels and definitions for every word a coalition's data uses."""

    personnel: str = "troops"
    area: str | None = None
    statuses: Mapping[str, Term] = field(default_factory=lambda: _status_terms("troops", None))
    roles: Mapping[str, Term] = field(default_factory=_default_roles)
    capabilities: Mapping[str, Term] = field(default_factory=_default_capabilities)
    conditions: Mapping[str, Term] = field(default_factory=dict)
    units: Mapping[str, Unit] = field(default_factory=dict)
    source_kinds: Mapping[str, Term] = field(default_factory=_source_kind_terms)

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
        return DEFAULT if language() == "en" else _MADE.get(language(), _defaults)
    return _MADE.get((coalition.model_dump_json(), language()), lambda: _make(coalition))


def _defaults() -> Vocabulary:
    """The generic words, in the language in force."""
    personnel = _("troops")
    return Vocabulary(personnel=personnel, statuses=_status_terms(personnel, None))


def _make(coalition: Coalition) -> Vocabulary:
    personnel = coalition.personnel or "troops"
    if personnel == "troops":
        personnel = _("troops")  # the default noun, in the language in force
    statuses = _status_terms(personnel, coalition.area)
    for status, term in (coalition.statuses or {}).items():
        statuses[status] = Term.model_construct(
            label=term.label or statuses[status].label,
            short=term.short or statuses[status].short,
            definition=term.definition or statuses[status].definition,
        )
    return Vocabulary(
        personnel=personnel,
        area=coalition.area,
        statuses={s: statuses[s] for s in STATUSES},
        roles=dict(coalition.roles) if coalition.roles is not None else _default_roles(),
        capabilities=(
            dict(coalition.capabilities)
            if coalition.capabilities is not None
            else _default_capabilities()
        ),
        conditions=dict(coalition.conditions or {}),
        units=dict(coalition.units or {}),
    )
