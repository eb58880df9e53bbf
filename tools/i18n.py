"""Update and compile the Qt translations, one catalog per UI area.

    python tools/i18n.py update [AREA...]   # lupdate: sources -> translations/<area>_zh_CN.ts
    python tools/i18n.py compile            # pyside6-lrelease: every .ts -> .qm (shipped)
    python tools/i18n.py check              # fail if a zh_CN .ts has unfinished entries

Fill translations in the .ts files (Qt Linguist, or by script); ``compile`` afterwards.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "translations"
# Call Qt's tools shipped inside the PySide6 wheel directly: the ``pyside6-lupdate``
# console wrappers fail in some environments (PySide6.__file__ is None for them).
BIN = Path(sys.executable).parent
PYSIDE_DIR = next(
    (p / "PySide6" for p in map(Path, sys.path) if (p / "PySide6" / "lupdate").exists()), BIN
)
AREAS = {
    "common": [
        "ui/app.py",
        "ui/commands.py",
        "ui/context.py",
        "ui/feed.py",
        "ui/outbox.py",
        "ui/tasks.py",
        "ui/widgets",
    ],
    "front_desk": ["ui/front_desk"],
    "settlement": ["ui/front_desk/settlement_panel.py", "ui/front_desk/settlement_model.py"],
    "bay": ["ui/bay"],
    "lounge": ["ui/lounge"],
    "reports": ["ui/reports"],
    "admin": ["ui/admin"],
    "parts": ["ui/parts"],
    "setup": ["ui/setup"],
    "messages": ["ui/front_desk/messages_panel.py", "ui/front_desk/messages_model.py"],
    "claims": ["ui/front_desk/claims_panel.py", "ui/front_desk/claims_model.py"],
}
LANGS = ("zh_CN",)


def _tool(name: str) -> str:
    direct = PYSIDE_DIR / name
    return str(direct) if direct.exists() else str(BIN / f"pyside6-{name}")


def _sources(area: str) -> list[str]:
    files: list[str] = []
    for entry in AREAS[area]:
        p = ROOT / entry
        files += [str(f) for f in sorted(p.rglob("*.py"))] if p.is_dir() else [str(p)]
    # A file listed explicitly by another area belongs to that area's catalog only.
    claimed = {str(ROOT / e) for other, entries in AREAS.items() if other != area for e in entries}
    return [f for f in files if f not in claimed or any(str(ROOT / e) == f for e in AREAS[area])]


def update(areas: list[str]) -> None:
    for area in areas or list(AREAS):
        for lang in LANGS:
            ts = OUT / f"{area}_{lang}.ts"
            subprocess.run(
                [
                    _tool("lupdate"),
                    *_sources(area),
                    "-ts",
                    str(ts),
                    "-no-obsolete",
                    "-target-language",
                    lang,
                ],
                check=True,
            )


def compile_all() -> None:
    for ts in sorted(OUT.glob("*.ts")):
        subprocess.run(
            [_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
            capture_output=True,
        )


def unfinished() -> dict[str, list[str]]:
    missing: dict[str, list[str]] = {}
    for ts in sorted(OUT.glob("*_zh_CN.ts")):
        root = ET.parse(ts).getroot()
        for msg in root.iter("message"):
            tr = msg.find("translation")
            src = msg.findtext("source") or ""
            text = "".join(tr.itertext()).strip() if tr is not None else ""
            if tr is None or tr.get("type") in ("unfinished",) or not text:
                if tr is not None and tr.get("type") in ("vanished", "obsolete"):
                    continue
                missing.setdefault(ts.name, []).append(src)
    return missing


if __name__ == "__main__":
    cmd, *rest = sys.argv[1:] or ["check"]
    if cmd == "update":
        update(rest)
    elif cmd == "compile":
        compile_all()
    elif cmd == "check":
        bad = unfinished()
        for name, srcs in bad.items():
            print(f"{name}: {len(srcs)} unfinished: {srcs[:5]}")
        sys.exit(1 if bad else 0)
