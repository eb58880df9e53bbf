"""What the dispatch board's cards say, without Qt: short RO numbers, hours, lateness, and
how a line of parts is cut to a width."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from ui.front_desk.card_text import fit_parts, hours_text, is_late, short_ro, total_hours
from workshop_app.views.dispatch_board import JobCard

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def card(step: str = "repair", promised: datetime | None = NOW, hours: str = "1.0") -> JobCard:
    return JobCard(
        1, 1, "RO-2026-000014", "粤B12345", "BYD Han", "Oil change", "OIL01",
        Decimal(hours), step, None, 1, 2, "吴斌", promised, "in_progress",
        "general", "", 1,
    )  # fmt: skip


def test_short_ro_keeps_the_running_number_without_zeros():
    assert short_ro("RO-2026-000014") == "#14"
    assert short_ro("RO-2026-120000") == "#120000"


def test_short_ro_leaves_other_formats_whole():
    assert short_ro("W1234") == "W1234"
    assert short_ro("RO-2026-A1") == "RO-2026-A1"


def test_hours_drop_trailing_zeros_but_keep_tens():
    assert hours_text(Decimal("1.50")) == "1.5h"
    assert hours_text(Decimal("2.00")) == "2h"
    assert hours_text(Decimal("10")) == "10h"
    assert hours_text(Decimal("0.25")) == "0.25h"


def test_total_hours_is_decimal():
    total = total_hours([card(hours="0.1"), card(hours="0.2")])
    assert total == Decimal("0.3") and isinstance(total, Decimal)
    assert total_hours([]) == Decimal(0)


def test_late_only_after_the_promise_and_never_when_ready():
    assert not is_late(card(promised=NOW), NOW)
    assert is_late(card(promised=NOW - timedelta(minutes=1)), NOW)
    assert not is_late(card(step="ready", promised=NOW - timedelta(hours=1)), NOW)
    assert not is_late(card(promised=None), NOW)


def measure(text: str) -> int:
    return 10 * len(text)  # a monospace font, 10 px a character


def elide(text: str, px: int) -> str:
    n = px // 10
    return text if len(text) <= n else text[: max(n - 1, 0)] + "…"


def test_parts_that_fit_are_all_shown():
    assert fit_parts(["吴斌", "维修", "1h"], 200, measure, elide) == "吴斌 · 维修 · 1h"


def test_a_part_with_room_left_is_elided():
    # "Wu · " is 50 px, leaving 70 for "Quality check" (130): elided to 7 characters
    assert fit_parts(["Wu", "Quality check", "1h"], 120, measure, elide) == "Wu · Qualit…"


def test_a_part_without_room_is_dropped_with_the_rest():
    # after "Wu · Repair · " (140 px) only 20 px are left: no lone "…"
    assert fit_parts(["Wu", "Repair", "1.5h"], 160, measure, elide) == "Wu · Repair"


def test_the_first_part_is_always_shown_and_empty_parts_are_skipped():
    assert fit_parts(["Awaiting approval"], 80, measure, elide) == "Awaitin…"
    assert fit_parts(["", "Waiting", "", "1h"], 200, measure, elide) == "Waiting · 1h"
