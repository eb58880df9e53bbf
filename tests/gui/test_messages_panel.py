"""The front desk's Messages tab: what owners were sent, the failures list, send again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ui.front_desk.window import FrontDeskWindow
from workshop_app.models import Customer, OutboxMessage


@pytest.fixture
def window(open_front_desk, live_ctx) -> FrontDeskWindow:
    return open_front_desk(live_ctx)


def _status(app, message_id: int) -> str:
    with app.uow() as uow:
        m = uow.session.get(OutboxMessage, message_id)
        assert m is not None
        return m.status


def test_the_failures_list_and_send_again(qtbot, window, demo_app) -> None:
    demo_app.settings.notify.channels = ["wechat", "sms", "email"]  # as the demo has them
    panel = window.owner_messages
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
    assert panel.warning.isVisible() and "127.0.0.1" in panel.warning.text()
    everything = panel.model.rowCount()
    panel.failures_only.setChecked(True)
    qtbot.waitUntil(lambda: 0 < panel.model.rowCount() < everything, timeout=10_000)
    rows = [panel.model.row_at(i) for i in range(panel.model.rowCount())]
    assert all(r is not None and r.status == "failed" for r in rows)
    failed = rows[0]
    assert failed is not None
    assert panel.model.index(0, 6).data() == failed.last_error  # the reason is shown

    assert not panel.resend.isEnabled()
    panel.table.selectRow(0)
    assert panel.resend.isEnabled()
    with demo_app.uow() as uow:  # the desk corrects the owner's number
        m = uow.session.get(OutboxMessage, failed.id)
        assert m is not None and m.customer_id is not None
        c = uow.session.get(Customer, m.customer_id)
        assert c is not None
        c.phone = "13912345678"
        uow.commit()
    panel.resend.click()
    qtbot.waitUntil(
        lambda: _status(demo_app, failed.id) == "pending" or window.messages.kind == "error",
        timeout=10_000,
    )
    assert window.messages.kind != "error", window.messages.text()
    qtbot.waitUntil(
        lambda: failed.id not in {panel.model.row_at(i).id for i in range(panel.model.rowCount())},
        timeout=10_000,
    )
    with demo_app.uow() as uow:
        m = uow.session.execute(
            select(OutboxMessage).where(OutboxMessage.id == failed.id)
        ).scalar_one()
        assert (m.channel, m.recipient) == ("sms", "13912345678")


def test_double_click_opens_the_ro(qtbot, window) -> None:
    panel = window.owner_messages
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
    row = panel.model.row_at(0)
    assert row is not None
    with qtbot.waitSignal(window.desk.signals.open_ro, timeout=5_000) as got:
        panel._on_table_double_clicked(panel.model.index(0, 1))
    assert got.args == [row.ro_number]


def test_a_messages_status_reads_from_the_core_table() -> None:
    from ui.front_desk.messages_model import status_label
    from workshop_app.i18n import set_language

    set_language("zh_CN")
    try:
        assert status_label("pending") == "待发送"  # not the lounge's 等待
        assert status_label("skipped") == "未发送（车主拒收）"
    finally:
        set_language("en")
    assert status_label("skipped") == "Not sent (opted out)"
