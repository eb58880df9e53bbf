"""The demo store's service life: a recall with some of the demo's cars on it (one of them
booked today, one done already), a model-wide service campaign, follow-ups of the work the
history's customers declined, a no-show this morning and a few calls made from the due
list. Deterministic: it picks cars by their place in the seeder's list and draws nothing
at random (the history's own mileages make the due list: overdue, this week, this month).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from workshop_app.lifecycle import campaigns, contacts, follow_ups, no_shows
from workshop_app.lifecycle.campaign_file import CampaignDraft, ParsedFile
from workshop_app.lifecycle.due import due_list
from workshop_app.lifecycle.vin import with_check_digit
from workshop_app.models import (
    Appointment,
    CampaignVehicle,
    ExtraWorkRequest,
    FollowUp,
    LaborOperation,
    RepairOrder,
    Staff,
    Vehicle,
)
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork

RECALL = "RC-2026-017"
SERVICE = "SV-2026-008"
# What a declined question was, as the catalogue operation that does it (one click at the
# next visit); the others are added by hand.
DECLINED_OPERATIONS = {"四轮定位": "ALN01", "轮胎换位": "TYR01"}
# VINs of the recall no car here has (yet): the report's "not seen".
UNSEEN = ("LSVAB4BR5PN000101", "LSVAB4BR5PN000102", "LSVAB4BR5PN000103")


class _Clock:
    def __init__(self, t: datetime) -> None:
        self.t = t

    def now(self) -> datetime:
        return self.t


def seed_service_life(uow: UnitOfWork, vehicles: list[Vehicle], now: datetime) -> None:
    """Write the demo's campaigns, follow-ups, no-show and calls (after the rest)."""
    clock = _Clock(now)
    uow.clock = clock
    with uow.for_reading() as r:
        staff = r.session.execute(select(Staff).where(Staff.number == "A01")).scalar_one()
        advisor = Actor(staff.id, staff.number, staff.name, staff.role)
        by_id = {v.id: (v.vin, v.model) for v in r.session.execute(select(Vehicle)).scalars()}
    today = uow.store.local_date(now)
    vin = [by_id[v.id][0] for v in vehicles]
    # The recall: a booked car arriving today (vehicles[30]), another booked one, six cars of
    # the history, three VINs not seen here, and a range of them.
    recall = CampaignDraft(RECALL, 2, kind="recall")
    recall.title_zh = "前排安全带预紧器检查召回"
    recall.title_en = "Front seat-belt pretensioner recall"
    recall.operation = "RCL01"
    recall.starts_on = today - timedelta(days=30)
    recall.ends_on = today + timedelta(days=150)
    listed = [vin[30], vin[31], *vin[100:106], *(with_check_digit(u) for u in UNSEEN)]
    for i, number in enumerate(listed):
        recall.vins[number] = i + 2
    first = with_check_digit("LSVAB4BR0PN000200")
    last = with_check_digit("LSVAB4BR0PN000260")
    recall.ranges.append((first, last, 20))
    service = CampaignDraft(SERVICE, 30, kind="service")
    service.title_zh = "汉 EV 电池管理系统软件升级"
    service.title_en = "Han EV battery management software update"
    service.operation = "RCL01"
    service.starts_on = today - timedelta(days=10)
    service.ends_on = today + timedelta(days=80)
    service.models.append("汉 EV")
    campaigns.import_parsed(
        uow,
        advisor,
        ParsedFile({RECALL: recall, SERVICE: service}),
        source="demo-campaigns.xlsx",
    )
    with uow:
        s = uow.session
        # One of the history's cars had the recall done on its last visit.
        done_vin = vin[100]
        last_ro = (
            s.execute(
                select(RepairOrder)
                .where(RepairOrder.vehicle_id == vehicles[100].id)
                .order_by(RepairOrder.opened_at.desc())
            )
            .scalars()
            .first()
        )
        cv = s.execute(select(CampaignVehicle).where(CampaignVehicle.vin == done_vin)).scalar_one()
        if last_ro is not None:
            cv.status, cv.ro_id, cv.done_at = "done", last_ro.id, last_ro.settled_at or now
        # A no-show this morning: booked three hours ago, never came.
        v = vehicles[42]
        slot = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=3)
        missed = Appointment(
            store_id=uow.store_id,
            vehicle_id=v.id,
            customer_id=v.customer_id,
            plate=v.plate,
            slot_start=slot,
            slot_end=slot + timedelta(minutes=30),
            requested_operations=["MNT10"],
            status="booked",
        )
        s.add(missed)
        s.flush()
        missed_id = missed.id
        uow.commit()
    # only this one: late in the evening the demo's other bookings sit in past morning
    # slots as cars still expected (demo_store._local_slot)
    no_shows.mark_no_shows(uow, only=[missed_id])
    # Follow-ups: what the history's customers declined, due a month after their visit.
    with uow.for_reading() as r:
        declined = list(
            r.session.execute(
                select(RepairOrder.id, RepairOrder.settled_at)
                .join(ExtraWorkRequest, ExtraWorkRequest.ro_id == RepairOrder.id)
                .where(ExtraWorkRequest.status == "declined")
                .order_by(RepairOrder.settled_at, RepairOrder.id)
                .distinct()
            ).all()
        )
        ops = dict(r.session.execute(select(LaborOperation.code, LaborOperation.id)).all())
    for ro_id, settled_at in declined:
        clock.t = settled_at or now
        with uow:
            ro = uow.session.get(RepairOrder, ro_id)
            assert ro is not None
            follow_ups.collect_for_ro(uow, ro)
            uow.commit()
    clock.t = now
    with uow:
        s = uow.session
        for f in s.execute(select(FollowUp).where(FollowUp.source == "declined")).scalars():
            code = DECLINED_OPERATIONS.get(f.description)
            if code and f.operation_id is None:
                f.operation_id = ops.get(code)
        uow.commit()
    # Calls from the due list: the first car is booked for tomorrow, the next two were
    # called (one unreachable).
    rows = due_list(uow)
    if rows:
        tomorrow = datetime.combine(today + timedelta(days=1), time(10, 0), uow.store.zone)
        contacts.book_from_list(
            uow,
            advisor,
            rows[0].vehicle_id,
            topic="service_due",
            slot_start=tomorrow,
            operations=[rows[0].next.code],
            note="客户同意明早保养",
        )
    for row, status in zip(rows[1:3], ("called", "unreachable"), strict=False):
        contacts.record_contact(
            uow, advisor, row.vehicle_id, topic="service_due", status=status, note=""
        )
