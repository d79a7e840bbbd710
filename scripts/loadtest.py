"""Load: N concurrent browser sessions open the overview; report time to first chart.

`python scripts/loadtest.py [--sessions 20] [--write docs/load.md]`. Serves the app on the real
data, starts every session at once in one headless Chromium (offline), and times each from the
request to the first drawn Plotly chart and to the map. Not part of the timed test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.async_api import async_playwright  # noqa: E402

from components.export import browser_path  # noqa: E402
from tests.browser import CHROMIUM_ARGS, is_outside, served_app  # noqa: E402

FLOOR = REPO / "benchmarks" / "floor_app.py"


async def one(browser, url: str, timings: list, failures: list, map_too: bool = True) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    context.on(
        "request", lambda r: failures.append(f"outside: {r.url}") if is_outside(r.url) else None
    )
    page = await context.new_page()
    start = time.perf_counter()
    try:
        await page.goto(url, wait_until="commit", timeout=300_000)
        await page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=300_000)
        first_chart = time.perf_counter() - start
        if map_too:
            await page.locator("path.choroplethlocation").first.wait_for(
                state="attached", timeout=300_000
            )
        timings.append((first_chart, time.perf_counter() - start))
        if await page.get_by_test_id("stException").count():
            failures.append("exception shown")
    except Exception as exc:  # noqa: BLE001 - a load test records failures and goes on
        failures.append(f"{type(exc).__name__}: {exc}")
    await context.close()


async def run(url: str, sessions: int, map_too: bool = True) -> tuple[list, list, float]:
    timings: list = []
    failures: list = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=browser_path(), args=CHROMIUM_ARGS
        )
        # One warm-up load, so the first session does not also pay for the server's first run.
        await one(browser, url, [], [], map_too)
        started = time.perf_counter()
        await asyncio.gather(
            *(one(browser, url, timings, failures, map_too) for _ in range(sessions))
        )
        wall = time.perf_counter() - started
        await browser.close()
    return timings, failures, wall


def chromium_version() -> str:
    out = subprocess.run([browser_path(), "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip()


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--write", type=Path, help="write the Markdown table to this file")
    parser.add_argument(
        "--no-floor", action="store_true", help="skip the minimal-page floor measurement"
    )
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {"COALITION_DB": str(Path(tmp) / "coalition.db")}
        with served_app(env) as url:
            results["overview"] = asyncio.run(run(url, args.sessions, True))
        if not args.no_floor:
            with served_app({}, script=FLOOR) as url:
                results["floor"] = asyncio.run(run(url, args.sessions, False))
    failures = [f for _, fails, _ in results.values() for f in fails]

    def cell(name: str, index: int, pick) -> str:
        if name not in results or not results[name][0]:
            return "–"
        return f"{pick(sorted(t[index] for t in results[name][0])):.1f} s"

    rows = [
        ("Sessions started at once", str(args.sessions), str(args.sessions)),
        (
            "Sessions that rendered",
            *(
                f"{len(results[n][0])} of {args.sessions}" if n in results else "–"
                for n in ("overview", "floor")
            ),
        ),
        ("Time to first chart, median", cell("overview", 0, statistics.median),
         cell("floor", 0, statistics.median)),
        ("Time to first chart, worst", cell("overview", 0, max), cell("floor", 0, max)),
        ("Time to the map, median", cell("overview", 1, statistics.median), "–"),
        ("Time to the map, worst", cell("overview", 1, max), "–"),
        ("All sessions done", *(f"{results[n][2]:.1f} s" if n in results else "–"
                                for n in ("overview", "floor"))),
    ]  # fmt: skip
    machine = (
        f"{os.cpu_count()} cores ({cpu_model()}), "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"{chromium_version()}, Python {platform.python_version()}"
    )
    table = "\n".join(
        [
            "| measure | overview | floor: one bar chart |",
            "|---|---|---|",
            *(f"| {k} | {a} | {b} |" for k, a, b in rows),
        ]
    )
    print(table)
    print(f"\nMachine: {machine}")
    for failure in failures:
        print(f"failure: {failure}", file=sys.stderr)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(
            "# Load: concurrent sessions on the overview\n\n"
            f"Measured {dt.date.today():%d %B %Y} with `python scripts/loadtest.py --sessions "
            f"{args.sessions} --write {args.write}`: one Streamlit server and one headless "
            "Chromium on the same machine, every session opened at once after one warm-up load, "
            "each timed from the request to its first drawn Plotly chart and to the map. The "
            "floor is a minimal Streamlit page with one Plotly bar chart "
            "(`benchmarks/floor_app.py`), measured the same way in the same run. The browser's "
            "own work (parsing Streamlit's and Plotly's JavaScript in every tab) shares the two "
            "cores with the server, so these times are an upper bound for readers, whose browsers "
            "run on their own machines.\n\n"
            f"{table}\n\nMachine: {machine}.\n"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
