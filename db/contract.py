"""The data contract: what a pledge file may say, as plain pydantic models.

These models validate; the SQLModel tables in `models.py` only store. The status, capability and
role vocabularies live here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, get_args
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from db.characters import describe, first_hidden

Status = Literal["troops", "open", "support", "undecided", "declined"]
STATUSES: tuple[str, ...] = get_args(Status)

STATUS_LABELS: dict[str, str] = {
    "troops": "Willing to send troops",
    "open": "Open to involvement",
    "support": "Support, no troops on the ground",
    "undecided": "In the talks, no position",
    "declined": "Declined",
}

STATUS_SHORT: dict[str, str] = {
    "troops": "Troops",
    "open": "Open",
    "support": "Support only",
    "undecided": "Undecided",
    "declined": "Declined",
}

STATUS_DEFINITIONS: dict[str, str] = {
    "troops": "Has said it is willing to deploy troops to Ukraine as part of the force.",
    "open": "Open to being involved in some way; sending troops is not ruled out.",
    "support": "Will contribute, but with no troops on the ground in Ukraine "
    "(air, sea, logistics, training outside Ukraine, equipment).",
    "undecided": "Takes part in the talks without a stated position on contributing.",
    "declined": "Has said it will not take part.",
}

Capability = Literal[
    "ground",
    "air",
    "maritime",
    "logistics",
    "training",
    "instructors",
    "staff_officers",
    "demining",
    "air_defence",
    "intelligence",
    "medical",
    "headquarters",
]
CAPABILITIES: tuple[str, ...] = get_args(Capability)

Role = Literal["lead", "headquarters_host", "coordination_cell"]
ROLES: tuple[str, ...] = get_args(Role)

ROLE_LABELS: dict[str, str] = {
    "lead": "Co-leads the coalition",
    "headquarters_host": "Hosts the force headquarters",
    "coordination_cell": "Leads the coordination cell in Kyiv",
}

ISO3_PATTERN = re.compile(r"^[A-Z]{3}$")
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


class Contract(BaseModel):
    """Strict: no type coercion, no unknown fields, so typos and quoted numbers are caught."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Source(Contract):
    outlet: Text = Field(
        description="Who published it, e.g. 'AP' or 'ERR (Estonian public broadcaster)'."
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
    """A lowest and a highest number of troops; equal for a single figure."""

    min: Count = Field(description="Lowest number of troops.")
    max: Count = Field(description="Highest number of troops; equal to min for one figure.")

    @field_validator("max")
    @classmethod
    def _max_not_below_min(cls, value: int, info) -> int:
        low = info.data.get("min")
        if low is not None and value < low:
            raise ValueError(f"must be >= min ({low} > {value})")
        return value


class Troops(TroopRange):
    """A stated troop figure: exact (min == max) or a range, maybe approximate ('around 200')."""

    approximate: bool = Field(default=False, description="True for 'around', 'about', 'up to'.")


class Statement(Contract):
    date: dt.date = Field(description="When the position was reported, YYYY-MM-DD.")
    status: Status = Field(description="The position: " + ", ".join(STATUSES) + ".")
    troops: Troops | None = Field(default=None, description="Only with status 'troops'.")
    capabilities: list[Capability] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    summary: Text = Field(description="What was said, in this project's own words.")
    notes: Text | None = None
    sources: Sources

    @field_validator("troops")
    @classmethod
    def _troops_only_with_troops(cls, value: Troops | None, info) -> Troops | None:
        status = info.data.get("status")
        if value is not None and status is not None and status != "troops":
            raise ValueError(
                f"a troop figure is only allowed with status 'troops' (status is {status!r})"
            )
        return value

    @field_validator("capabilities", "roles")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        repeated = sorted({v for v in value if value.count(v) > 1})
        if repeated:
            raise ValueError(f"lists {', '.join(repeated)} more than once")
        return value


class Country(Contract):
    iso3: str = Field(pattern=ISO3_PATTERN.pattern, description="ISO 3166-1 alpha-3 code.")
    name: Text
    statements: Annotated[list[Statement], Field(min_length=1)] = Field(
        description="Dated statements, oldest first. A new position is a new statement."
    )


class Target(TroopRange):
    """The force size officials cite, with where they said it."""

    sources: Sources


class Scenario(Contract):
    label: Text
    troops: Count
    sources: Sources


class Milestone(Contract):
    date: dt.date
    summary: Text
    sources: Sources


class Coalition(Contract):
    name: Text
    force_name: Text | None = None
    description: Text
    target: Target
    scenarios: list[Scenario] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    caveats: list[Text] = Field(default_factory=list)
    marking: Text | None = Field(default=None, description="Handling marking on exports.")


class Dataset(Contract):
    """Everything in `pledges/`, validated: what the build stores and the totals read."""

    coalition: Coalition
    countries: tuple[Country, ...]
