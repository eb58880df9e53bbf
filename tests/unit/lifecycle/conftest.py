from __future__ import annotations

from tests.unit.settlement.conftest import cashier, ready_ros  # noqa: F401  (fixtures)
