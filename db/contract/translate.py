"""A coalition's data in the language a reader chose.

`coalition.yaml` is written in English; its `translations:` block gives the coalition's own words
in another language: its name, the force's name, the description, the area and the noun for the
people pledged, the labels and definitions of statuses, roles, capabilities, conditions and
units, group names, milestones, scenarios, caveats and the handling marking. `in_language` lays
them over the English, keeping English wherever a word is not given; `missing` lists those, for
`coalition validate` to suggest. Country names come from ISO 3166 in the language (pycountry's
translations). Statements, notes and source titles are never translated: they stay as recorded.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache

import pycountry

from db.contract.models import Coalition, Dataset, Milestone, Term, TermText, Translation
from db.locale import DEFAULT
from db.memo import Memo

TERM_KINDS = ("statuses", "roles", "capabilities", "conditions")
# The coalition's single words a translation gives, in the order `missing` lists them.
FIELDS = ("name", "force_name", "description", "area", "personnel", "marking")

_MADE: Memo[Coalition] = Memo(16)  # by the coalition's JSON and language


def in_language(coalition: Coalition, lang: str) -> Coalition:
    """`coalition` with its words in `lang` where its `translations` give them, English where
    not. Not validated again: the translation was validated with the file."""
    if lang == DEFAULT or lang not in coalition.translations:
        return coalition
    return _MADE.get(
        (coalition.model_dump_json(), lang),
        lambda: _overlay(coalition, coalition.translations[lang]),
    )


def _overlay(coalition: Coalition, words: Translation) -> Coalition:
    update: dict[str, object] = {f: getattr(words, f) for f in FIELDS if getattr(words, f)}
    for kind in TERM_KINDS:
        english = getattr(coalition, kind)
        given: Mapping[str, TermText] = getattr(words, kind)
        if english is None and kind != "statuses":
            continue  # the defaults apply, and the catalogues translate them
        merged = dict(english)
        for word, text in given.items():
            if kind != "statuses" and word not in merged:
                continue
            before = merged.get(word)
            merged[word] = Term.model_construct(
                label=text.label or (before.label if before else None),
                short=text.short or (before.short if before else None),
                definition=text.definition or (before.definition if before else None),
            )
        update[kind] = merged
    update["units"] = {
        word: unit.model_copy(
            update={
                k: v for k, v in (words.units.get(word) or TermText()).model_dump().items()
                if v and k in ("label", "definition")
            }
        )
        for word, unit in coalition.units.items()
    }  # fmt: skip
    update["groups"] = {
        key: group.model_copy(
            update={
                "label": words.groups[key].label or group.label,
                "note": words.groups[key].note or group.note,
            }
        )
        if key in words.groups
        else group
        for key, group in coalition.groups.items()
    }
    update["milestones"] = _milestones(coalition, words)
    update["scenarios"] = [
        s.model_copy(update={"label": words.scenarios[s.label]})
        if s.label in words.scenarios
        else s
        for s in coalition.scenarios
    ]
    if len(words.caveats) == len(coalition.caveats):
        update["caveats"] = list(words.caveats)
    return coalition.model_copy(update=update)


def _milestones(coalition: Coalition, words: Translation) -> list[Milestone]:
    """Each milestone with its summary in the language, where given: one text for a date with
    one milestone, a list (in the file's order) for a date with several."""
    out, seen, dated = [], Counter[dt.date](), _dated(coalition)
    for m in coalition.milestones:
        given = words.milestones.get(m.date)
        index = seen[m.date]
        seen[m.date] += 1
        texts = [given] if isinstance(given, str) else (given or [])
        if len(texts) == dated[m.date]:
            m = m.model_copy(update={"summary": texts[index]})
        out.append(m)
    return out


def _dated(coalition: Coalition) -> Counter[dt.date]:
    """How many milestones each date has."""
    return Counter(m.date for m in coalition.milestones)


def localized(dataset: Dataset, lang: str) -> Dataset:
    """`dataset` as a reader of `lang` sees it: the coalition's words and the countries' names
    in `lang`. Statements are shared, not copied."""
    if lang == DEFAULT:
        return dataset
    countries = tuple(
        c.model_copy(update={"name": country_name(c.iso3, c.name, lang)}) for c in dataset.countries
    )
    return dataset.model_copy(
        update={"coalition": in_language(dataset.coalition, lang), "countries": countries}
    )


def country_name(iso3: str, recorded: str, lang: str) -> str:
    """A country's name in `lang` from ISO 3166 ('Royaume-Uni'); the recorded name in English,
    or where ISO 3166 has none in `lang`."""
    if lang == DEFAULT:
        return recorded
    return _iso_name(iso3, lang) or recorded


@cache
def _iso_name(iso3: str, lang: str) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    try:
        words = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return None
    english = getattr(country, "common_name", None) or country.name
    named = words.gettext(english)
    # A common name with no entry of its own falls back to the ISO short name's translation.
    return named if named != english else words.gettext(country.name)


def missing(coalition: Coalition, lang: str) -> list[str]:
    """What `coalition` writes in English and its `lang` translation does not give, as field
    paths ('name', 'roles.lead.label', 'milestones.2025-03-02')."""
    words = coalition.translations.get(lang) or Translation()
    return list(_missing(coalition, words))


def _missing(coalition: Coalition, words: Translation) -> Iterator[str]:
    for f in FIELDS:
        english = getattr(coalition, f)
        if f == "personnel" and english == "troops":
            continue  # the default noun: the catalogue translates it
        if english and not getattr(words, f):
            yield f
    for kind in TERM_KINDS:
        given: Mapping[str, TermText] = getattr(words, kind)
        for word, term in (getattr(coalition, kind) or {}).items():
            text = given.get(word) or TermText()
            for part in ("label", "short", "definition"):
                if getattr(term, part) and not getattr(text, part):
                    yield f"{kind}.{word}.{part}"
    for word in coalition.units:
        text = words.units.get(word)
        for part in ("label", "definition"):
            if not (text and getattr(text, part)):
                yield f"units.{word}.{part}"
    for key, group in coalition.groups.items():
        text = words.groups.get(key)
        if not (text and text.label):
            yield f"groups.{key}.label"
        if group.note and not (text and text.note):
            yield f"groups.{key}.note"
    for day, count in _dated(coalition).items():
        given = words.milestones.get(day)
        if given is None or len([given] if isinstance(given, str) else given) != count:
            yield f"milestones.{day}"
    for s in coalition.scenarios:
        if s.label not in words.scenarios:
            yield f"scenarios.{s.label}"
    if coalition.caveats and len(words.caveats) != len(coalition.caveats):
        yield "caveats"


def unknown(coalition: Coalition, lang: str) -> list[tuple[tuple[str | int, ...], str]]:
    """Words a translation gives for things `coalition` does not have: (field path, message)."""
    words = coalition.translations[lang]
    at: tuple[str | int, ...] = ("translations", lang)
    found: list[tuple[tuple[str | int, ...], str]] = []
    for kind in ("roles", "capabilities", "conditions"):
        known = getattr(coalition, kind)
        for word in getattr(words, kind):
            if known is None:
                why = (
                    f"translates the default {kind}, which the interface translates itself: "
                    f"remove it, or list the {kind} in coalition.yaml"
                )
            elif word not in known:
                why = (
                    f"translates the {kind[:-1]} {word!r}, which coalition.yaml's {kind} do not "
                    "have: remove it, or add the word"
                )
            else:
                continue
            found.append(((*at, kind, word), why))
    for word in words.units:
        if word not in coalition.units:
            found.append(
                (
                    (*at, "units", word),
                    f"translates the unit {word!r}, which "
                    "coalition.yaml's units do not have: remove it, or add the unit",
                )
            )
    for key in words.groups:
        if key not in coalition.groups:
            found.append(
                (
                    (*at, "groups", key),
                    f"translates the group {key!r}, which "
                    "coalition.yaml's groups do not have: use the group's key",
                )
            )
    dates = _dated(coalition)
    for day, given in words.milestones.items():
        texts = 1 if isinstance(given, str) else len(given)
        if day not in dates:
            why = f"{day} is the date of no milestone: use a milestone's date"
        elif texts != dates[day]:
            why = f"gives {texts} summaries for the {dates[day]} milestones of {day}: give " + (
                "one" if dates[day] == 1 else f"a list of {dates[day]}, in the file's order"
            )
        else:
            continue
        found.append(((*at, "milestones", day.isoformat()), why))
    labels = {s.label for s in coalition.scenarios}
    for label in words.scenarios:
        if label not in labels:
            found.append(
                (
                    (*at, "scenarios", label),
                    f"translates the scenario {label!r}, which "
                    "coalition.yaml's scenarios do not have: use its English label",
                )
            )
    if words.caveats and len(words.caveats) != len(coalition.caveats):
        found.append(
            (
                (*at, "caveats"),
                f"gives {len(words.caveats)} caveats for "
                f"{len(coalition.caveats)}: translate each caveat, in the same order",
            )
        )
    return found
