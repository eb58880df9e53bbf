"""Our own plate recogniser: a small CRNN trained on rendered plates only, run by onnxruntime.

The network (``tools/plates/train.py``) sees a fixed 32 x 128 grey image and emits, for each
of its 32 columns, a distribution over the plate alphabet plus the CTC blank (index 0). It
reads one line of a plate; two-row plates are read row by row from the reader's row crops,
like PP-OCR. Its weights ship in ``workshop_app/plates/models/plate_rec.onnx`` with a model
card beside them. The runtime never imports torch.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from workshop_app.errors import WorkshopError
from workshop_app.i18n import _
from workshop_app.plates.grammar import LATIN_ALPHABET, PROVINCES, SPECIAL_SUFFIXES
from workshop_app.plates.paddle_onnx import TextLine
from workshop_app.ports import Frame

FloatArray = npt.NDArray[np.float32]

INPUT_HEIGHT = 32
INPUT_WIDTH = 128
# The model's classes after the CTC blank (index 0). Changing it means retraining.
ALPHABET = "".join(dict.fromkeys(PROVINCES + SPECIAL_SUFFIXES + LATIN_ALPHABET))
MODEL_FILE = "plate_rec.onnx"


def model_path() -> Path:
    """Where the packaged model lives."""
    return Path(str(resources.files("workshop_app.plates") / "models" / MODEL_FILE))


def prepare(crop: Frame) -> FloatArray:
    """One crop (BGR or grey, any size) as the model's 1 x 32 x 128 input in -1..1."""
    grey = crop if crop.ndim == 2 else cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    interp = cv2.INTER_AREA if grey.shape[0] > INPUT_HEIGHT else cv2.INTER_LINEAR
    small = cv2.resize(grey, (INPUT_WIDTH, INPUT_HEIGHT), interpolation=interp)
    x = small.astype(np.float32) / 127.5 - 1.0
    return x[None, :, :]


def ctc_decode(probs: FloatArray, alphabet: str = ALPHABET) -> TextLine:
    """Greedy CTC decode of one ``T x (1 + len(alphabet))`` softmax output.

    Each character's confidence is the highest probability over the columns it spans.
    """
    best = probs.argmax(axis=1)
    text: list[str] = []
    confs: list[float] = []
    spans: list[tuple[int, int]] = []
    prev = 0
    for t, k in enumerate(best):
        k = int(k)
        if k != 0 and k != prev:
            text.append(alphabet[k - 1])
            confs.append(float(probs[t, k]))
            spans.append((t, t + 1))
        elif k != 0 and k == prev and spans:
            confs[-1] = max(confs[-1], float(probs[t, k]))
            spans[-1] = (spans[-1][0], t + 1)
        prev = k
    mean = float(np.mean(confs)) if confs else 0.0
    return TextLine("".join(text), mean, tuple(confs), tuple(spans))


class PlateRecogniser:
    """The packaged plate model in an onnxruntime session (one thread: the lane PC is small)."""

    def __init__(self, path: Path | None = None) -> None:
        import onnxruntime as ort

        p = path or model_path()
        if not p.is_file():
            raise WorkshopError(_("The plate model {path} is missing.", path=str(p)))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.add_session_config_entry("session.inter_op.allow_spinning", "0")
        self._sess = ort.InferenceSession(
            str(p), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._input = self._sess.get_inputs()[0].name
        self._lock = threading.Lock()

    def run(self, crops: list[Frame]) -> list[FloatArray]:
        """Softmax outputs (T x classes), one per crop."""
        if not crops:
            return []
        batch = np.stack([prepare(c) for c in crops]).astype(np.float32)
        with self._lock:
            (out,) = self._sess.run(None, {self._input: batch})
        arr = np.asarray(out, np.float32)
        return [arr[i] for i in range(arr.shape[0])]

    def recognise(self, crops: list[Frame]) -> list[TextLine]:
        return [ctc_decode(p) for p in self.run(crops)]
