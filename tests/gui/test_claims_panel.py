"""The front desk's Claims tab: what the OEM and insurers still owe, and the cashier's hand
on a claim (approved for less, then the rest billed on by a credit note and an invoice)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ui.front_desk.window import FrontDeskWindow
from workshop_app.lifecycle import claims
from workshop_app.services.staff import actor_by_number


@pytest.fixture
def window(open_front_desk, live_ctx, demo_app) -> FrontDeskWindow:
    return open_front_desk(live_ctx, actor=actor_by_number(demo_app.uow(), "C01"))  # a cashier


def _rows(panel) -> list[claims.ClaimRow]:
    return [panel.model.row_at(i) for i in range(panel.model.rowCount())]


def test_the_claims_list_shows_what_is_owed_and_moves_a_cut(qtbot, window, demo_app) -> None:
    panel = window.claims
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
    everything = _rows(panel)
    assert {r.status for r in everything} >= {"draft", "submitted", "approved", "paid", "rejected"}
    assert "¥" in panel.summary.text()
    panel.open_only.setChecked(True)
    qtbot.waitUntil(lambda: 0 < panel.model.rowCount() < len(everything), timeout=10_000)
    assert all(r.owed > 0 or r.shortfall > 0 for r in _rows(panel))

    i = next(i for i, r in enumerate(_rows(panel)) if r.status == "submitted")
    submitted = _rows(panel)[i]
    panel.table.selectRow(i)
    assert panel.approve.isEnabled() and not panel.submit.isEnabled()
    assert not panel.bill_rest.isEnabled()
    panel._ask_amount = lambda *_a: submitted.claimed - Decimal("10.00")  # the dialog's answer
    panel.approve.click()
    qtbot.waitUntil(
        lambda: any(r.number == submitted.number and r.status == "approved" for r in _rows(panel)),
        timeout=10_000,
    )
    assert window.messages.kind != "error", window.messages.text()
    [row] = [r for r in claims.list_claims(demo_app.uow()) if r.number == submitted.number]
    assert row.approved == submitted.claimed - Decimal("10.00")


def test_a_claims_status_and_payer_read_from_the_core_tables() -> None:
    from ui.front_desk.claims_model import payer_label, status_label
    from workshop_app.i18n import set_language

    set_language("zh_CN")
    try:
        # "Approved" of a claim is not the estimate's 已同意: a context key in the catalog
        assert status_label("approved") == "已核准"
        assert status_label("paid") == "已赔付"
        assert payer_label("warranty") == "厂家索赔"
    finally:
        set_language("en")
    assert (status_label("approved"), payer_label("internal")) == ("Approved", "Internal account")
