"""QApplication set-up shared by every window: CJK font, one stylesheet, translations."""

from __future__ import annotations

import sys
from importlib import resources as ires
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workshop_app.i18n import normalise_language

RESOURCES = Path(str(ires.files("resources")))
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
)
_translators: list[QTranslator] = []


def pick_ui_font(point_size: float = 10.5) -> QFont:
    """An explicit CJK-capable font (never left to fallback)."""
    families = set(QFontDatabase.families())
    for fam in CJK_FAMILIES:
        if fam in families:
            font = QFont(fam)
            break
    else:  # pragma: no cover - a machine without any CJK font
        font = QFont()
    font.setPointSizeF(point_size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def stylesheet() -> str:
    return (RESOURCES / "styles" / "workshop.qss").read_text("utf-8")


def install_translations(app: QCoreApplication, language: str) -> None:
    """Load every ``resources/translations/*_<lang>.qm`` plus Qt's own for the language."""
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    lang = normalise_language(language)
    QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return
    qt = QTranslator(app)
    if qt.load(
        QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)
        _translators.append(qt)
    for qm in sorted((RESOURCES / "translations").glob(f"*_{lang}.qm")):
        t = QTranslator(app)
        if t.load(str(qm)):
            app.installTranslator(t)
            _translators.append(t)


def create_qapp(language: str, argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("Workshop")
    app.setOrganizationName("Workshop")
    app.setFont(pick_ui_font())
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet())
    install_translations(app, language)
    return app
