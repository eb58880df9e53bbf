"""PP-OCR text detection and recognition run straight on onnxruntime.

The weights come from the installed ``rapidocr_onnxruntime`` wheel (offline, nothing is
downloaded). We use our own pre/post-processing rather than RapidOCR's pipeline: the
recogniser can be told which characters a plate may hold (the rest are masked out of the
CTC decode), and it reports a confidence per character for the frame vote.
"""

from __future__ import annotations

import importlib.util
import math
import os
import string
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from workshop_app.errors import WorkshopError
from workshop_app.i18n import _
from workshop_app.ports import Frame

REC_MODEL = "ch_PP-OCRv4_rec_infer.onnx"
DET_MODEL = "ch_PP-OCRv4_det_infer.onnx"
REC_HEIGHT = 48
REC_MAX_WIDTH = 640
REC_STRIDE = 8  # input pixels per output time step of the recogniser

FloatArray = npt.NDArray[np.float32]
BATCH = 4  # crops per recogniser call


def _width(ratio: float) -> int:
    """Recogniser input width for a crop of this width/height ratio (a multiple of 8).

    At least 320 like PaddleOCR's own inference (the model was trained that way): narrower
    inputs flipped borderline characters (Q read as O on a rendered 京N7Z2Q8), and with one
    common width every crop of a plate-shaped candidate goes into the same batch.
    """
    return int(min(REC_MAX_WIDTH, max(320, math.ceil(REC_HEIGHT * ratio / 8) * 8)))


def rapidocr_model_dir() -> Path:
    """The ``models`` folder inside the installed rapidocr_onnxruntime package."""
    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or not spec.submodule_search_locations:
        raise WorkshopError(
            _("The plate reader needs the rapidocr-onnxruntime package; it is not installed.")
        )
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def _session(path: Path) -> object:
    import onnxruntime as ort

    if not path.is_file():
        raise WorkshopError(_("OCR model file is missing: {path}", path=path))
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, min(4, os.cpu_count() or 1))
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    # No busy-waiting between operators: on a shared 2-core PC (the desk, the lanes, the
    # database) spinning threads fight the others for the cores; measured on the lane's
    # scenes: 63-82 ms CPU and 0.11-0.23 s per read without, 155-191 ms and 0.67-1.1 s with.
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])


@dataclass(frozen=True, slots=True)
class TextLine:
    """One recognised line: text, mean confidence and one confidence per character."""

    text: str
    confidence: float
    char_confidences: tuple[float, ...]
    spans: tuple[tuple[int, int], ...] = ()  # time steps (start, end) of each character


class TextRecogniser:
    """The PP-OCRv4 CRNN/SVTR recogniser with a CTC decode restricted to an alphabet."""

    def __init__(self, model_path: Path | None = None) -> None:
        path = model_path or rapidocr_model_dir() / REC_MODEL
        self._sess = _session(path)
        meta = self._sess.get_modelmeta().custom_metadata_map  # type: ignore[attr-defined]
        chars = meta.get("character", "").splitlines()
        if not chars:
            raise WorkshopError(_("OCR model {path} carries no character list.", path=path))
        # Index 0 is the CTC blank; PaddleOCR appends a space after the dictionary.
        self.characters: list[str] = ["", *chars, " "]
        self._input = self._sess.get_inputs()[0].name  # type: ignore[attr-defined]
        self._lock = threading.Lock()
        self._masks: dict[str, npt.NDArray[np.bool_]] = {}
        index = {c: i for i, c in enumerate(self.characters) if i > 0}
        pairs = [
            (index[c], index[c.lower()])
            for c in string.ascii_uppercase
            if c in index and c.lower() in index
        ]
        self._upper = np.array([u for u, _l in pairs], dtype=np.int64)
        self._lower = np.array([lo for _u, lo in pairs], dtype=np.int64)
        # Punctuation and symbols (the dot of 粤B·12345, a hyphen, a colon-like emblem): where
        # the model sees one of these, the restricted decode must see a gap, not a letter.
        self._separators = np.array(
            [i > 0 and (unicodedata.category(c)[0] in "PSZ") for i, c in enumerate(self.characters)]
        )

    def mask_for(self, alphabet: str) -> npt.NDArray[np.bool_]:
        """Boolean mask over the model's classes: blank plus the characters in ``alphabet``."""
        mask = self._masks.get(alphabet)
        if mask is None:
            allowed = set(alphabet)
            mask = np.array([i == 0 or c in allowed for i, c in enumerate(self.characters)])
            self._masks[alphabet] = mask
        return mask

    @staticmethod
    def _prepare(img: Frame, width: int) -> FloatArray:
        h, w = img.shape[:2]
        new_w = max(8, min(width, math.ceil(REC_HEIGHT * w / max(1, h))))
        resized = cv2.resize(img, (new_w, REC_HEIGHT), interpolation=cv2.INTER_LINEAR)
        out = np.zeros((3, REC_HEIGHT, width), dtype=np.float32)
        out[:, :, :new_w] = resized.transpose(2, 0, 1).astype(np.float32) / 127.5 - 1.0
        return out

    def run(self, crops: list[Frame]) -> list[FloatArray]:
        """Class probabilities (time steps x classes) for each BGR crop, batched."""
        if not crops:
            return []
        ratios = [c.shape[1] / max(1, c.shape[0]) for c in crops]
        order = sorted(range(len(crops)), key=lambda i: ratios[i])
        out: list[FloatArray | None] = [None] * len(crops)
        # Batch only crops that need the same input width: padding a narrow crop to a wide one
        # costs time and changes what the model reads (a borderline Q/O flips).
        groups: list[list[int]] = []
        for i in order:
            if (
                groups
                and len(groups[-1]) < BATCH
                and _width(ratios[i]) == _width(ratios[groups[-1][0]])
            ):
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            width = _width(ratios[group[-1]])
            batch = np.stack([self._prepare(crops[i], width) for i in group])
            with self._lock:
                probs = self._sess.run(None, {self._input: batch})[0]  # type: ignore[attr-defined]
            for i, p in zip(group, probs, strict=True):
                out[i] = p
        return [p for p in out if p is not None]

    def decode(self, probs: FloatArray, alphabet: str | None = None) -> TextLine:
        """Greedy CTC decode, keeping only characters of ``alphabet`` (all when ``None``)."""
        return self._decode(probs, self.mask_for(alphabet) if alphabet else None)

    def recognise(self, crops: list[Frame], alphabet: str | None = None) -> list[TextLine]:
        """Read each BGR crop (one text line each)."""
        return [self.decode(p, alphabet) for p in self.run(crops)]

    def _decode(self, probs: FloatArray, mask: npt.NDArray[np.bool_] | None) -> TextLine:
        if mask is not None:
            probs = probs.copy()
            probs[:, self._upper] += probs[:, self._lower]
            probs[:, self._lower] = 0.0
            full = probs.argmax(axis=1)
            probs = np.where(mask[None, :], probs, 0.0)
            # A separator, or a symbol the plate cannot hold and no plate character comes
            # close to: a gap, not a letter.
            gap = self._separators[full] | (~mask[full] & (probs.max(axis=1) < 0.25))
            probs[gap, 0] = 1.0
        idx = probs.argmax(axis=1)
        best = probs[np.arange(len(idx)), idx]
        text: list[str] = []
        confs: list[float] = []
        spans: list[tuple[int, int]] = []
        prev = 0
        for t, (i, p) in enumerate(zip(idx.tolist(), best.tolist(), strict=True)):
            if i != 0 and i == prev:
                confs[-1] = max(confs[-1], p)
                spans[-1] = (spans[-1][0], t + 1)
            elif i != 0:
                text.append(self.characters[i])
                confs.append(p)
                spans.append((t, t + 1))
            prev = i
        mean = float(np.mean(confs)) if confs else 0.0
        return TextLine("".join(text), mean, tuple(float(c) for c in confs), tuple(spans))

    def best_of(self, probs: FloatArray, start: int, end: int, alphabet: str) -> tuple[str, float]:
        """The most likely character of ``alphabet`` over time steps ``start:end``."""
        if end <= start:
            return "", 0.0
        mask = self.mask_for(alphabet).copy()
        mask[0] = False
        window = probs[start:end][:, mask]
        if window.size == 0:
            return "", 0.0
        flat = int(window.max(axis=0).argmax())
        return self.characters[int(np.flatnonzero(mask)[flat])], float(window.max(axis=0)[flat])


