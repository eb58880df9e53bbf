"""One read transaction per screen load at the front desk: the window's first load reads
every panel in one snapshot, an RO's screen (the RO, its findings, offers and questions) in
one, a panel's refresh in one. Counted with the engine's BEGINs, so a panel that goes back
to a transaction per read function fails here."""

from __future__ import annotations

from sqlalchemy import select

from ui.context import UiContext
from ui.front_desk.window import FrontDeskWindow
from ui.snapshots import SnapshotReader
from workshop_app.db import TransactionCounter
from workshop_app.errors import NotFound
from workshop_app.models import RepairOrder
from workshop_app.services import intake


def settle(qtbot, ctx: UiContext) -> None:
    qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=30_000)
    qtbot.wait(300)  # a reload on a timer would start now
    qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=30_000)


def open_number(app) -> str:
    with app.read() as uow:
        return uow.session.execute(
            select(RepairOrder.number).where(RepairOrder.status == "open").limit(1)
        ).scalar_one()


def test_the_front_desk_opens_with_every_panel_read_in_one_transaction(qtbot, still_ctx, demo_app):
    with TransactionCounter(demo_app.engine) as n:
        w = FrontDeskWindow(still_ctx, demo_sign_in=True)
        qtbot.addWidget(w)
        w.show()
        settle(qtbot, still_ctx)
    assert (n.begins, n.immediate) == (1, 0)
    # ... and every panel got its answer from it
    assert w.desk.actor is not None and w.desk.actor.role == "advisor"
    assert w.arrivals.reloader.loading is False and w.today.view is not None
    assert w.dispatch.cards and w.ro.ops and w.ro.ro_combo.count() > 1
    assert w.appointments.slots and w.service_life.board is not None
    assert w.settlement.model.rowCount() >= 0 and w.ro.findings.ops == w.ro.ops


def test_refresh_all_reads_every_panel_in_one_transaction(qtbot, still_ctx, demo_app, advisor):
    w = FrontDeskWindow(still_ctx, actor=advisor)
    qtbot.addWidget(w)
    settle(qtbot, still_ctx)
    with TransactionCounter(demo_app.engine) as n:
        w._load_all()
        settle(qtbot, still_ctx)
    assert (n.begins, n.immediate) == (1, 0)


def test_an_ro_opened_in_the_editor_is_read_with_all_beside_it_in_one_transaction(
    qtbot, still_ctx, demo_app, advisor
):
    w = FrontDeskWindow(still_ctx, actor=advisor)
    qtbot.addWidget(w)
    settle(qtbot, still_ctx)
    number = open_number(demo_app)
    with TransactionCounter(demo_app.engine) as n:
        w.ro.open_ro(number)
        settle(qtbot, still_ctx)
    assert w.ro.rec is not None and w.ro.rec.ro.number == number
    assert (n.begins, n.immediate) == (1, 0)
    assert w.ro.findings.ro_id == w.ro.rec.ro.id


def test_saving_the_reception_costs_the_write_and_one_read_of_what_is_beside_the_ro(
    qtbot, still_ctx, demo_app, advisor
):
    w = FrontDeskWindow(still_ctx, actor=advisor)
    qtbot.addWidget(w)
    settle(qtbot, still_ctx)
    w.ro.open_ro(open_number(demo_app))
    settle(qtbot, still_ctx)
    w.ro.complaint.setPlainText("brakes squeal when cold")
    with TransactionCounter(demo_app.engine) as n:
        w.ro.save_reception()
        settle(qtbot, still_ctx)
    assert w.ro.rec is not None and w.ro.rec.ro.complaint == "brakes squeal when cold"
    # The write with the reception it answers with (read before its commit), then one
    # snapshot of all beside the RO (findings, offers, questions: was 3).
    assert (n.begins, n.immediate) == (2, 1)


def test_a_panel_refresh_reads_in_one_transaction(qtbot, still_ctx, demo_app, advisor):
    w = FrontDeskWindow(still_ctx, actor=advisor)
    qtbot.addWidget(w)
    settle(qtbot, still_ctx)
    for panel in (
        w.today,
        w.appointments,
        w.dispatch,
        w.service_life,
        w.arrivals,
        w.owner_messages,
        w.claims,
    ):
        with TransactionCounter(demo_app.engine) as n:
            panel.load_now()
            settle(qtbot, still_ctx)
        assert (type(panel).__name__, n.begins, n.immediate) == (type(panel).__name__, 1, 0)


def test_a_refused_loader_answers_its_own_panel_and_the_others_still_get_theirs(
    qtbot, still_ctx, demo_app
):
    reader = SnapshotReader(still_ctx)
    done: list[object] = []
    errors: list[Exception] = []

    def missing(uow):
        return intake.reception(uow, "RO-NOPE")

    with TransactionCounter(demo_app.engine) as n:
        with reader.together():
            reader.load(intake.labor_catalog, on_done=done.append, on_error=errors.append)
            reader.load(missing, on_done=done.append, on_error=errors.append)
            reader.load(lambda uow: uow.store.code, on_done=done.append, on_error=errors.append)
        qtbot.waitUntil(lambda: len(done) + len(errors) == 3, timeout=10_000)
    assert n.begins == 1 and reader.snapshots_read == 1
    assert len(done) == 2 and done[1] == demo_app.store.code
    assert len(errors) == 1 and isinstance(errors[0], NotFound)
