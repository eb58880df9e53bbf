"""Two recognisers, one read: PP-OCR and our plate model combined character by character.

PP-OCR's read is the base; the plate model can only change it where it is sure of its own
character AND the change keeps the read in the plate grammar's letter / digit positions, so
an unsure model, or one whose read the grammar does not back, leaves PP-OCR's read as it is:

- Where both read the same character, it is surer than either alone: ``1 - (1-p)(1-q)``.
- Where they differ on a look-alike pair (5/S, 0/D/O/Q, 8/B, 2/Z, 1/I, 6/G ...), what the
  region's strict grammar (a Chinese or Brazilian plate, a custom format) says at that
  position decides (:func:`settle_kind`):

  - *forced*: the grammar takes the model's character there and not PP-OCR's (an O where a
    Mercosul plate has a digit): the model settles it when at least ``SETTLE`` sure and
    surer than PP-OCR;
  - *blocked*: the grammar takes PP-OCR's character and not the model's: never;
  - *free*: the grammar takes both (a Chinese plate's last five, a Mercosul plate's fifth):
    only when the model is at least ``SETTLE_FREE`` sure and surer than PP-OCR; a province
    for another likewise with ``SETTLE_CJK``;
  - *loose*: no strict grammar fits the read either way (EU and US plates: a few letters and
    digits anywhere): a letter for a digit or back is never settled, a letter for a letter or
    a digit for a digit (D/O/Q, 8/3, 1/7, I/L/T) as in *free*.
- Where they differ otherwise (or the model may not settle), PP-OCR's character stays; when
  the model is at least ``SURE`` of its own character, the confidence shown drops well below
  either, so the lane asks instead of opening on a guess.

These blended confidences are what the reader reports. It ranks its candidates and stops its
search on PP-OCR's own (``blend=False``: PP-OCR's confidences but for the characters the
model replaced), so neither an agreement nor a disagreement can lead it to another candidate
than PP-OCR alone would have picked: the ensemble's answer is PP-OCR's but for the settled
characters (and, where PP-OCR read no plate at all, the model's read alone).
- Reads of different lengths: PP-OCR's read stays, unless only the model's fits a strict
  plate grammar and the model is sure of every character of it; or the two are one end
  character apart (:func:`one_apart`: one a tight crop cut, or one PP-OCR was unsure of and
  the reader trimmed), the model's read fits a plate grammar, takes no strict read out of
  it, and the model is at least ``SETTLE_LENGTH`` sure of each of its characters
  (:func:`takes_length`; never by default, see the constant).

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
# The plate model settles a look-alike pair where the grammar takes its character and not
# PP-OCR's when at least ``SETTLE`` sure and surer than PP-OCR (``forced``); where the
# grammar takes both, or no strict grammar fits (``free``, ``loose``), only when at least
# ``SETTLE_FREE`` sure and surer than PP-OCR; one Chinese character for another (a province)
# when at least ``SETTLE_CJK`` sure and surer than PP-OCR. Above 1: never. Set by
# ``tools/plates/calibrate.py`` on rendered crops (never the dev photographs), strictly:
# rendered crops overstate the model on photographs; and no lower than ``SURE``: the model
# overrides only where it is sure. See the model card for the figures.
SETTLE = 0.95
SETTLE_FREE = 1.01
SETTLE_CJK = 1.01
# A read one end character longer or shorter than PP-OCR's, the rest alike, replaces it when
# the model is at least this sure of each of its characters (and the grammar lets it:
# ``may_take_length``). Rendered crops suggest 0.7 (calibrate.py); on photographs the shipped
# model left out an end character PP-OCR had read (RK857A for RK857AI) and added none PP-OCR
# missed, so never, until calibrated on a shop's own crops (``calibrate.py --images``).
SETTLE_LENGTH = 1.01
# Below this confidence the plate model's disagreement is no evidence at all: PP-OCR's
# character keeps its confidence (calibrate.py: from here its characters are 99.5 % right).
SURE = 0.95
# A character they disagree on (the model sure of another) keeps at most this share of its
# confidence.
DISAGREE = 0.5
# A character only one of them saw (reads of different lengths, the other read sure).
UNMATCHED = 0.6
# What the grammar says of a look-alike disagreement (see the module doc).
FORCED, BLOCKED, FREE, LOOSE = "forced", "blocked", "free", "loose"


def _never(_text: str) -> bool:
    return False


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


def settle_kind(
    text: str, i: int, y: str, strict: Callable[[str], bool], others: str | None = None
) -> str:
    """What the strict grammar says of the model's ``y`` for ``text[i]`` (PP-OCR's).

    ``others`` is the read the other positions are judged in (PP-OCR's with the model's other
    look-alikes, when that fits: two misread characters of one plate each need the other
    fixed before the grammar fits).
    """
    ref = others if others is not None else text
    fx = strict(ref[:i] + text[i] + ref[i + 1 :])
    fy = strict(ref[:i] + y + ref[i + 1 :])
    if fy and not fx:
        return FORCED
    if fx and not fy:
        return BLOCKED
    return FREE if fx else LOOSE


def lookalike_kinds(a: str, b: str, strict: Callable[[str], bool]) -> dict[int, str]:
    """Where two reads of one length differ on a look-alike pair: what the grammar says."""
    looks = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y and confusable(x, y)]
    both = "".join(b[i] if i in looks else x for i, x in enumerate(a))
    others = both if len(looks) > 1 and strict(both) else None
    return {i: settle_kind(a, i, b[i], strict, others) for i in looks}


def settles(x: str, y: str, p: float, q: float, kind: str = FORCED) -> bool:
    """Does the plate model's ``y`` (confidence ``q``) replace PP-OCR's ``x`` (``p``)?"""
    if x == y or not confusable(x, y) or kind == BLOCKED:
        return False
    if _cjk(x) or _cjk(y):
        return q >= SETTLE_CJK and q > p
    if kind == FORCED:
        # Surer than PP-OCR too: where a store reads several countries' plates, a strict
        # format of one (an old Brazilian LLL NNNN) can take a look-alike of another's plate
        # (a Polish WA 56660 as WAS6660) that PP-OCR was surer of.
        return q >= SETTLE and q > p
    if kind == LOOSE and x.isdigit() != y.isdigit():
        return False  # a letter for a digit where no grammar says which: never
    return q >= SETTLE_FREE and q > p


def one_apart(a: str, b: str) -> bool:
    """Two reads alike but for one end character that only one of them has.

    At an end that is a character a tight crop cut, or one PP-OCR was unsure of and the
    reader trimmed (``reader._trim``); between the groups it is most often an emblem, a
    sticker or a separator, which both recognisers read as a character and only PP-OCR's
    read is checked for (``reader._drop_emblem``), so that case is left alone.
    """
    short, long = sorted((a, b), key=len)
    return bool(short) and len(long) == len(short) + 1 and short in (long[1:], long[:-1])


def may_take_length(
    a: str, b: str, fits: Callable[[str], bool], strict: Callable[[str], bool]
) -> bool:
    """May the model's read ``b`` replace PP-OCR's ``a`` of another length (grammar only)?"""
    return fits(b) and (strict(b) or not strict(a))


def takes_length(
    a: str, b: str, cb: list[float], fits: Callable[[str], bool], strict: Callable[[str], bool]
) -> bool:
    """Does the model's read ``b`` (confidences ``cb``), one character apart, replace ``a``?"""
    return (
        one_apart(a, b)
        and len(cb) == len(b)
        and min(cb) >= SETTLE_LENGTH
        and may_take_length(a, b, fits, strict)
    )


