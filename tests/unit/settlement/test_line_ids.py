"""Each estimate and settlement line names the RO line it comes from (job id, part line
id): a screen keys its rows by it, so an action acts on the line picked, not a row number."""

from __future__ import annotations

from decimal import Decimal

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.services import repair_orders
from workshop_app.settlement import Fee, LineAdjust, SettlementRequest


def _ro_line_ids(app: App, number: str) -> list[tuple[str, int]]:
    ro = repair_orders.get_ro(app.uow(), number)
    jobs = [("labor", j.id) for j in ro.jobs if j.approved or j.source != "extra"]
    parts = [("part", p.id) for p in ro.parts if p.approved and p.quantity]
    return jobs + parts


def test_estimate_lines_carry_their_job_and_part_line_ids(
    demo_app: App, ready_ros: list[str]
) -> None:
    number = ready_ros[0]
    ro = repair_orders.get_ro(demo_app.uow(), number)
    ids = [(line.kind, line.source_id) for line in ro.estimate.lines]
    assert ids == _ro_line_ids(demo_app, number)
    assert ids and all(i is not None for _k, i in ids)
    assert len(set(ids)) == len(ids)


def test_preview_lines_keep_their_ids_through_adjustments_and_fees_have_none(
    demo_app: App, ready_ros: list[str]
) -> None:
    number = ready_ros[0]
    req = SettlementRequest(
        lines={0: LineAdjust(discount_percent=Decimal(10), shares=(("warranty", Decimal(100)),))},
        fees=(Fee("PKG", "a package", Decimal("99.00")),),
    )
    preview = settlement.preview(demo_app.uow(), number, req)
    ro_ids = _ro_line_ids(demo_app, number)
    assert [(ln.kind, ln.source_id) for ln in preview.lines] == [*ro_ids, ("fee", None)]
    assert preview.lines[0].discount_percent == 10  # the adjusted line kept its id
