"""ui.tasks: the runner takes a closure, answers on the GUI thread, and names a failed task
in the log by its function or by where its closure was written (not ``<lambda>``), with the
traceback that names the service it called."""

from __future__ import annotations

import functools
import logging
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ui.context import UiContext
from ui.front_desk.desk import Desk
from ui.outbox import ONCE, Command, Outbox
from ui.tasks import Latest, TaskRunner, task_name
from ui.widgets.message_bar import MessageBar
from workshop_app.bootstrap import App
from workshop_app.errors import Conflict
from workshop_app.services.staff import Actor


def broken_service(number: str) -> str:
    raise RuntimeError(f"no such column for {number}")


class _Svc:
    @staticmethod
    def broken(number: str) -> str:
        raise RuntimeError(number)


svc = _Svc()


def _line_of(fn: object) -> str:
    return f"{__name__}:{fn.__code__.co_firstlineno}"  # type: ignore[attr-defined]


def test_a_task_is_named_by_its_function_or_where_its_closure_was_written() -> None:
    number = "RO-1"
    closure = lambda: svc.broken(number)  # noqa: E731
    assert task_name(closure) == _line_of(closure)
    assert task_name(closure).startswith("tests.gui.test_task_runner:")
    assert task_name(broken_service) == "broken_service"
    assert task_name(svc.broken) == "_Svc.broken"
    assert task_name(functools.partial(broken_service, number)) == "broken_service"


def test_the_answer_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ro = "RO-7"
    answers: list[tuple[str, str]] = []
    runner.run(
        lambda: (ro, threading.current_thread().name),
        on_done=lambda a: answers.append((a[0], threading.current_thread().name)),
    )
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    runner.shutdown()
    assert answers == [("RO-7", threading.main_thread().name)]


def test_a_falsy_answer_is_answered(qtbot: QtBot) -> None:
    runner = TaskRunner()
    answers: list[None] = []
    runner.run(lambda: None, on_done=answers.append)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    runner.shutdown()
    assert answers == [None]


@pytest.mark.parametrize("what", ["", "parts: count"])
def test_a_failed_task_is_logged_by_its_service_name(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, what: str
) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []
    number = "RO-9"
    with caplog.at_level(logging.ERROR, logger="ui.tasks"):
        closure = lambda: broken_service(number)  # noqa: E731
        runner.run(closure, on_error=errors.append, what=what)
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    runner.shutdown()
    assert isinstance(errors[0], RuntimeError)
    lines = [r.getMessage().splitlines()[0] for r in caplog.records]
    assert lines == [f"task {what or _line_of(closure)} failed:"]
    assert "in broken_service" in caplog.text  # and the traceback below it names the service


def test_a_refusal_is_not_logged(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    runner = TaskRunner()
    errors: list[Exception] = []

    def refuse() -> None:
        raise Conflict("taken")

    with caplog.at_level(logging.ERROR, logger="ui.tasks"):
        runner.run(refuse, on_error=errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    runner.shutdown()
    assert isinstance(errors[0], Conflict) and not caplog.records


def test_a_failed_outbox_write_is_logged_by_its_operation(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, app: App
) -> None:
    ctx = UiContext.create(app, poll_s=0.05)
    try:

        def add_part(uow: object, actor: object, key: str, attempt: int, **args: object) -> str:
            raise RuntimeError("no such column: sku")

        outbox = Outbox(ctx, operations={"add_part": add_part}, retry=ONCE, name="desk outbox")
        failed: list[Exception] = []
        actor = Actor(1, "A01", "Wang", "advisor", ())
        number = "RO-3"
        with caplog.at_level(logging.ERROR):
            outbox.submit(Command("add_part", actor, {"ro_number": number}, on_error=failed.append))
            outbox.submit(
                Command.call_with_key(
                    lambda _key: broken_service(number),
                    on_error=failed.append,
                    what="receive the car",
                )
            )
            qtbot.waitUntil(lambda: len(failed) == 2, timeout=5000)
        firsts = [r.getMessage().splitlines()[0] for r in caplog.records]
        assert "task desk outbox: add_part failed:" in firsts
        assert "task desk outbox: receive the car failed:" in firsts
        # and the outbox's own line after it was dropped (it said "call" for every call)
        assert (
            "desk outbox: receive the car failed: RuntimeError('no such column for RO-3')" in firsts
        )
        assert "desk outbox: add_part failed: RuntimeError('no such column: sku')" in firsts
        assert not [line for line in firsts if "<lambda>" in line or "_execute" in line]
    finally:
        ctx.stop()


def test_a_failed_desk_read_or_write_is_logged_by_its_service(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, app: App
) -> None:
    ctx = UiContext.create(app, poll_s=0.05)
    try:
        desk = Desk(ctx, MessageBar())
        failed: list[Exception] = []
        number = "RO-4"
        with caplog.at_level(logging.ERROR):
            read = lambda: broken_service(number)  # noqa: E731
            write = lambda: svc.broken(number)  # noqa: E731
            desk.read(read, on_error=failed.append)
            desk.write(write, on_error=failed.append)
            qtbot.waitUntil(lambda: len(failed) == 2, timeout=5000)
        firsts = [r.getMessage().splitlines()[0] for r in caplog.records]
        # each by the line its closure was written on (was "<lambda>", "_execute", "call")
        assert f"task {_line_of(read)} failed:" in firsts
        assert f"task desk outbox: {_line_of(write)} failed:" in firsts
        assert f"desk outbox: {_line_of(write)} failed: RuntimeError('RO-4')" in firsts
        assert "in broken_service" in caplog.text and "in broken" in caplog.text
    finally:
        ctx.stop()


def test_latest_shows_only_the_answer_to_the_latest_ask(qtbot: QtBot) -> None:
    """Answered out of order, the older ask's answer is dropped, whatever its turn."""
    shown: list[str] = []
    latest = Latest()
    first, second = latest.wrap(shown.append), latest.wrap(shown.append)
    second("second")
    first("first")  # late: a newer ask was made since
    assert shown == ["second"]
    third = latest.wrap(shown.append)
    second("second again")  # older than the third ask, still pending
    third("third")
    assert shown == ["second", "third"]


def test_latest_drops_an_answer_for_a_receiver_that_was_closed(qtbot: QtBot) -> None:
    label = QLabel()
    done = Latest().wrap(label.setText)
    shiboken6.delete(label)
    done("late")  # the window that asked was closed meanwhile: not called (it would raise)
