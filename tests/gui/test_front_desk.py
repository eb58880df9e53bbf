"""The front desk driven offscreen: arrivals, Find, RO editor, dispatch (Suggest, by hand,
from another connection)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.gui.helpers import LostReply, drop_job, job_in_repair
from ui.front_desk.window import FrontDeskWindow
from workshop_app import bootstrap
from workshop_app.models import Appointment, RepairOrder, Vehicle
from workshop_app.ports import PlateRead
from workshop_app.services import dispatch, intake, repair_orders


@pytest.fixture
def window(open_front_desk, live_ctx) -> FrontDeskWindow:
    return open_front_desk(live_ctx)


def idle_plate(app, *, ev: bool = False) -> str:
    with app.uow() as uow:
        busy = set(
            uow.session.execute(
                select(RepairOrder.vehicle_id).where(
                    RepairOrder.status.in_(("open", "approved", "in_progress", "ready", "settled"))
                )
            ).scalars()
        )
        booked = set(uow.session.execute(select(Appointment.plate)).scalars())
        for v in uow.session.execute(select(Vehicle).order_by(Vehicle.id)).scalars():
            if v.id not in busy and v.plate not in booked and (v.energy == "ev") == ev:
                return v.plate
    raise AssertionError("no idle vehicle")


def approved_ro(app, advisor, *codes: str, ev: bool = False) -> repair_orders.RoInfo:
    plate = idle_plate(app, ev=ev)
    ro = intake.start_reception(app.uow(), advisor, plate=plate)
    for code in codes:
        ro = repair_orders.add_operation(app.uow(), advisor, ro.number, code)
    return repair_orders.approve_estimate(
        app.uow(),
        advisor,
        ro.number,
        approved_by="x",
        method="phone",
        shown_total=ro.estimate.gross,
    )


def test_arrival_from_a_read_is_queued_and_reception_opens_its_ro(qtbot, window, demo_app):
    plate = idle_plate(demo_app)
    window.arrivals.receive_read(PlateRead(plate, 0.95))
    qtbot.waitUntil(lambda: any(a.plate == plate for a in window.arrivals.arrivals), timeout=5000)
    assert window.arrivals.current is not None and window.arrivals.current.plate == plate
    assert window.arrivals.current.vehicle is not None
    window.arrivals.btn_receive.click()
    qtbot.waitUntil(
        lambda: window.ro.rec is not None and window.ro.rec.ro.plate == plate, timeout=5000
    )
    assert window.tabs.currentWidget() is window.ro
    qtbot.waitUntil(lambda: all(a.plate != plate for a in window.arrivals.arrivals), timeout=5000)


def test_arrival_recorded_by_another_process_shows_up(qtbot, window, demo_app, settings, clock):
    other = bootstrap.build(settings, clock=clock)
    try:
        intake.register_arrival(other.uow(), PlateRead("粤B0A0Z1", 0.71), None)
    finally:
        other.dispose()
    qtbot.waitUntil(
        lambda: any(a.plate == "粤B0A0Z1" for a in window.arrivals.arrivals), timeout=5000
    )


def test_corrected_plate_rematches_the_arrival(qtbot, window, demo_app, monkeypatch):
    from ui.front_desk import arrivals_panel

    plate = idle_plate(demo_app)
    intake.register_arrival(demo_app.uow(), PlateRead("粤B0A0Z2", 0.6), None)
    qtbot.waitUntil(
        lambda: any(a.plate == "粤B0A0Z2" for a in window.arrivals.arrivals), timeout=5000
    )
    monkeypatch.setattr(
        arrivals_panel.CorrectPlateDialog, "ask", classmethod(lambda cls, parent, p: plate)
    )
    window.arrivals._select(next(a for a in window.arrivals.arrivals if a.plate == "粤B0A0Z2"))
    window.arrivals.btn_correct.click()
    qtbot.waitUntil(
        lambda: (
            window.arrivals.current is not None
            and window.arrivals.current.plate == plate
            and window.arrivals.current.vehicle is not None
        ),
        timeout=5000,
    )


def test_find_by_partial_plate_shows_history(qtbot, window, demo_app):
    with demo_app.uow() as uow:
        plate = (
            uow.session.execute(
                select(Vehicle.plate)
                .join(RepairOrder, RepairOrder.vehicle_id == Vehicle.id)
                .where(RepairOrder.status == "delivered")
            )
            .scalars()
            .first()
        )
    window.find_panel.set_query(plate[:5])
    qtbot.waitUntil(lambda: any(v.plate == plate for v in window.find_panel.results), timeout=5000)
    row = next(i for i, v in enumerate(window.find_panel.results) if v.plate == plate)
    window.find_panel.table.selectRow(row)
    qtbot.waitUntil(
        lambda: (
            window.find_panel.history is not None
            and window.find_panel.history.vehicle.plate == plate
        ),
        timeout=5000,
    )
    assert window.find_panel.history.ros and window.find_panel.tree.topLevelItemCount() == len(
        window.find_panel.history.ros
    )


def in_person(window) -> None:  # type: ignore[no-untyped-def]
    """Approval given in person: no signature pad (a modal dialog) opens."""
    window.ro.method.setCurrentIndex(window.ro.method.findData("in_person"))


def test_ro_editor_adds_operations_and_parts_and_records_approval(qtbot, window, demo_app, advisor):
    plate = idle_plate(demo_app)
    ro = intake.start_reception(demo_app.uow(), advisor, plate=plate)
    window.ro.open_ro(ro.number)
    qtbot.waitUntil(
        lambda: window.ro.rec is not None and window.ro.rec.ro.number == ro.number, timeout=5000
    )
    qtbot.waitUntil(lambda: bool(window.ro.ops), timeout=5000)
    window.ro.op_edit.setText("更换前刹车片")  # by Chinese name
    window.ro.btn_op.click()
    qtbot.waitUntil(lambda: window.ro.jobs.rows.rowCount() == 1, timeout=5000)
    assert window.ro.rec.ro.jobs[0].code == "BRK01"
    window.ro.part_edit.setText("BP-F-0446")
    window.ro.btn_part.click()
    qtbot.waitUntil(lambda: window.ro.parts.rows.rowCount() == 1, timeout=5000)
    assert window.ro.rec.ro.estimate.gross > Decimal(0)
    window.ro.who.setText("王先生")
    in_person(window)  # by signature the pad opens: tests/gui/test_signature_pad.py
    window.ro.btn_approve.click()
    qtbot.waitUntil(lambda: window.ro.rec.ro.status == "approved", timeout=5000)
    assert window.ro.rec.approved_by == "王先生"


def test_approving_a_changed_estimate_is_refused_with_a_message(qtbot, window, demo_app, advisor):
    plate = idle_plate(demo_app)
    ro = intake.start_reception(demo_app.uow(), advisor, plate=plate)
    ro = repair_orders.add_operation(demo_app.uow(), advisor, ro.number, "OIL01")
    window.ro.open_ro(ro.number)
    qtbot.waitUntil(
        lambda: window.ro.rec is not None and window.ro.rec.ro.number == ro.number, timeout=5000
    )
    window.ro.feed_paused = True
    repair_orders.add_part(
        demo_app.uow(), advisor, ro.number, "OF-90915", Decimal(1)
    )  # another desk
    window.ro.shown_total = ro.estimate.gross  # what the customer was shown
    in_person(window)
    window.ro.approve()
    qtbot.waitUntil(lambda: window.messages.kind == "error", timeout=5000)
    with demo_app.uow() as uow:
        assert repair_orders.get_ro_row(uow, ro.number).status == "open"


def test_suggest_then_apply_dispatches_the_waiting_jobs(qtbot, window, demo_app, advisor):
    approved_ro(demo_app, advisor, "EV01", ev=True)
    window.dispatch.btn_suggest.click()
    qtbot.waitUntil(lambda: window.dispatch.suggestion is not None, timeout=15_000)
    props = window.dispatch.suggestion.proposals
    assert props and window.dispatch.proposals.model().rowCount() == len(props)
    ev = [p for p in props if p.label == "EV01"]
    assert ev and ev[0].bay_name == "新能源"
    window.dispatch.btn_apply.click()
    qtbot.waitUntil(lambda: window.dispatch.suggestion is None, timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            not [c for c in window.dispatch.cards if c.bay_id is None and c.ro_status == "approved"]
        ),
        timeout=5000,
    )


def test_job_dropped_on_a_bay_is_dispatched_there(qtbot, window, demo_app, advisor):
    ro = approved_ro(demo_app, advisor, "OIL01")
    job = ro.jobs[0]
    window.dispatch.reload()
    qtbot.waitUntil(lambda: any(c.job_id == job.id for c in window.dispatch.cards), timeout=5000)
    bay = next(b for b in window.dispatch.bays if b.name == "快修2")
    drop_job(window.dispatch.lanes[bay.id], job.id, job.version)
    qtbot.waitUntil(
        lambda: any(
            c.job_id == job.id and c.bay_id == bay.id and c.technician_id
            for c in window.dispatch.cards
        ),
        timeout=5000,
    )


def test_ev_job_dropped_on_a_bay_without_hv_equipment_is_refused(qtbot, window, demo_app, advisor):
    ro = approved_ro(demo_app, advisor, "EV01", ev=True)
    job = ro.jobs[0]
    window.dispatch.reload()
    qtbot.waitUntil(lambda: any(c.job_id == job.id for c in window.dispatch.cards), timeout=5000)
    bay = next(b for b in window.dispatch.bays if "ev_hv" not in b.equipment)
    drop_job(window.dispatch.lanes[bay.id], job.id, job.version)
    qtbot.waitUntil(lambda: window.messages.kind == "error", timeout=5000)
    assert bay.name in window.messages.text()
    with demo_app.uow() as uow:
        from workshop_app.models import JobLine

        assert uow.session.get(JobLine, job.id).bay_id is None


def test_bay_change_from_another_connection_arrives_on_the_board(
    qtbot, window, demo_app, advisor, settings, clock
):
    ro = approved_ro(demo_app, advisor, "OIL01")
    job = ro.jobs[0]
    qtbot.waitUntil(lambda: any(c.job_id == job.id for c in window.dispatch.cards), timeout=5000)
    other = bootstrap.build(settings, clock=clock)
    try:
        bay = next(b for b in window.dispatch.bays if b.name == "快修1")
        tech = next(t for t in window.dispatch.techs if t.number == "T02")
        dispatch.dispatch_job(other.uow(), advisor, job.id, bay_id=bay.id, technician_id=tech.id)
    finally:
        other.dispose()
    qtbot.waitUntil(
        lambda: any(c.job_id == job.id and c.bay_id == bay.id for c in window.dispatch.cards),
        timeout=3000,
    )
    lane = window.dispatch.lanes[bay.id]
    assert any(w.card.job_id == job.id for w in lane.cards())


def test_today_and_appointments_load(qtbot, window):
    qtbot.waitUntil(
        lambda: window.today.view is not None and bool(window.appointments.rows), timeout=5000
    )
    assert window.today.shop.model().rowCount() == len(window.today.view.rows)
    assert window.appointments.table.model().rowCount() == len(window.appointments.rows)


def test_ro_editor_writes_retried_after_a_dropped_connection_are_applied_once(
    qtbot, window, demo_app, advisor, monkeypatch
):
    from workshop_app.models import Event

    window.ro.writes.backoff = 0.01
    shown: list[str] = []
    window.ro.writes.reconnecting.connect(lambda _n: shown.append(window.messages.text()))
    opened = LostReply(repair_orders.open_ro, after=True)
    op = LostReply(repair_orders.add_operation, after=True)
    part = LostReply(repair_orders.add_part, after=False)
    approve = LostReply(repair_orders.approve_estimate, after=True)
    monkeypatch.setattr(repair_orders, "open_ro", opened)
    monkeypatch.setattr(repair_orders, "add_operation", op)
    monkeypatch.setattr(repair_orders, "add_part", part)
    monkeypatch.setattr(repair_orders, "approve_estimate", approve)

    plate = idle_plate(demo_app)
    window.desk.signals.new_ro_for.emit({"plate": plate})  # "New RO" from Find
    qtbot.waitUntil(
        lambda: window.ro.rec is not None and window.ro.rec.ro.plate == plate, timeout=5000
    )
    assert shown and "Reconnecting" in shown[-1]
    qtbot.waitUntil(lambda: bool(window.ro.ops), timeout=5000)
    window.ro.op_edit.setText("BRK01")
    window.ro.btn_op.click()
    qtbot.waitUntil(lambda: window.ro.jobs.rows.rowCount() == 1, timeout=5000)
    window.ro.part_edit.setText("BP-F-0446")
    window.ro.btn_part.click()
    qtbot.waitUntil(lambda: window.ro.parts.rows.rowCount() == 1, timeout=5000)
    in_person(window)
    window.ro.btn_approve.click()
    qtbot.waitUntil(lambda: window.ro.rec.ro.status == "approved", timeout=5000)
    # The record is reloaded before the write's own answer reaches the message bar.
    qtbot.waitUntil(lambda: window.messages.kind == "ok", timeout=5000)

    for wrapper in (opened, op, part, approve):  # one key per click, the same on the retry
        assert len(wrapper.keys) == 2 and wrapper.keys[0] and wrapper.keys[0] == wrapper.keys[1]
    assert len({w.keys[0] for w in (opened, op, part, approve)}) == 4
    with demo_app.uow() as uow:
        ro = uow.session.execute(
            select(RepairOrder).where(
                RepairOrder.vehicle_id
                == select(Vehicle.id).where(Vehicle.plate == plate).scalar_subquery()
            )
        ).scalar_one()  # one RO, not two
        kinds = list(
            uow.session.execute(
                select(Event.kind).where(Event.ro_id == ro.id).order_by(Event.id)
            ).scalars()
        )
    assert kinds == ["ro.opened", "ro.operation_added", "ro.part_added", "ro.approved"]


def _booked_plate(app) -> tuple[int, str]:
    with app.uow() as uow:
        a = (
            uow.session.execute(
                select(Appointment)
                .where(Appointment.status == "booked")
                .order_by(Appointment.slot_start)
            )
            .scalars()
            .first()
        )
        return a.id, a.plate


def _kinds(app, ro_id: int) -> list[str]:
    from workshop_app.models import Event

    with app.uow() as uow:
        return list(
            uow.session.execute(
                select(Event.kind).where(Event.ro_id == ro_id).order_by(Event.id)
            ).scalars()
        )


def test_reception_form_and_extra_work_answers_retried_after_a_dropped_connection_are_applied_once(
    qtbot, window, demo_app, advisor, monkeypatch
):
    from workshop_app.models import JobLine
    from workshop_app.services import extra_work

    for writer in (window.ro.writes, window.arrivals.writes):
        writer.backoff = 0.01
    shown: list[str] = []
    window.arrivals.writes.reconnecting.connect(lambda _n: shown.append(window.messages.text()))
    received = LostReply(intake.start_reception, after=True)
    saved = LostReply(intake.update_reception, after=True)
    answered = LostReply(extra_work.answer_extra_work, after=True)
    monkeypatch.setattr(intake, "start_reception", received)
    monkeypatch.setattr(intake, "update_reception", saved)
    monkeypatch.setattr(extra_work, "answer_extra_work", answered)

    # A booked car at the barrier: "Receive" opens its RO with the booked operations, once.
    appt_id, plate = _booked_plate(demo_app)
    with demo_app.uow() as uow:
        booked = list(uow.session.get(Appointment, appt_id).requested_operations)
    window.arrivals.receive_read(PlateRead(plate, 0.95))
    qtbot.waitUntil(
        lambda: window.arrivals.current is not None and window.arrivals.current.plate == plate,
        timeout=5000,
    )
    window.arrivals.btn_receive.click()
    qtbot.waitUntil(
        lambda: window.ro.rec is not None and window.ro.rec.ro.plate == plate, timeout=5000
    )
    assert shown and "Reconnecting" in shown[-1]
    ro = window.ro.rec.ro
    assert [j.code for j in ro.jobs] == booked

    # The reception form, saved once although its reply was lost.
    version = window.ro.rec.version
    window.ro.complaint.setPlainText("启动时异响")
    window.ro.btn_save.click()
    qtbot.waitUntil(lambda: window.messages.kind == "ok" and "saved" in window.messages.text())
    assert window.ro.rec.version == version + 1 and window.ro.rec.ro.complaint == "启动时异响"
    assert _kinds(demo_app, ro.id) == (
        ["ro.opened"] + ["ro.operation_added"] * len(booked) + ["ro.reception_updated"]
    )

    # A question from the bay on a car being repaired; the customer's yes is recorded once.
    repairing = job_in_repair(demo_app)
    job_id, ro_id, ro_number = repairing.job_id, repairing.ro_id, repairing.ro_number
    tech = repairing.technician
    req = extra_work.request_extra_work(demo_app.uow(), tech, job_id, "Rear pads at 2 mm", "BRK02")
    window.ro.open_ro(ro_number)
    qtbot.waitUntil(
        lambda: [r.id for r in window.ro.extra] == [req.id] and window.ro.btn_extra_yes.isEnabled(),
        timeout=5000,
    )
    window.ro.btn_extra_yes.click()
    qtbot.waitUntil(lambda: not window.ro.extra and len(answered.keys) == 2, timeout=5000)

    for wrapper in (received, saved, answered):  # one key per click, the same on the retry
        assert len(wrapper.keys) == 2 and wrapper.keys[0] and wrapper.keys[0] == wrapper.keys[1]
    kinds = _kinds(demo_app, ro_id)
    assert kinds.count("extra_work.answered") == 1
    with demo_app.uow() as uow:
        extra = uow.session.execute(
            select(JobLine).where(JobLine.ro_id == ro_id, JobLine.source == "extra")
        ).all()
    assert len(extra) == 1


def test_a_part_asked_for_at_the_bay_shows_as_waiting_and_the_customer_approves_it(
    qtbot, window, demo_app, advisor
):
    from workshop_app.services import bay_parts

    repairing = job_in_repair(demo_app)
    job_id, ro_number, tech = repairing.job_id, repairing.ro_number, repairing.technician
    window.ro.open_ro(ro_number)
    qtbot.waitUntil(
        lambda: window.ro.rec is not None and window.ro.rec.ro.number == ro_number, timeout=5000
    )
    total = window.ro.gross.text()
    n_parts = window.ro.parts.rows.rowCount()

    part = bay_parts.request_part(demo_app.uow(), tech, job_id, "WB-600", Decimal(2))
    # The change feed brings the question: the part is listed as waiting, not in the total.
    qtbot.waitUntil(lambda: window.ro.parts.rows.rowCount() == n_parts + 1, timeout=5000)
    qtbot.waitUntil(lambda: [r.part.part_line_id for r in window.ro.extra] == [part.id])
    row = [p.id for p in window.ro.rec.ro.parts].index(part.id)
    assert "waiting for the customer" in window.ro.parts.rows.index(row, 4).data().lower()
    assert window.ro.gross.text() == total
    assert window.ro.pending_note.isVisibleTo(window.ro) and "¥" in window.ro.pending_note.text()
    asked = window.ro.extra_list.rows.index(0, 0).data()
    assert "×2" in asked and "+¥" in asked
    assert window.ro.btn_extra_yes.isEnabled()

    window.ro.btn_extra_yes.click()
    qtbot.waitUntil(lambda: not window.ro.extra, timeout=5000)
    qtbot.waitUntil(lambda: window.ro.gross.text() != total, timeout=5000)
    row = [p.id for p in window.ro.rec.ro.parts].index(part.id)
    assert "waiting" not in window.ro.parts.rows.index(row, 4).data().lower()
    assert not window.ro.pending_note.isVisibleTo(window.ro)
    assert any(line.code == "WB-600" for line in window.ro.rec.ro.estimate.lines)


def test_a_late_answer_for_the_previous_repair_order_does_not_replace_the_one_asked_for(
    qtbot, window, demo_app, monkeypatch
):
    import time

    with demo_app.uow() as uow:
        first, second = (
            uow.session.execute(
                select(RepairOrder.number)
                .where(RepairOrder.status.in_(repair_orders.EDITABLE))
                .order_by(RepairOrder.id)
                .limit(2)
            )
            .scalars()
            .all()
        )
    real = intake.reception

    def slow_for_first(uow, number, *args, **kw):  # type: ignore[no-untyped-def]
        if number == first:
            time.sleep(0.5)  # the earlier request's answer comes back last
        return real(uow, number, *args, **kw)

    monkeypatch.setattr(intake, "reception", slow_for_first)
    window.ro.open_ro(first)
    window.ro.open_ro(second)
    qtbot.waitUntil(lambda: window.ro.rec is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.ctx.runner.pending == 0, timeout=5000)
    assert window.ro.rec.ro.number == second
