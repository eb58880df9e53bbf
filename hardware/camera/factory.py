"""Pick the camera source from ``settings.camera.source``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hardware.camera.simulated import SimulatedCamera, demo_frames
from hardware.camera.sources import FolderFrameSource, OpenCvFrameSource, ThreadedFrameSource
from workshop_app.config import Settings
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _

DEMO_PLATES = ("粤A12345", "粤B8D123", "粤AD12345", "京N7Z2Q8", "沪AF05678")


def make_frame_source(
    settings: Settings, demo_plates: Sequence[str] | None = None
) -> ThreadedFrameSource:
    """``"demo"``/``"simulated"`` -> :class:`SimulatedCamera` (with ``demo_plates``); a number ->
    USB camera; a folder -> its images at ``camera.fps``; else a URL or video file."""
    source = settings.camera.source.strip()
    if not source:  # a real shop without a camera works by typed plates; never the demo's
        raise InvalidInput(_("No camera is configured (camera.source)."))
    fps = float(settings.camera.fps)
    if source.lower() in ("demo", "simulated", "sim"):
        return demo_frames(list(demo_plates or DEMO_PLATES), fps=fps)
    if source.isdigit():
        return OpenCvFrameSource(int(source))
    if Path(source).is_dir():
        return FolderFrameSource(source, fps=fps)
    return OpenCvFrameSource(source, fps=fps if Path(source).is_file() else 0.0)


__all__ = ["SimulatedCamera", "make_frame_source"]
