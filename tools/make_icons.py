"""Write the toolbar and menu icons as small SVG files into resources/icons/actions/, taken from
Material Design Icons (Pictogrammers, Apache License 2.0) as bundled in qtawesome's font.

Why files and not qtawesome at run time: importing qtawesome (and qtpy) costs about 250 ms and
its first icons another 70 ms on our machines; ten SVGs cost a few milliseconds. Run this only to
change the set: `.venv/bin/pip install qtawesome && .venv/bin/python tools/make_icons.py`."""

from __future__ import annotations

import json
from pathlib import Path

import qtawesome
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "resources" / "icons" / "actions"
COLOUR = "#1f4e79"

# Our name → the Material Design Icons name.
ICONS = {
    "new-goal": "flag-plus-outline",
    "import": "file-import-outline",
    "export": "file-export-outline",
    "pack": "file-pdf-box",
    "undo": "undo",
    "redo": "redo",
    "search": "magnify",
    "help": "help-circle-outline",
    "overview": "view-dashboard-outline",
    "structure": "file-tree-outline",
    "follow-up": "chart-bar",
    "directives": "file-document-multiple-outline",
    "plans": "clipboard-check-outline",
    "annual-cycle": "calendar-sync-outline",
    "exchange": "swap-horizontal",
}


def main() -> None:
    fonts = Path(qtawesome.__file__).parent / "fonts"
    font_file = next(fonts.glob("materialdesignicons6-webfont-*.ttf"))
    charmap = json.loads(next(fonts.glob("materialdesignicons6-webfont-charmap-*.json")).read_text())
    font = TTFont(font_file)
    cmap = font.getBestCmap()
    glyphs = font.getGlyphSet()
    units = font["head"].unitsPerEm
    ascent = font["hhea"].ascent
    TARGET.mkdir(parents=True, exist_ok=True)
    for ours, theirs in ICONS.items():
        glyph_name = cmap[int(charmap[theirs], 16)]
        pen = SVGPathPen(glyphs)
        glyphs[glyph_name].draw(pen)
        # Font outlines grow upwards; SVG grows downwards: flip about the ascent.
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {units} {units}">'
               f'<!-- Material Design Icons "{theirs}" (Pictogrammers, Apache-2.0) -->'
               f'<path fill="{COLOUR}" transform="matrix(1 0 0 -1 0 {ascent})" d="{pen.getCommands()}"/></svg>\n')
        (TARGET / f"{ours}.svg").write_text(svg)
    print(f"{len(ICONS)} icons written to {TARGET}")


if __name__ == "__main__":
    main()
