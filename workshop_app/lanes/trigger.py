"""Is anything moving in front of the camera? A cheap test run on every frame, so a quiet
lane costs almost nothing: the frame is shrunk to a small grey grid (``GRID`` cells) and
compared with the last one; the scene moved when enough cells changed by more than the
threshold. Sensor noise averages out over the pixels of a cell.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from workshop_app.ports import Frame

GRID = (32, 18)  # cells across, down (16:9)


def thumbnail(frame: Frame) -> npt.NDArray[np.float32]:
    """The frame as a ``GRID`` of mean grey levels."""
    grey = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    small = cv2.resize(grey, GRID, interpolation=cv2.INTER_AREA)
    return np.asarray(small, np.float32)


class MotionTrigger:
    """``moved(frame)`` is true when the scene changed since the previous frame."""

    def __init__(self, threshold: float = 8.0, cells: float = 0.01) -> None:
        self.threshold = threshold
        self.cells = cells
        self._last: npt.NDArray[np.float32] | None = None

    def moved(self, frame: Frame) -> bool:
        thumb = thumbnail(frame)
        last, self._last = self._last, thumb
        if last is None or last.shape != thumb.shape:
            return True  # the first frame (or a new resolution): have a look
        changed = np.abs(thumb - last) > self.threshold
        return bool(changed.mean() >= self.cells)

    def reset(self) -> None:
        self._last = None
