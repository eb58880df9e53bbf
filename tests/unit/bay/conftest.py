"""Fixtures for the bay terminal's core services: a job at a given step and its technician."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from workshop_app.bootstrap import App
from workshop_app.models import JobLine, Staff
from workshop_app.services.staff import Actor, actor_by_number


@dataclass(frozen=True)
class JobAt:
    job_id: int
    ro_id: int
    tech: Actor


def find_job(app: App, step: str, *, paused: str | None = None) -> JobAt:
    with app.uow() as uow:
        rows = uow.session.execute(
            select(JobLine, Staff.number)
            .join(Staff, Staff.id == JobLine.technician_id)
            .where(JobLine.step == step)
            .order_by(JobLine.id.desc())
        ).all()
        found = [(j.id, j.ro_id, n) for j, n in rows if j.paused_reason == paused]
    if not found:
        raise LookupError(f"no demo job at {step} (paused={paused})")
    job_id, ro_id, number = found[0]
    return JobAt(job_id, ro_id, actor_by_number(app.uow(), number))


@pytest.fixture
def job_at(demo_app: App):  # type: ignore[no-untyped-def]
    def find(step: str, paused: str | None = None) -> JobAt:
        return find_job(demo_app, step, paused=paused)

    return find
