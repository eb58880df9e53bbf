"""The UI's code is typed: no ``Any`` anywhere in ``ui/`` (the windows and the shared
plumbing, ``ui.tasks``, ``ui.outbox``, ``ui.snapshots``), so mypy checks every call a window
makes into the core and what it answers, down to the callback that shows it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
# Every package of ui/ and its top-level modules (a new window's folder is checked by itself).
TYPED = sorted(p.name for p in UI.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def any_uses(source: str) -> list[int]:
    """The lines that import ``Any`` from typing or name it as ``typing.Any``."""
    tree = ast.parse(source)
    typing_names = {
        a.asname or a.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for a in node.names
        if a.name in ("typing", "typing_extensions")
    }
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("typing", "typing_extensions"):
            lines += [node.lineno for a in node.names if a.name == "Any"]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "Any"
            and isinstance(node.value, ast.Name)
            and node.value.id in typing_names
        ):
            lines.append(node.lineno)
    return sorted(lines)


def test_the_check_finds_any_however_it_is_imported() -> None:
    assert any_uses("from typing import Any, TypeVar\n") == [1]
    assert any_uses("import typing\n\nx: typing.Any = 1\n") == [3]
    assert any_uses("import typing as t\n\nx: t.Any = 1\n") == [3]
    assert any_uses("from typing import TypeVar\nx: object = 1\n") == []


def _found(paths: list[Path]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line}"
        for path in paths
        for line in any_uses(path.read_text("utf-8"))
    ]


def test_every_window_folder_is_checked() -> None:
    assert {"front_desk", "bay", "parts", "admin", "widgets"} <= set(TYPED)


@pytest.mark.parametrize("folder", TYPED)
def test_no_any_in_the_windows(folder: str) -> None:
    found = _found(sorted((UI / folder).rglob("*.py")))
    assert not found, "Any in " + ", ".join(found)


def test_no_any_in_the_shared_plumbing() -> None:
    modules = sorted(UI.glob("*.py"))
    assert {"tasks.py", "outbox.py", "snapshots.py"} <= {p.name for p in modules}
    found = _found(modules)
    assert not found, "Any in " + ", ".join(found)
