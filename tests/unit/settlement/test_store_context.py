"""Settlement takes the store's own rates, day, header and language from the unit of work:
nothing is passed by hand, so no caller (desk, CLI, bench, claims) can price with defaults."""

from __future__ import annotations

from decimal import Decimal

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.models import Store
from workshop_app.services import repair_orders
from workshop_app.services.staff import Actor


def test_a_store_row_that_prices_without_tax_is_settled_as_the_ro_editor_shows_it(
    demo_app: App, advisor: Actor, ready_ros: list[str]
) -> None:
    configured = demo_app.settings.tax.prices_include_tax
    with demo_app.write() as uow:
        row = uow.session.get(Store, demo_app.store_id)
        assert row is not None
        row.prices_include_tax = not configured  # the store's set-up says otherwise
        uow.commit()
    demo_app.load_store()
    assert demo_app.store.tax.prices_include_tax is not configured
    number = ready_ros[0]
    shown = repair_orders.get_ro(demo_app.uow(), number).estimate  # what the editor shows
    preview = settlement.preview(demo_app.uow(), number)
    assert preview.totals.gross == shown.gross and preview.totals.tax == shown.tax
    inv = settlement.issue_invoice(
        demo_app.uow(), advisor, number, expected_gross=preview.totals.gross
    )
    assert (inv.totals.gross, inv.totals.tax) == (shown.gross, shown.tax)
    assert inv.prices_include_tax is not configured
    assert inv.snapshot["store_name"] == demo_app.store.name  # the header, from the context
    assert inv.snapshot["store_name"]
    listed = [r for r in settlement.settle_rows(demo_app.uow()) if r.ro_number == number]
    assert [r.invoice_number for r in listed] == [inv.number]


def test_the_invoice_year_is_the_stores_year_not_the_terminals(
    demo_app: App, advisor: Actor, ready_ros: list[str]
) -> None:
    with demo_app.write() as uow:
        row = uow.session.get(Store, demo_app.store_id)
        assert row is not None
        row.timezone = "Pacific/Kiritimati"  # UTC+14: already next year there at 10:00 UTC
        uow.commit()
    demo_app.load_store()
    now = demo_app.clock.now()
    local_year = demo_app.store.local_date(now).year
    inv = settlement.issue_invoice(demo_app.uow(), advisor, ready_ros[0])
    assert inv.number is not None and f"-{local_year}-" in inv.number
    assert Decimal(inv.totals.gross) > 0
