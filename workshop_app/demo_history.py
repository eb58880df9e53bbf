"""The demo store's past 90 days: what the reports window and the ETAs learn from.

240 delivered repair orders during opening hours, two advisors, each job walked through its
steps at a bay by a technician on duty (labour clocked, some jobs paused with a reason),
promised times (most kept), arrivals at the barrier, some extra work proposed, invoices to
customers, insurers, warranty and internal accounts with their payments; and every
technician's shift clock (clock in, a lunch break in a gap between jobs, clock out, one day
off a week), so attended, clocked and sold hours all exist. Rows and events are written
directly in the seeder's one transaction (fast: ``seed-demo`` stays a few seconds);
deterministic for a seed (its own random stream, so the rest of the demo does not move).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from workshop_app.event_kinds import EventKind
from workshop_app.models import (
    Bay,
    Event,
    ExtraWorkRequest,
    Invoice,
    InvoiceLine,
    InvoicePayer,
    JobLine,
    LaborEntry,
    LaborOperation,
    Part,
    PartLine,
    Payment,
    RepairOrder,
    Staff,
    Vehicle,
)
from workshop_app.services import numbers
from workshop_app.services.repair_orders import new_status_token
from workshop_app.settlement.issuing import invoice_snapshot
from workshop_app.settlement.totals import LineIn, compute
from workshop_app.uow import UnitOfWork

HISTORY_ROS = 900  # ~10 a day with ~2 operations each (more makes seed-demo slow)
DAYS = 90
CORRECTED_DAY = 9  # the day a manager corrected (see the shift clock below)
# The parts an operation uses (sku, quantity) on the invoice.
OP_PARTS = {
    "OIL01": [("OF-90915", 1), ("EO-5W30-4L", 1)],
    "MNT10": [("OF-90915", 1), ("EO-5W30-4L", 1), ("AF-17801", 1), ("CF-87139", 1)],
    "BRK01": [("BP-F-0446", 1)],
    "BRK02": [("BP-R-0446", 1)],
    "BRK03": [("BF-DOT4-1L", 1)],
    "TYR02": [("TYR-225-45R18", 2)],
    "SPK01": [("SP-90919", 4)],
    "AC01": [("AC-R134A", 1)],
    "EV02": [("EV-FLT-01", 1)],
}
PAUSES = (  # reason, weight, minutes (low, high)
    ("parts", 35, (40, 150)),
    ("approval", 25, (20, 80)),
    ("customer", 15, (15, 50)),
    ("other", 15, (10, 30)),
    ("break", 10, (10, 20)),
)
PAYERS = (("customer", 78), ("insurer", 8), ("warranty", 8), ("internal", 6))
METHODS = ("wechat", "alipay", "card", "cash")
COMPLAINTS = [
    "常规保养",
    "刹车有异响",
    "空调不制冷",
    "仪表盘故障灯亮",
    "方向盘跑偏",
    "轮胎磨损不均",
]


def _odometer(v: Vehicle, opened: datetime, now: datetime, _drawn: int) -> int:
    """The car's odometer at a past visit: today's reading less its daily distance (30 to
    69 km a day, by its id) since, so its history tells a believable daily mileage. The
    value drawn from the history's random stream is kept drawn (the rest does not move)."""
    daily = 30 + v.id % 40
    return max(0, v.mileage - round((now - opened).total_seconds() / 86_400 * daily))


@dataclass
class _Day:
    """One technician's day: labour intervals (to fit the shift and break around)."""

    work: list[tuple[datetime, datetime]] = field(default_factory=list)


