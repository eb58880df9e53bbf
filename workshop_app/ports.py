"""The interfaces the core needs from devices and the outside world.

``hardware/`` implements them (real adapters and simulators); the core only ever sees
these Protocols. ``workshop_app.bootstrap`` is the one place that picks concrete classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

Frame = npt.NDArray[np.uint8]
"""A BGR image as OpenCV gives it: shape (height, width, 3), dtype uint8."""


class DeviceError(Exception):
    """Base of every typed device failure (a device never answers with a bare ``False``)."""


class DeviceOffline(DeviceError):
    """The device or its port is gone (unplugged, closed by the peer, unreachable)."""


class DeviceTimeout(DeviceError):
    """The device did not answer in time."""


class DeviceReplyGarbled(DeviceError):
    """The device answered with something that is not a valid reply (bad CRC, wrong frame)."""


class DeviceLeftOn(DeviceError):
    """The device did what was asked but could not be switched back (the barrier's relay
    acknowledged ON, its OFF never was): the barrier may be left open."""


@dataclass(frozen=True, slots=True)
class TimedFrame:
    frame: Frame
    captured_at: datetime
    sequence: int


@runtime_checkable
class FrameSource(Protocol):
    """A camera. Capture runs in its own thread; ``latest()`` never builds a backlog."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def latest(self) -> TimedFrame | None:
        """The newest frame not handed out before, or ``None`` when there is none yet."""
        ...

    @property
    def online(self) -> bool: ...


@runtime_checkable
class PhotoCamera(Protocol):
    """The bay terminal's camera: one still photo on demand (findings). ``capture`` blocks
    (call it off the GUI thread) and raises a :class:`DeviceError` (``DeviceOffline``,
    ``DeviceTimeout``) when no photo comes."""

    def capture(self) -> Frame: ...

    def close(self) -> None:
        """Release the device."""
        ...


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True, slots=True)
class PlateRead:
    """One plate read from one image: normalised text, 0..1 confidence, where it was."""

    text: str
    confidence: float
    box: Box | None = None
    char_confidences: tuple[float, ...] = ()


@runtime_checkable
class PlateEngine(Protocol):
    """Recognises the plate(s) in one image."""

    name: str

    def read(self, image: Frame) -> list[PlateRead]:
        """Plates found in the image, best first; empty when there is none."""
        ...


FULL_SCALES = (640, 1280)  # text-detector sizes of a full read (the finer one only when unsure)


@dataclass(frozen=True, slots=True)
class ReadBudget:
    """How much one read of a frame may spend (a still image gets the full read).

    ``scales``: the text-detector sizes to try, in order, while no read is convincing (a
    size above 640 only when nothing scored well and the image is large). ``hint``: where a
    plate was in the previous frame; that region is read first. ``raw``: also return the
    text candidates that fit no plate grammar (:attr:`PlateScan.raw`).
    """

    scales: tuple[int, ...] = FULL_SCALES
    hint: Box | None = None
    raw: bool = False


@dataclass(frozen=True, slots=True)
class PlateScan:
    """One budgeted read: the plates (best first), and, when asked for, the text lines read
    on plate-like candidates that fit no plate grammar (normalised, best first)."""

    reads: list[PlateRead]
    raw: tuple[PlateRead, ...] = ()


@runtime_checkable
class BudgetedPlateEngine(Protocol):
    """A plate engine a lane can give a per-frame budget (see :class:`ReadBudget`)."""

    name: str

    def read(self, image: Frame) -> list[PlateRead]: ...

    def scan(self, image: Frame, budget: ReadBudget) -> PlateScan: ...


@runtime_checkable
class BarrierGate(Protocol):
    """A barrier. ``open()`` returns when the pulse was acknowledged or raises a DeviceError."""

    def open(self) -> None: ...

    @property
    def online(self) -> bool: ...

    def close(self) -> None:
        """Release the port."""
        ...


@runtime_checkable
class ReceiptPrinter(Protocol):
    """A small receipt printer (ESC/POS). Raises a DeviceError when it cannot print."""

    def print_ticket(self, ticket: Ticket) -> None: ...


@dataclass(frozen=True, slots=True)
class TicketLine:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Ticket:
    """A short printed slip: check-in ticket or settlement receipt. Text is already translated."""

    title: str
    store_name: str
    lines: tuple[TicketLine, ...]
    qr_url: str | None = None
    footer: str = ""


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Timezone-aware UTC wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


# -- notifications to the owner (email, SMS, WeChat) ---------------------------------------


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """One message of the outbox, as a channel adapter sends it."""

    key: str  # unique per message; adapters hand it to the provider as an idempotency key
    event: str  # received | approval | promise_at_risk | ready | delivered
    channel: str  # email | sms | wechat
    recipient: str  # an address, a phone number or a WeChat openid
    language: str
    subject: str
    body: str
    link: str
    params: dict[str, str]  # the template's values (SMS and WeChat templates take these)


class NotifyError(Exception):
    """A message was not delivered."""


class NotifyTransient(NotifyError):
    """Try again later: a timeout, a dropped connection, a 5xx, a provider busy."""


class NotifyRejected(NotifyError):
    """Will not go through as it is: a refused recipient, bad credentials, a 4xx."""


@runtime_checkable
class NotificationChannel(Protocol):
    """A way to reach an owner. ``send`` returns the provider's reference for the message."""

    name: str

    def send(self, message: OutgoingMessage) -> str: ...


# An upload fails the same two ways a message does (the leased outbox retries the one and
# lists the other): the same errors, so ``hardware.notify.http_json`` serves both.
UploadError = NotifyError
UploadTransient = NotifyTransient
UploadRejected = NotifyRejected


@runtime_checkable
class RepairRecordUploader(Protocol):
    """The national repair record platform (汽车维修电子健康档案) of the shop's province.

    ``upload`` sends one record (the body of :mod:`workshop_app.lifecycle.repair_record`)
    with ``key`` as its idempotency key: a record re-sent with the same key (its first
    answer was lost) is accepted once. Returns the platform's reference; raises
    :class:`UploadTransient` (try again) or :class:`UploadRejected` (will not go through).
    """

    def upload(self, key: str, record: dict[str, Any]) -> str: ...
