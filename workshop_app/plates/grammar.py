"""Licence plate normalisation and grammar.

``normalise_plate`` turns what a person or an OCR engine typed into the canonical stored
form: upper case, half-width, no separators (``粤B·12345`` -> ``粤B12345``).
``validate_plate`` checks it against the plate grammar of a region and raises
:class:`InvalidInput` with a clear message when it does not fit.

Chinese plates (GA 36-2018): province + issuing letter + 5 characters (standard, blue or
yellow, also the two-row yellow plates of lorries and buses: the grammar is the same,
only the layout differs), special suffixes 学 警 领 港 澳 挂 试 超, and new-energy plates
(province + letter + 6: small cars ``[DF]`` + 1 alnum + 4 digits, large vehicles 5 digits +
``[DF]``), and armed-police plates (``WJ`` + province + 4 digits + 1). Other regions are
described by :class:`PlateFormat` regexes; the built-in ones are deliberately general (a
reader must accept plates it has never seen).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
SPECIAL_SUFFIXES = "挂学警港澳领试超"
# Letters on Chinese plates never include I or O.
_CN_LETTER = "A-HJ-NP-Z"
_CN_ALNUM = "0-9A-HJ-NP-Z"
_SEPARATORS = re.compile(r"[\s·•・.\-_:|\u00b7\u2022\u30fb\u2027\u2219\uff0e\uff65\u2010-\u2015]+")

CN_STANDARD = re.compile(
    rf"^[{PROVINCES}][{_CN_LETTER}][{_CN_ALNUM}]{{4}}[{_CN_ALNUM}{SPECIAL_SUFFIXES}]$"
)
CN_NEW_ENERGY = re.compile(
    rf"^[{PROVINCES}][{_CN_LETTER}](?:[DF][{_CN_ALNUM}][0-9]{{4}}|[0-9]{{5}}[DF])$"
)
# Armed police (WJ, red) + province + 4 digits + 1 character (GA 36's 2012 WJ layout).
CN_ARMED_POLICE = re.compile(rf"^WJ[{PROVINCES}][0-9]{{4}}[{_CN_ALNUM}]$")

LATIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CN_ALPHABET = PROVINCES + SPECIAL_SUFFIXES + LATIN_ALPHABET


def normalise_plate(text: str) -> str:
    """Canonical form: NFKC (full-width -> half-width), upper case, separators removed."""
    s = unicodedata.normalize("NFKC", text or "")
    s = _SEPARATORS.sub("", s)
    return s.upper()


def is_chinese_plate(plate: str) -> bool:
    p = normalise_plate(plate)
    return bool(CN_STANDARD.match(p) or CN_NEW_ENERGY.match(p) or CN_ARMED_POLICE.match(p))


def is_new_energy(plate: str) -> bool:
    return bool(CN_NEW_ENERGY.match(normalise_plate(plate)))


@dataclass(frozen=True, slots=True)
class PlateFormat:
    """One accepted plate shape of a region.

    ``strict`` formats pin the plate down (a Chinese or Brazilian plate); loose ones only say
    "a few letters and digits" and so count for less when the reader ranks what it saw.
    """

    region: str
    name: str
    pattern: re.Pattern[str]
    strict: bool = False

    def matches(self, plate: str) -> bool:
        return bool(self.pattern.match(plate))


_BUILTIN: dict[str, tuple[PlateFormat, ...]] = {
    "cn": (
        PlateFormat("cn", "new-energy", CN_NEW_ENERGY, strict=True),
        PlateFormat("cn", "standard", CN_STANDARD, strict=True),
        PlateFormat("cn", "armed-police", CN_ARMED_POLICE, strict=True),
    ),
    # Brazil: old grey LLL9999 and Mercosur LLL9L99.
    "br": (PlateFormat("br", "mercosur", re.compile(r"^[A-Z]{3}[0-9][A-Z0-9][0-9]{2}$"), True),),
    # Europe: national formats differ widely (1-3 letters, digits, vanity plates);
    # keep it general: 4-8 letters and digits.
    "eu": (PlateFormat("eu", "general", re.compile(r"^[A-Z0-9]{4,8}$")),),
    # United States: each state has its own; 2-8 letters and digits (vanity included).
    "us": (PlateFormat("us", "general", re.compile(r"^[A-Z0-9]{2,8}$")),),
}
KNOWN_REGIONS = tuple(_BUILTIN)


def plate_formats(
    regions: Iterable[str] = KNOWN_REGIONS, custom: Iterable[str] = ()
) -> tuple[PlateFormat, ...]:
    """The formats of the given regions, plus custom ``"region:regex"`` entries."""
    out: list[PlateFormat] = []
    for region in regions:
        key = region.strip().lower()
        if key not in _BUILTIN:
            raise InvalidInput(_("Unknown plate region: {region}", region=region))
        out.extend(_BUILTIN[key])
    for entry in custom:
        region, sep, regex = entry.partition(":")
        if not sep or not regex:
            raise InvalidInput(
                _("A custom plate format must read REGION:REGEX, not {entry}", entry=entry)
            )
        try:
            pattern = re.compile(regex if regex.startswith("^") else f"^(?:{regex})$")
        except re.error as exc:
            raise InvalidInput(_("Bad plate format {entry}: {err}", entry=entry, err=exc)) from exc
        out.append(PlateFormat(region.strip().lower(), "custom", pattern, strict=True))
    return tuple(out)


def match_format(plate: str, formats: Sequence[PlateFormat]) -> PlateFormat | None:
    """The first (strict formats first) format the normalised plate fits, or ``None``."""
    for fmt in sorted(formats, key=lambda f: not f.strict):
        if fmt.matches(plate):
            return fmt
    return None


_GENERIC = re.compile(r"^[0-9A-Z]{2,10}$")


def validate_plate(text: str, *, allow_foreign: bool = True) -> str:
    """Return the normalised plate or raise :class:`InvalidInput`.

    Chinese plates must fit the standard or new-energy grammar. Other plates (when
    ``allow_foreign``) must be 2-10 Latin letters/digits.
    """
    plate = normalise_plate(text)
    if not plate:
        raise InvalidInput(_("The plate is empty."))
    if plate[0] in PROVINCES or (plate.startswith("WJ") and not plate.isascii()):
        if is_chinese_plate(plate):
            return plate
        raise InvalidInput(_("'{plate}' is not a valid Chinese plate.", plate=text.strip()))
    if allow_foreign and _GENERIC.match(plate):
        return plate
    raise InvalidInput(_("'{plate}' is not a valid plate.", plate=text.strip()))
