"""`make bench`: each path measured against the floor that bounds it, in the same run.

    python benchmarks/run.py            # all sizes, several runs each (a few minutes)
    python benchmarks/run.py --quick    # the smaller sizes, fewer runs (under a minute)
    python benchmarks/run.py --json     # one JSON object with every figure and ratio
    python benchmarks/run.py --write docs/benchmarks.md

Sizes are synthetic but valid coalitions from a fixed seed (benchmarks/synthetic.py):
countries x dated statements each. Every figure is the median of several runs.

1. build: `coalition build` end to end against the floor, parsing the same files with PyYAML's C
   loader and nothing else; each run in a fresh process, timed from after its imports.
2. validate: `coalition validate` against the same floor.
3. rerun: one warm run of the overview page (AppTest) against two floors: a minimal Streamlit page
   that draws one Plotly bar chart with as many bars as countries (the issue's floor), and a page
   that draws the overview's own elements with their content made beforehand (what Streamlit
   charges for those elements); the first run, and the first run after a rebuild, too.
4. export: first and warm briefing PNG, and a whole pack, against a bare `plotly.io.to_image` of
   the same figure on an already started Kaleido server; the pack's browser starts are counted.
5. memory: peak RSS of a build and of the dashboard's run, each in its own process.
6. pages: every page's first run in a new session and its warm rerun (no floor: for spotting a
   page that grows with the data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


from benchmarks.synthetic import write_coalition  # noqa: E402

TODAY = dt.date(2026, 11, 27)
SIZES = {"small": (20, 50), "medium": (200, 50), "large": (249, 400)}


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


WORK = {  # name: (imports, the work timed)
    "floor": (
        "import yaml",
        "for path in sorted(folder.glob('*.yaml')):\n"
        "    with open(path, 'rb') as handle:\n"
        "        yaml.load(handle, Loader=yaml.CSafeLoader)",
    ),
    "validate": (
        "from db.contract.validate import validate_folder",
        "validate_folder(folder, today=TODAY)",
    ),
    "build": ("from db.storage.build import build", "build(folder, db, today=TODAY)"),
}


def time_in_child(work: tuple[str, str], folder: Path, db: Path) -> float:
    """Seconds the work takes in a fresh Python process, imports excluded.

    Each measurement gets a clean heap: in one long benchmark process, whatever earlier steps
    left behind made every later full collection slower, and the floor measured twice as slow.
    """
    imports, timed = work
    code = "\n".join(
        [
            "import datetime, pathlib, time",
            f"folder, db = pathlib.Path({str(folder)!r}), pathlib.Path({str(db)!r})",
            "TODAY = datetime.date(2026, 11, 27)",
            imports,
            "start = time.perf_counter()",
            timed,
            "print(time.perf_counter() - start)",
        ]
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True
    )
    return float(out.stdout.split()[-1])


def bench_data(folder: Path, runs: int) -> dict[str, float]:
    db = folder.parent / "bench.db"
    measured = {
        name: statistics.median(time_in_child(work, folder, db) for _ in range(runs))
        for name, work in WORK.items()
    }
    floor = measured["floor"]
    return {
        "floor_parse_s": floor,
        "validate_s": measured["validate"],
        "build_s": measured["build"],
        "validate_ratio": measured["validate"] / floor,
        "build_ratio": measured["build"] / floor,
    }


FLOOR_PAGE = REPO / "benchmarks" / "floor_app.py"
FLOOR_OVERVIEW = REPO / "benchmarks" / "floor_overview.py"
RERUNS = 30  # a warm rerun takes milliseconds: more runs steady the median


def element_kinds(app: Any) -> Counter:
    """How many elements of each kind a run sent (widgets, charts, blocks, text)."""
    kinds: Counter = Counter()
    nodes = list(app._tree.children.values())
    while nodes:
        node = nodes.pop()
        kinds[node.type] += 1
        nodes.extend(getattr(node, "children", {}).values())
    return kinds


def bench_rerun(folder: Path, runs: int) -> dict[str, float]:
    """Warm and cold runs of the overview against two floors: one chart, and its own elements."""
    from streamlit.testing.v1 import AppTest

    from db.storage.build import build

    db = folder.parent / "rerun.db"
    build(folder, db, today=TODAY)
    os.environ["COALITION_DB"] = str(db)
    os.environ["COALITION_DATA"] = str(folder.parent / "no-data")  # no rebuild checks
    countries = len(list(folder.glob("[A-Z][A-Z][A-Z].yaml")))
    os.environ["FLOOR_BARS"] = str(countries)
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    start = time.perf_counter()
    app.run()
    cold = time.perf_counter() - start
    assert not app.exception, app.exception
    build(folder, db, today=TODAY)  # a rebuild: the next run reloads the data
    start = time.perf_counter()
    app.run()
    after_rebuild = time.perf_counter() - start
    apps = {"overview": app}
    for name, page in (("one_chart", FLOOR_PAGE), ("same_elements", FLOOR_OVERVIEW)):
        apps[name] = AppTest.from_file(str(page), default_timeout=300)
        apps[name].run()
        assert not apps[name].exception, apps[name].exception
    if element_kinds(apps["same_elements"]) != element_kinds(app):
        raise SystemExit(f"{FLOOR_OVERVIEW.name} no longer draws what the overview draws.")
    # Interleaved, so that the machine's drift during the runs weighs on all three alike.
    gc.collect()
    times: dict[str, list[float]] = {name: [] for name in apps}
    for _ in range(RERUNS):
        for name, each in apps.items():
            start = time.perf_counter()
            each.run()
            times[name].append(time.perf_counter() - start)
    warm = statistics.median(times["overview"])
    floors = {name: statistics.median(times[name]) for name in ("one_chart", "same_elements")}
    return {
        "rerun_warm_s": warm,
        "rerun_cold_s": cold,
        "rerun_after_rebuild_s": after_rebuild,
        "rerun_floor_s": floors["one_chart"],
        "rerun_ratio": warm / floors["one_chart"],
        "rerun_elements": sum(element_kinds(app).values()),
        "rerun_same_elements_floor_s": floors["same_elements"],
        "rerun_same_elements_ratio": warm / floors["same_elements"],
    }


PAGES = ["overview", "country", "timeline", "scenario", "export", "method"]


def page_session(page: str, folder: Path) -> Any:
    """A new AppTest session whose next run is `page`'s first (the country page on the first
    country's whole history)."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    if page == "country":
        app.query_params["country"] = sorted(folder.glob("[A-Z][A-Z][A-Z].yaml"))[0].stem
    if page != "overview":
        app.run()  # st.navigation registers the pages on the first run
        app.switch_page(f"components/pages/{page}.py")
    return app


