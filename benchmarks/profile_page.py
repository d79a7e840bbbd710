"""`make profile PAGE=overview`: where one run of a dashboard page spends its time.

    python benchmarks/profile_page.py overview               # a warm rerun, medium size
    python benchmarks/profile_page.py method --size large    # about 100,000 statements
    python benchmarks/profile_page.py timeline --first       # the first run in a new session

Builds the benchmark's synthetic coalition (cached under the system's temporary folder), runs the
page under AppTest, and prints pyinstrument's profile of the script thread (AppTest runs the
script in its own thread, which a profiler started in the main thread does not see).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import PAGES, SIZES, TODAY, page_session  # noqa: E402
from benchmarks.synthetic import write_coalition  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description="Profile one run of a dashboard page.")
    parser.add_argument("page", choices=PAGES)
    parser.add_argument("--size", choices=list(SIZES), default="medium")
    parser.add_argument("--first", action="store_true", help="the first run, not a warm rerun")
    args = parser.parse_args()

    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner import script_runner

    from db.storage.build import build

    countries, statements = SIZES[args.size]
    base = Path(tempfile.gettempdir()) / f"coalition-profile-{countries}x{statements}"
    if not (base / "coalition.db").is_file():
        write_coalition(base / "pledges", countries, statements)
        build(base / "pledges", base / "coalition.db", today=TODAY)
    os.environ["COALITION_DB"] = str(base / "coalition.db")
    os.environ["COALITION_DATA"] = str(base / "no-data")  # no rebuild checks

    profiles: list[Profiler] = []
    recording = {"on": False}
    run_script = script_runner.ScriptRunner._run_script

    def profiled(self, *a, **k):  # Streamlit's private method, wrapped as it is
        if not recording["on"]:
            return run_script(self, *a, **k)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        try:
            return run_script(self, *a, **k)
        finally:
            profiler.stop()
            profiles.append(profiler)

    script_runner.ScriptRunner._run_script = profiled
    app = page_session(args.page, base / "pledges")
    if not args.first:
        app.run()
    recording["on"] = True
    app.run()
    if app.exception:
        print(app.exception[0].value, file=sys.stderr)
        return 1
    print(f"{args.page}, {args.size}, {'first' if args.first else 'warm'} run, {dt.date.today()}")
    print(profiles[-1].output_text(unicode=True, color=sys.stdout.isatty()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
