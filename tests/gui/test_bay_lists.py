"""The bay's job-page lists keep what is picked by its key across a refill, and a tap acts
on the key picked, not on the row number: the operations catalogue reloaded (another
order, one more operation) still has the technician's operation picked, and the request
sent names that operation; the job's part lines repaint in place when only their state
changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from ui.bay.pages import ExtraPage, PartsPage
from workshop_app.services.bay_parts import BayPartInfo, CatalogPart
from workshop_app.services.extra_work import OperationChoice
from workshop_app.views.bay_queue import BayJob

OPS = [
    OperationChoice("BRK01", "Front brake pads"),
    OperationChoice("BRK02", "Rear brake pads"),
    OperationChoice("OIL01", "Oil service"),
]


def job(step: str = "repair") -> BayJob:
    return BayJob(
        job_id=7, ro_id=3, ro_number="RO-7", plate="粤A12345", model="Camry", colour="white",
        operation="Brakes", code="BRK01", hours=Decimal(1), step=step, paused_reason=None,
        bay_id=1, bay_name="Bay 1", technician_id=5, technician_name="Li",
        promised_at=datetime.now(UTC) + timedelta(hours=2), complaint="", walkaround="",
        source="estimate", version=1, clocked_on=(), clocked_on_ids=(), pending_extra=0,
        parts_waiting=0, mine=True,
    )  # fmt: skip


def pick_row(page: ExtraPage, row: int) -> None:
    page.operations.setCurrentIndex(page.operations.model().index(row, 0))


def test_the_operation_picked_stays_picked_when_the_catalogue_reloads(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = ExtraPage()
    qtbot.addWidget(page)
    page.set_operations(OPS)
    page.show_job(job(), [])
    assert page.selected_code() is None  # "none" first
    pick_row(page, 2)  # BRK02, as a tap does
    assert page.selected_code() == "BRK02"
    page.set_operations([OperationChoice("AC01", "Air conditioning"), *reversed(OPS)])
    assert page.selected_code() == "BRK02"
    assert page.operations.selected() == OperationChoice("BRK02", "Rear brake pads")


def test_the_request_after_a_reorder_names_the_operation_picked(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = ExtraPage()
    qtbot.addWidget(page)
    page.set_operations(OPS)
    page.show_job(job(), [])
    pick_row(page, 2)  # BRK02
    page.set_operations([OPS[1], OPS[2], OPS[0]])  # now row 1; row 2 is OIL01
    page.description.setPlainText("Rear pads at 2 mm")
    assert page.send.isEnabled()
    with qtbot.waitSignal(page.command) as sent:
        page.send.click()
    kind, args, _label = sent.args
    assert kind == "request_extra" and args["operation_code"] == "BRK02"
    assert args == {"job_id": 7, "description": "Rear pads at 2 mm", "operation_code": "BRK02"}


def part(id: int, status: str) -> BayPartInfo:
    return BayPartInfo(
        id=id, ro_id=3, job_id=7, sku=f"P{id}", name=f"Part {id}", quantity=Decimal(2),
        status=status, expected_at=None, issued_at=None, requested_by_name="Li", from_bay=True,
    )  # fmt: skip


def test_the_part_lines_repaint_in_place_when_only_their_state_changes(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = PartsPage()
    qtbot.addWidget(page)
    page.show_job(job(), [])
    assert page.no_parts.isVisibleTo(page) and page.line_rows.rowCount() == 0
    page.show_job(job(), [part(1, "requested"), part(2, "back_order")])
    assert not page.no_parts.isVisibleTo(page)
    resets: list[bool] = []
    page.line_rows.modelReset.connect(lambda: resets.append(True))
    changed: list[int] = []
    page.line_rows.dataChanged.connect(lambda a, _b: changed.append(a.row()))
    page.show_job(job(), [part(1, "requested"), part(2, "declined")])
    assert resets == [] and changed == [1]  # row 2 repainted, nothing reset
    assert "Declined" in str(page.line_rows.index(1, 0).data())
    assert page.line_rows.index(1, 0).data(256) == 2  # keyed by the part line


def test_an_operation_gone_from_the_catalogue_leaves_none_picked_not_its_neighbour(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = ExtraPage()
    qtbot.addWidget(page)
    page.set_operations(OPS)
    page.show_job(job(), [])
    pick_row(page, 2)  # BRK02
    page.set_operations([OPS[0], OPS[2]])  # BRK02 withdrawn: the refill removes its row
    assert page.selected_code() is None  # "none" again, never BRK01 or OIL01
    assert page.operations.selected() is not None and not page.operations.selected().code


def test_a_part_gone_from_the_catalogue_is_no_longer_picked(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = PartsPage()
    qtbot.addWidget(page)
    parts = [CatalogPart(sku, sku, Decimal(3), 0) for sku in ("BP-100", "OF-200", "WB-600")]
    page.show_catalog(parts)
    page.catalog.setCurrentIndex(page.catalog_rows.index(1, 0))
    assert page.selected_sku() == "OF-200" and page.request.isEnabled()
    page.show_catalog([parts[0], parts[2]])  # a keystroke more: OF-200 drops out
    assert page.selected_sku() is None and not page.request.isEnabled()
    page.catalog.setCurrentIndex(page.catalog_rows.index(1, 0))
    page.show_catalog([CatalogPart("AA-1", "A", Decimal(1), 0), parts[0], parts[2]])
    assert page.selected_sku() == "WB-600"  # one came above: the pick moved with its row
