"""Plate engines behind :class:`workshop_app.ports.PlateEngine`, and the factory for them.

``rapidocr`` (default): PP-OCR ONNX models from the installed ``rapidocr_onnxruntime``
wheel, see :mod:`workshop_app.plates.reader`, with our own plate model beside it or instead
of it as ``settings.plates.recogniser`` says (``ensemble``, ``ppocr`` or ``plate``).
``easyocr`` (optional, ``pip install .[easyocr]``): EasyOCR models from
``settings.plates.easyocr_model_dir``, downloads off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workshop_app.config import Settings
from workshop_app.errors import WorkshopError
from workshop_app.i18n import _
from workshop_app.plates.grammar import KNOWN_REGIONS, match_format, normalise_plate, plate_formats
from workshop_app.plates.reader import MIN_CONFIDENCE, RapidOcrPlateEngine
from workshop_app.ports import Box, Frame, PlateEngine, PlateRead

ENGINES = ("rapidocr", "easyocr")
# EasyOCR weights it needs in the model folder: the CRAFT detector and the recognisers.
EASYOCR_FILES = {"detector": "craft_mlt_25k.pth", "en": "english_g2.pth", "ch_sim": "zh_sim_g2.pth"}


class EasyOcrPlateEngine:
    """EasyOCR with local weights only. Raises :class:`WorkshopError` naming what is missing."""

    name = "easyocr"

    def __init__(
        self, model_dir: str | Path, regions: tuple[str, ...] | list[str] = KNOWN_REGIONS
    ) -> None:
        self.formats = plate_formats(regions)
        folder = Path(model_dir) if str(model_dir) else None
        if folder is None or not folder.is_dir():
            raise WorkshopError(
                _(
                    "The EasyOCR engine needs its model folder (plates.easyocr_model_dir); "
                    "{path} does not exist.",
                    path=str(folder) if folder else _("(not set)"),
                )
            )
        langs = ["en"] + (["ch_sim"] if any(f.region == "cn" for f in self.formats) else [])
        wanted = [EASYOCR_FILES["detector"]] + [EASYOCR_FILES[lang] for lang in langs]
        missing = [f for f in wanted if not (folder / f).is_file()]
        if missing:
            raise WorkshopError(
                _(
                    "EasyOCR model files missing in {path}: {files}",
                    path=str(folder),
                    files=", ".join(missing),
                )
            )
        try:
            import easyocr  # type: ignore[import-not-found, unused-ignore]
        except ImportError as exc:
            raise WorkshopError(
                _("The EasyOCR engine is not installed: pip install 'workshop[easyocr]'.")
            ) from exc
        self._reader: Any = easyocr.Reader(
            langs,
            gpu=False,
            model_storage_directory=str(folder),
            download_enabled=False,
            verbose=False,
        )

    def read(self, image: Frame) -> list[PlateRead]:
        out: list[PlateRead] = []
        for pts, text, conf in self._reader.readtext(image):
            plate = normalise_plate(str(text))
            if float(conf) < MIN_CONFIDENCE or match_format(plate, self.formats) is None:
                continue
            xs = [int(p[0]) for p in pts]
            ys = [int(p[1]) for p in pts]
            box = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            out.append(PlateRead(plate, round(float(conf), 4), box))
        out.sort(key=lambda r: -r.confidence)
        return out


def make_plate_engine(settings: Settings, name: str | None = None) -> PlateEngine:
    """The configured plate engine (``settings.plates.engine``, or ``name`` when given)."""
    plates = settings.plates
    engine = (name or plates.engine or "rapidocr").strip().lower()
    custom = list(getattr(plates, "custom_formats", []) or [])
    if engine == "rapidocr":
        return RapidOcrPlateEngine(plates.regions, custom, mode=plates.recogniser)
    if engine == "easyocr":
        return EasyOcrPlateEngine(plates.easyocr_model_dir, plates.regions)
    raise WorkshopError(
        _(
            "Unknown plate engine {name}; choose one of: {names}",
            name=engine,
            names=", ".join(ENGINES),
        )
    )
