"""The review cadence: which country files are due to be checked against the news again.

"No statement since May" means no news only if someone looked. Each country file records when it
was last reviewed in full (`checked:`); a file not checked for `review_after_days` (coalition.yaml)
is due. The list is made here once and only displayed by `coalition review` and its workflow.
Its words follow the language in force; its dates are ISO, as in the files it points to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from db.contract.models import Dataset
from db.locale import _, _n


@dataclass(frozen=True)
class Due:
    iso3: str
    name: str
    checked: dt.date
    newest: dt.date | None  # the newest statement in the file

    def days_since(self, today: dt.date) -> int:
        return (today - self.checked).days


@dataclass(frozen=True)
class Review:
    today: dt.date
    days: int
    countries: int  # in the dataset
    due: tuple[Due, ...]  # oldest check first

    @property
    def headline(self) -> str:
        """The one line that says how much is due."""
        today = self.today.isoformat()
        if not self.due:
            return _(
                "No country file is due for review: every one was checked against the news in "
                "the {days} days before {today}."
            ).format(days=self.days, today=today)
        count = len(self.due)
        return _n(
            "{count} of {countries} country file is due for review: not checked against the "
            "news in the {days} days before {today}, oldest first.",
            "{count} of {countries} country files are due for review: not checked against the "
            "news in the {days} days before {today}, oldest first.",
            count,
        ).format(count=count, countries=self.countries, days=self.days, today=today)

    def document(self) -> dict[str, Any]:
        """The `coalition review --json` shape; keys are only ever added."""
        return {
            "as_of": self.today.isoformat(),
            "days": self.days,
            "countries": self.countries,
            "due": [
                {
                    "iso3": d.iso3,
                    "name": d.name,
                    "checked": d.checked.isoformat(),
                    "days_since_checked": d.days_since(self.today),
                    "newest_statement": d.newest.isoformat() if d.newest else None,
                }
                for d in self.due
            ],
        }

    def table(self) -> list[str]:
        """The text table, a line per country due, for a terminal or a job summary."""
        if not self.due:
            return [self.headline]
        header = "{:<20} {:<10}  {:>5}  {}".format(
            _("Country"), _("Checked"), _("Days"), _("Newest statement")
        )
        lines = [self.headline, "", header, "-" * len(header)]
        for d in self.due:
            newest = d.newest.isoformat() if d.newest else _("none")
            lines.append(
                f"{d.name[:20]:<20} {d.checked.isoformat():<10}  {d.days_since(self.today):>5}  "
                f"{newest}"
            )
        return lines

    def markdown(self) -> str:
        """The same list as a Markdown table, for a scheduled workflow's job summary."""
        title = _("Country files due for review")
        lines = [f"### {title}\n\n{self.headline}\n"]
        if self.due:
            headings = (_("Country"), _("Checked"), _("Days since"), _("Newest statement"))
            lines.append(f"| {' | '.join(headings)} |")
            lines.append("|---|---|---:|---|")
            for d in self.due:
                newest = d.newest.isoformat() if d.newest else _("none")
                lines.append(
                    f"| {d.name} ({d.iso3}) | {d.checked.isoformat()} | "
                    f"{d.days_since(self.today)} | {newest} |"
                )
        return "\n".join(lines) + "\n"


def due_for_review(dataset: Dataset, today: dt.date, days: int | None = None) -> Review:
    """Countries not checked in `days` (default: the coalition's review_after_days), the
    longest unchecked first; ties by name."""
    days = days if days is not None else dataset.coalition.review_after_days
    due = [
        Due(
            c.iso3,
            c.name,
            c.checked,
            max((s.date for s in c.statements), default=None),
        )
        for c in dataset.countries
        if (today - c.checked).days >= days
    ]
    due.sort(key=lambda d: (d.checked, d.name))
    return Review(today, days, len(dataset.countries), tuple(due))
