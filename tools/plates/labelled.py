"""A shop's own labelled lane crops, for fine-tuning the plate model (``train.py --images``).

Torch-free, so the runtime's test suite checks it. A folder holds either ``labels.csv``
(``file,plate`` rows, paths relative to the folder) or image files named by their plate
(``粤B12345.jpg``, ``粤B12345_2.jpg``: what follows an underscore is not part of the plate).
Plates are normalised as the reader stores them; a row whose plate has a character outside
the model's alphabet, or whose image does not load, is skipped with a note on stderr. The
benchmark's dev set is refused: it is the referee and never trains the model.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import cv2
import numpy as np

from workshop_app.plates.grammar import normalise_plate
from workshop_app.plates.plate_model import ALPHABET

FORBIDDEN = "shared/data/plates"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp")


class DevSetRefused(SystemExit):
    """The folder is (inside) the benchmark's dev set."""


def load_images(folder: Path) -> list[tuple[np.ndarray, str]]:
    """The folder's labelled crops as (BGR image, normalised plate) pairs."""
    if FORBIDDEN in folder.resolve().as_posix():
        raise DevSetRefused(f"{folder} is the benchmark's dev set: never train or calibrate on it")
    rows: list[tuple[Path, str]] = []
    labels = folder / "labels.csv"
    if labels.is_file():
        with labels.open(encoding="utf-8") as fh:
            rows = [(folder / r["file"], r["plate"]) for r in csv.DictReader(fh)]
    else:
        for p in sorted(folder.iterdir()):
            if p.suffix.lower() in IMAGE_SUFFIXES:
                rows.append((p, p.stem.split("_")[0]))
    out: list[tuple[np.ndarray, str]] = []
    for path, plate in rows:
        data = np.fromfile(str(path), np.uint8) if path.is_file() else np.zeros(0, np.uint8)
        img = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
        label = normalise_plate(plate)
        if img is None or not label or any(c not in ALPHABET for c in label):
            print(f"skipped {path} ({plate!r})", file=sys.stderr)
            continue
        out.append((img, label))
    print(f"{len(out)} labelled crops from {folder}")
    return out


def jitter(crop: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A shop's own crop, cut a little differently (the reader's crops are not exact)."""
    h, w = crop.shape[:2]
    dx, dy = int(rng.integers(-w // 20, w // 20 + 1)), int(rng.integers(-h // 10, h // 10 + 1))
    m = np.array([[1, 0, dx], [0, 1, dy]], np.float32)
    out = cv2.warpAffine(crop, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
    return np.asarray(out, np.uint8)
