"""The composition root: the one place that picks concrete adapters from the settings.

Windows, commands and tests ask here for a unit of work, a feed, a camera, a plate engine,
a barrier and a printer; nothing else in the core knows which concrete class it gets.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from workshop_app import schema
from workshop_app.config import Settings, data_dir, default_config_path, load_settings
from workshop_app.db import (
    MissingDatabase,
    check_connection,
    make_engine,
    make_session_factory,
    masked_url,
)
from workshop_app.errors import InvalidInput, WorkshopError
from workshop_app.events import Feed
from workshop_app.i18n import _, set_language
from workshop_app.lifecycle.ehr_outbox import RepairRecordWriter
from workshop_app.models import Store
from workshop_app.notify.outbox import OutboxWriter
from workshop_app.ports import (
    BarrierGate,
    Clock,
    FrameSource,
    NotificationChannel,
    PhotoCamera,
    PlateEngine,
    ReceiptPrinter,
    RepairRecordUploader,
    SystemClock,
)
from workshop_app.store import StoreContext
from workshop_app.uow import Subscriber, UnitOfWork


@dataclass
class App:
    """Everything a window or command needs, built once from the settings.

    ``store`` (the :class:`StoreContext`: tax, labour rate, time zone, invoice language,
    store id and code) is made from the settings once, here, and every unit of work the app
    hands out carries it as ``uow.store``.
    """

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Clock = field(default_factory=SystemClock)
    store_id: int = 1
    store: StoreContext = field(init=False)
    # Called in every write transaction with its events: the owner's messages (notify).
    subscribers: tuple[Subscriber, ...] = ()

    def __post_init__(self) -> None:
        self.store = StoreContext.from_settings(self.settings, store_id=self.store_id)

    def uow(self) -> UnitOfWork:
        """A unit of work not yet in a transaction (a service opens its own)."""
        return UnitOfWork(
            self.session_factory, store=self.store, clock=self.clock, subscribers=self.subscribers
        )

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        """A read-only unit of work inside one read transaction: one snapshot for a whole
        screen load, whatever it reads. Never takes the write lock (no ``BEGIN IMMEDIATE``
        on SQLite); ``REPEATABLE READ READ ONLY`` on PostgreSQL."""
        with self.uow().for_reading() as uow:
            uow.session.connection()  # BEGIN now, not at the first query
            yield uow

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """An open writing unit of work: services called with it join its transaction and
        the caller commits once (``uow.commit()``); leaving without it rolls all back."""
        with self.uow() as uow:
            yield uow

    def feed(self) -> Feed:
        return Feed(self.session_factory)

    def dispose(self) -> None:
        self.engine.dispose()

    @property
    def has_store(self) -> bool:
        """False on a fresh database: the windows open the set-up wizard instead."""
        with self.session_factory() as s:
            return s.get(Store, self.store_id) is not None

    def load_store(self) -> None:
        """Pick this terminal's store (``store.code``, else the first) and fill the profile
        fields the config left empty from its row. Called at start and after a set-up."""
        self.store_id = pick_store(self.session_factory, self.settings.store.code)
        with self.session_factory() as s:
            row = s.get(Store, self.store_id)
            if row is not None:
                mine = self.settings.store
                mine.code = mine.code or row.code
                for key in ("name", "name_en", "phone", "address"):
                    if not getattr(mine, key):
                        setattr(mine, key, getattr(row, key) or "")
            # the units of work made from now on carry the store picked, with the tax,
            # labour rate and time zone its set-up gave (else the configured ones)
            self.store = StoreContext.from_settings(
                self.settings, store_id=self.store_id, profile=row
            )


def pick_store(factory: sessionmaker[Session], code: str) -> int:
    """The id of the store with ``code`` (else the first store; 1 on an empty database).

    A code no store has is a clear error naming the codes there are."""
    with factory() as s:
        stores = list(s.execute(select(Store.id, Store.code).order_by(Store.id)))
    if not code.strip():
        return stores[0].id if stores else 1
    for row in stores:
        if row.code == code.strip():
            return int(row.id)
    if not stores:
        return 1
    raise InvalidInput(
        _(
            "No store with code {code} in the database (there are: {codes}). "
            "Set store.code in workshop.toml.",
            code=code,
            codes=", ".join(r.code for r in stores),
        )
    )


def build(
    settings: Settings | None = None,
    *,
    db_url: str | None = None,
    upgrade: bool = False,
    clock: Clock | None = None,
    create: bool = True,
) -> App:
    """Connect, create the schema of an empty database, check it, and set the language.

    ``upgrade=True`` (a program that owns its database: the demo, seed-demo, tests) also
    migrates one that is behind; otherwise such a database is refused with one line
    (:class:`~workshop_app.schema.SchemaBehind`: "run workshop db upgrade"), as is one
    newer than this program (:class:`~workshop_app.schema.SchemaAhead`).

    ``create=False`` (a command that only reads): a database that does not exist, or is
    empty, is an error naming it (:class:`MissingDatabase`), never made silently."""
    settings = settings or load_settings()
    if db_url:
        settings.db_url = db_url
    set_language(settings.effective_language)
    url = settings.effective_db_url()
    try:
        engine = make_engine(url, create=create)
        check_connection(engine)
        if not create and not inspect(engine).get_table_names():
            engine.dispose()
            raise MissingDatabase(
                _(
                    "The database {url} is empty (`workshop db upgrade` makes its schema).",
                    url=masked_url(url),
                )
            )
    except MissingDatabase as exc:
        raise MissingDatabase(
            _(
                "{error} The demo's database is {demo} (use --db {demo}).",
                error=str(exc),
                demo=demo_db_url(),
            )
        ) from exc
    # An empty database gets its schema (first start; under the migration lock, so several
    # programs started together create it once). One behind is migrated only by its owner
    # (``upgrade=True``: ``workshop db upgrade``, the demo, seed-demo, the tests); any other
    # program refuses it, or one ahead, in one line. A database with tables but no Alembic
    # revision is not ours: left alone.
    try:
        if schema.is_empty(engine) or (upgrade and schema.current_revision(engine) is not None):
            schema.upgrade(engine)
        elif schema.current_revision(engine) is not None:
            schema.check(engine)
    except WorkshopError:
        engine.dispose()
        raise
    app = App(
        settings,
        engine,
        make_session_factory(engine),
        clock or SystemClock(),
        # the owners' messages, and the national repair record of each settlement
        subscribers=(OutboxWriter(settings), RepairRecordWriter(settings.ehr)),
    )
    if schema.is_current(engine):
        app.load_store()
    return app


def demo_db_url() -> str:
    """Where ``workshop demo`` keeps its store (apart from the shop's own database)."""
    return f"sqlite:///{data_dir() / 'demo.db'}"


def ensure_photos_dir(settings: Settings) -> Path:
    """The folder inspection photos are stored in (``photos_dir``), created if missing.

    Called when a window that stores photos starts: a folder that cannot be written (a
    read-only share, a drive that is not mounted, a typo) is one clear error then, not a
    failed photo later at the bay.
    """
    folder = settings.effective_photos_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".workshop-write-check-"):
            pass
    except OSError as exc:
        raise InvalidInput(
            _(
                "Photos cannot be stored in {path}: {err}. Set photos_dir in {config} "
                "or WORKSHOP_PHOTOS_DIR to a folder this computer can write.",
                path=folder,
                err=exc.strerror or exc,
                config=default_config_path(),
            )
        ) from exc
    return folder