def add_history(
    uow: UnitOfWork,
    *,
    seed: int,
    now: datetime,
    vehicles: list[Vehicle],
) -> None:
    """Write the 90 days of history into the open transaction (the seeder commits)."""
    rng = random.Random(seed * 7919 + 17)
    s = uow.session
    sid = uow.store_id
    zone = uow.store.zone  # the store's own days and hours
    ops = {o.code: o for o in s.query(LaborOperation)}
    parts = {p.sku: p for p in s.query(Part)}
    staff = list(s.query(Staff).where(Staff.store_id == sid).order_by(Staff.number))
    techs = [t for t in staff if t.role == "technician"]
    foreman = next(t for t in staff if t.role == "foreman")
    advisors = [t for t in staff if t.role == "advisor"]
    cashier = next(t for t in staff if t.role == "cashier")
    bays = list(s.query(Bay).where(Bay.store_id == sid).order_by(Bay.sort))
    tax = uow.store.tax
    today = now.astimezone(zone).date()
    events: list[Event] = []

    def ev(at: datetime, kind: str, ro_id: int | None, actor: int | None, **p: Any) -> None:
        events.append(Event(at=at, store_id=sid, kind=kind, ro_id=ro_id, actor_id=actor, payload=p))

    def on_duty(tech_index: int, day_no: int) -> bool:
        return (tech_index + day_no) % 7 not in (0, 3)  # two days off a week, staggered

    days_of: dict[tuple[int, int], _Day] = defaultdict(_Day)  # (staff id, day_no)
    # ROs per day: busier on weekends (a 4S store's customers come on Saturdays).
    day_nos = list(range(2, DAYS + 1))
    weights = [1.6 if (today - timedelta(days=d)).isoweekday() in (6, 7) else 1.0 for d in day_nos]
    picks = rng.choices(day_nos, weights=weights, k=HISTORY_ROS)
    openings = sorted(
        (
            datetime.combine(today - timedelta(days=d), time(8, 30), zone)
            + timedelta(minutes=rng.triangular(0, 420, 90)),
            d,
        )
        for d in picks
    )
    bay_free: dict[int, datetime] = {}
    tech_free: dict[int, datetime] = {}
    last_visit: dict[int, list[tuple[datetime, set[str]]]] = {}
    to_invoice: list[tuple[datetime, RepairOrder, list[tuple[LaborOperation, JobLine]], str]] = []
    codes_petrol = [c for c in ops if not c.startswith("EV")]
    codes_ev = ["EV01", "EV02", "BRK01", "TYR01", "WSH01"]
    for opened, day_no in openings:
        v = rng.choice(vehicles)
        advisor = advisors[len(to_invoice) % len(advisors)]
        number = numbers.next_number(uow, "RO", opened.year)
        if v.energy == "ev":
            codes = rng.sample(["EV01", "EV02", "BRK01", "TYR01"], k=rng.randrange(1, 3))
        else:
            codes = rng.sample(codes_petrol, k=rng.choice((1, 2, 2, 3, 3)))
        # a car back within a month has other work done, except for a few real comebacks
        recent = {
            c
            for when, done in last_visit.get(v.id, ())
            if opened - when < timedelta(days=35)
            for c in done
        }
        if recent and rng.random() > 0.04:
            pool = [c for c in (codes_ev if v.energy == "ev" else codes_petrol) if c not in recent]
            codes = [c for c in codes if c not in recent] or rng.sample(pool, k=min(1, len(pool)))
        codes = codes or ["WSH01"]
        last_visit.setdefault(v.id, []).append((opened, set(codes)))
        ro = RepairOrder(
            store_id=sid,
            number=number,
            vehicle_id=v.id,
            customer_id=v.customer_id,
            advisor_id=advisor.id,
            complaint=rng.choice(COMPLAINTS),
            mileage_in=_odometer(v, opened, now, rng.randrange(1000, 20000)),
            status="delivered",
            status_token=new_status_token(),
            opened_at=opened,
            approved_at=opened + timedelta(minutes=rng.uniform(4, 15)),
            approved_by="客户本人",
            approval_method=rng.choice(("signature", "signature", "wechat", "phone")),
        )
        s.add(ro)
        s.flush()
        if rng.random() < 0.8:
            ev(
                opened - timedelta(minutes=rng.uniform(2, 20)),
                EventKind.VEHICLE_ARRIVED,
                None,
                None,
                plate=v.plate,
                confidence=0.97,
                camera="entry",
                vehicle_id=v.id,
            )
        ev(opened, EventKind.RO_OPENED, ro.id, advisor.id, number=number, plate=v.plate)
        assert ro.approved_at is not None
        ev(ro.approved_at, EventKind.RO_APPROVED, ro.id, advisor.id, number=number)
        t = ro.approved_at + timedelta(minutes=rng.uniform(3, 12))
        jobs: list[tuple[LaborOperation, JobLine]] = []
        for k, code in enumerate(codes):
            op = ops[code]
            crew = [
                tt
                for i, tt in enumerate(techs)
                if on_duty(i, day_no) and op.required_skill in (tt.skills or [])
            ] or [tt for i, tt in enumerate(techs) if on_duty(i, day_no)]
            # the technician and the bay free soonest (ties: the seeded stream decides)
            rng.shuffle(crew)
            tech = min(crew, key=lambda tt: tech_free.get(tt.id, t))
            if tech_free.get(tech.id, t) > t + timedelta(minutes=75):
                # the specialists are busy: the foreman gives it to whoever is free
                anyone = [tt for i, tt in enumerate(techs) if on_duty(i, day_no)]
                rng.shuffle(anyone)
                tech = min(anyone, key=lambda tt: tech_free.get(tt.id, t))
            fits = [
                b
                for b in bays
                if (op.required_equipment in (b.equipment or []) or not op.required_equipment)
                and (b.kind != "ev" or v.energy == "ev")
                and (b.kind != "alignment" or op.required_equipment == "alignment")
            ] or bays
            rng.shuffle(fits)
            bay = min(fits, key=lambda b: bay_free.get(b.id, t))
            job = JobLine(
                ro_id=ro.id,
                operation_id=op.id,
                hours=op.standard_hours,
                bay_id=bay.id,
                technician_id=tech.id,
                step="ready",
                sort=k,
                dispatched_at=t,
            )
            s.add(job)
            s.flush()
            jobs.append((op, job))
            ev(
                t,
                EventKind.JOB_DISPATCHED,
                ro.id,
                advisor.id,
                job_id=job.id,
                bay_id=bay.id,
                technician_id=tech.id,
            )
            # the car waits for its bay (and the previous car in it)
            t = max(
                t + timedelta(minutes=rng.uniform(5, 35)),
                bay_free.get(bay.id, t) + timedelta(minutes=rng.uniform(2, 8)),
                tech_free.get(tech.id, t) + timedelta(minutes=rng.uniform(2, 8)),
            )
            step = "waiting"
            path = ["in_bay"]
            if code == "DIAG" or rng.random() < 0.15:
                path.append("diagnosis")
            path.append("repair")
            if rng.random() < 0.3:
                path.append("road_test")
            path.append("quality_check")
            if rng.random() < 0.6:
                path.append("wash")
            path.append("ready")
            for nxt in path:
                ev(
                    t,
                    EventKind.JOB_STEP_MOVED,
                    ro.id,
                    foreman.id if step == "quality_check" else tech.id,
                    job_id=job.id,
                    from_step=step,
                    step=nxt,
                    code=code,
                )
                step = nxt
                if nxt == "ready":
                    break
                if nxt == "wash":
                    bay_free[bay.id] = t
                if nxt == "quality_check":
                    tech_free[tech.id] = t
                minutes = {
                    "in_bay": rng.uniform(4, 12),
                    "diagnosis": rng.uniform(15, 40),
                    "repair": float(op.standard_hours) * 60 * rng.uniform(0.7, 1.35),
                    "road_test": rng.uniform(10, 20),
                    "quality_check": rng.uniform(6, 18),
                    "wash": rng.uniform(15, 30),
                }[nxt]
                clocked = nxt in ("in_bay", "diagnosis", "repair", "road_test")
                start = t + timedelta(minutes=1 if clocked else 0)
                end = t + timedelta(minutes=minutes)
                if nxt == "repair" and rng.random() < 0.28:
                    reason, _w, (lo, hi) = rng.choices(PAUSES, weights=[p[1] for p in PAUSES])[0]
                    p_at = start + (end - start) * rng.uniform(0.2, 0.6)
                    p_end = p_at + timedelta(minutes=rng.uniform(lo, hi))
                    ev(
                        p_at,
                        EventKind.JOB_PAUSED,
                        ro.id,
                        tech.id,
                        job_id=job.id,
                        reason=reason,
                        step=nxt,
                    )
                    ev(p_end, EventKind.JOB_RESUMED, ro.id, tech.id, job_id=job.id, step=nxt)
                    s.add(
                        LaborEntry(
                            job_line_id=job.id,
                            technician_id=tech.id,
                            started_at=start,
                            ended_at=p_at,
                        )
                    )
                    days_of[(tech.id, day_no)].work.append((start, p_at))
                    shift = p_end - p_at
                    start, end = p_end, end + shift
                if clocked:
                    s.add(
                        LaborEntry(
                            job_line_id=job.id,
                            technician_id=tech.id,
                            started_at=start,
                            ended_at=end,
                        )
                    )
                    days_of[(tech.id, day_no)].work.append((start, end))
                t = end
            if "wash" not in path:
                bay_free[bay.id] = t
            job.step_changed_at = t
        ro.ready_at = t
        # the advisor's promise, on the half hour: most are kept, some by a long way not
        promise = t + timedelta(minutes=rng.gauss(55, 50))
        ro.promised_at = max(opened + timedelta(minutes=30), promise).replace(
            minute=(promise.minute // 30) * 30, second=0, microsecond=0
        )
        delivered = t + timedelta(minutes=rng.uniform(20, 200))
        local = delivered.astimezone(zone)
        if local.time() > time(19, 30):  # collected the next morning
            delivered = datetime.combine(
                local.date() + timedelta(days=1), time(8, 40), zone
            ) + timedelta(minutes=rng.uniform(0, 80))
        ro.delivered_at = delivered
        issued = max(t + timedelta(minutes=2), delivered - timedelta(minutes=rng.uniform(5, 15)))
        ro.settled_at = issued
        payer = rng.choices([p for p, _w in PAYERS], weights=[w for _p, w in PAYERS])[0]
        to_invoice.append((issued, ro, jobs, payer))
        ev(delivered, EventKind.RO_DELIVERED, ro.id, advisor.id, number=number, plate=v.plate)
        if rng.random() < 0.15:
            approved = rng.random() < 0.65
            asked = opened + timedelta(minutes=rng.uniform(30, 90))
            s.add(
                ExtraWorkRequest(
                    ro_id=ro.id,
                    description=rng.choice(("更换雨刮片", "更换空调滤芯", "四轮定位", "轮胎换位")),
                    status="approved" if approved else "declined",
                    requested_by=jobs[0][1].technician_id,
                    requested_at=asked,
                    answered_by=advisor.id,
                    answered_at=asked + timedelta(minutes=rng.uniform(5, 40)),
                    customer_method="phone",
                )
            )

    # Invoices in the order they were issued (gapless numbers rise with time), with payments.
    for issued, ro, jobs, payer in sorted(to_invoice, key=lambda x: x[0]):
        lines = []
        for op, _job in jobs:
            flat = op.flat_price
            qty, price = (
                (Decimal(1), flat)
                if flat is not None
                else (op.standard_hours, tax.labor_rate_per_hour)
            )
            lines.append(
                LineIn(
                    "labor",
                    op.code,
                    op.name_zh,
                    qty,
                    price,
                    tax.labor_rate,
                    shares=((payer, Decimal(100)),),
                )
            )
        for op, job in jobs:
            for sku, count in OP_PARTS.get(op.code, ()):
                part = parts[sku]
                s.add(
                    PartLine(
                        ro_id=ro.id,
                        job_line_id=job.id,
                        part_id=part.id,
                        quantity=Decimal(count),
                        unit_price=part.price,
                        status="issued",
                    )
                )
                lines.append(
                    LineIn(
                        "part",
                        sku,
                        part.name_zh,
                        Decimal(count),
                        part.price,
                        tax.parts_rate,
                        shares=((payer, Decimal(100)),),
                    )
                )
        totals = compute(lines, tax.prices_include_tax)
        year = issued.astimezone(zone).year
        inv_no = numbers.next_number(uow, "INV", year)
        inv = Invoice(
            store_id=sid,
            ro_id=ro.id,
            customer_id=ro.customer_id,
            kind="invoice",
            number=inv_no,
            status="issued",
            created_at=issued,
            issued_at=issued,
            issued_by=cashier.id,
            prices_include_tax=tax.prices_include_tax,
            net=totals.net,
            tax=totals.tax,
            gross=totals.gross,
            discount=totals.discount,
            snapshot=invoice_snapshot(uow, ro),  # what a real issue freezes
        )
        for i, ln in enumerate(totals.lines):
            inv.lines.append(
                InvoiceLine(
                    sort=i,
                    kind=ln.kind,
                    code=ln.code,
                    description=ln.description,
                    quantity=ln.quantity,
                    unit_price=ln.unit_price,
                    list_gross=ln.list_gross,
                    discount=ln.discount,
                    tax_rate=ln.tax_rate,
                    net=ln.net,
                    tax=ln.tax,
                    gross=ln.gross,
                    payer_kind=ln.main_payer,
                    shares={k: str(v) for k, v in ln.shares},
                )
            )
        for p in totals.payers:
            inv.payers.append(InvoicePayer(kind=p.kind, net=p.net, tax=p.tax, amount=p.gross))
        s.add(inv)
        s.flush()
        ev(
            issued,
            EventKind.INVOICE_ISSUED,
            ro.id,
            cashier.id,
            number=inv_no,
            gross=str(totals.gross),
            payers={p.kind: str(p.gross) for p in totals.payers},
        )
        method = rng.choice(METHODS) if payer == "customer" else "account"
        s.add(
            Payment(
                invoice_id=inv.id,
                payer_kind=payer,
                method=method,
                amount=totals.gross,
                received_at=issued + timedelta(minutes=1),
                received_by=cashier.id,
            )
        )
        ev(
            issued + timedelta(minutes=1),
            EventKind.INVOICE_PAID,
            ro.id,
            cashier.id,
            number=inv_no,
            payer=payer,
            method=method,
            amount=str(totals.gross),
        )

    # The shift clock: every technician and the foreman, each day on duty.
    crew = [*techs, foreman]
    manager = next((t for t in staff if t.role == "manager"), None)
    corrected: tuple[Staff, date, datetime, datetime, tuple[datetime, datetime] | None] | None = (
        None
    )
    for day_no in range(1, DAYS + 1):
        day = today - timedelta(days=day_no)
        for i, person in enumerate(crew):
            if person in techs and not on_duty(i, day_no):
                continue
            work = sorted(days_of.get((person.id, day_no), _Day()).work)
            cin = datetime.combine(day, time(8, 5), zone) + timedelta(minutes=rng.uniform(0, 25))
            if work and work[0][0] < cin:
                cin = work[0][0] - timedelta(minutes=rng.uniform(3, 10))
            cout = datetime.combine(day, time(18, 0), zone) + timedelta(minutes=rng.uniform(0, 35))
            if work and max(e for _s, e in work) > cout:
                cout = max(e for _s, e in work) + timedelta(minutes=rng.uniform(3, 12))
            ev(cin, EventKind.ATTENDANCE_CLOCKED_IN, None, person.id, staff_id=person.id)
            lunch = _gap(
                work,
                datetime.combine(day, time(11, 30), zone),
                datetime.combine(day, time(14, 0), zone),
                rng,
            )
            if lunch is not None:
                ev(
                    lunch[0],
                    EventKind.ATTENDANCE_BREAK_STARTED,
                    None,
                    person.id,
                    staff_id=person.id,
                )
                ev(lunch[1], EventKind.ATTENDANCE_BREAK_ENDED, None, person.id, staff_id=person.id)
            ev(cout, EventKind.ATTENDANCE_CLOCKED_OUT, None, person.id, staff_id=person.id)
            if day_no == CORRECTED_DAY and corrected is None and person in techs:
                corrected = (person, day, cin, cout, lunch)
    # A manager's correction (administration window, attendance tab): the badge reader was
    # down that morning, the first technician on duty came at eight.
    if corrected is not None and manager is not None:
        person, day, _cin, cout, lunch = corrected
        start = datetime.combine(day, time(8, 0), zone)
        ev(
            datetime.combine(day + timedelta(days=1), time(9, 10), zone),
            EventKind.ATTENDANCE_CORRECTED,
            None,
            manager.id,
            staff_id=person.id,
            day=day.isoformat(),
            shifts=[[start.astimezone(UTC).isoformat(), cout.astimezone(UTC).isoformat()]],
            breaks=[[b.astimezone(UTC).isoformat() for b in lunch]] if lunch else [],
            reason="打卡机故障，08:00 到岗 / badge reader down, at work from 08:00",
        )
    # Today: the crew on duty clocked in this morning (if the morning has begun).
    for i, person in enumerate(crew):
        cin = datetime.combine(today, time(8, 5), zone) + timedelta(minutes=rng.uniform(0, 25))
        if (person not in techs or on_duty(i, 0)) and cin < now - timedelta(hours=4, minutes=30):
            ev(cin, EventKind.ATTENDANCE_CLOCKED_IN, None, person.id, staff_id=person.id)
    s.add_all(events)
    s.flush()


def _gap(
    work: list[tuple[datetime, datetime]],
    lo: datetime,
    hi: datetime,
    rng: random.Random,
) -> tuple[datetime, datetime] | None:
    """A lunch break (45–60 min, else at least 20) in a gap between jobs within [lo, hi]."""
    busy = [(s, e) for s, e in work if e > lo and s < hi]
    edges = [lo, *[x for se in busy for x in se], hi]
    gaps = [(max(lo, edges[k]), min(hi, edges[k + 1])) for k in range(0, len(edges), 2)]
    gaps = [(a, b) for a, b in gaps if (b - a) >= timedelta(minutes=25)]
    if not gaps:
        return None
    a, b = max(gaps, key=lambda g: g[1] - g[0])
    length = min(b - a - timedelta(minutes=4), timedelta(minutes=rng.uniform(45, 60)))
    start = a + timedelta(minutes=2)
    return start, start + length


CANCELLED_REASON = (
    "客户决定下次再修：刹车片要等三天到货 / customer will come back when the pads are in"
)


def add_cancelled(uow: UnitOfWork, *, seed: int, now: datetime, vehicles: list[Vehicle]) -> None:
    """One RO of the history that was cancelled before any work (its own transaction): the
    customer approved front brake pads by phone, the pads were short, they left to come
    back another day. Its part was never issued and its stock never taken; the reports
    leave it out. Numbered after today's cars (it is written last, so their numbers stay)."""
    rng = random.Random(seed * 104_729 + 3)
    zone = uow.store.zone
    with uow:
        s = uow.session
        v = vehicles[rng.randrange(len(vehicles))]
        advisor = s.query(Staff).where(Staff.number == "A02").one()
        op = s.query(LaborOperation).where(LaborOperation.code == "BRK01").one()
        part = s.query(Part).where(Part.sku == "BP-F-0446").one()
        day = now.astimezone(zone).date() - timedelta(days=12)
        opened = datetime.combine(day, time(10, 5), zone)
        approved = opened + timedelta(minutes=9)
        cancelled = opened + timedelta(minutes=38)
        number = numbers.next_number(uow, "RO", opened.year)
        ro = RepairOrder(
            store_id=uow.store_id,
            number=number,
            vehicle_id=v.id,
            customer_id=v.customer_id,
            advisor_id=advisor.id,
            complaint="刹车时有异响",
            mileage_in=v.mileage,
            status="cancelled",
            status_token=new_status_token(),
            opened_at=opened,
            approved_at=approved,
            approved_by="客户本人",
            approval_method="phone",
            approved_total=Decimal("740.00"),
            cancelled_at=cancelled,
            cancel_reason=CANCELLED_REASON,
        )
        s.add(ro)
        s.flush()
        job = JobLine(
            ro_id=ro.id,
            operation_id=op.id,
            hours=op.standard_hours,
            step="waiting",
            step_changed_at=opened,
        )
        line = PartLine(
            ro_id=ro.id,
            part_id=part.id,
            quantity=Decimal(1),
            unit_price=part.price,
            status="declined",  # released when the RO was cancelled
            approved=False,
        )
        s.add_all([job, line])
        s.flush()
        for at, kind, payload in (
            (opened, EventKind.RO_OPENED, {"number": number, "plate": v.plate}),
            (approved, EventKind.RO_APPROVED, {"number": number, "method": "phone"}),
            (
                cancelled,
                EventKind.RO_CANCELLED,
                {
                    "number": number,
                    "reason": CANCELLED_REASON,
                    "estimate": "740.00",
                    "released": [
                        {"part_line_id": str(line.id), "status": "back_order", "quantity": "1"}
                    ],
                    "questions_declined": 0,
                },
            ),
        ):
            s.add(
                Event(
                    at=at,
                    store_id=uow.store_id,
                    kind=kind,
                    ro_id=ro.id,
                    actor_id=advisor.id,
                    payload=payload,
                )
            )
        uow.commit()
