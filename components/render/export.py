"""Image export through one Kaleido server per process: one browser, reused, behind a lock.

Kaleido's shared server can hand an image to the wrong caller when two threads export at once
(Kaleido issue #444), and Streamlit serves each session on its own thread: every export here holds
`_LOCK`. MathJax is off and map outlines come from `static/topojson/`, so nothing is fetched.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go

from components.render.presets import FORMATS, PRESETS, Preset  # noqa: F401 - re-exported
from db.locale import _

REPO = Path(__file__).resolve().parents[2]
TOPOJSON_URL = (REPO / "static" / "topojson").as_uri() + "/"


def browser_fix() -> str:
    """How to get a browser for images, in the language in force."""
    return _(
        "install Chromium with `apt-get install -y chromium` (or `sudo apt-get install -y "
        "chromium`), or run `plotly_get_chrome`; set COALITION_CHROMIUM to use a browser elsewhere"
    )


class BrowserMissing(Exception):
    """No Chromium to render images with."""


class ExportFailed(Exception):
    """The browser could not render the figure."""


_LOCK = threading.Lock()
_state = {"starts": 0, "running": False, "renders": 0}


def browser_path() -> str:
    """The Chromium to use: $COALITION_CHROMIUM, else the first on PATH; BrowserMissing if none."""
    explicit = os.environ.get("COALITION_CHROMIUM")
    if explicit:
        if Path(explicit).is_file():
            return explicit
        raise BrowserMissing(
            _("no browser at COALITION_CHROMIUM={path}: {fix}").format(
                path=explicit, fix=browser_fix()
            )
        )
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing(_("no Chromium browser found: {fix}").format(fix=browser_fix()))


RENDER_LOG_ENV = "COALITION_RENDER_LOG"


def _log_render(fmt: str, width: float, height: float) -> None:
    """With $COALITION_RENDER_LOG set, one line per image rendered: a diagnostic that shows,
    from outside the process, that a cached download renders nothing again."""
    path = os.environ.get(RENDER_LOG_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{fmt} {width:g}x{height:g}\n")


def renders() -> int:
    """How many images this process has rendered (a cached download must render none)."""
    return _state["renders"]


def fit_page(pdf: bytes, page_pt: tuple[float, float]) -> bytes:
    """Scale a one-page PDF's vector content onto a page of exactly `page_pt` points."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        page.scale_to(*page_pt)
        box = RectangleObject([0, 0, *page_pt])
        page.mediabox = box
        page.cropbox = box
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_metadata(pdf: bytes, meta: object) -> bytes:
    """The PDF with a real document title, subject, author and creation date (Chromium's own
    title would be the page's)."""
    import datetime as dt

    from pypdf import PdfReader, PdfWriter

    meta = meta if isinstance(meta, dict) else {}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    now = dt.datetime.now(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")
    writer.add_metadata(
        {
            "/Title": str(meta.get("title", "Coalition pledge dashboard")),
            "/Subject": str(meta.get("subject", "")),
            "/Author": str(meta.get("author", "Coalition pledge dashboard")),
            "/Creator": "Coalition pledge dashboard",
            "/Producer": "Coalition pledge dashboard (Plotly, Kaleido, pypdf)",
            "/CreationDate": now,
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def browser_starts() -> int:
    """How many times this process started a browser for exports (a pack must start one)."""
    return _state["starts"]


def _ensure_server() -> None:
    if _state["running"]:
        return
    import kaleido

    kaleido.start_sync_server(mathjax=False, path=browser_path(), silence_warnings=True)
    _state["running"] = True
    _state["starts"] += 1


def render(
    fig: go.Figure,
    fmt: str,
    width: int,
    height: int,
    scale: float = 1,
    page_pt: tuple[float, float] | None = None,
) -> bytes:
    """The figure as PNG, SVG or PDF bytes at a fixed size; `scale` multiplies PNG pixels.

    With `page_pt`, a PDF's page is exactly that size in points (A4 is 595.276 x 841.89): the
    vector page Chromium prints is scaled onto it, so nothing is rasterised or stretched.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    import kaleido

    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    with _LOCK:
        _ensure_server()
        _state["renders"] += 1
        _log_render(fmt, width, height)
        try:
            try:
                data = kaleido.calc_fig_sync(fig, opts=opts, topojson=TOPOJSON_URL)
            except Exception as exc:  # noqa: BLE001 - one retry on a page not yet ready
                if "is not defined" not in str(exc):
                    raise
                # Under heavy load Kaleido's page can answer before its scripts have loaded
                # ("kaleido_scopes is not defined"): start the browser again, once, and retry.
                kaleido.stop_sync_server(silence_warnings=True)
                _state["running"] = False
                _ensure_server()
                data = kaleido.calc_fig_sync(fig, opts=opts, topojson=TOPOJSON_URL)
            if fmt != "pdf":
                return data
            return with_metadata(fit_page(data, page_pt) if page_pt else data, fig.layout.meta)
        except Exception as exc:  # noqa: BLE001 - kaleido raises many kinds; one message out
            if "Chrome" in type(exc).__name__ or "browser" in str(exc).lower():
                _state["running"] = False
                raise BrowserMissing(
                    _("the browser could not start ({error}): {fix}").format(
                        error=exc, fix=browser_fix()
                    )
                ) from None
            raise ExportFailed(
                str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            ) from None


def stop() -> None:
    """Stop the export browser (tests use it to count starts from zero)."""
    import kaleido

    with _LOCK:
        if _state["running"]:
            kaleido.stop_sync_server(silence_warnings=True)
            _state["running"] = False
