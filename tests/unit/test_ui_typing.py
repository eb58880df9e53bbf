"""The windows' code is typed: no ``Any`` in the front desk, the bay or the parts counter,
so mypy checks every call a panel makes into the core and what it answers (the shared
plumbing, ``ui.tasks`` and ``ui.outbox``, still hands on answers typed ``Any``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TYPED = ("ui/front_desk", "ui/bay", "ui/parts")


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


@pytest.mark.parametrize("folder", TYPED)
def test_no_any_in_the_windows(folder: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line in any_uses(path.read_text("utf-8"))
    ]
    assert not found, "Any in " + ", ".join(found)
