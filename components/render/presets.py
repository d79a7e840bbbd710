"""What an image can be: its chart, its canvas and its file format. No Plotly here, so the
command line offers these choices without importing the renderers."""

from __future__ import annotations

from dataclasses import dataclass

CHARTS = ("briefing", "range", "map", "timeline")
FORMATS = ("png", "svg", "pdf")


@dataclass(frozen=True)
class Preset:
    """An image's canvas in pixels and, for paper, the PDF page in points (1/72 inch)."""

    name: str
    width: int
    height: int
    page_pt: tuple[float, float] | None = None  # paper: the exact page size of the PDF

    @property
    def paper(self) -> bool:
        return self.page_pt is not None


PRESETS: dict[str, Preset] = {
    "slide": Preset("slide", 1920, 1080),
    "square": Preset("square", 1080, 1080),
    "a4": Preset("a4", 1240, 1754, (595.276, 841.89)),  # A4 portrait; PNG at 150 dpi
    "letter": Preset("letter", 1275, 1650, (612.0, 792.0)),  # US Letter portrait; 150 dpi
}
