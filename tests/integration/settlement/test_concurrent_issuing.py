"""Two desks issuing at once on PostgreSQL never collide and never leave a hole."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from workshop_app import bootstrap
from workshop_app.config import Settings
from workshop_app.models import Customer, JobLine, RepairOrder, Staff, Store, Vehicle
from workshop_app.models.invoices import Invoice
from workshop_app.services.repair_orders import new_status_token
from workshop_app.services.staff import hash_pin

REPO = Path(__file__).resolve().parents[3]
PER_DESK = 200


def seed_ready_ros(url: str, n: int) -> list[str]:
    s = Settings()
    s.db_url = url
    app = bootstrap.build(s)
    uow = app.uow()
    numbers = [f"RO-T-{i:05d}" for i in range(n)]
    with uow:
        ses = uow.session
        ses.add(Store(id=1, code="GZ01", name="测试店", name_en="Test store"))
        ses.flush()
        ses.add(
            Staff(store_id=1, number="C01", name="收银", role="cashier", pin_hash=hash_pin("1234"))
        )
        cust = Customer(store_id=1, name="王芳", phone="13800000000")
        ses.add(cust)
        ses.flush()
        v = Vehicle(store_id=1, plate="粤B12345", vin="LTEST000000000001", customer_id=cust.id)
        ses.add(v)
        ses.flush()
        now = uow.clock.now()
        for i, number in enumerate(numbers):
            ro = RepairOrder(
                store_id=1,
                number=number,
                vehicle_id=v.id,
                customer_id=cust.id,
                status="ready",
                status_token=new_status_token(),
                opened_at=now,
                ready_at=now,
            )
            ro.jobs.append(
                JobLine(description=f"保养 {i}", hours=Decimal("1.0") + Decimal(i % 7) / 10)
            )
            ses.add(ro)
        uow.commit()
    app.dispose()
    return numbers


@pytest.mark.postgres
@pytest.mark.slow
def test_two_desks_issue_200_invoices_each_unique_and_gapless(
    fresh_pg_url: str, tmp_path: Path
) -> None:
    ros = seed_ready_ros(fresh_pg_url, 2 * PER_DESK)
    go = tmp_path / "go"
    desks = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.integration.settlement.issuer",
                fresh_pg_url,
                str(go),
                *half,
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in (ros[:PER_DESK], ros[PER_DESK:])
    ]
    go.touch()
    outputs = [d.communicate(timeout=600) for d in desks]
    for d, (_out, err) in zip(desks, outputs, strict=True):
        assert d.returncode == 0, err[-2000:]
    got = [out.split() for out, _err in outputs]
    assert [len(g) for g in got] == [PER_DESK, PER_DESK]
    numbers = got[0] + got[1]
    assert len(set(numbers)) == 2 * PER_DESK
    year = numbers[0].split("-")[1]
    assert sorted(numbers) == [f"INV-{year}-{i:06d}" for i in range(1, 2 * PER_DESK + 1)]
    for g in got:  # each desk saw its own numbers in increasing order
        assert g == sorted(g)

    s = Settings()
    s.db_url = fresh_pg_url
    app = bootstrap.build(s, upgrade=False)
    uow = app.uow()
    with uow:
        stored = list(uow.session.execute(select(Invoice.number)).scalars())
        ro_ids = list(uow.session.execute(select(Invoice.ro_id)).scalars())
    app.dispose()
    assert sorted(stored) == sorted(numbers)
    assert len(set(ro_ids)) == 2 * PER_DESK  # one invoice per RO
