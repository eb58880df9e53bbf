from __future__ import annotations

import pytest
from sqlalchemy import select

from workshop_app.bootstrap import App
from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, PermissionDenied
from workshop_app.models import Event, JobLine, LaborEntry
from workshop_app.services import extra_work, progress
from workshop_app.services.staff import Actor


def _paused(app: App, job_id: int) -> str | None:
    with app.uow() as uow:
        job = uow.session.get(JobLine, job_id)
        assert job is not None
        return job.paused_reason


def test_asking_for_extra_work_pauses_the_job_for_approval(demo_app, job_at):
    j = job_at("repair")
    progress.clock_on(demo_app.uow(), j.tech, j.job_id)
    info = extra_work.request_extra_work(
        demo_app.uow(), j.tech, j.job_id, "Rear pads worn to 2 mm", "BRK02"
    )
    assert info.status == "pending"
    assert info.operation_code == "BRK02"
    assert info.requested_by_name == j.tech.name
    assert _paused(demo_app, j.job_id) == "approval"
    assert info.id in [i.id for i in extra_work.pending_extra_work(demo_app.uow())]
    with demo_app.uow() as uow:
        open_entries = uow.session.execute(
            select(LaborEntry).where(
                LaborEntry.job_line_id == j.job_id, LaborEntry.ended_at.is_(None)
            )
        ).all()
        kinds = [
            e.kind
            for e in uow.session.execute(select(Event).order_by(Event.id.desc()).limit(2)).scalars()
        ]
    assert open_entries == []
    assert kinds == ["extra_work.requested", "job.paused"]


def test_approved_extra_work_adds_an_approved_job_and_resumes(demo_app, job_at, advisor: Actor):
    j = job_at("repair")
    req = extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "Rear pads worn", "BRK02")
    done = extra_work.answer_extra_work(
        demo_app.uow(), advisor, req.id, approved=True, customer_method="phone"
    )
    assert done.status == "approved"
    assert _paused(demo_app, j.job_id) is None
    with demo_app.uow() as uow:
        extra = uow.session.execute(
            select(JobLine).where(JobLine.ro_id == j.ro_id, JobLine.source == "extra")
        ).scalar_one()
        assert extra.approved is True
        assert extra.step == "waiting"
    assert req.id not in [i.id for i in extra_work.pending_extra_work(demo_app.uow())]


def test_declined_extra_work_resumes_without_adding_a_job(demo_app, job_at, advisor: Actor):
    j = job_at("repair")
    req = extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "Wipers smear")
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, req.id, approved=False, customer_method="wechat"
    )
    assert _paused(demo_app, j.job_id) is None
    with demo_app.uow() as uow:
        extras = uow.session.execute(
            select(JobLine).where(JobLine.ro_id == j.ro_id, JobLine.source == "extra")
        ).all()
    assert extras == []
    with pytest.raises(IllegalTransition):
        extra_work.answer_extra_work(
            demo_app.uow(), advisor, req.id, approved=True, customer_method="phone"
        )


def test_job_waits_until_every_question_on_it_is_answered(demo_app, job_at, advisor: Actor):
    j = job_at("repair")
    a = extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "Pads")
    b = extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "Wipers")
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, a.id, approved=False, customer_method="phone"
    )
    assert _paused(demo_app, j.job_id) == "approval"
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, b.id, approved=False, customer_method="phone"
    )
    assert _paused(demo_app, j.job_id) is None


def test_a_job_paused_for_parts_keeps_that_reason(demo_app, job_at, advisor: Actor):
    j = job_at("repair", paused="parts")
    req = extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "Coolant hose cracked")
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, req.id, approved=False, customer_method="phone"
    )
    assert _paused(demo_app, j.job_id) == "parts"


def test_a_retried_request_with_the_same_key_is_recorded_once(demo_app, job_at):
    j = job_at("repair")
    a = extra_work.request_extra_work(
        demo_app.uow(), j.tech, j.job_id, "Pads", idempotency_key="k1"
    )
    b = extra_work.request_extra_work(
        demo_app.uow(), j.tech, j.job_id, "Pads", idempotency_key="k1"
    )
    assert a.id == b.id
    assert [i.id for i in extra_work.pending_extra_work(demo_app.uow())].count(a.id) == 1
    assert len(extra_work.extra_work_for_job(demo_app.uow(), j.job_id)) == 1


def test_bad_extra_work_requests_change_nothing(demo_app, job_at, advisor: Actor):
    j = job_at("repair")
    with pytest.raises(InvalidInput):
        extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "   ")
    with pytest.raises(PermissionDenied):
        extra_work.request_extra_work(demo_app.uow(), advisor, j.job_id, "Pads")
    w = job_at("waiting")
    with pytest.raises(IllegalTransition):
        extra_work.request_extra_work(demo_app.uow(), w.tech, w.job_id, "Pads")
    req = extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "Pads")
    with pytest.raises(PermissionDenied):
        extra_work.answer_extra_work(
            demo_app.uow(), j.tech, req.id, approved=True, customer_method="phone"
        )
    with pytest.raises(InvalidInput):
        extra_work.answer_extra_work(
            demo_app.uow(), advisor, req.id, approved=True, customer_method="fax"
        )
    assert _paused(demo_app, j.job_id) == "approval"


def test_a_stale_answer_is_refused(demo_app, job_at, advisor: Actor):
    j = job_at("repair")
    req = extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "Pads")
    extra_work.answer_extra_work(
        demo_app.uow(), advisor, req.id, approved=True, customer_method="phone"
    )
    with pytest.raises((IllegalTransition, Conflict)):
        extra_work.answer_extra_work(
            demo_app.uow(), advisor, req.id, approved=False, customer_method="phone"
        )


def test_an_answer_resent_with_its_key_is_applied_once(demo_app, job_at, advisor: Actor):
    j = job_at("repair")
    req = extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "Rear pads worn", "BRK02")
    answer = dict(approved=True, customer_method="phone", idempotency_key="ans-1")
    first = extra_work.answer_extra_work(demo_app.uow(), advisor, req.id, **answer)
    # The reply was lost and the desk sends the same answer: no "already answered", no second job.
    again = extra_work.answer_extra_work(demo_app.uow(), advisor, req.id, **answer)
    assert again == first and again.status == "approved"
    with demo_app.uow() as uow:
        extra = uow.session.execute(
            select(JobLine).where(JobLine.ro_id == j.ro_id, JobLine.source == "extra")
        ).all()
        answered = uow.session.execute(
            select(Event).where(Event.kind == "extra_work.answered", Event.ro_id == j.ro_id)
        ).all()
    assert len(extra) == 1 and len(answered) == 1
    # A different answer (a new key) to the same question is still refused.
    with pytest.raises(IllegalTransition):
        extra_work.answer_extra_work(
            demo_app.uow(), advisor, req.id, approved=False, customer_method="phone"
        )
