"""An invoice's labour and part lines are frozen in the store's invoice language (the
``invoice_language`` setting), not in the language the issuing desk's UI runs in."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from workshop_app import settlement
from workshop_app.bootstrap import App
from workshop_app.config import load_settings
from workshop_app.i18n import current_language, set_language
from workshop_app.models import LaborOperation, Part, RepairOrder
from workshop_app.services.staff import Actor
from workshop_app.store import StoreContext


def catalog_names(app: App, ro_number: str) -> tuple[list[str], list[str]]:
    """(zh names, en names) of the RO's labour and part lines, in invoice order."""
    uow = app.uow()
    zh: list[str] = []
    en: list[str] = []
    with uow:
        s = uow.session
        ro = s.execute(select(RepairOrder).where(RepairOrder.number == ro_number)).scalar_one()
        for job in ro.jobs:
            if job.source == "extra" and not job.approved:
                continue
            op = s.get(LaborOperation, job.operation_id) if job.operation_id else None
            assert op is not None and not job.description  # a catalog line, not typed text
            zh.append(op.name_zh)
            en.append(op.name_en)
        for pl in ro.parts:
            if pl.approved:
                part = s.get(Part, pl.part_id)
                assert part is not None
                zh.append(part.name_zh)
                en.append(part.name_en)
    assert zh and zh != en  # the demo's catalog is bilingual: the test can tell them apart
    return zh, en


def line_names(inv: settlement.InvoiceView) -> list[str]:
    return [ln.description for ln in inv.totals.lines if ln.kind in ("labor", "part")]


def test_the_invoice_language_is_zh_cn_by_default_and_the_env_overrides_it(
    tmp_path: Path,
) -> None:
    assert load_settings(tmp_path / "none.toml", env={}).effective_invoice_language == "zh_CN"
    cfg = tmp_path / "workshop.toml"
    cfg.write_text('invoice_language = "en"\n', "utf-8")
    assert load_settings(cfg, env={}).effective_invoice_language == "en"
    env = {"WORKSHOP_INVOICE_LANGUAGE": "zh-Hans"}
    assert load_settings(cfg, env=env).effective_invoice_language == "zh_CN"


def test_an_invoice_issued_from_an_english_desk_carries_the_chinese_names(
    demo_app: App, advisor: Actor, ready_ros: list[str]
) -> None:
    assert current_language() == "en"
    zh, en = catalog_names(demo_app, ready_ros[0])
    shown = settlement.preview(demo_app.uow(), ready_ros[0])
    assert [ln.description for ln in shown.lines] == en  # the screen stays in the UI language
    inv = settlement.issue_invoice(demo_app.uow(), advisor, ready_ros[0])
    assert line_names(inv) == zh
    assert line_names(settlement.get_invoice(demo_app.uow(), inv.number)) == zh  # as stored


def test_with_invoice_language_en_a_chinese_desk_issues_english_names(
    demo_app: App, advisor: Actor, ready_ros: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _zh, en = catalog_names(demo_app, ready_ros[0])
    monkeypatch.setenv("WORKSHOP_INVOICE_LANGUAGE", "en")
    settings = load_settings(Path("/nonexistent/workshop.toml"))
    uow = demo_app.uow()  # this store's context, built from its settings, carries the language
    uow.store = StoreContext.from_settings(settings, store_id=demo_app.store_id)
    assert uow.store.invoice_language == "en"
    set_language("zh_CN")
    try:
        inv = settlement.issue_invoice(uow, advisor, ready_ros[0])
    finally:
        set_language("en")
    assert line_names(inv) == en


def test_a_store_that_sets_no_language_issues_in_the_default_one(
    demo_app: App, advisor: Actor, ready_ros: list[str]
) -> None:
    zh, _en = catalog_names(demo_app, ready_ros[1])
    inv = settlement.issue_invoice(demo_app.uow(), advisor, ready_ros[1])
    assert line_names(inv) == zh
