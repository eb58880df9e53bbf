"""Screen loads in one read snapshot: one transaction per screen load, whatever it reads.

A panel asks for its data as a loader ``fn(uow) -> rows`` (the core's read models called
with the open read unit of work, :meth:`workshop_app.bootstrap.App.read`) and shows the
answer; it never opens a transaction of its own::

    self.snapshots.load(lambda uow: (today(uow), capacity(uow, day)), on_done=self._show)

Inside :meth:`SnapshotReader.together` the loads asked for are read in *one* snapshot (a
window's first load: every panel at once)::

    with self.snapshots.together():
        for panel in panels:
            panel.load_now()

Each loader's answer goes to its own ``on_done``; a loader that raises a refusal
(``NotFound``...) answers its own ``on_error`` and the others still get theirs; a database
failure (the snapshot could not be read) answers every ``on_error``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from sqlalchemy.exc import SQLAlchemyError

from ui.tasks import receiver_alive
from workshop_app.uow import UnitOfWork

if TYPE_CHECKING:
    from ui.context import UiContext
    from workshop_app.bootstrap import App

T = TypeVar("T")
R = TypeVar("R")
Loader = Callable[[UnitOfWork], T]
# What a panel is told, ready to run on the GUI thread (its answer or its error inside).
Answer = Callable[[], None]


@dataclass(frozen=True)
class _Failed:
    error: Exception


@dataclass(frozen=True)
class _Load:
    """A loader with its panel's callbacks, its answer's type kept inside: ``read(uow)``
    (on the pool thread) gives what to tell the panel, ``fail(exc)`` the error."""

    read: Callable[[UnitOfWork], Answer]
    fail: Callable[[Exception], Answer]


def _job(
    fn: Callable[[UnitOfWork], T],
    on_done: Callable[[T], None] | None,
    on_error: Callable[[Exception], None] | None,
) -> _Load:
    def read(uow: UnitOfWork) -> Answer:
        value = fn(uow)
        return lambda: _tell(on_done, value)

    def fail(exc: Exception) -> Answer:
        return lambda: _tell(on_error, exc)

    return _Load(read, fail)


def _tell(callback: Callable[[R], None] | None, value: R) -> None:
    if callback is not None and receiver_alive(callback):
        callback(value)


def read_in_one_snapshot(app: App, loaders: list[Callable[[UnitOfWork], R]]) -> list[R | _Failed]:
    """Every loader in one read transaction (on a pool thread): its answer, or ``_Failed``
    for a loader refused on its own. A database error fails the whole snapshot (the
    transaction is no longer good for the loaders after it)."""
    answers: list[R | _Failed] = []
    with app.read() as uow:
        for fn in loaders:
            try:
                answers.append(fn(uow))
            except SQLAlchemyError:
                raise
            except Exception as exc:  # answered to that loader's on_error only
                answers.append(_Failed(exc))
    return answers


class SnapshotReader(QObject):
    """Runs loaders off the GUI thread, one read snapshot per load (or per batch)."""

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._batch: list[_Load] | None = None
        self.snapshots_read = 0  # how many snapshots were asked for (tests)

    def load(
        self,
        fn: Callable[[UnitOfWork], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        job = _job(fn, on_done, on_error)
        if self._batch is not None:
            self._batch.append(job)
        else:
            self._send([job])

    @contextmanager
    def together(self) -> Iterator[None]:
        """The loads asked for inside the block are read in one snapshot when it ends."""
        if self._batch is not None:  # already inside one: the outer block sends
            yield
            return
        self._batch = []
        try:
            yield
        finally:
            jobs, self._batch = self._batch, None
            if jobs:
                self._send(jobs)

    def _send(self, jobs: list[_Load]) -> None:
        self.snapshots_read += 1

        def answered(answers: list[Answer | _Failed]) -> None:
            _answer_all(
                job.fail(a.error) if isinstance(a, _Failed) else a
                for job, a in zip(jobs, answers, strict=True)
            )

        def failed(exc: Exception) -> None:
            _answer_all(job.fail(exc) for job in jobs)

        app, loaders = self._ctx.app, [j.read for j in jobs]
        self._ctx.runner.run(
            lambda: read_in_one_snapshot(app, loaders),
            on_done=answered,
            on_error=failed,
        )


def _answer_all(answers: Iterable[Answer]) -> None:
    """Every panel gets its answer even when one panel's answer raises (raised after)."""
    first: Exception | None = None
    for answer in answers:
        try:
            answer()
        except Exception as exc:
            first = first or exc
    if first is not None:
        raise first