def combine(
    ppocr: TextLine,
    plate: TextLine,
    fits: Callable[[str], bool] = lambda _t: True,
    strict: Callable[[str], bool] = _never,
    *,
    blend: bool = True,
) -> TextLine:
    """One read from the two recognisers' reads of the same crop (see the module doc).

    ``fits`` says whether a text fits any plate grammar, ``strict`` whether it fits a strict
    one (a Chinese or Brazilian plate, a custom format): the letter / digit positions a
    look-alike may be settled in, and whether the model's read of another length replaces
    PP-OCR's. ``blend=False``: PP-OCR's own confidences but for the characters the model
    replaced (the reader ranks and stops its search on those).
    """
    a, b = ppocr.text, plate.text
    ca, cb = _confs(ppocr), _confs(plate)
    if not b:
        return ppocr  # the model saw nothing: no evidence either way
    if not a:
        return _line(list(b), [c * UNMATCHED for c in cb])
    if len(a) == len(b):
        kinds = lookalike_kinds(a, b, strict)
        settled = {i for i, k in kinds.items() if settles(a[i], b[i], ca[i], cb[i], k)}
        text = "".join(b[i] if i in settled else x for i, x in enumerate(a))
        if settled and strict(a) and not strict(text):
            settled = set()  # each change fits, not all of them together: PP-OCR's read
        chars: list[str] = []
        confs: list[float] = []
        for i, (x, y, p, q) in enumerate(zip(a, b, ca, cb, strict=True)):
            if x == y:
                chars.append(x)
                confs.append(_agree(p, q) if blend else p)
            elif i in settled:
                chars.append(y)
                confs.append(q)
            else:
                chars.append(x)
                confs.append(min(p, q) * DISAGREE if q >= SURE and blend else p)
        if not blend:
            if not settled:
                return ppocr
            # PP-OCR's own confidence, moved only by the characters the model replaced.
            shift = sum(c - p for c, p in zip(confs, ca, strict=True)) / len(confs)
            return TextLine("".join(chars), ppocr.confidence + shift, tuple(confs))
        return _line(chars, confs)
    if takes_length(a, b, cb, fits, strict):
        # The model's read; the characters both saw keep PP-OCR's confidence (raised by the
        # agreement when blended), the one only the model saw its own (shown: less, a
        # disagreement, so the lane asks).
        out = [q * UNMATCHED if blend else q for q in cb]
        for tag, i1, i2, j1, _j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                for k in range(i2 - i1):
                    p, q = ca[i1 + k], cb[j1 + k]
                    out[j1 + k] = _agree(p, q) if blend else p
        return _line(list(b), out)
    # A model read of another length is evidence only when the model is sure of every
    # character and the read fits a strict plate grammar (a sure read that lost the province
    # is no reason to doubt PP-OCR's).
    evidence = min(cb) >= SURE and strict(b)
    model_wins = evidence and not fits(a)
    win, lose = (b, a) if model_wins else (a, b)
    cw, cl = (cb, ca) if model_wins else (ca, cb)
    out = [c * UNMATCHED if evidence and (blend or model_wins) else c for c in cw]
    if not blend and not model_wins:
        return ppocr
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, win, lose, autojunk=False).get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                out[i1 + k] = _agree(cw[i1 + k], cl[j1 + k]) if blend else cl[j1 + k]
    return _line(list(win), out)
