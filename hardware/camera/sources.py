"""Camera sources: a capture thread per source with a size-1 latest-frame slot.

Capture never blocks its reader and never builds a backlog: each new frame replaces the one
in the slot, and :meth:`latest` hands a frame out once. A source that fails (unplugged USB
camera, dropped RTSP stream) goes ``online = False`` with ``last_error`` set, and is reopened
with exponential backoff until :meth:`stop`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np

from workshop_app.ports import DeviceError, DeviceOffline, Frame, TimedFrame

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"}


class ThreadedFrameSource:
    """Base: runs ``_open`` / ``_grab`` / ``_close`` in a thread; subclasses do the I/O.

    ``_grab`` returns a frame, ``None`` when there is nothing right now, or raises
    :class:`DeviceError` when the source is lost (it is then closed and reopened).
    """

    name = "camera"

    def __init__(
        self,
        *,
        fps: float = 0.0,
        backoff_initial_s: float = 0.5,
        backoff_max_s: float = 30.0,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.fps = fps
        self.backoff_initial_s = backoff_initial_s
        self.backoff_max_s = backoff_max_s
        self._now = now
        self._lock = threading.Lock()
        self._slot: TimedFrame | None = None
        self._sequence = 0
        self._online = False
        self.last_error: str | None = None
        self.reconnects = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- FrameSource --------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"{self.name}-capture", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._online = False

    def latest(self) -> TimedFrame | None:
        with self._lock:
            frame, self._slot = self._slot, None
        return frame

    @property
    def online(self) -> bool:
        return self._online

    def wait_for_frame(self, timeout: float = 5.0) -> TimedFrame | None:
        """Block (not on a GUI thread!) until a frame arrives or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            f = self.latest()
            if f is not None:
                return f
            if self._stop.wait(0.01):
                return None
        return None

    # -- subclass hooks -----------------------------------------------------------

    def _open(self) -> None:
        raise NotImplementedError

    def _grab(self) -> Frame | None:
        raise NotImplementedError

    def _close(self) -> None:
        return None

    # -- the loop -----------------------------------------------------------------

    def _publish(self, frame: Frame) -> None:
        with self._lock:
            self._sequence += 1
            self._slot = TimedFrame(frame, self._now(), self._sequence)

    def _run(self) -> None:
        delay = self.backoff_initial_s
        while not self._stop.is_set():
            try:
                self._open()
                self._online = True
                self.last_error = None
                delay = self.backoff_initial_s
                period = 1.0 / self.fps if self.fps > 0 else 0.0
                while not self._stop.is_set():
                    t0 = time.monotonic()
                    frame = self._grab()
                    if frame is not None:
                        self._publish(frame)
                    wait = (
                        period - (time.monotonic() - t0)
                        if period
                        else (0.0 if frame is not None else 0.01)
                    )
                    if wait > 0 and self._stop.wait(wait):
                        break
            except DeviceError as exc:
                self._online = False
                self.last_error = str(exc)
                self.reconnects += 1
                log.warning("%s lost: %s; retrying in %.1f s", self.name, exc, delay)
            except Exception as exc:  # a driver bug must not kill the thread silently
                self._online = False
                self.last_error = f"{type(exc).__name__}: {exc}"
                self.reconnects += 1
                log.exception("%s failed", self.name)
            finally:
                try:
                    self._close()
                except Exception:  # pragma: no cover - closing a broken device
                    log.debug("close failed", exc_info=True)
            if self._stop.wait(delay):
                break
            delay = min(self.backoff_max_s, delay * 2)
        self._online = False


class OpenCvFrameSource(ThreadedFrameSource):
    """A USB camera (index), an RTSP/HTTP stream (URL) or a video file, through OpenCV.

    Video files loop at the end (``loop=True``) and play at ``fps`` (their own rate if 0).
    """

    def __init__(
        self, target: int | str, *, fps: float = 0.0, loop: bool = True, **kw: object
    ) -> None:
        super().__init__(fps=fps, **kw)  # type: ignore[arg-type]
        self.target = target
        self.loop = loop
        self.name = f"camera {target}"
        self._cap: cv2.VideoCapture | None = None
        self._is_file = isinstance(target, str) and Path(target).is_file()
        self._misses = 0

    def _open(self) -> None:
        cap = cv2.VideoCapture(self.target)
        if not cap.isOpened():
            cap.release()
            raise DeviceOffline(f"cannot open {self.target}")
        if self._is_file and self.fps <= 0:
            rate = cap.get(cv2.CAP_PROP_FPS)
            self.fps = float(rate) if 0 < rate < 121 else 25.0
        self._cap = cap
        self._misses = 0

    def _grab(self) -> Frame | None:
        assert self._cap is not None
        ok, frame = self._cap.read()
        if ok and frame is not None:
            self._misses = 0
            return np.ascontiguousarray(frame)
        if self._is_file:
            if not self.loop:
                raise DeviceOffline(f"end of {self.target}")
            self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
            return None
        self._misses += 1
        if self._misses >= 25:
            raise DeviceOffline(f"no frames from {self.target}")
        return None

    def _close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class FolderFrameSource(ThreadedFrameSource):
    """The images of a folder, in name order, played at ``fps`` (looping)."""

    def __init__(
        self, folder: str | Path, *, fps: float = 5.0, loop: bool = True, **kw: object
    ) -> None:
        super().__init__(fps=fps, **kw)  # type: ignore[arg-type]
        self.folder = Path(folder)
        self.loop = loop
        self.name = f"folder {self.folder}"
        self._files: Iterator[Path] = iter(())

    def _list(self) -> list[Path]:
        if not self.folder.is_dir():
            raise DeviceOffline(f"{self.folder} is not a folder")
        files = sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if not files:
            raise DeviceOffline(f"no images in {self.folder}")
        return files

    def _open(self) -> None:
        self._files = iter(self._list())

    def _grab(self) -> Frame | None:
        for _attempt in range(2):
            for path in self._files:
                img = cv2.imread(str(path), cv2.IMREAD_COLOR)
                if img is not None:
                    return np.asarray(img, dtype=np.uint8)
                log.warning("skipping unreadable image %s", path)
            if not self.loop:
                self._stop.set()
                return None
            self._files = iter(self._list())
        raise DeviceOffline(f"no readable images in {self.folder}")


class GeneratedFrameSource(ThreadedFrameSource):
    """Frames from a function (``make_frame(i)``), at ``fps``: simulators and tests."""

    def __init__(
        self, make_frame: Callable[[int], Frame], *, fps: float = 5.0, **kw: object
    ) -> None:
        super().__init__(fps=fps, **kw)  # type: ignore[arg-type]
        self._make = make_frame
        self._i = 0
        self.name = "generated"

    def _open(self) -> None:
        return None

    def _grab(self) -> Frame | None:
        frame = self._make(self._i)
        self._i += 1
        return frame
