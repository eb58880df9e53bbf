"""A realistic demo store for a Chinese 4S dealer, deterministic for a given seed.

6 bays, 8 technicians + foreman, advisors, a cashier and a manager (demo PIN 1234 for all),
a bilingual labor catalog, parts with stock, 200 vehicles with valid blue and green plates,
90 days of delivered history (``demo_history``: shifts, clocks, pauses, invoices, so ETAs
have medians and the reports real shapes), today's appointments, and
cars in the shop at every step. Status tokens come from ``secrets`` (never deterministic).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from workshop_app import demo_history, demo_service_life
from workshop_app.config import Settings
from workshop_app.demo_life import seed_service_life
from workshop_app.demo_signatures import demo_signature_png
from workshop_app.errors import Conflict, InvalidInput
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.lifecycle.vin import with_check_digit
from workshop_app.models import (
    Appointment,
    Bay,
    Customer,
    LaborOperation,
    RepairOrder,
    Staff,
    Store,
    Vehicle,
)
from workshop_app.notify.demo import seed_contacts_and_outbox, use_demo_channels
from workshop_app.parts.demo import (
    seed_history_trace,
    seed_parts,
    seed_parts_clerk,
    seed_purchasing,
)
from workshop_app.ports import RepairRecordUploader
from workshop_app.services import dispatch, progress, repair_orders, signatures
from workshop_app.services.intake import local_day_bounds, local_today
from workshop_app.services.staff import Actor, hash_pin
from workshop_app.uow import UnitOfWork

DEMO_PIN = "1234"

# The demo store's profile: only the demo (``workshop demo``, ``seed-demo``) ever shows it.
DEMO_OPENING_HOURS = "08:30-18:00"
DEMO_STORE: dict[str, Any] = {
    "code": "GZ01",
    "name": "粤港汽车4S店 · 售后服务中心",
    "name_en": "Yuegang Motors 4S · Service Centre",
    "phone": "020-8888 6666",
    "address": "广州市天河区车陂路 88 号",
}


def demo_settings(settings: Settings) -> Settings:
    """The demo's devices, explicitly: the rendered camera and the simulated barriers (a real
    shop's defaults have neither), and the demo store's profile where nothing is set."""
    settings.camera.source = settings.camera.source or "demo"
    settings.barrier.driver = settings.barrier.driver or "simulated"
    settings.exit_camera.source = settings.exit_camera.source or "demo"
    settings.exit_barrier.driver = settings.exit_barrier.driver or "simulated"
    settings.bay_camera.source = settings.bay_camera.source or "demo"
    for key, value in DEMO_STORE.items():
        if not getattr(settings.store, key):
            setattr(settings.store, key, value)
    use_demo_channels(settings)  # owners' messages, sent through the simulators
    if not settings.loyalty.points_per_yuan:  # the demo store's points rule
        settings.loyalty.points_per_yuan = demo_service_life.DEMO_LOYALTY.points_per_yuan
    return settings


BAYS = [
    ("快修1", "quick", ["lift"]),
    ("快修2", "quick", ["lift"]),
    ("机修1", "general", ["lift", "diagnostic"]),
    ("机修2", "general", ["lift", "tyre"]),
    ("四轮定位", "alignment", ["lift", "alignment", "tyre"]),
    ("新能源", "ev", ["lift", "ev_hv", "diagnostic"]),
]

STAFF = [
    # number, name, role, skills
    ("A01", "陈静", "advisor", []),
    ("A02", "刘洋", "advisor", []),
    ("T01", "张伟", "technician", ["general", "engine", "brakes"]),
    ("T02", "王磊", "technician", ["general", "brakes", "tyre"]),
    ("T03", "李强", "technician", ["general", "electrical", "ac"]),
    ("T04", "赵军", "technician", ["general", "alignment", "tyre"]),
    ("T05", "孙鹏", "technician", ["general", "ev_hv", "electrical"]),
    ("T06", "周涛", "technician", ["general", "engine", "ac"]),
    ("T07", "吴斌", "technician", ["general", "ev_hv", "brakes"]),
    ("T08", "郑浩", "technician", ["general", "tyre", "brakes"]),
    ("F01", "黄建国", "foreman", ["general", "engine", "brakes", "electrical", "ev_hv"]),
    ("C01", "林晓燕", "cashier", []),
    ("M01", "何志明", "manager", []),
]

OPERATIONS = [
    # code, zh, en, hours, skill, equipment, flat price
    ("OIL01", "更换机油机滤", "Oil and filter change", "0.5", "general", "lift", "298.00"),
    ("MNT10", "10000公里常规保养", "10,000 km service", "1.2", "general", "lift", None),
    ("BRK01", "更换前刹车片", "Front brake pads", "1.0", "brakes", "lift", None),
    ("BRK02", "更换后刹车片", "Rear brake pads", "1.0", "brakes", "lift", None),
    ("BRK03", "更换刹车油", "Brake fluid change", "0.6", "brakes", "lift", None),
    ("TYR01", "轮胎换位", "Tyre rotation", "0.5", "tyre", "lift", None),
    ("TYR02", "更换轮胎", "Tyre replacement", "0.8", "tyre", "tyre", None),
    ("ALN01", "四轮定位", "Wheel alignment", "1.0", "alignment", "alignment", "268.00"),
    ("BAT01", "蓄电池检测", "Battery check", "0.3", "electrical", "", "60.00"),
    ("AC01", "空调系统保养", "AC service", "1.0", "ac", "", None),
    ("DIAG", "故障诊断", "Fault diagnosis", "1.0", "engine", "diagnostic", None),
    ("SPK01", "更换火花塞", "Spark plugs", "0.8", "engine", "lift", None),
    ("EV01", "高压电池系统检测", "EV high-voltage battery check", "1.5", "ev_hv", "ev_hv", None),
    ("EV02", "电驱系统保养", "EV drive unit service", "1.2", "ev_hv", "ev_hv", None),
    ("WSH01", "精洗", "Detail wash", "0.5", "general", "", "80.00"),
    (
        "RCL01",
        "召回/服务活动作业",
        "Recall / service campaign work",
        "0.8",
        "general",
        "lift",
        None,
    ),
]
# Service intervals (km, months) of the catalogue: the due list projects from them.
OPERATION_INTERVALS: dict[str, tuple[int | None, int | None]] = {
    "OIL01": (5000, 6),
    "MNT10": (10000, 12),
    "BRK03": (40000, 24),
    "TYR01": (10000, None),
    "AC01": (None, 12),
    "SPK01": (40000, None),
    "EV01": (20000, 12),
    "EV02": (40000, 24),
}

PARTS = [
    ("OF-90915", "机油滤清器", "Oil filter", "68.00", 40),
    ("EO-5W30-4L", "全合成机油 5W-30 4L", "Synthetic oil 5W-30 4L", "398.00", 30),
    ("AF-17801", "空气滤清器", "Air filter", "128.00", 25),
    ("CF-87139", "空调滤芯", "Cabin filter", "118.00", 25),
    ("BP-F-0446", "前刹车片", "Front brake pads", "560.00", 8),
    ("BP-R-0446", "后刹车片", "Rear brake pads", "480.00", 6),
    ("BF-DOT4-1L", "刹车油 DOT4 1L", "Brake fluid DOT4 1L", "96.00", 20),
    ("SP-90919", "铱金火花塞", "Iridium spark plug", "135.00", 32),
    ("BAT-60AH", "蓄电池 60Ah", "Battery 60Ah", "780.00", 3),
    ("TYR-225-45R18", "轮胎 225/45 R18", "Tyre 225/45 R18", "950.00", 12),
    ("WB-600", "雨刮片", "Wiper blade", "88.00", 15),
    ("AC-R134A", "空调冷媒 R134a", "Refrigerant R134a", "160.00", 10),
    ("EV-COOL-4L", "电池冷却液 4L", "Battery coolant 4L", "260.00", 0),
    ("EV-FLT-01", "电驱滤清器", "Drive unit filter", "220.00", 2),
]

MODELS = [
    ("丰田", "凯美瑞", "petrol"),
    ("丰田", "RAV4荣放", "hybrid"),
    ("本田", "雅阁", "petrol"),
    ("本田", "CR-V", "petrol"),
    ("大众", "帕萨特", "petrol"),
    ("大众", "ID.4 CROZZ", "ev"),
    ("比亚迪", "汉 EV", "ev"),
    ("比亚迪", "宋PLUS DM-i", "phev"),
    ("特斯拉", "Model 3", "ev"),
    ("日产", "天籁", "petrol"),
    ("别克", "君越", "petrol"),
    ("广汽埃安", "AION S", "ev"),
]
COLOURS = ["白色", "黑色", "银色", "灰色", "蓝色", "红色"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "桂英",
    "建华",
    "志强",
    "丽",
]
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
DIGITS = "0123456789"
COMPLAINTS = [
    "常规保养",
    "刹车有异响",
    "空调不制冷",
    "仪表盘故障灯亮",
    "方向盘跑偏",
    "轮胎磨损不均",
    "电池续航下降",
    "发动机抖动",
]


@dataclass
class SeedReport:
    bays: list[str] = field(default_factory=list)
    staff: list[dict[str, str]] = field(default_factory=list)
    vehicles: int = 0
    appointments: list[dict[str, Any]] = field(default_factory=list)
    ros: list[dict[str, Any]] = field(default_factory=list)
    invoices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "bays": self.bays,
            "staff": self.staff,
            "vehicles": self.vehicles,
            "appointments": self.appointments,
            "ros": self.ros,
            "invoices": self.invoices,
        }


class SteppingClock:
    """A clock the seeder moves by hand, so today's events carry believable times."""

    def __init__(self, start: datetime) -> None:
        self.t = start

    def now(self) -> datetime:
        return self.t

    def advance(self, minutes: float) -> None:
        self.t += timedelta(minutes=minutes)