@dataclass(frozen=True, slots=True)
class TextBox:
    """A detected text region: a rotated rectangle in image pixels and its score."""

    points: npt.NDArray[np.float32]  # 4x2, clockwise from top-left
    score: float


class TextDetector:
    """The PP-OCRv4 DBNet text detector (used when colour and edge candidates find nothing)."""

    def __init__(self, model_path: Path | None = None, *, max_side: int = 640) -> None:
        self._sess = _session(model_path or rapidocr_model_dir() / DET_MODEL)
        self._input = self._sess.get_inputs()[0].name  # type: ignore[attr-defined]
        self._lock = threading.Lock()
        self.max_side = max_side

    def detect(self, image: Frame, *, max_side: int | None = None) -> list[TextBox]:
        limit = max_side or self.max_side
        h, w = image.shape[:2]
        scale = min(1.0, limit / max(h, w))
        nh = max(32, round(h * scale / 32) * 32)
        nw = max(32, round(w * scale / 32) * 32)
        resized = cv2.resize(image, (nw, nh))
        x = (resized.astype(np.float32) / 127.5 - 1.0).transpose(2, 0, 1)[None]
        with self._lock:
            prob = self._sess.run(None, {self._input: x})[0][0, 0]  # type: ignore[attr-defined]
        bitmap = (prob > 0.3).astype(np.uint8)
        bitmap = cv2.dilate(bitmap, np.ones((2, 2), np.uint8))
        contours, _h = cv2.findContours(bitmap, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        sx, sy = w / nw, h / nh
        boxes: list[TextBox] = []
        for cnt in contours[:300]:
            if cv2.contourArea(cnt) < 6:
                continue
            x0, y0, bw, bh = cv2.boundingRect(cnt)
            region = np.zeros((bh, bw), np.uint8)
            cv2.fillPoly(region, [cnt - np.array([x0, y0])], 1)
            score = float(cv2.mean(prob[y0 : y0 + bh, x0 : x0 + bw], region)[0])
            if score < 0.5:
                continue
            (cx, cy), (rw, rh), angle = cv2.minAreaRect(cnt)
            area, perim = rw * rh, 2 * (rw + rh)
            if min(rw, rh) < 2 or perim <= 0:
                continue
            grow = area * 1.6 / perim
            rect = ((cx, cy), (rw + 2 * grow, rh + 2 * grow), angle)
            pts = cv2.boxPoints(rect)
            pts[:, 0] *= sx
            pts[:, 1] *= sy
            boxes.append(TextBox(order_points(np.asarray(pts, np.float32)), score))
        return boxes


def order_points(pts: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Order four corners top-left, top-right, bottom-right, bottom-left."""
    pts = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    out = np.zeros((4, 2), dtype=np.float32)
    out[0] = pts[np.argmin(s)]
    out[2] = pts[np.argmax(s)]
    out[1] = pts[np.argmin(d)]
    out[3] = pts[np.argmax(d)]
    return out
