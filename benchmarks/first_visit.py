"""The bytes of a first visit: what a reader's browser downloads to draw the overview.

    python benchmarks/first_visit.py [--json]

Opens the overview once in the real Chromium (empty cache, offline) straight from one Streamlit
process, and once through HAProxy (scripts/serve.py, which compresses HTML, JavaScript, CSS,
JSON and SVG), and adds up every response: the bytes on the wire and the bytes once decoded.
Not part of the timed test suite.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from scripts.serve import Topology  # noqa: E402
from tests.browser import launch, offline_context, wait_for_app_run  # noqa: E402


def visit(url: str) -> dict:
    """Every response of one first visit: wire bytes, decoded bytes, and the largest file."""
    blocked: list[str] = []
    responses = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = offline_context(browser, blocked, viewport={"width": 1280, "height": 900}).new_page()
        page.on("response", lambda response: responses.append(response))
        page.goto(url)
        wait_for_app_run(page)
        page.locator("path.choroplethlocation").first.wait_for(state="attached", timeout=60_000)
        page.wait_for_load_state("networkidle")
        wire = decoded = 0
        largest = ("", 0)
        for response in responses:
            try:
                body = len(response.body())
            except Exception:  # noqa: BLE001 - redirects and websockets have no body
                continue
            sizes = response.request.sizes()
            wire += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            decoded += body
            if body > largest[1]:
                largest = (response.url.rsplit("/", 1)[-1], body)
        browser.close()
    return {
        "requests": len(responses),
        "wire_bytes": wire,
        "decoded_bytes": decoded,
        "largest_file": largest[0],
        "largest_bytes": largest[1],
        "outside_requests": len(blocked),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coalition-visit-") as tmp:
        data = shutil.copytree(REPO / "pledges", Path(tmp) / "pledges")
        db = Path(tmp) / "coalition.db"
        subprocess.run(
            [sys.executable, "-m", "cli", "build", "--data", str(data), "--db", str(db)],
            cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip
        env = {"COALITION_DATA": str(data), "COALITION_DB": str(db)}
        with Topology.on_free_ports(1, env=env) as topology:
            direct = visit(f"http://127.0.0.1:{topology.replica_ports[0]}/")
            balanced = visit(topology.url + "/")
    result = {"direct": direct, "through_haproxy": balanced}
    if args.json:
        print(json.dumps(result))
    else:
        for name, found in result.items():
            print(
                f"{name}: {found['requests']} requests, {found['wire_bytes'] / 1e6:.2f} MB on the "
                f"wire, {found['decoded_bytes'] / 1e6:.2f} MB decoded; largest "
                f"{found['largest_file']} ({found['largest_bytes'] / 1e6:.2f} MB)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
