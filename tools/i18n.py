"""Swedish translations of the UI, kept complete.

Source strings are English (`self.tr(...)`); Swedish lives in resources/translations/sv/*.ts,
one file per area so that parallel work does not collide, compiled into one .qm by `make`.

    python tools/i18n.py missing          list strings in app/ without a Swedish translation (TSV)
    python tools/i18n.py add AREA < tsv   add/replace translations in sv/AREA.ts from TSV lines:
                                          context<TAB>source<TAB>translation
                                          (plural forms of a %n string separated by ' || ')
Escapes in TSV fields: \\n for a newline, \\t for a tab.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations" / "sv"
PLURAL_SEPARATOR = " || "


def _lupdate() -> str:
    candidate = Path(sys.executable).with_name("pyside6-lupdate")
    return str(candidate) if candidate.exists() else "pyside6-lupdate"


def extracted() -> dict[tuple[str, str], bool]:
    """(context, source) → numerus, for every translatable string in app/."""
    sources = sorted(str(p) for p in (ROOT / "app").rglob("*.py"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "all.ts"
        subprocess.run([_lupdate(), "-silent", "-no-obsolete", *sources, "-ts", str(out)],
                       check=True, capture_output=True)
        return _messages(out, translated_only=False)


def _messages(path: Path, *, translated_only: bool) -> dict[tuple[str, str], bool]:
    found: dict[tuple[str, str], bool] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translated_only and (
                translation is None
                or translation.get("type") in ("unfinished", "obsolete", "vanished")
                or not ("".join(translation.itertext()).strip())
            ):
                continue
            found[(name, message.findtext("source") or "")] = message.get("numerus") == "yes"
    return found


def translated() -> set[tuple[str, str]]:
    keys: set[tuple[str, str]] = set()
    for ts in TS_DIR.glob("*.ts"):
        keys |= set(_messages(ts, translated_only=True))
    return keys


def missing() -> list[tuple[str, str, bool]]:
    done = translated()
    return sorted((c, s, n) for (c, s), n in extracted().items() if (c, s) not in done)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def add(area: str, lines: list[str]) -> int:
    path = TS_DIR / f"{area}.ts"
    if path.exists():
        root = ET.parse(path).getroot()
    else:
        root = ET.Element("TS", version="2.1", language="sv_SE")
    numerus = extracted()
    count = 0
    for line in lines:
        if not line.strip():
            continue
        context_name, source, translation = (_unescape(f) for f in line.rstrip("\n").split("\t"))
        context = next((c for c in root.iter("context") if c.findtext("name") == context_name), None)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = context_name
        message = next((m for m in context.iter("message") if m.findtext("source") == source), None)
        if message is not None:
            context.remove(message)
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        node = ET.SubElement(message, "translation")
        if numerus.get((context_name, source)):
            message.set("numerus", "yes")
            for form in translation.split(PLURAL_SEPARATOR):
                ET.SubElement(node, "numerusform").text = form
        else:
            node.text = translation
        count += 1
    ET.indent(root)
    TS_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                    + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")
    return count


def main(argv: list[str]) -> int:
    if argv[:1] == ["missing"]:
        for context, source, plural in missing():
            print(f"{_escape(context)}\t{_escape(source)}\t{'(plural: one || many)' if plural else ''}")
        return 0
    if len(argv) == 2 and argv[0] == "add":
        print(f"{add(argv[1], sys.stdin.readlines())} translations written to sv/{argv[1]}.ts")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
