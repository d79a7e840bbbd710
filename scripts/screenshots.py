"""`make screenshots`: every page in the real Chromium, offline; the overview also for the README.

Writes screenshots/<page>.png and screenshots/<page>-fr.png (in French; git-ignored),
docs/overview.png, and the README's slides in English and French (docs/briefing-slide.png,
docs/briefing-slide-fr.png). Fails if any page shows an exception or asks for anything outside
this machine.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import (  # noqa: E402
    full_screenshot,
    launch,
    offline_context,
    served_app,
    wait_for_app_run,
)

PAGES = [
    "", "country?country=GBR", "country?country=EST", "timeline", "scenario?scenario=BEL=2000", "export", "method",
]  # fmt: skip


def main() -> int:
    out = REPO / "screenshots"
    out.mkdir(exist_ok=True)
    (REPO / "docs").mkdir(exist_ok=True)
    blocked: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "COALITION_DATA": str(REPO / "pledges"),
            "COALITION_DB": str(Path(tmp) / "coalition.db"),
        }
        with served_app(env) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            for width, suffix in ((1280, ""), (390, "-phone")):
                context = offline_context(
                    browser, blocked, viewport={"width": width, "height": 900}
                )
                page = context.new_page()
                for path in PAGES + [_in_french(p) for p in PAGES]:
                    page.goto(f"{url}/{path}")
                    wait_for_app_run(page)
                    page.wait_for_load_state("networkidle")
                    if page.get_by_test_id("stException").count():
                        print(f"error: {path} shows an exception", file=sys.stderr)
                        return 1
                    name = path.split("?")[0] or "overview"
                    if name == "country":
                        name += "-" + path.split("country=")[1].split("&")[0]
                    if "lang=fr" in path:
                        name += "-fr"
                    target = out / f"{name}{suffix}.png"
                    full_screenshot(page, target)
                    print(f"wrote {target.relative_to(REPO)}")
                    if name == "overview" and not suffix:
                        shutil.copy(target, REPO / "docs" / "overview.png")
                context.close()
            browser.close()
    if blocked:
        print("error: requests left this machine:\n" + "\n".join(blocked), file=sys.stderr)
        return 1
    briefing(REPO / "docs" / "briefing-slide.png")
    briefing(REPO / "docs" / "briefing-slide-fr.png", "fr")
    return 0


def _in_french(path: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang=fr"


def briefing(target: Path, lang: str = "en", data: Path = REPO / "pledges") -> None:
    """The README's briefing image: the slide export of today's data in `lang`, as `coalition
    export --lang` makes it."""
    import datetime as dt

    from components.render.briefing import export_figure
    from components.render.export import PRESETS, render
    from db.contract.translate import localized
    from db.contract.validate import validate_folder
    from db.locale import speaking
    from db.numbers.headline import headline

    with speaking(lang):
        dataset = localized(validate_folder(data).dataset, lang)
        size = PRESETS["slide"]
        figure = export_figure("briefing", dataset, headline(dataset, dt.date.today()), "slide")
        target.write_bytes(render(figure, "png", size.width, size.height, 1))
    print(f"wrote {target}")


if __name__ == "__main__":
    sys.exit(main())
