"""The bay's buttons are decided in the core: who may pass the quality check, what a
technician can do at each step. Pure: no database, no Qt."""

from __future__ import annotations

from workshop_app.services.bay_actions import BayAction, Idle, bay_actions, may_check_quality

TECH, FOREMAN = 7, 9


def at(step: str, role: str, actor: int, **kw: object):  # type: ignore[no-untyped-def]
    args: dict[str, object] = dict(
        step=step,
        paused_reason=None,
        pending_extra=False,
        technician_id=TECH,
        role=role,
        actor_id=actor,
        clocked_job=None,
        job_id=1,
    )
    args.update(kw)
    return bay_actions(**args)  # type: ignore[arg-type]


def test_only_a_foreman_or_manager_who_did_not_do_the_work_checks_quality() -> None:
    assert may_check_quality("foreman", FOREMAN, TECH)
    assert may_check_quality("manager", FOREMAN, TECH)
    assert not may_check_quality("foreman", TECH, TECH)  # their own work
    assert not may_check_quality("technician", FOREMAN, TECH)
    tech = at("quality_check", "technician", TECH)
    assert tech.primary is None and tech.secondary == () and tech.idle == Idle.AWAITING_QC
    own = at("quality_check", "foreman", FOREMAN, technician_id=FOREMAN)
    assert own.all == () and own.idle == Idle.AWAITING_QC
    qc = at("quality_check", "foreman", FOREMAN)
    assert [a.key for a in qc.all] == ["move:wash", "move:ready", "move:repair"]
    assert [a.qc for a in qc.all] == ["passed", "passed", "failed"]


def test_a_technician_clocks_on_first_then_moves_and_may_pause() -> None:
    first = at("repair", "technician", TECH)
    assert first.primary == BayAction("clock_on")
    on_it = at("repair", "technician", TECH, clocked_job=1)
    assert on_it.primary == BayAction("move", "road_test")
    assert [a.key for a in on_it.secondary] == ["move:quality_check", "clock_off", "pause"]
    assert at("waiting", "technician", TECH).primary == BayAction("move", "in_bay")


def test_a_paused_job_resumes_unless_it_waits_for_the_customer() -> None:
    assert at("repair", "technician", TECH, paused_reason="parts").primary == BayAction("resume")
    asked = at("repair", "technician", TECH, paused_reason="approval", pending_extra=True)
    assert asked.all == () and asked.idle == Idle.AWAITING_ANSWER
