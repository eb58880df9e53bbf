from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

from workshop_app.demo_store import BAYS, OPERATIONS, STAFF
from workshop_app.services import dispatch_suggest as ds
from workshop_app.services.dispatch_suggest import SBay, SJob, STech, late_ros, plan

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def generated_day(seed: int, n_ros: int = 22) -> tuple[list[SJob], list[SBay], list[STech]]:
    """A busy morning: cars arrive over two hours, promises 1.5 to 5 hours out."""
    rng = random.Random(seed)
    bays = [
        SBay(i + 1, name, tuple(eq), NOW + timedelta(minutes=rng.choice([0, 0, 30, 60])))
        for i, (name, _k, eq) in enumerate(BAYS)
    ]
    techs = [
        STech(i + 1, name, tuple(sk), NOW + timedelta(minutes=rng.choice([0, 0, 20, 45])))
        for i, (_n, name, role, sk) in enumerate(STAFF)
        if role == "technician"
    ]
    ops = [(code, float(h), skill, eq) for code, _z, _e, h, skill, eq, _p in OPERATIONS]
    jobs = []
    jid = 0
    for ro in range(1, n_ros + 1):
        arrived = rng.uniform(0, 120)
        promise = NOW + timedelta(minutes=arrived + rng.uniform(90, 300))
        for code, hours, skill, eq in rng.sample(ops, k=rng.choice([1, 1, 2])):
            jid += 1
            jobs.append(SJob(jid, ro, int(hours * 60), promise, skill, eq, 1, code))
    return jobs, bays, techs


def test_suggest_keeps_more_promises_than_first_come_first_served():
    better = 0
    for seed in range(4):
        jobs, bays, techs = generated_day(seed)
        fcfs = late_ros(plan(jobs, bays, techs, NOW, method="fcfs"))
        smart = late_ros(plan(jobs, bays, techs, NOW, method="cpsat", time_limit_s=3))
        assert len(smart) <= len(fcfs), (seed, smart, fcfs)
        better += len(smart) < len(fcfs)
    assert better >= 2


def test_plan_respects_equipment_skills_and_one_job_at_a_time():
    jobs, bays, techs = generated_day(1)
    props = plan(jobs, bays, techs, NOW, method="cpsat", time_limit_s=3)
    assert {p.job_id for p in props} == {j.id for j in jobs}
    by_id = {j.id: j for j in jobs}
    bay = {b.id: b for b in bays}
    tech = {t.id: t for t in techs}
    for p in props:
        j = by_id[p.job_id]
        assert ds.bay_fits(j, bay[p.bay_id]) and ds.tech_fits(j, tech[p.technician_id])
        assert p.start >= bay[p.bay_id].free_at and p.start >= tech[p.technician_id].free_at
    for key in ("bay_id", "technician_id", "ro_id"):
        groups: dict[int, list[ds.Proposal]] = {}
        for p in props:
            groups.setdefault(getattr(p, key), []).append(p)
        for ps in groups.values():
            ps.sort(key=lambda p: p.start)
            for a, b in itertools.pairwise(ps):
                assert a.end <= b.start, key


def test_ev_job_goes_to_the_ev_bay_with_a_certified_technician():
    bays = [SBay(1, "quick", ("lift",), NOW), SBay(2, "EV", ("lift", "ev_hv"), NOW)]
    techs = [STech(1, "general", ("general",), NOW), STech(2, "hv", ("general", "ev_hv"), NOW)]
    job = SJob(1, 1, 90, NOW + timedelta(hours=3), "ev_hv", "ev_hv")
    for method in ("fcfs", "edd", "cpsat"):
        (p,) = plan([job], bays, techs, NOW, method=method)
        assert (p.bay_id, p.technician_id) == (2, 2)


def test_job_no_bay_can_take_is_left_out():
    bays = [SBay(1, "quick", ("lift",), NOW)]
    techs = [STech(1, "hv", ("ev_hv",), NOW)]
    job = SJob(1, 1, 90, None, "ev_hv", "ev_hv")
    assert plan([job], bays, techs, NOW) == []


def test_suggest_on_the_demo_board_proposes_the_waiting_jobs_and_apply_dispatches_them(
    demo_app, advisor
):
    s = ds.suggest(demo_app.uow(), time_limit_s=2)
    assert s.proposals, "the demo has approved jobs waiting for dispatch"
    res = ds.apply(demo_app.uow(), advisor, s.proposals)
    assert set(res.dispatched) == {p.job_id for p in s.proposals} and not res.failed
    again = ds.suggest(demo_app.uow(), time_limit_s=1)
    assert not again.proposals
