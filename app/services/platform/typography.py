"""The one typeface of everything Styrkort prints (packs, reports, the anmälan document): DejaVu
Sans, which ships with matplotlib, so no system font is needed and chart SVG text matches."""

from __future__ import annotations

from pathlib import Path

FONT = "DejaVu Sans"  # the family name matplotlib writes into chart SVG text


def font_path(style: str = "") -> Path:
    import matplotlib

    name = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
            "BI": "DejaVuSans-BoldOblique.ttf"}[style]
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
