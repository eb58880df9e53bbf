"""Window commands, plugged into ``workshop`` through the ``workshop.commands`` entry point."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    return None
