from __future__ import annotations

import pytest

from workshop_app.errors import IllegalTransition
from workshop_app.services.steps import STEPS, TRANSITIONS, allowed_moves, check_move


def test_every_step_can_reach_ready() -> None:
    for start in STEPS:
        seen, todo = {start}, [start]
        while todo:
            for nxt in TRANSITIONS[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        assert "ready" in seen


def test_ready_before_quality_check_is_refused_with_a_clear_message() -> None:
    with pytest.raises(IllegalTransition, match=r"Repair.*Ready"):
        check_move("repair", "ready")


def test_a_paused_job_offers_no_moves_and_refuses_one() -> None:
    assert allowed_moves("repair", "parts") == ()
    with pytest.raises(IllegalTransition, match="paused"):
        check_move("repair", "quality_check", paused_reason="parts")


def test_unknown_step_is_refused() -> None:
    with pytest.raises(IllegalTransition, match="Unknown step"):
        check_move("repair", "teleport")


def test_quality_check_can_fail_back_to_repair() -> None:
    check_move("quality_check", "repair")
    assert "repair" in allowed_moves("quality_check")


def test_ready_is_final() -> None:
    assert allowed_moves("ready") == ()


def test_a_car_has_one_step_on_every_screen() -> None:
    from workshop_app.services.steps import car_step

    assert car_step("open", []) == "received"
    assert car_step("approved", [("waiting", None)]) == "waiting"  # approved, not dispatched
    assert car_step("in_progress", [("repair", 3), ("quality_check", 4)]) == "repair"
    assert car_step("settled", [("wash", 3)]) == "ready"
