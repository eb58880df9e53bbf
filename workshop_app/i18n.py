"""The core's small translation layer (the UI uses Qt's ``tr()`` and .qm files).

Messages are written in English in the code and looked up in
``workshop_app/locale/<lang>.json`` (English text -> translation). Missing entries fall
back to English, so a new message is never lost, only untranslated (a test lists them).
"""

from __future__ import annotations

import json
import locale
import os
from functools import cache
from importlib import resources

SUPPORTED = ("zh_CN", "en")
_current = "en"


def normalise_language(value: str | None) -> str:
    """Map 'zh', 'zh_CN.UTF-8', 'zh-Hans', 'en_US' ... onto a supported language."""
    if not value:
        return "en"
    v = value.replace("-", "_").split(".")[0].lower()
    if v.startswith("zh"):
        return "zh_CN"
    return "en"


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(var):
            return normalise_language(os.environ[var])
    try:
        return normalise_language(locale.getlocale()[0])
    except ValueError:  # pragma: no cover - odd platform locales
        return "en"


def set_language(lang: str) -> None:
    global _current
    _current = normalise_language(lang)


def current_language() -> str:
    return _current


@cache
def catalog(lang: str) -> dict[str, str]:
    if lang == "en":
        return {}
    try:
        text = resources.files("workshop_app.locale").joinpath(f"{lang}.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    data: dict[str, str] = json.loads(text)
    return data


def _(message: str, **params: object) -> str:
    """Translate ``message`` into the current language and fill ``{named}`` params."""
    text = catalog(_current).get(message, message)
    return text.format(**params) if params else text


def name_for(lang: str, zh: str, en: str) -> str:
    """Pick the zh or en field of a bilingual catalog row."""
    return zh if normalise_language(lang) == "zh_CN" and zh else en
