"""Window commands, plugged into ``workshop`` through the ``workshop.commands`` entry point.

``workshop demo`` | ``front-desk`` | ``bay --bay NAME`` | ``lounge``, each with
``--screenshot FILE.png`` (render offscreen at the window's natural size, save, exit 0).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_app.cli.common import add_db_option, settings_for
from workshop_app.config import Settings
from workshop_app.errors import InvalidInput

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from hardware.camera.simulated import SimulatedCamera
    from ui.admin.window import AdminWindow
    from ui.bay.window import BayWindow
    from ui.context import UiContext
    from ui.front_desk.window import FrontDeskWindow
    from ui.lounge.window import LoungeWindow
    from ui.parts.window import PartsCounterWindow
    from ui.reports.window import ReportsWindow
    from workshop_app.bootstrap import App
    from workshop_app.ports import FrameSource

WINDOW_SIZES = {
    "setup": (1180, 760),
    "front-desk": (1600, 960),
    "bay": (1280, 800),
    "lounge": (1920, 1080),
    "reports": (1600, 1000),
    "admin": (1400, 900),
    "parts": (1400, 900),
}
PARTS_TABS = ("picks", "returns", "receiving", "count", "trace")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for name, help_text in (
        ("demo", "one PC: SQLite, demo data, simulated camera and barrier, all windows"),
        ("front-desk", "the service advisor's window"),
        ("bay", "a bay terminal (touch)"),
        ("lounge", "the lounge board (full screen)"),
        ("reports", "the manager's reports: KPIs, charts, drill-down (manager or foreman PIN)"),
        ("admin", "the manager's administration: catalogues, staff, PINs, attendance, audit"),
        ("parts", "the parts counter: picks, issue, returns, receiving, count, trace"),
    ):
        p = sub.add_parser(name, help=help_text)
        add_db_option(p)
        p.add_argument("--screenshot", metavar="FILE.png", help="render offscreen, save, exit")
        p.add_argument("--language", choices=["zh_CN", "en"], help="UI language")
        if name == "bay":
            p.add_argument("--bay", metavar="NAME", help="the bay this terminal stands at")
        if name in ("reports", "admin", "parts"):
            p.add_argument("--staff", metavar="NUMBER", help="sign in as (with --pin)")
            p.add_argument("--pin", metavar="PIN", help="for --screenshot: the PIN of --staff")
        if name == "admin":
            p.add_argument(
                "--tab",
                choices=["store", "bays", "staff", "labour", "parts", "attendance", "audit"],
                help="the tab shown first",
            )
        if name == "reports":
            p.add_argument("--from", dest="first", metavar="DATE", help="first day shown")
            p.add_argument("--to", dest="last", metavar="DATE", help="last day shown")
        if name == "parts":
            p.add_argument("--tab", choices=PARTS_TABS, help="the tab shown first")
            p.add_argument("--trace", metavar="BATCH", help="trace this batch at start")
        p.set_defaults(func=_run, window=name)
        if name == "parts":  # workshop parts check / trace: the core's actions on it
            from workshop_app.cli.parts import add_actions

            add_actions(p)


def _settings(args: argparse.Namespace) -> Settings:
    settings = settings_for(args)
    if args.language:
        settings.language = args.language
    if args.window == "demo" and not args.db and not os.environ.get("WORKSHOP_DB_URL"):
        from workshop_app.bootstrap import demo_db_url

        settings.db_url = demo_db_url()
    if args.window == "demo":  # the demo's camera and barriers (entry and exit), explicitly
        from workshop_app.demo_store import demo_settings

        demo_settings(settings)
    return settings


def _run(args: argparse.Namespace) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if not args.screenshot.lower().endswith(".png"):
            raise InvalidInput("--screenshot needs a .png file name")
    settings = _settings(args)
    from workshop_app import bootstrap

    if args.window in ("demo", "bay"):  # the windows that store inspection photos
        bootstrap.ensure_photos_dir(settings)
    # the demo owns its database and migrates it; a shop's windows refuse an old schema
    app = bootstrap.build(settings, upgrade=args.window == "demo")
    if args.window == "demo":
        from workshop_app.db import masked_url
        from workshop_app.demo_store import ensure_demo_data

        if ensure_demo_data(app.uow(), settings.effective_photos_dir()):
            app.load_store()
        url = masked_url(settings.effective_db_url())
        # Say where the demo's data is: the other commands read it with --db.
        print(f"workshop demo: database {url} (e.g. workshop invoice list --db {url})", flush=True)

    from ui.app import create_qapp
    from ui.context import UiContext
    from ui.widgets.local_time import set_display_timezone

    qapp = create_qapp(settings.effective_language)
    ctx = UiContext.create(app)
    if args.window in ("front-desk", "bay", "lounge") and not app.has_store:
        # First run on an empty database: the manager sets the shop up instead of an
        # empty window (store, bays, staff, catalogues, the workbook import).
        from ui.setup.wizard import SetupWizard

        wizard = SetupWizard(ctx)
        wizard.resize(*WINDOW_SIZES["setup"])
        if args.screenshot:
            return _screenshot(qapp, ctx, wizard, Path(args.screenshot))
        if wizard.exec() != wizard.DialogCode.Accepted:
            ctx.stop()
            app.dispose()
            return 0
        set_display_timezone(app.store.timezone)
    if args.window in ("demo", "front-desk"):
        _attach_devices(ctx, settings, live=not args.screenshot, lanes=args.window == "demo")
    windows = _make_windows(args, ctx)
    from ui.lounge.window import LoungeWindow

    if args.screenshot:
        return _screenshot(qapp, ctx, windows[0], Path(args.screenshot))
    stop_messages = _demo_messages(settings, app) if args.window == "demo" else None
    ctx.start()
    for w in windows:
        if isinstance(w, LoungeWindow):  # its own screen, or windowed beside the others
            w.present(alone=len(windows) == 1)
        else:
            w.show()
    _quit_on_signals(qapp)
    rc = qapp.exec()
    if stop_messages is not None:
        stop_messages()
    ctx.stop()
    app.dispose()
    return int(rc)


def _demo_messages(settings: Settings, app: App) -> Callable[[], None]:
    """The demo sends the owners' messages through the providers' simulators (SMS, WeChat,
    SMTP on this PC), from a worker thread; returns how to stop it all."""
    from hardware.notify.factory import use_simulators
    from hardware.notify.simulators import SimulatedNotifyGateway, SimulatedSmtpServer
    from workshop_app import bootstrap
    from workshop_app.notify.worker import NotifyWorker

    gateway = SimulatedNotifyGateway().start()
    smtp = SimulatedSmtpServer().start()
    use_simulators(settings, gateway, smtp.port)
    worker = NotifyWorker(app.uow(), bootstrap.make_notification_channels(settings), settings)
    worker.start()

    def stop() -> None:
        worker.stop()
        smtp.stop()
        gateway.stop()

    return stop


def _quit_on_signals(qapp: QApplication) -> None:
    """Ctrl-C or SIGTERM (a service manager, a test) closes the windows and exits 0, as
    closing the last window does. Qt's event loop holds the GIL off Python's signal handlers
    without a timer that lets the interpreter run now and then."""
    import signal

    from PySide6.QtCore import QTimer

    def quit_app(*_args: object) -> None:
        qapp.closeAllWindows()
        qapp.quit()

    signal.signal(signal.SIGINT, quit_app)
    signal.signal(signal.SIGTERM, quit_app)
    tick = QTimer(qapp)
    tick.setInterval(250)
    tick.timeout.connect(lambda: None)
    tick.start()


def _attach_devices(ctx: UiContext, settings: Settings, *, live: bool, lanes: bool = True) -> None:
    """Cameras, barriers (entry, and exit when configured) and ticket printer for the front
    desk, from the composition root. With ``lanes`` (the demo) the barrier lanes run in this
    process, each in its own thread (:mod:`workshop_app.lanes`; one plate reader shared under
    a lock); a real shop runs ``workshop lane`` on the lane PC instead and the desk shows what
    it records. A screenshot shows the cameras but reads no plates (it must not record
    arrivals or deliveries in the user's database)."""
    import threading

    from workshop_app import bootstrap
    from workshop_app.demo_store import demo_camera_plates, demo_exit_plates

    app = ctx.app
    camera: FrameSource | None = None
    exit_camera: FrameSource | None = None
    if settings.camera.source.strip() and (lanes or not live):
        camera = bootstrap.make_frame_source(settings, demo_camera_plates(app.uow()))
    if lanes or not live:
        exit_camera = bootstrap.make_exit_frame_source(settings, demo_exit_plates(app.uow()))
    gate = exit_gate = None
    if live:
        if settings.barrier.driver.strip():  # none configured: no barrier button
            gate = ctx.gate = bootstrap.make_barrier(settings)
        exit_gate = ctx.exit_gate = bootstrap.make_exit_barrier(settings)
        if settings.printer.driver != "none":
            printer = bootstrap.make_printer(settings, retry=True)
            ctx.printer = printer.print_ticket
    if not live:  # the screenshot: the cameras alone
        if camera is not None:
            camera.start()
            ctx.frame_source = camera
        if exit_camera is not None:
            exit_camera.start()
            ctx.exit_frame_source = exit_camera
        return
    if not lanes or (camera is None and exit_camera is None):
        return
    from workshop_app.lanes.assembly import make_lane

    engine = bootstrap.make_plate_engine(settings)
    lock = threading.Lock()  # one reader for both lanes: never called from two threads
    if camera is not None:
        ctx.lanes["entry"] = make_lane(app, "entry", camera, engine, gate, engine_lock=lock)
    if exit_camera is not None:
        ctx.lanes["exit"] = make_lane(app, "exit", exit_camera, engine, exit_gate, engine_lock=lock)
        from hardware.camera.simulated import SimulatedCamera  # the demo's: loaded already

        if isinstance(exit_camera, SimulatedCamera):
            _follow_settled_cars(ctx, exit_camera)


def _follow_settled_cars(
    ctx: UiContext, camera: SimulatedCamera, interval_ms: int = 15_000
) -> None:
    """The demo's simulated exit camera keeps up with the store: a car settled at the desk
    drives out a little later (the plate list is re-read off the GUI thread)."""
    from PySide6.QtCore import QTimer

    from workshop_app.demo_store import demo_exit_plates

    app, runner = ctx.app, ctx.runner

    def apply(plates: list[str]) -> None:
        if plates != camera.plates:
            camera.plates = plates

    timer = QTimer(interval=interval_ms)

    def reread() -> None:
        uow = app.uow()
        runner.run(lambda: demo_exit_plates(uow), on_done=apply)

    timer.timeout.connect(reread)
    timer.start()
    ctx.demo_exit_timer = timer


def _make_windows(args: argparse.Namespace, ctx: UiContext) -> list[QWidget]:
    factories: dict[str, Callable[[], list[QWidget]]] = {
        "front-desk": lambda: [_front_desk(ctx, live=not args.screenshot)],
        "bay": lambda: [_bay(ctx, args.bay)],
        "lounge": lambda: [_lounge(ctx)],
        "reports": lambda: [_reports(ctx, args)],
        "admin": lambda: [_admin(ctx, args)],
        "parts": lambda: [_parts(ctx, args)],
        "demo": lambda: [
            _front_desk(ctx, demo=True),
            _bay(ctx, getattr(args, "bay", None)),
            _lounge(ctx),
        ],
    }
    return factories[args.window]()


def _front_desk(ctx: UiContext, *, demo: bool = False, live: bool = False) -> FrontDeskWindow:
    """The demo desk starts as its first advisor; a real shop's asks for a staff code and PIN
    as soon as it shows, and again when it locks itself after being left idle."""
    from PySide6.QtCore import QTimer

    from ui.front_desk.desk import default_desk_outbox_path
    from ui.front_desk.window import FrontDeskWindow

    w = FrontDeskWindow(
        ctx, demo_sign_in=demo, outbox_path=default_desk_outbox_path(ctx.app.settings)
    )
    w.resize(*WINDOW_SIZES["front-desk"])
    if live:
        w.ask_on_lock = True
        QTimer.singleShot(300, w.sign_in)
    return w


def _bay(ctx: UiContext, bay: str | None) -> BayWindow:
    from ui.bay.window import BayWindow

    w = BayWindow(ctx, bay)
    w.resize(*WINDOW_SIZES["bay"])
    return w


def _lounge(ctx: UiContext) -> LoungeWindow:
    from ui.lounge.window import LoungeWindow

    w = LoungeWindow(ctx)
    w.resize(*WINDOW_SIZES["lounge"])
    return w


def _admin(ctx: UiContext, args: argparse.Namespace) -> AdminWindow:
    from ui.admin.window import AdminWindow

    w = AdminWindow(ctx)
    w.resize(*WINDOW_SIZES["admin"])
    if args.tab:
        w.show_tab(args.tab)
    if args.staff and args.pin:
        w.sign_in_with(args.staff, args.pin)
    return w


def _reports(ctx: UiContext, args: argparse.Namespace) -> ReportsWindow:
    from datetime import date

    from ui.reports.window import ReportsWindow

    w = ReportsWindow(ctx)
    w.resize(*WINDOW_SIZES["reports"])
    try:
        if args.first and args.last:
            w.set_range(date.fromisoformat(args.first), date.fromisoformat(args.last))
    except ValueError as exc:
        raise InvalidInput(f"not a date (YYYY-MM-DD): {exc}") from exc
    if args.staff and args.pin:
        w.sign_in_with(args.staff, args.pin)
    return w


def _parts(ctx: UiContext, args: argparse.Namespace) -> PartsCounterWindow:
    from ui.parts.window import PartsCounterWindow

    w = PartsCounterWindow(ctx)
    w.resize(*WINDOW_SIZES["parts"])
    if args.tab:
        w.tabs.setCurrentIndex(PARTS_TABS.index(args.tab))
    if args.staff and args.pin:
        w.sign_in_with(args.staff, args.pin)
    if args.trace:
        w.trace_code.setText(args.trace)
        w._on_trace_clicked()
    return w


def _screenshot(qapp: QApplication, ctx: UiContext, window: QWidget, path: Path) -> int:
    import time

    from PySide6.QtCore import QCoreApplication

    window.show()
    # Let the window load its data (tasks) and lay out, then grab it.
    t0 = time.monotonic()
    while (elapsed := time.monotonic() - t0) < 0.6 or (ctx.runner.pending and elapsed < 15):
        QCoreApplication.processEvents()
        ctx.runner.wait_idle(50)
    QCoreApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        print(f"workshop: error: cannot write {path}", file=sys.stderr)
        return 1
    print(path)
    window.close()
    ctx.runner.shutdown()
    for source in (ctx.frame_source, ctx.exit_frame_source):
        if source is not None:
            source.stop()
    ctx.app.dispose()
    return 0