def bench_pages(folder: Path, runs: int) -> dict[str, dict[str, float]]:
    """Every page's first and warm run, each in a new session."""
    out = {}
    for page in PAGES:
        app = page_session(page, folder)
        start = time.perf_counter()
        app.run()
        first = time.perf_counter() - start
        assert not app.exception, app.exception
        out[page] = {"first_s": first, "warm_s": median_time(app.run, runs)}
    return out


def bench_export(folder: Path, runs: int) -> dict[str, float]:
    import plotly.io as pio

    from components.render import export
    from components.render.briefing import CHARTS, export_figure
    from db.contract.validate import validate_folder
    from db.numbers.headline import headline

    dataset = validate_folder(folder, today=TODAY).dataset
    totals = headline(dataset, TODAY)
    export.stop()
    starts = export.browser_starts()
    figure = export_figure("briefing", dataset, totals, "slide")
    start = time.perf_counter()
    export.render(figure, "png", 1920, 1080, 2)
    first = time.perf_counter() - start
    warm = median_time(lambda: export.render(figure, "png", 1920, 1080, 2), runs)
    floor = median_time(
        lambda: pio.to_image(figure, format="png", width=1920, height=1080, scale=2), runs
    )

    def pack() -> None:
        for chart in CHARTS:
            fig = export_figure(chart, dataset, totals, "slide")
            for fmt in export.FORMATS:
                export.render(fig, fmt, 1920, 1080, 2 if fmt == "png" else 1)

    pack_s = median_time(pack, max(1, runs // 2))
    return {
        "export_first_s": first,
        "export_warm_s": warm,
        "export_floor_s": floor,
        "export_ratio": warm / floor,
        "export_pack_s": pack_s,
        "export_browser_starts": export.browser_starts() - starts,
    }


def peak_rss_mb(code: str) -> float:
    """Peak resident memory of a fresh Python process running `code`, in MB.

    Read from the process's own VmHWM: getrusage's ru_maxrss would carry this (large) benchmark
    process's peak into the child across fork.
    """
    report = (
        "; print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code + report], cwd=REPO, check=True, capture_output=True, text=True
    )
    return int(out.stdout.split()[-1]) / 1024


def bench_memory(folder: Path) -> dict[str, float]:
    db = folder.parent / "memory.db"
    build = peak_rss_mb(
        "from pathlib import Path; import datetime as dt; from db.storage.build import build; "
        f"build(Path({str(folder)!r}), Path({str(db)!r}), today=dt.date(2026, 11, 27))"
    )
    dashboard = peak_rss_mb(
        "import os; from streamlit.testing.v1 import AppTest; "
        f"os.environ['COALITION_DB'] = {str(db)!r}; "
        f"os.environ['COALITION_DATA'] = {str(folder.parent / 'none')!r}; "
        f"AppTest.from_file({str(REPO / 'app.py')!r}, default_timeout=300).run()"
    )
    return {"build_peak_rss_mb": build, "dashboard_peak_rss_mb": dashboard}


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmarks against their floors.")
    parser.add_argument("--quick", action="store_true", help="small and medium sizes, fewer runs")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--write", type=Path,
        help="write the results as JSON to this file and the Markdown report beside it (.md)",
    )  # fmt: skip
    parser.add_argument(
        "--render", type=Path, metavar="JSON",
        help="print the Markdown report of results written earlier, measuring nothing",
    )  # fmt: skip
    parser.add_argument(
        "--smoke", action="store_true",
        help="tiny sizes and one run: shows that every benchmark runs (the test suite uses it); "
        "its times mean nothing",
    )  # fmt: skip
    args = parser.parse_args()
    if args.render:
        print(render(json.loads(args.render.read_text())))
        return 0
    global RERUNS
    runs = 3
    if args.smoke:
        SIZES.update(small=(5, 4), medium=(8, 4))
        runs, RERUNS = 1, 2
    sizes = ["small", "medium"] if args.quick or args.smoke else list(SIZES)
    results: dict[str, object] = {"machine": machine(), "date": dt.date.today().isoformat()}
    with tempfile.TemporaryDirectory(prefix="coalition-bench-") as tmp:
        for size in sizes:
            countries, per_country = SIZES[size]
            folder = Path(tmp) / size / "pledges"
            statements = write_coalition(folder, countries, per_country)
            entry: dict[str, object] = {"countries": countries, "statements": statements}
            entry |= bench_data(folder, runs)
            if size in ("medium", "large"):
                entry |= bench_rerun(folder, runs)
                entry["pages"] = bench_pages(folder, runs)
            if size == "large":
                entry |= bench_memory(folder)
            results[size] = entry
            print(f"measured {size}: {countries} x {per_country}", file=sys.stderr)
        export_size = "large" if "large" in sizes else "medium"
        results["export"] = bench_export(Path(tmp) / export_size / "pledges", runs)
    biggest = results[sizes[-1]]
    results |= {
        "build_ratio": biggest["build_ratio"],
        "validate_ratio": biggest["validate_ratio"],
        "rerun_ratio": biggest["rerun_ratio"],
        "export_ratio": results["export"]["export_ratio"],
    }
    results["sizes"] = sizes
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(render(results))
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(json.dumps(results, indent=2) + "\n")
        args.write.with_suffix(".md").write_text(render(results) + "\n")
    return 0


def render(results: dict) -> str:
    """The Markdown report, made only from the results' JSON: the tables are never typed."""
    return report(results, results["sizes"])


def report(results: dict, sizes: list[str]) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured {results['date']} on {results['machine']}, by `python benchmarks/run.py"
        f"{' --quick' if 'large' not in sizes else ''}`. Medians of several runs; each path "
        "beside its floor, measured in the same run.",
        "",
        "| size (countries x statements) | statements | floor: C parse | validate | ratio | build | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        r = results[size]
        lines.append(
            f"| {size} ({SIZES[size][0]} x {SIZES[size][1]}) | {r['statements']:,} | "
            f"{r['floor_parse_s']:.3f} s | {r['validate_s']:.3f} s | {r['validate_ratio']:.2f}x | "
            f"{r['build_s']:.3f} s | {r['build_ratio']:.2f}x |"
        )
    lines += [
        "",
        "| dashboard overview | warm rerun | floor: one bar chart | ratio | "
        "floor: same elements | ratio | cold (first run) | after a rebuild |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        r = results[size]
        if "rerun_warm_s" in r:
            lines.append(
                f"| {size} ({SIZES[size][0]} countries) | {r['rerun_warm_s'] * 1000:.1f} ms | "
                f"{r['rerun_floor_s'] * 1000:.1f} ms | {r['rerun_ratio']:.2f}x | "
                f"{r['rerun_same_elements_floor_s'] * 1000:.1f} ms | "
                f"{r['rerun_same_elements_ratio']:.2f}x | "
                f"{r['rerun_cold_s'] * 1000:.0f} ms | {r['rerun_after_rebuild_s'] * 1000:.0f} ms |"
            )
    rerun = [results[size] for size in sizes if "rerun_warm_s" in results[size]]
    if rerun:
        lines += [
            "",
            f"The overview sends {rerun[-1]['rerun_elements']} elements (the sidebar's widgets, "
            "metrics, two charts, a table, download buttons, text and their blocks); the "
            "one-chart floor sends one. *Same elements* is `benchmarks/floor_overview.py`: the "
            "overview's elements drawn with their content made beforehand, which is what "
            "Streamlit itself charges for them; the run checks that it sends the same kinds and "
            "numbers of elements. A warm rerun makes nothing: totals, figures and tables are "
            "kept per build and filters. *After a rebuild* includes reading the new database.",
        ]
    paged = [size for size in sizes if "pages" in results[size]]
    if paged:
        lines += [
            "",
            "| every page, warm rerun (first run in a new session) | "
            + " | ".join(f"{size} ({SIZES[size][0]} x {SIZES[size][1]})" for size in paged)
            + " |",
            "|---|" + "---|" * len(paged),
        ]
        for page in PAGES:
            cells = [results[size]["pages"][page] for size in paged]
            lines.append(
                f"| {page} | "
                + " | ".join(
                    f"{c['warm_s'] * 1000:.1f} ms ({c['first_s'] * 1000:.0f} ms)" for c in cells
                )
                + " |"
            )
    e = results["export"]
    lines += [
        "",
        "| briefing export (PNG, 3840x2160) | value |",
        "|---|---|",
        f"| first (starts the browser) | {e['export_first_s']:.2f} s |",
        f"| warm | {e['export_warm_s']:.3f} s |",
        f"| floor: bare `plotly.io.to_image`, started server | {e['export_floor_s']:.3f} s |",
        f"| ratio | {e['export_ratio']:.2f}x |",
        f"| pack: 4 charts x PNG, SVG, PDF | {e['export_pack_s']:.2f} s |",
        f"| browser starts for first export and packs | {e['export_browser_starts']} |",
    ]
    if "large" in sizes:
        r = results["large"]
        lines += [
            "",
            "| peak memory, largest size | MB |",
            "|---|---|",
            f"| `coalition build` | {r['build_peak_rss_mb']:.0f} |",
            f"| dashboard process, one overview run | {r['dashboard_peak_rss_mb']:.0f} |",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
