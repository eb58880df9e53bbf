"""Licence plate normalisation and grammar.

``normalise_plate`` turns what a person or an OCR engine typed into the canonical stored
form: upper case, half-width, no separators (``粤B·12345`` -> ``粤B12345``).
``validate_plate`` checks it against the plate grammar of a region and raises
:class:`InvalidInput` with a clear message when it does not fit.
"""

from __future__ import annotations

import re
import unicodedata

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
# Letters on Chinese plates never include I or O.
_CN_LETTER = "A-HJ-NP-Z"
_CN_ALNUM = "0-9A-HJ-NP-Z"
_SEPARATORS = re.compile(r"[\s·•・.\-_\u00b7\u2022\u30fb\u2027\u2219\uff0e\uff65]+")

CN_STANDARD = re.compile(rf"^[{PROVINCES}][{_CN_LETTER}][{_CN_ALNUM}]{{4}}[{_CN_ALNUM}挂学警港澳领试超]$")
# New-energy: 6 characters after the issuing-authority letter. Small cars: D/F (or A-K with
# the letter in the 1st position in newer series) followed by 5 digits/letters... the rule
# in GA 36-2018: small NEV = [DF][A-HJ-NP-Z0-9][0-9]{4}; large NEV = [0-9]{5}[DF].
CN_NEW_ENERGY = re.compile(
    rf"^[{PROVINCES}][{_CN_LETTER}](?:[DF][{_CN_ALNUM}][0-9]{{4}}|[0-9]{{5}}[DF])$"
)


def normalise_plate(text: str) -> str:
    """Canonical form: NFKC (full-width -> half-width), upper case, separators removed."""
    s = unicodedata.normalize("NFKC", text or "")
    s = _SEPARATORS.sub("", s)
    return s.upper()


def is_chinese_plate(plate: str) -> bool:
    p = normalise_plate(plate)
    return bool(CN_STANDARD.match(p) or CN_NEW_ENERGY.match(p))


def is_new_energy(plate: str) -> bool:
    return bool(CN_NEW_ENERGY.match(normalise_plate(plate)))


_GENERIC = re.compile(r"^[0-9A-Z]{2,10}$")


def validate_plate(text: str, *, allow_foreign: bool = True) -> str:
    """Return the normalised plate or raise :class:`InvalidInput`.

    Chinese plates must fit the standard or new-energy grammar. Other plates (when
    ``allow_foreign``) must be 2-10 Latin letters/digits.
    """
    plate = normalise_plate(text)
    if not plate:
        raise InvalidInput(_("The plate is empty."))
    if plate[0] in PROVINCES:
        if is_chinese_plate(plate):
            return plate
        raise InvalidInput(_("'{plate}' is not a valid Chinese plate.", plate=text.strip()))
    if allow_foreign and _GENERIC.match(plate):
        return plate
    raise InvalidInput(_("'{plate}' is not a valid plate.", plate=text.strip()))
