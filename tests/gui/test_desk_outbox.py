"""The front desk's outbox is persisted like the bay's: a keyed click is a named operation
kept on disk until the database has taken it, so a desk closed (or crashed) between the
click and the write sends it when it starts again, with the same key: applied once."""

from __future__ import annotations

import copy
import json
import subprocess
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSysInfo
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

import ui.outbox
from ui.front_desk import operations
from ui.front_desk.desk import default_desk_outbox_path, desk_outbox
from ui.front_desk.keyed_writes import KeyedWriter
from ui.front_desk.operations import ARG_TYPES
from ui.front_desk.window import FrontDeskWindow
from ui.outbox import Command, decode_arg, encode_arg
from workshop_app.models import RepairOrder
from workshop_app.services import intake, repair_orders
from workshop_app.settlement.credit_plan import CreditRequest
from workshop_app.settlement.requests import Fee, LineAdjust, SettlementRequest


class Database:
    """Between the outbox and the database: ``down`` (a lost connection before the write)
    or ``reply_lost`` (the write commits, its answer never comes back)."""

    def __init__(self, monkeypatch) -> None:
        self.down = False
        self.reply_lost = False
        self.keys: list[str] = []
        real = ui.outbox._execute

        def execute(app, op, cmd):
            self.keys.append(cmd.key)
            lost = OperationalError(
                "COMMIT", {}, Exception("server closed"), connection_invalidated=True
            )
            if self.down:
                raise lost
            answer = real(app, op, cmd)
            if self.reply_lost:
                raise lost
            return answer

        monkeypatch.setattr(ui.outbox, "_execute", execute)


def open_ro_number(app, advisor) -> str:
    with app.read() as uow:
        busy = set(uow.session.execute(select(RepairOrder.vehicle_id)).scalars())
    from workshop_app.models import Vehicle

    with app.read() as uow:
        plate = next(
            v.plate
            for v in uow.session.execute(select(Vehicle).order_by(Vehicle.id)).scalars()
            if v.id not in busy
        )
    return intake.start_reception(app.uow(), advisor, plate=plate).number


def brake_lines(app, number: str) -> int:
    with app.read() as uow:
        return sum(1 for j in repair_orders.get_ro(uow, number).jobs if j.code == "BRK01")


def test_every_argument_a_desk_click_sends_is_stored_and_read_back_as_it_was() -> None:
    req = SettlementRequest(
        lines={0: LineAdjust(Decimal("10"), shares=(("insurer", Decimal("80")),))},
        fees=(Fee("F1", "disposal", Decimal("15.00")),),
        payer_names={"insurer": "PICC"},
        deductible=Decimal("500.00"),
    )
    args = {
        "req": req,
        "credit": CreditRequest(lines=(0, 2)),
        "slot_start": datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=8))),
        "day": date(2026, 12, 1),
        "png": b"\x89PNG\x00\xff",
        "quantity": Decimal("2.500"),
        "operations": ["MNT10"],
        "vehicle": {"plate": "粤B12345", "mileage": 12000},
        "appointment_id": None,
    }
    stored = json.loads(json.dumps({k: encode_arg(v) for k, v in args.items()}))
    types = {t.__name__: t for t in ARG_TYPES}
    back = {k: decode_arg(v, types) for k, v in stored.items()}
    assert back == args
    assert str(back["quantity"]) == "2.500"  # the Decimal as typed, not a float
    with pytest.raises(ValueError, match="unknown type"):
        decode_arg({"$": ["Actor", {}]}, types)  # only the dataclasses it was told of
    with pytest.raises(TypeError):
        encode_arg(object())


def test_a_click_queued_while_the_database_is_away_survives_a_restart_and_is_applied_once(
    qtbot, still_ctx, demo_app, advisor, tmp_path, monkeypatch
) -> None:
    db = Database(monkeypatch)
    number = open_ro_number(demo_app, advisor)
    path = tmp_path / "desk.json"
    outbox = desk_outbox(still_ctx, path=path)
    writes = KeyedWriter(outbox, backoff=600, max_backoff=600)  # retried by retry_now only
    retried: list[int] = []
    writes.reconnecting.connect(retried.append)

    db.down = True
    key = writes.send(operations.add_operation(number, "BRK01"), advisor)  # stored by name
    qtbot.waitUntil(lambda: retried == [1], timeout=10_000)
    stored = json.loads(path.read_text("utf-8"))
    assert [(c["kind"], c["key"], c["args"]) for c in stored] == [
        ("add_operation", key, {"ro_number": number, "code": "BRK01"})
    ]
    # The database comes back, takes the write, and the answer is lost on the way back.
    db.down, db.reply_lost = False, True
    outbox.retry_now()
    qtbot.waitUntil(lambda: retried == [1, 2], timeout=10_000)
    assert brake_lines(demo_app, number) == 1 and json.loads(path.read_text("utf-8"))

    # The desk is closed before it hears back; started again, it sends what it kept.
    outbox.close()
    db.reply_lost = False
    applied: list[Command] = []
    again = desk_outbox(still_ctx, path=path)
    again.applied.connect(lambda cmd, _r: applied.append(cmd))
    qtbot.waitUntil(lambda: bool(applied), timeout=10_000)
    assert [c.key for c in applied] == [key] and db.keys == [key, key, key]
    assert brake_lines(demo_app, number) == 1  # the same key: not a second line
    assert json.loads(path.read_text("utf-8")) == [] and again.pending == 0


def test_a_second_desk_on_the_same_file_keeps_its_clicks_in_memory(still_ctx, tmp_path) -> None:
    path = tmp_path / "desk.json"
    first = desk_outbox(still_ctx, path=path)
    second = desk_outbox(still_ctx, path=path)
    assert first.path == path and second.path is None
    first.close()
    assert desk_outbox(still_ctx, path=path).path == path


def test_the_file_of_a_desk_that_crashed_is_taken_over_when_it_starts_again(
    still_ctx, tmp_path
) -> None:
    path = tmp_path / "desk.json"
    dead = subprocess.run(["sh", "-c", "echo $$"], capture_output=True, text=True, check=True)
    host = QSysInfo.machineHostName()
    # QLockFile's own format: pid, application name, host name.
    Path(f"{path}.lock").write_text(f"{dead.stdout.strip()}\n\n{host}\n", "utf-8")
    assert desk_outbox(still_ctx, path=path).path == path


def test_the_desk_window_keeps_its_clicks_on_disk_and_each_database_has_its_own_file(
    qtbot, still_ctx, demo_app, advisor, tmp_path, monkeypatch
) -> None:
    db = Database(monkeypatch)
    number = open_ro_number(demo_app, advisor)
    path = tmp_path / "desk.json"
    w = FrontDeskWindow(still_ctx, actor=advisor, outbox_path=path)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: still_ctx.runner.pending == 0, timeout=30_000)
    w.ro.writes.backoff = w.ro.writes.max_backoff = 600
    w.ro.open_ro(number)
    qtbot.waitUntil(lambda: w.ro.rec is not None, timeout=10_000)
    db.down = True
    w.ro.op_edit.setText("BRK01")
    w.ro.btn_op.click()
    qtbot.waitUntil(lambda: w.desk.outbox.state == "offline", timeout=10_000)
    assert [c["kind"] for c in json.loads(path.read_text("utf-8"))] == ["add_operation"]
    assert "waiting for the database" in w.writes_state.text()

    here = default_desk_outbox_path(demo_app.settings)
    other = copy.deepcopy(demo_app.settings)
    other.db_url = "sqlite:////elsewhere.db"
    assert here.suffix == ".json" and default_desk_outbox_path(other) != here
