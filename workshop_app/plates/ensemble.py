"""Two recognisers, one read: PP-OCR and our plate model combined character by character.

- Where both read the same character, it is surer than either alone: ``1 - (1-p)(1-q)``.
- Where they differ on a look-alike pair (5/S, 0/D, 6/G, one province for another ...), the
  plate model settles it (when it is at least half sure; a province only when it is very
  sure and surer than PP-OCR): it was trained on plates alone and knows their fonts.
- Where they differ otherwise, the surer character is kept but its confidence drops well
  below either, so the lane asks instead of opening on a guess.
- Reads of different lengths are aligned; the read that fits the plate grammar (or, if both
  or neither do, the surer one) wins, and its characters the other did not see count less.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

import numpy as np

from workshop_app.plates.paddle_onnx import TextLine

RECOGNISERS = ("ensemble", "ppocr", "plate")
# Look-alike pairs the plate model settles (a superset of matching.CONFUSABLE_GROUPS).
CONFUSABLE_GROUPS = ("0ODQU", "8B3", "1IL7T", "2Z", "5S", "6G", "4A")
_GROUP = {c: i for i, g in enumerate(CONFUSABLE_GROUPS) for c in g}
# The plate model settles a look-alike pair only when at least this sure of its character;
# one Chinese character for another (a province) only when this sure and surer than PP-OCR:
# provinces are what the model trained on rendered plates reads worst (see its model card).
SETTLE = 0.5
SETTLE_CJK = 0.9
# A character they disagree on (not a look-alike) keeps at most this share of its confidence.
DISAGREE = 0.5
# A character only one of them saw (reads of different lengths).
UNMATCHED = 0.6


def confusable(a: str, b: str) -> bool:
    """Look-alikes: the same group, or two Chinese characters (a province for another)."""
    if a == b:
        return True
    if _cjk(a) and _cjk(b):
        return True
    return a in _GROUP and _GROUP[a] == _GROUP.get(b)


def _cjk(c: str) -> bool:
    return ord(c) > 0x2E80


def _agree(p: float, q: float) -> float:
    return 1.0 - (1.0 - p) * (1.0 - q)


def _line(chars: list[str], confs: list[float]) -> TextLine:
    mean = float(np.mean(confs)) if confs else 0.0
    return TextLine("".join(chars), mean, tuple(confs))


def _confs(line: TextLine) -> list[float]:
    c = list(line.char_confidences)
    if len(c) != len(line.text):
        c = [line.confidence] * len(line.text)
    return c


def combine(
    ppocr: TextLine, plate: TextLine, fits: Callable[[str], bool] = lambda _t: True
) -> TextLine:
    """One read from the two recognisers' reads of the same crop (see the module doc).

    ``fits`` says whether a text fits the plate grammar (it picks the winner when the two
    reads differ in length).
    """
    a, b = ppocr.text, plate.text
    ca, cb = _confs(ppocr), _confs(plate)
    if not b:
        return _line(list(a), [c * UNMATCHED for c in ca])
    if not a:
        return _line(list(b), [c * UNMATCHED for c in cb])
    if len(a) == len(b):
        chars: list[str] = []
        confs: list[float] = []
        for x, y, p, q in zip(a, b, ca, cb, strict=True):
            if x == y:
                chars.append(x)
                confs.append(_agree(p, q))
            elif (
                confusable(x, y)
                and q >= (SETTLE_CJK if _cjk(y) else SETTLE)
                and (not _cjk(y) or q > p)
            ):
                chars.append(y)
                confs.append(q)
            else:
                chars.append(x if p >= q else y)
                confs.append(min(p, q) * DISAGREE)
        return _line(chars, confs)
    fa, fb = fits(a), fits(b)
    a_wins = fa if fa != fb else float(np.mean(ca)) >= float(np.mean(cb))
    win, lose = (a, b) if a_wins else (b, a)
    cw, cl = (ca, cb) if a_wins else (cb, ca)
    out = [c * UNMATCHED for c in cw]
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, win, lose, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                out[i1 + k] = _agree(cw[i1 + k], cl[j1 + k])
    return _line(list(win), out)
