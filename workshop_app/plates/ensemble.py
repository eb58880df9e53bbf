"""Two recognisers, one read: PP-OCR and our plate model combined character by character.

PP-OCR's read is the base; the plate model can only change it, or lower a confidence, where
it is sure of its own character, so an unsure model leaves PP-OCR's read as it is and takes
none of its confidence away (the reader's early stop depends on them):

- Where both read the same character, it is surer than either alone: ``1 - (1-p)(1-q)``
  (an unsure model's agreement adds little).
- Where they differ on a look-alike pair (5/S, 0/D, 6/G, one province for another ...), the
  plate model settles it when its own confidence in that character is at least ``SETTLE``
  (a province: ``SETTLE_CJK`` and surer than PP-OCR): it was trained on plates alone and
  knows their fonts.
- Where they differ otherwise (or on a look-alike the model is not sure enough to settle),
  PP-OCR's character stays; when the model is at least ``SURE`` of its own character, the
  confidence drops well below either, so the lane asks instead of opening on a guess; when
  the model is less sure than that, nothing changes.
- Reads of different lengths: PP-OCR's read stays, unless only the model's fits the plate
  grammar and the model is sure of every character of it. The characters the other read did
  not see count for less only when the model's read was such a sure, grammatical one.

The thresholds come from ``tools/plates/calibrate.py`` on rendered plates (seeded, never the
dev photographs): see the model card ``models/README.md``.
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
# one Chinese character for another (a province) only when this sure and surer than PP-OCR
# (above 1: never). Set by ``tools/plates/calibrate.py`` on 1 500 rendered crops (seed
# 2001), strictly: from these confidences on the model was right on at least 98 % of its
# disagreements with PP-OCR there (rendered crops overstate it on photographs).
SETTLE = 0.97
SETTLE_CJK = 0.97
# Below this confidence the plate model's disagreement is no evidence at all: PP-OCR's
# character keeps its confidence (calibrate.py: from here its characters are 99.5 % right).
SURE = 0.9
# A character they disagree on (the model sure of another) keeps at most this share of its
# confidence.
DISAGREE = 0.5
# A character only one of them saw (reads of different lengths, the other read sure).
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


def settles(x: str, y: str, p: float, q: float) -> bool:
    """Does the plate model's ``y`` (confidence ``q``) replace PP-OCR's ``x`` (``p``)?"""
    if x == y or not confusable(x, y):
        return False
    if _cjk(y):
        return q >= SETTLE_CJK and q > p
    return q >= SETTLE


def combine(
    ppocr: TextLine, plate: TextLine, fits: Callable[[str], bool] = lambda _t: True
) -> TextLine:
    """One read from the two recognisers' reads of the same crop (see the module doc).

    ``fits`` says whether a text fits the plate grammar (it decides, with the model's
    confidence, whether the model's read of another length replaces PP-OCR's).
    """
    a, b = ppocr.text, plate.text
    ca, cb = _confs(ppocr), _confs(plate)
    if not b:
        return ppocr  # the model saw nothing: no evidence either way
    if not a:
        return _line(list(b), [c * UNMATCHED for c in cb])
    if len(a) == len(b):
        chars: list[str] = []
        confs: list[float] = []
        for x, y, p, q in zip(a, b, ca, cb, strict=True):
            if x == y:
                chars.append(x)
                confs.append(_agree(p, q))
            elif settles(x, y, p, q):
                chars.append(y)
                confs.append(q)
            else:
                chars.append(x)
                confs.append(min(p, q) * DISAGREE if q >= SURE else p)
        return _line(chars, confs)
    # A model read of another length is evidence only when the model is sure of every
    # character and the read fits the plate grammar (a sure read that lost the province is
    # no reason to doubt PP-OCR's).
    evidence = min(cb) >= SURE and fits(b)
    model_wins = evidence and not fits(a)
    win, lose = (b, a) if model_wins else (a, b)
    cw, cl = (cb, ca) if model_wins else (ca, cb)
    out = [c * UNMATCHED if evidence else c for c in cw]
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, win, lose, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                out[i1 + k] = _agree(cw[i1 + k], cl[j1 + k])
    return _line(list(win), out)