def random_plate(rng: random.Random, green: bool) -> str:
    city = rng.choice("AB")
    prov = "粤"
    if green:
        tail = (
            rng.choice("DF")
            + rng.choice(PLATE_LETTERS + DIGITS)
            + "".join(rng.choices(DIGITS, k=4))
        )
        return f"{prov}{city}{tail}"
    body = [rng.choice(DIGITS + PLATE_LETTERS) for _ in range(5)]
    if sum(c.isalpha() for c in body) > 2:
        body = [c if c.isdigit() else rng.choice(DIGITS) for c in body[:3]] + body[3:]
    return f"{prov}{city}{''.join(body)}"


def seed_demo(
    uow: UnitOfWork,
    *,
    seed: int = 7,
    now: datetime | None = None,
    photos_dir: Path | None = None,
) -> SeedReport:
    """Fill an empty database with the demo store. Refuses a database that has data.

    ``photos_dir``: where the demo's inspection photos are written (the photos folder of the
    settings); without it the findings refer to photos that are not there."""
    rng = random.Random(seed)
    real_clock, real_store = uow.clock, uow.store
    # the demo store's points rule, whatever this computer's [loyalty] says
    # ... and its profile (the invoices' header) where this computer's [store] gives none
    profile = {k: v for k, v in DEMO_STORE.items() if not getattr(uow.store, k)}
    uow.store = replace(uow.store, loyalty=demo_service_life.DEMO_LOYALTY, **profile)
    now = now or real_clock.now()
    report = SeedReport()
    with uow:
        s = uow.session
        if s.execute(select(func.count()).select_from(Store)).scalar_one():
            raise Conflict(_("The database already has a store; seed an empty database."))
        store = Store(id=uow.store_id, opening_hours=DEMO_OPENING_HOURS, **DEMO_STORE)
        s.add(store)
        s.flush()
        for i, (name, kind, eq) in enumerate(BAYS):
            s.add(Bay(store_id=store.id, name=name, kind=kind, equipment=eq, sort=i))
            report.bays.append(name)
        pin_hash = hash_pin(DEMO_PIN)  # one KDF run; every demo account shares the demo PIN
        for number, name, role, skills in STAFF:
            s.add(
                Staff(
                    store_id=store.id,
                    number=number,
                    name=name,
                    role=role,
                    pin_hash=pin_hash,
                    skills=skills,
                    phone=f"139{rng.randrange(10**7, 10**8)}",
                )
            )
            report.staff.append({"number": number, "name": name, "role": role})
        for code, zh, en, hours, skill, equip, flat in OPERATIONS:
            s.add(
                LaborOperation(
                    code=code,
                    name_zh=zh,
                    name_en=en,
                    standard_hours=Decimal(hours),
                    required_skill=skill,
                    required_equipment=equip,
                    flat_price=Decimal(flat) if flat else None,
                    interval_km=OPERATION_INTERVALS.get(code, (None, None))[0],
                    interval_months=OPERATION_INTERVALS.get(code, (None, None))[1],
                )
            )
        seed_parts(uow, PARTS, now)
        report.staff.append(seed_parts_clerk(uow, store.id, pin_hash))
        plates: set[str] = set()
        vehicles: list[Vehicle] = []
        while len(vehicles) < 200:
            make, model, energy = rng.choice(MODELS)
            plate = random_plate(rng, green=energy in ("ev", "phev"))
            if plate in plates:
                continue
            plates.add(plate)
            cust = Customer(
                store_id=store.id,
                name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                phone=f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
                points=rng.randrange(0, 5000),
            )
            s.add(cust)
            s.flush()
            v = Vehicle(
                store_id=store.id,
                plate=plate,
                vin=with_check_digit(
                    "L" + "".join(rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", k=16))
                ),
                make=make,
                model=model,
                year=rng.randrange(2016, 2026),
                colour=rng.choice(COLOURS),
                energy=energy,
                mileage=rng.randrange(3000, 120000),
                customer_id=cust.id,
            )
            s.add(v)
            vehicles.append(v)
        s.flush()
        report.vehicles = len(vehicles)
        demo_history.add_history(uow, seed=seed, now=now, vehicles=vehicles[100:])
        # claims in every state, points earned, the repair records uploaded (simulator)
        demo_service_life.add_service_life(uow, seed=seed, now=now, uploader=_demo_platform())
        seed_history_trace(uow)  # the batches and serials those past ROs were fitted with
        uow.commit()

    # Today's cars, through the real services so every step is a real event.
    shop_vehicles = vehicles[:26]
    _today(uow, rng, shop_vehicles, now, report)
    seed_customer_review(uow, report, photos_dir, now)
    demo_history.add_cancelled(uow, seed=seed, now=now, vehicles=vehicles[100:])
    seed_purchasing(uow, now)  # suppliers' orders: received with batches, one awaited
    # Appointments later today for other booked cars (the barrier opens for them).
    with uow:
        s = uow.session
        for i, v in enumerate(vehicles[30:42]):
            start = _local_slot(now, i, uow.timezone)
            appt = Appointment(
                store_id=uow.store_id,
                vehicle_id=v.id,
                customer_id=v.customer_id,
                plate=v.plate,
                slot_start=start,
                slot_end=start + timedelta(minutes=30),
                requested_operations=[rng.choice(["OIL01", "MNT10", "BRK01", "TYR01", "AC01"])],
                status="booked",
            )
            s.add(appt)
            s.flush()
            report.appointments.append({"plate": v.plate, "slot_start": start.isoformat()})
        uow.add_event(EventKind.DEMO_SEEDED, vehicles=len(vehicles))
        uow.commit()
    seed_contacts_and_outbox(uow)  # the owners' contacts and the messages today's cars caused
    seed_service_life(uow, vehicles, now)  # campaigns, follow-ups, a no-show, calls
    uow.clock, uow.store = real_clock, real_store
    return report


def actor_of(uow: UnitOfWork, number: str) -> Actor:
    with uow:
        row = uow.session.execute(
            select(Staff).where(Staff.store_id == uow.store_id, Staff.number == number)
        ).scalar_one()
        return Actor(row.id, row.number, row.name, row.role)


def _demo_platform() -> RepairRecordUploader | None:
    """The national repair record platform, played in-process (the demo uploads to it)."""
    from workshop_app.bootstrap import make_repair_record_uploader

    return make_repair_record_uploader(Settings(), simulated=True)


def _local_slot(now: datetime, i: int, tz: str) -> datetime:
    """The ``i``-th booking slot of the store's day: half-hourly from the next half hour.

    Late in the evening the day has no slots left, so the rest of today's bookings are spread
    from the morning on (cars still expected): the barrier matches *today's* appointments and
    the demo must have some, whatever the time it is started at.
    """
    day_start, day_end = local_day_bounds(local_today(now, tz), tz)
    start = now.replace(minute=0, second=0, microsecond=0) + timedelta(minutes=30 * (i + 1))
    if start > day_end - timedelta(minutes=30):
        start = day_start + timedelta(hours=8, minutes=30 * i)
    return start


# (steps to walk, pause reason) for today's cars, in order; covers every step.
TODAY_PLAN: list[tuple[list[str], str | None]] = [
    ([], None),  # received, estimate not approved yet
    ([], None),
    (["approve"], None),  # approved, waiting for dispatch
    (["approve", "dispatch"], None),  # dispatched, waiting
    (["approve", "dispatch", "in_bay"], None),
    (["approve", "dispatch", "in_bay", "diagnosis"], None),
    (["approve", "dispatch", "in_bay", "repair"], None),
    (["approve", "dispatch", "in_bay", "repair"], "parts"),
    (["approve", "dispatch", "in_bay", "diagnosis"], "approval"),
    (["approve", "dispatch", "in_bay", "repair", "road_test"], None),
    (["approve", "dispatch", "in_bay", "repair", "quality_check"], None),
    (["approve", "dispatch", "in_bay", "repair", "quality_check", "wash"], None),
    (["approve", "dispatch", "in_bay", "repair", "quality_check", "ready"], None),
    (["approve", "dispatch", "in_bay", "repair", "quality_check", "wash", "ready"], None),
    (["approve", "dispatch", "in_bay", "repair"], None),
    (["approve", "dispatch", "in_bay"], None),
    (["approve", "dispatch", "in_bay", "repair", "quality_check", "ready", "settle"], None),
    (["approve", "dispatch", "in_bay", "repair", "quality_check", "wash", "ready", "settle"], None),
]


def _today(
    uow: UnitOfWork,
    rng: random.Random,
    vehicles: list[Vehicle],
    now: datetime,
    report: SeedReport,
) -> None:
    clock = SteppingClock(now - timedelta(hours=4))
    uow.clock = clock
    with uow:
        s = uow.session
        staff = {
            st.number: Actor(st.id, st.number, st.name, st.role, tuple(st.skills or ()))
            for st in s.execute(select(Staff)).scalars()
        }
        bays = [
            (b.id, tuple(b.equipment or ()))
            for b in s.execute(select(Bay).order_by(Bay.sort)).scalars()
        ]
        ops = {
            o.code: (o.required_skill, o.required_equipment)
            for o in s.execute(select(LaborOperation)).scalars()
        }

    def actor(number: str) -> Actor:
        return staff[number]

    advisor, foreman = actor("A01"), actor("F01")
    settled_numbers: list[str] = []
    for i, (plan, pause_reason) in enumerate(TODAY_PLAN):
        v = vehicles[i]
        ev = v.energy in ("ev", "phev")
        codes = (
            ["EV01"]
            if v.energy == "ev"
            else [rng.choice(["OIL01", "MNT10", "BRK01", "TYR01", "AC01", "ALN01", "DIAG"])]
        )
        if rng.random() < 0.3 and not ev:
            codes.append("BAT01")
        # Cars arrived through the day, the first ~4.5 h ago, the last ~50 min ago; each
        # car's steps fit between its arrival and now, so nothing happens in the future.
        arrived_ago = timedelta(minutes=270 - 13 * i + rng.uniform(-4, 4))
        clock.t = now - arrived_ago
        step_budget = (arrived_ago - timedelta(minutes=5)) / (len(plan) + 1)
        # Promised for later today; a few are tight, so some promises are at risk.
        promised = now + timedelta(minutes=rng.uniform(20, 240))
        ro = repair_orders.open_ro(
            uow,
            advisor,
            plate=v.plate,
            complaint=rng.choice(COMPLAINTS),
            mileage_in=v.mileage + rng.randrange(100, 3000),
            promised_at=promised,
            fuel_level=rng.choice([25, 50, 75, 100]),
        )
        for code in codes:
            ro = repair_orders.add_operation(uow, advisor, ro.number, code)
        if codes[0] in ("OIL01", "MNT10"):
            ro = repair_orders.add_part(uow, advisor, ro.number, "OF-90915", Decimal(1))
            ro = repair_orders.add_part(uow, advisor, ro.number, "EO-5W30-4L", Decimal(1))
        if codes[0] == "EV01" and pause_reason == "parts":
            ro = repair_orders.add_part(uow, advisor, ro.number, "EV-COOL-4L", Decimal(1))
        for step in plan:
            clock.advance(min(25.0, step_budget.total_seconds() / 60) * rng.uniform(0.5, 1.0))
            if step == "approve":
                # Signed on the desk's pad: every RO of the day has a signed estimate and
                # a work order to print (``workshop ro work-order``).
                ro = signatures.sign_estimate(
                    uow,
                    advisor,
                    ro.number,
                    png=demo_signature_png(ro.number),
                    signed_by=ro.customer_name,
                    shown_total=ro.estimate.gross,
                )
            elif step == "dispatch":
                for job in ro.jobs:
                    skill, equipment = ops[job.code]
                    if equipment in ("", "lift"):
                        bay_id = bays[i % 4][0]
                    else:
                        bay_id = next(b for b, eq in bays if equipment in eq)
                    tech_no = next(
                        n
                        for n in [f"T0{(i + k) % 8 + 1}" for k in range(8)]
                        if skill in staff[n].skills
                    )
                    dispatch.dispatch_job(
                        uow, advisor, job.id, bay_id=bay_id, technician_id=staff[tech_no].id
                    )
            elif step == "settle":
                settled_numbers.append(ro.number)
            else:
                ro = repair_orders.get_ro(uow, ro.number)
                for job in ro.jobs:
                    if job.step == step:
                        continue
                    tech = next(a for a in staff.values() if a.id == job.technician_id)
                    mover = foreman if job.step == "quality_check" else tech
                    progress.move_step(uow, mover, job.id, step)
                    if step == "in_bay":
                        progress.clock_on(uow, tech, job.id)
                        progress.clock_off(uow, tech, job.id)
        if pause_reason:
            ro = repair_orders.get_ro(uow, ro.number)
            tech = next(a for a in staff.values() if a.id == ro.jobs[0].technician_id)
            progress.pause(uow, tech, ro.jobs[0].id, pause_reason)
        ro = repair_orders.get_ro(uow, ro.number)
        report.ros.append(
            {
                "number": ro.number,
                "plate": ro.plate,
                "state": ro.status,
                "status_path": f"/s/{ro.status_token}",
            }
        )
    report.invoices.extend(settle_demo(uow, settled_numbers, report))


def seed_customer_review(
    uow: UnitOfWork, report: SeedReport, photos_dir: Path | None, now: datetime
) -> None:
    """The car waiting for its owner's answer: the RO paused for approval gets an inspection
    (brakes urgent, tyres and wipers advise, the rest ok) with photos, the advisor proposes
    front brake pads, pads and a tyre rotation from the findings, and the technician asks for
    two wiper blades. The owner answers on the phone page (or the desk does)."""
    from workshop_app.demo_photos import write_demo_photos
    from workshop_app.models import JobLine
    from workshop_app.services import bay_parts, extra_work, findings

    photos = (
        write_demo_photos(photos_dir)
        if photos_dir is not None
        else {n: f"demo/{n}.jpg" for n in ("brake_pads", "brake_disc", "tyre_tread", "wiper_blade")}
    )
    with uow:
        s = uow.session
        row = s.execute(
            select(JobLine.id, Staff.id, Staff.number, Staff.name, Staff.role, RepairOrder.number)
            .join(Staff, Staff.id == JobLine.technician_id)
            .join(RepairOrder, RepairOrder.id == JobLine.ro_id)
            .where(JobLine.paused_reason == "approval", RepairOrder.store_id == uow.store_id)
            .order_by(JobLine.id)
        ).first()
        advisor_row = s.execute(select(Staff).where(Staff.number == "A01")).scalar_one()
        advisor = Actor(advisor_row.id, advisor_row.number, advisor_row.name, advisor_row.role)
    if row is None:
        return
    job_id, tech_id, tech_no, tech_name, tech_role, ro_number = row
    tech = Actor(tech_id, tech_no, tech_name, tech_role)
    clock = SteppingClock(now - timedelta(minutes=40))  # found this last half hour
    uow.clock = clock
    step = clock.advance
    checks = [
        (
            "brakes",
            "urgent",
            "前刹车片仅剩 2 mm，刹车盘有划痕",
            [photos["brake_pads"], photos["brake_disc"]],
        ),
        ("tyres", "advise", "后轮胎纹深 2.1 mm，建议换位", [photos["tyre_tread"]]),
        ("wipers", "advise", "雨刮片开裂", [photos["wiper_blade"]]),
        ("battery", "ok", "", []),
        ("lights", "ok", "", []),
        ("fluids", "ok", "", []),
    ]
    made: dict[str, int] = {}
    for item, rating, note, pics in checks:
        step(2)
        f = findings.record_finding(
            uow, tech, job_id, item, rating, note=note, photo_path=pics[0] if pics else ""
        )
        for extra in pics[1:]:
            findings.add_finding_photo(uow, tech, f.id, extra)
        made[item] = f.id
    step(3)
    extra_work.propose_from_finding(uow, advisor, made["brakes"], operation_code="BRK01")
    extra_work.propose_from_finding(uow, advisor, made["brakes"], sku="BP-F-0446")
    extra_work.propose_from_finding(uow, advisor, made["tyres"], operation_code="TYR01")
    step(1)
    bay_parts.request_part(uow, tech, job_id, "WB-600", Decimal(2))
    for r in report.ros:
        if r["number"] == ro_number:
            r["waiting_for_customer"] = True


def settle_demo(uow: UnitOfWork, ro_numbers: list[str], report: SeedReport) -> list[str]:
    """Issue and take payment for these ready ROs through the settlement service, so they
    become ``settled`` (the exit barrier opens for them); add two coupons to try at the desk.

    Returns the issued invoice numbers."""
    from workshop_app import settlement
    from workshop_app.lifecycle import coupons, packages
    from workshop_app.models.invoices import Coupon

    with uow:
        s = uow.session
        cashier = s.execute(select(Staff).where(Staff.number == "C01")).scalar_one()
        actor = Actor(cashier.id, cashier.number, cashier.name, cashier.role)
        today = uow.clock.now().date()
        for code, kind, value in (("WELCOME50", "amount", "50"), ("VIP10", "percent", "10")):
            s.add(
                Coupon(
                    store_id=uow.store_id,
                    code=code,
                    kind=kind,
                    value=Decimal(value),
                    valid_from=today - timedelta(days=30),
                    valid_to=today + timedelta(days=60),
                )
            )
        uow.commit()
    # the manager's winter coupons, and a package the shop sells (the last car buys one)
    manager = actor_of(uow, "M01")
    today = uow.clock.now().date()
    coupons.issue_batch(
        uow,
        manager,
        name="冬季关怀",
        pattern="WIN-####-??",
        count=30,
        kind="amount",
        value=Decimal("80"),
        valid_from=today - timedelta(days=3),
        valid_to=today + timedelta(days=90),
        min_gross=Decimal("500"),
        rand=random.Random(8117),
    )
    packages.add_plan(
        uow,
        manager,
        code="OIL5",
        name="常规保养 5 次套餐",
        operation_code="OIL01",
        uses=5,
        price=Decimal("1680.00"),
        valid_days=730,
    )
    issued: list[str] = []
    for i, number in enumerate(ro_numbers):
        clock = uow.clock
        if isinstance(clock, SteppingClock):
            clock.advance(5)
        sells = (packages.sale_line(uow, "OIL5"),) if i == len(ro_numbers) - 1 else ()
        req = settlement.SettlementRequest(points=300 if i % 2 == 0 else 0, fees=sells)
        try:
            inv = settlement.issue_invoice(uow, actor, number, req)
        except InvalidInput:  # the customer has too few points for this one: no points
            req = settlement.SettlementRequest(fees=sells)
            inv = settlement.issue_invoice(uow, actor, number, req)
        if i % 2 == 0:
            tendered = (inv.totals.gross / 100).to_integral_value(rounding=ROUND_CEILING) * 100
            settlement.record_payment(uow, actor, inv.number, "cash", tendered=tendered)
        else:
            settlement.record_payment(uow, actor, inv.number, "wechat", reference="4200001234")
        issued.append(inv.number)
        for row in report.ros:
            if row["number"] == number:
                row["state"] = "settled"
    return issued


def ensure_demo_data(uow: UnitOfWork, photos_dir: Path | None = None) -> bool:
    """Seed the demo store if the database is empty; True if it seeded."""
    with uow:
        has_store = uow.session.execute(select(func.count()).select_from(Store)).scalar_one()
    if has_store:
        return False
    seed_demo(uow, photos_dir=photos_dir)
    return True


def demo_camera_plates(uow: UnitOfWork) -> list[str]:
    """Plates of the cars booked today, in slot order: the demo camera shows them arriving
    over the day (with strangers and a few misread plates of its own)."""
    with uow.for_reading() as r:
        plates = [
            p
            for (p,) in r.session.execute(
                select(Appointment.plate)
                .where(Appointment.store_id == r.store_id, Appointment.status == "booked")
                .order_by(Appointment.slot_start)
            )
        ]
    return plates


def demo_exit_plates(uow: UnitOfWork, *, recent: int = 3) -> list[str]:
    """Plates the demo's exit camera shows leaving now and then: the settled cars (the exit
    barrier opens for them and they are delivered); when none is left, the ``recent`` cars
    delivered last (the barrier opens again, nothing more is delivered)."""
    with uow.for_reading() as r:
        settled = [
            p
            for (p,) in r.session.execute(
                select(Vehicle.plate)
                .join(RepairOrder, RepairOrder.vehicle_id == Vehicle.id)
                .where(RepairOrder.store_id == r.store_id, RepairOrder.status == "settled")
                .order_by(RepairOrder.settled_at, RepairOrder.id)
            )
        ]
        if settled:
            return settled
        delivered = [
            p
            for (p,) in r.session.execute(
                select(Vehicle.plate)
                .join(RepairOrder, RepairOrder.vehicle_id == Vehicle.id)
                .where(RepairOrder.store_id == r.store_id, RepairOrder.status == "delivered")
                .order_by(RepairOrder.delivered_at.desc(), RepairOrder.id.desc())
                .limit(recent)
            )
        ]
    return list(dict.fromkeys(reversed(delivered)))
