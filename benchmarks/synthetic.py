"""Synthetic but valid coalitions for benchmarks and fault tests, from a fixed seed.

`write_coalition(folder, countries, statements)` writes `countries` country files (real ISO
codes, in a fixed order) with `statements` dated statements each, plus coalition.yaml.
The same arguments always give the same files.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pycountry

from db.contract.models import STATUSES
from db.contract.vocabulary import DEFAULT_CAPABILITIES

START = dt.date(2015, 1, 1)


def codes(n: int) -> list[str]:
    every = sorted(c.alpha_3 for c in pycountry.countries)
    if n > len(every):
        raise ValueError(f"only {len(every)} ISO countries exist")
    return every[:n]


def _statement(rng: random.Random, day: dt.date, index: int) -> str:
    status = rng.choice(STATUSES)
    lines = [f"  - date: {day.isoformat()}", f"    status: {status}"]
    if status == "troops" and rng.random() < 0.7:
        low = rng.randrange(50, 3000, 50)
        high = low + rng.randrange(0, 2000, 50)
        lines += ["    troops:", f"      min: {low}", f"      max: {high}"]
        if rng.random() < 0.2:
            lines.append("      approximate: true")
        lines.append("      basis: official")
    caps = rng.sample(sorted(DEFAULT_CAPABILITIES), rng.randrange(0, 4))
    if caps or status == "troops":
        lines.append(f"    capabilities: [{', '.join(caps or ['ground'])}]")
    lines += [
        f"    summary: Synthetic statement number {index} for benchmarking, with no real meaning.",
        "    sources:",
        "      - outlet: Synthetic Wire",
        f"        title: Synthetic report {index}",
        f"        url: https://example.org/synthetic/{index}",
        f"        published: {day.isoformat()}",
    ]
    return "\n".join(lines) + "\n"


def write_coalition(folder: Path, countries: int, statements: int, seed: int = 20250320) -> int:
    """Write the files; returns the number of statements written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "coalition.yaml").write_text(
        "name: Synthetic coalition\n"
        "description: Generated data for benchmarks; no statement in it is real.\n"
        "target:\n  min: 5000\n  max: 20000\n  sources:\n"
        "    - outlet: Synthetic Wire\n      title: Target\n"
        "      url: https://example.org/synthetic/target\n      published: 2015-01-01\n",
        encoding="utf-8",
    )
    (folder / "outlets.yaml").write_text(
        "outlets:\n  Synthetic Wire:\n    kind: wire\n", encoding="utf-8"
    )
    total = 0
    for code in codes(countries):
        country = pycountry.countries.get(alpha_3=code)
        name = getattr(country, "common_name", None) or country.name
        days = sorted(START + dt.timedelta(days=rng.randrange(0, 3650)) for _ in range(statements))
        body = "".join(_statement(rng, day, total + i) for i, day in enumerate(days))
        total += statements
        (folder / f"{code}.yaml").write_text(
            f'iso3: {code}\nname: "{name}"\nchecked: {days[-1].isoformat()}\nstatements:\n{body}',
            encoding="utf-8",
        )
    return total
