"""Masking for public screens (lounge board, phone status page): plates and names.

Rules (pure functions, no DB):

* Chinese plates keep the province and issuing letter, a middle dot, the first and the last
  two characters of the rest: ``粤B12345`` -> ``粤B·1**45``, new-energy ``粤BD12345`` ->
  ``粤B·D***45``. The owner recognises their car; a passer-by cannot read the plate.
* Other plates keep the first and the last two characters of the normalised plate and mask
  at least half of it (``AB123CD`` -> ``A****CD``); very short plates keep only the last one.
* Chinese names keep the surname (compound surnames too): ``王芳`` -> ``王**``,
  ``欧阳娜娜`` -> ``欧阳**``. Latin names keep the first initial: ``John Smith`` -> ``J***``.
  The number of stars never tells the length of the name.
* Staff on the board appear by surname + 师傅 (zh) or by staff number (en), never full name.
"""

from __future__ import annotations

import unicodedata

from workshop_app.plates.grammar import PROVINCES, normalise_plate

MASK = "*"
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "令狐",
    "南宫",
    "西门",
    "独孤",
)


def _is_cjk(ch: str) -> bool:
    return "CJK" in unicodedata.name(ch, "")


def mask_plate(plate: str) -> str:
    """The public form of a plate: never the whole plate."""
    p = normalise_plate(plate)
    if not p:
        return ""
    if len(p) >= 6 and p[0] in PROVINCES and p[1].isascii() and p[1].isalpha():
        body = p[2:]
        return f"{p[:2]}·{body[0]}{MASK * (len(body) - 3)}{body[-2:]}"
    return _mask_generic(p)


def _mask_generic(p: str) -> str:
    n = len(p)
    if n <= 2:
        return MASK * n
    if n <= 4:
        return MASK * (n - 1) + p[-1]
    hidden = max(n - 3, (n + 1) // 2)
    keep_tail = n - 1 - hidden
    return p[0] + MASK * hidden + (p[-keep_tail:] if keep_tail else "")


def mask_name(name: str) -> str:
    """The public form of a person's name: surname (or first initial) and two stars."""
    n = " ".join((name or "").split())
    if not n:
        return ""
    if _is_cjk(n[0]):
        for compound in COMPOUND_SURNAMES:
            if n.startswith(compound) and len(n) > len(compound):
                return compound + MASK * 2
        return n[0] + MASK * 2
    return n[0].upper() + MASK * 3


def staff_label(name: str, number: str, language: str) -> str:
    """How a technician appears on a public screen: 张师傅 (zh) or the staff number (en)."""
    n = (name or "").strip()
    if language == "zh_CN" and n and _is_cjk(n[0]):
        surname = next((c for c in COMPOUND_SURNAMES if n.startswith(c)), n[0])
        return f"{surname}师傅"
    return number