def make_plate_engine(settings: Settings) -> PlateEngine:
    """The configured OCR engine (RapidOCR's packaged ONNX models by default)."""
    from workshop_app.plates.engines import make_plate_engine as make

    return make(settings)


def make_frame_source(settings: Settings, demo_plates: Sequence[str] | None = None) -> FrameSource:
    """The barrier camera: a USB index, an RTSP/HTTP URL, a video file, a folder of images,
    or ``"demo"``: frames the project renders itself with ``demo_plates`` arriving."""
    from hardware.camera.factory import make_frame_source as make

    return make(settings, demo_plates)


def make_photo_camera(settings: Settings) -> PhotoCamera | None:
    """The bay terminal's camera for inspection photos (``[bay_camera]``), or ``None`` when
    there is none (photos come from files)."""
    from hardware.camera.photo import make_photo_camera as make

    return make(settings.bay_camera)


def make_barrier(settings: Settings) -> BarrierGate:
    """The barrier driver (Modbus relay board, ASCII gate controller, or the simulator)."""
    from hardware.barrier import make_barrier as make

    return make(settings.barrier)


# The demo's exit camera: a car now and then (it waits at the barrier a few seconds, long
# enough to be read while the entry lane shares the plate thread), not one after another.
EXIT_DEMO_CAR_S = 8.0
EXIT_DEMO_GAP_S = 40.0


def make_exit_frame_source(
    settings: Settings, demo_plates: Sequence[str] | None = None
) -> FrameSource | None:
    """The exit camera (``[exit_camera]``, same sources as the entry), or ``None`` when the
    lane has none. ``"demo"`` renders ``demo_plates`` leaving now and then."""
    source = settings.exit_camera.source.strip()
    if not source:
        return None
    fps = float(settings.exit_camera.fps)
    if source.lower() in ("demo", "simulated", "sim"):
        from hardware.camera.simulated import SimulatedCamera

        return SimulatedCamera(
            list(demo_plates or ()),
            fps=fps,
            frames_per_car=max(1, int(EXIT_DEMO_CAR_S * fps)),
            gap_frames=max(1, int(EXIT_DEMO_GAP_S * fps)),
        )
    return make_frame_source(replace(settings, camera=settings.exit_camera))


def make_exit_barrier(settings: Settings) -> BarrierGate | None:
    """The exit barrier (``[exit_barrier]``), or ``None`` when the lane has none."""
    if not settings.exit_barrier.driver.strip():
        return None
    from hardware.barrier import make_barrier as make

    return make(settings.exit_barrier)


def make_notification_channels(settings: Settings) -> dict[str, NotificationChannel]:
    """The owner's message channels named in ``notify.channels`` (none: nothing is sent)."""
    from hardware.notify.factory import make_channels

    return make_channels(settings)


def make_repair_record_uploader(
    settings: Settings, *, simulated: bool = False
) -> RepairRecordUploader | None:
    """The national repair record platform named by ``[ehr] url`` (None when there is
    none: records are exported by hand); ``simulated``: the platform played in-process."""
    from hardware.ehr import make_uploader

    return make_uploader(settings.ehr, simulated=simulated)


def make_printer(settings: Settings, *, retry: bool = False) -> ReceiptPrinter:
    """The ESC/POS ticket printer (or a null/folder printer when none is configured).

    With ``retry`` (a window's long-lived printer) a ticket that could not be printed is
    retried in the background until it prints (the spool's thread, with backoff)."""
    from hardware.printer import make_printer as make
    from hardware.printer.spool import PrintSpool

    printer = make(settings.printer)
    if retry and isinstance(printer, PrintSpool):
        printer.start_background()
    return printer
