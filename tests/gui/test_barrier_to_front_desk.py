"""End to end at the service-lane entrance: the simulated camera shows a booked car, the
in-process lane (as in the demo) reads it with the real plate reader, records the arrival and
opens the barrier by the gate policy, and the arrival card appears on the front desk, which
reads no plates itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hardware.barrier import SimulatedBarrierGate
from hardware.camera.simulated import demo_frames
from tests.gui.helpers import event_payloads
from ui.context import UiContext
from ui.front_desk.window import FrontDeskWindow
from workshop_app import bootstrap
from workshop_app.demo_store import demo_camera_plates
from workshop_app.lanes.assembly import make_lane


@pytest.fixture
def ctx(demo_app) -> Iterator[UiContext]:  # type: ignore[no-untyped-def]
    c = UiContext.create(demo_app, poll_s=0.05)
    booked = demo_camera_plates(demo_app.uow())[0]
    c.gate = SimulatedBarrierGate()
    c.lanes["entry"] = make_lane(
        demo_app,
        "entry",
        demo_frames([booked], fps=8.0),
        bootstrap.make_plate_engine(demo_app.settings),
        c.gate,
    )
    c.start()
    yield c
    c.stop()


def test_a_booked_car_at_the_camera_opens_the_barrier_and_shows_on_the_desk(
    qtbot, ctx, advisor
) -> None:  # type: ignore[no-untyped-def]
    booked = demo_camera_plates(ctx.app.uow())[0]
    window = FrontDeskWindow(ctx, actor=advisor)
    qtbot.addWidget(window)
    window.show()
    assert window.arrivals.feed.source is ctx.lanes["entry"]
    qtbot.waitUntil(lambda: ctx.gate.openings() >= 1, timeout=60_000)
    opened = event_payloads(ctx.app, "gate.opened")
    assert [e["plate"] for e in opened] == [booked]
    assert opened[0]["reason"] == "appointment"
    arrived = event_payloads(ctx.app, "vehicle.arrived")
    assert arrived and arrived[-1]["plate"] == booked and arrived[-1]["decision"] == "open"
    qtbot.waitUntil(
        lambda: window.arrivals.current is not None and window.arrivals.current.plate == booked,
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: window.arrivals.camera.has_image, timeout=5_000)
    # The same car seen again within the window does not open twice.
    qtbot.wait(1500)
    assert ctx.gate.openings() == 1
    window.close()
