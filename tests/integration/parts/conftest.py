"""The parts department's fixtures (shared with its unit tests)."""

from tests.unit.parts.conftest import add_line, clerk

__all__ = ["add_line", "clerk"]
