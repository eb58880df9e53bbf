"""One store's raw facts for a date range, read from the log: the only SQL of the reports.

``load_facts`` returns plain frozen data (intervals, hours, amounts); ``kpis`` computes every
figure from it without a session, so a test can build ``Facts`` by hand and check each
formula. Queries go through the indexes the screens already use (events by store, kind and
time; ROs by store and opening time; invoices by store and issue time).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, any_, func, or_, select
from sqlalchemy.orm import Session

from workshop_app.errors import InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import (
    Bay,
    Event,
    ExtraWorkRequest,
    Invoice,
    InvoiceLine,
    JobLine,
    LaborEntry,
    LaborOperation,
    RepairOrder,
    Staff,
    Store,
    Vehicle,
)
from workshop_app.reports.attendance import (
    CLOCK_KINDS,
    AttendanceEvent,
    DayRecord,
    Interval,
    clip,
    day_records,
)
from workshop_app.reports.steps import (
    WORK_STEPS,
    PauseStats,
    StageStats,
    at_us,
    epoch_us,
    plain_rows,
    span_us,
    stage_stats,
    step_rows_statement,
    us,
    walk_steps,
)
from workshop_app.uow import UnitOfWork

ZERO = Decimal("0.00")
# How far before the range the loader looks for what started earlier and ends inside it.
_LOOKBACK = timedelta(days=7)
_RO_LOOKBACK = timedelta(days=45)
_ARRIVAL_WINDOW = timedelta(hours=12)
_CHUNK = 900

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Opening:
    """The store's opening hours: local ``opens``–``closes`` on ISO weekdays ``days``."""

    opens: time
    closes: time
    days: frozenset[int]

    @classmethod
    def parse(cls, hours: str, days: str) -> Opening:
        try:
            a, b = (part.strip() for part in hours.split("-"))
            opens, closes = time.fromisoformat(a), time.fromisoformat(b)
            weekdays = frozenset(int(c) for c in days if c.strip())
        except ValueError as exc:
            raise InvalidInput(
                _("Opening hours look like 08:30-18:00 and open days like 1234567.")
            ) from exc
        if closes <= opens or not weekdays <= set(range(1, 8)):
            raise InvalidInput(_("Opening hours look like 08:30-18:00 and open days like 1234567."))
        return cls(opens, closes, weekdays)


@dataclass(frozen=True, slots=True)
class Period:
    """Local calendar days ``first``..``last`` in ``tz``; ``start``/``end`` are UTC."""

    first: date
    last: date
    tz: str

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), ZoneInfo(self.tz)).astimezone(UTC)

    @property
    def end(self) -> datetime:
        nxt = self.last + timedelta(days=1)
        return datetime.combine(nxt, time(0), ZoneInfo(self.tz)).astimezone(UTC)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]

    def day_of(self, at: datetime) -> date:
        return at.astimezone(ZoneInfo(self.tz)).date()


def check_period(first: date, last: date, tz: str, now: datetime) -> Period:
    """A range of days to report on; refuses from > to and a range wholly in the future."""
    if first > last:
        raise InvalidInput(
            _(
                "The range starts ({first}) after it ends ({last}).",
                first=first.isoformat(),
                last=last.isoformat(),
            )
        )
    today = now.astimezone(ZoneInfo(tz)).date()
    if first > today:
        raise InvalidInput(
            _(
                "The range {first} to {last} is in the future: nothing has happened in it yet.",
                first=first.isoformat(),
                last=last.isoformat(),
            )
        )
    if (last - first).days > 3700:
        raise InvalidInput(_("A report covers at most ten years."))
    return Period(first, last, tz)


def open_windows(period: Period, opening: Opening, now: datetime) -> list[Interval]:
    """The store's open hours of each day in the period, up to ``now`` (UTC intervals)."""
    zone = ZoneInfo(period.tz)
    out = []
    for day in period.days():
        if day.isoweekday() not in opening.days:
            continue
        start = datetime.combine(day, opening.opens, zone).astimezone(UTC)
        end = min(datetime.combine(day, opening.closes, zone).astimezone(UTC), now)
        if end > start:
            out.append(Interval(start, end))
    return out


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    number: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class RoFact:
    id: int
    number: str
    plate: str
    vehicle_id: int
    advisor_id: int | None
    status: str
    opened_at: datetime
    promised_at: datetime | None
    ready_at: datetime | None
    delivered_at: datetime | None
    dispatched_at: datetime | None  # the first job's dispatch
    in_bay_at: datetime | None  # the first job in a bay
    operations: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class LabourFact:
    """A technician clocked on a job (already clipped to the range)."""

    technician_id: int
    job_id: int
    ro_id: int
    bay_id: int | None
    interval: Interval


@dataclass(frozen=True, slots=True)
class SoldFact:
    """One invoice (or credit note) line, with the standard hours it sold (labour only)."""

    invoice_id: int
    ro_id: int
    kind: str  # labor | part | fee
    payer: str
    net: Decimal
    hours: Decimal
    technician_id: int | None
    bay_id: int | None
    advisor_id: int | None
    at: datetime
    credit: bool


@dataclass(frozen=True, slots=True)
class SpanFact:
    """A job (or RO) spent ``interval`` in ``stage``; ``active`` seconds of it had a
    technician clocked on."""

    stage: str
    ro_id: int
    job_id: int | None
    interval: Interval
    active: float


@dataclass(frozen=True, slots=True)
class PauseFact:
    reason: str
    ro_id: int
    job_id: int
    technician_id: int | None
    bay_id: int | None
    interval: Interval


@dataclass(frozen=True, slots=True)
class OccupancyFact:
    bay_id: int
    ro_id: int
    job_id: int
    interval: Interval


@dataclass(frozen=True, slots=True)
class ExtraFact:
    ro_id: int
    advisor_id: int | None
    status: str  # pending | approved | declined


@dataclass(frozen=True, slots=True)
class ArrivalFact:
    """The car reached the barrier ``minutes`` before its RO was opened."""

    ro_id: int
    advisor_id: int | None
    minutes: float


@dataclass(frozen=True, slots=True)
class ComebackFact:
    ro_id: int
    earlier_ro_id: int
    days: float


@dataclass(frozen=True)
class Facts:
    store_code: str
    store_name: str
    period: Period
    now: datetime
    windows: list[Interval]  # open hours, UTC
    people: dict[int, Person]
    bays: dict[int, str]  # active bays, in order
    attendance: list[DayRecord]
    labour: list[LabourFact]
    sold: list[SoldFact]
    spans: list[SpanFact]
    pauses: list[PauseFact]
    occupancy: list[OccupancyFact]
    ros: dict[int, RoFact]
    extra: list[ExtraFact]
    arrivals: list[ArrivalFact]
    comebacks: list[ComebackFact]
    comeback_days: int = 30
    opening: Opening | None = None
    warnings: list[str] = field(default_factory=list)
    # Figures the database already aggregated from the step log (see ``steps``): when
    # given, the KPIs read them instead of ``spans`` / ``pauses``.
    stage_stats: dict[str, StageStats] | None = None
    pause_stats: dict[str, PauseStats] | None = None
    # The bay visits as ``(bay, RO, job, from µs, to µs)``, clipped to the range: when
    # given, the KPIs read them instead of ``occupancy``.
    visits_us: list[tuple[int, int, int, int, int]] | None = None

    @cached_property
    def start(self) -> datetime:
        return self.period.start

    @cached_property
    def end(self) -> datetime:
        return min(self.period.end, self.now)

    @cached_property
    def _opened(self) -> list[RoFact]:
        start, end = self.start, self.end
        return [r for r in self.ros.values() if start <= r.opened_at < end]

    def ros_opened(self) -> list[RoFact]:
        return self._opened


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def store_ids(uow: UnitOfWork, code: str | None) -> list[tuple[int, str]]:
    """The stores to report on: one by code, every store for ``"all"``, else the uow's."""
    s = uow.session
    if code == "all":
        return [(i, c) for i, c in s.execute(select(Store.id, Store.code).order_by(Store.code))]
    if code:
        row = s.execute(select(Store.id, Store.code).where(Store.code == code)).first()
        if row is None:
            raise NotFound(_("Unknown store {code}.", code=code))
        return [(row[0], row[1])]
    row = s.execute(select(Store.id, Store.code).where(Store.id == uow.store_id)).first()
    if row is None:
        raise NotFound(_("The database has no store yet; run workshop seed-demo or set one up."))
    return [(row[0], row[1])]


def load_facts(
    uow: UnitOfWork,
    period: Period,
    opening: Opening,
    *,
    store_id: int | None = None,
    comeback_days: int = 30,
    steps: str = "sql",
) -> Facts:
    """Read what the KPIs need for ``period`` (an open, read-only unit of work).

    ``steps="sql"``: the step log's cycle times and pauses are read as sorted integers and
    aggregated at once (:mod:`.steps`); ``"python"``: every step event is read as objects
    and walked here, the reference definition the tests hold the fast path to."""
    s = uow.session
    sid = uow.store_id if store_id is None else store_id
    now = uow.clock.now()
    start, end = period.start, min(period.end, now)
    store = s.get(Store, sid)
    if store is None:
        raise NotFound(_("Unknown store {code}.", code=sid))
    people = {
        r.id: Person(r.id, r.number, r.name, r.role)
        for r in s.execute(select(Staff).where(Staff.store_id == sid)).scalars()
    }
    bays = {
        b.id: b.name
        for b in s.execute(
            select(Bay).where(Bay.store_id == sid, Bay.active.is_(True)).order_by(Bay.sort, Bay.id)
        ).scalars()
    }

    # Attendance: clock events from a day before (a night shift), corrections made since.
    att_rows = s.execute(
        select(Event.at, Event.kind, Event.actor_id, Event.payload).where(
            Event.store_id == sid,
            or_(
                and_(
                    Event.kind.in_(CLOCK_KINDS),
                    Event.at >= start - timedelta(days=1),
                    Event.at < end,
                ),
                and_(
                    Event.kind == EventKind.ATTENDANCE_CORRECTED,
                    Event.at >= start - timedelta(days=1),
                ),
            ),
        )
    ).all()
    att_events = [
        AttendanceEvent(at, kind, int((payload or {}).get("staff_id", actor or 0)), payload or {})
        for at, kind, actor, payload in att_rows
    ]
    records = day_records(att_events, period.tz, now)
    attendance = [r for (_sid, day), r in records.items() if period.first <= day <= period.last]
    warnings = [
        _(
            "{name} has no clock-out on {day}.",
            name=people[r.staff_id].name if r.staff_id in people else r.staff_id,
            day=r.day.isoformat(),
        )
        for r in sorted(attendance, key=lambda r: (r.day, r.staff_id))
        if r.open and r.day < period.day_of(now)
    ]

    # ROs around the range (opened up to 45 days before: cars still in the shop, comebacks).
    # The fast path reads plain rows through Core with the times as integer µs (computed
    # by the database); the reference reads the ORM's datetimes. Both end in the same facts.
    fast = steps != "python"
    dialect = uow.engine.dialect.name

    def run(statement: Select[Any]) -> Sequence[Any]:
        if fast:  # ints and strings only: the driver's tuples, no per-row processing
            return plain_rows(s.connection(), statement)
        return s.execute(statement).all()

    def when(col: Any) -> Any:
        return epoch_us(dialect, col) if fast else col

    ro_cols = (
        RepairOrder.id,
        RepairOrder.number,
        Vehicle.plate,
        RepairOrder.vehicle_id,
        RepairOrder.advisor_id,
        RepairOrder.status,
        when(RepairOrder.opened_at),
        when(RepairOrder.promised_at),
        when(RepairOrder.ready_at),
        when(RepairOrder.delivered_at),
    )
    ro_since = start - max(_RO_LOOKBACK, timedelta(days=comeback_days))
    ro_rows = run(
        select(*ro_cols)
        .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
        .where(
            RepairOrder.store_id == sid,
            RepairOrder.opened_at >= ro_since,
            RepairOrder.opened_at < end,
        )
    )
    ro_base: dict[int, tuple[Any, ...]] = {r[0]: tuple(r) for r in ro_rows}

    # Invoices and credit notes issued in the range, with their lines.
    inv_rows = s.execute(
        select(
            Invoice.id, Invoice.ro_id, Invoice.kind, Invoice.original_id, Invoice.issued_at
        ).where(
            Invoice.store_id == sid,
            Invoice.status == "issued",
            Invoice.issued_at >= start,
            Invoice.issued_at < end,
        )
    ).all()
    missing = sorted({r[1] for r in inv_rows} - ro_base.keys())
    for chunk in _chunks(missing):
        for r in run(
            select(*ro_cols)
            .join(Vehicle, Vehicle.id == RepairOrder.vehicle_id)
            .where(RepairOrder.id.in_(chunk))
        ):
            ro_base[r[0]] = tuple(r)

    # Job lines of those ROs.
    jobs: dict[int, tuple[int, int | None, int | None, Decimal, int | None, int, bool]] = {}
    ro_jobs: dict[int, list[int]] = defaultdict(list)
    first_dispatch: dict[int, Any] = {}  # datetimes, or µs on the fast path
    job_cols = (
        JobLine.id,
        JobLine.ro_id,
        JobLine.bay_id,
        JobLine.technician_id,
        JobLine.hours,
        JobLine.operation_id,
        JobLine.sort,
        JobLine.approved,
        JobLine.source,
        when(JobLine.dispatched_at),
    )
    # the range's ROs in one statement, the few older invoiced ones by id
    in_range = (
        RepairOrder.store_id == sid,
        RepairOrder.opened_at >= ro_since,
        RepairOrder.opened_at < end,
    )
    if dialect == "postgresql":
        # a join hashes every job line of the database (a 10-year one: 380 000, 0.67 s);
        # the RO ids as an array go through the ro_id index instead (0.23 s)
        ro_ids = func.array(select(RepairOrder.id).where(*in_range).scalar_subquery())
        jobs_statement = select(*job_cols).where(JobLine.ro_id == any_(ro_ids))
    else:  # SQLite's plan for the join is already a loop over the ROs' index
        jobs_statement = (
            select(*job_cols).join(RepairOrder, RepairOrder.id == JobLine.ro_id).where(*in_range)
        )
    job_rows: list[Any] = list(run(jobs_statement))
    decimals: dict[float, Decimal] = {}
    for chunk in _chunks(missing):
        job_rows.extend(run(select(*job_cols).where(JobLine.ro_id.in_(chunk))))
    for jid, ro_id, bay, tech, hours, op, sort, approved, source, disp in job_rows:
        billable = bool(approved) or source != "extra"
        if not isinstance(hours, Decimal):  # SQLite's float, as SQLAlchemy reads a NUMERIC(6, 2)
            exact = decimals.get(hours)  # a few distinct values: each formatted once
            if exact is None:
                exact = decimals[hours] = Decimal(f"{hours:.2f}")
            hours = exact
        jobs[jid] = (ro_id, bay, tech, hours, op, sort, billable)
        ro_jobs[ro_id].append(jid)
        if disp is not None and (ro_id not in first_dispatch or disp < first_dispatch[ro_id]):
            first_dispatch[ro_id] = disp

    # Labour clocked from a week before (its spans may end in the range).
    lab_rows = s.execute(
        select(
            LaborEntry.technician_id,
            LaborEntry.job_line_id,
            LaborEntry.started_at,
            LaborEntry.ended_at,
        )
        .join(JobLine, JobLine.id == LaborEntry.job_line_id)
        .join(RepairOrder, RepairOrder.id == JobLine.ro_id)
        .where(
            RepairOrder.store_id == sid,
            LaborEntry.started_at >= start - _LOOKBACK,
            LaborEntry.started_at < end,
        )
    ).all()
    job_labour: dict[int, list[Interval]] = defaultdict(list)
    labour: list[LabourFact] = []
    for tech, jid, st, en in lab_rows:
        iv = Interval(st, en or now)
        job_labour[jid].append(iv)
        j = jobs.get(jid)
        for c in clip([iv], start, end):
            labour.append(LabourFact(tech, jid, j[0] if j else 0, j[1] if j else None, c))

    # Step, pause and resume events from a week before: aggregated by the database, or
    # (the reference definition, ``steps="python"``) read and walked here.
    if steps == "python":
        spans, pauses, occupancy, first_in_bay = _steps_in_python(
            s, sid, start, end, jobs, job_labour
        )
        stage_totals: dict[str, StageStats] | None = None
        pause_totals: dict[str, PauseStats] | None = None
        visits_us: list[tuple[int, int, int, int, int]] | None = None
    else:
        labour_us: dict[int, list[tuple[int, int]]] = {
            jid: [(us(iv.start), us(iv.end)) for iv in ivs] for jid, ivs in job_labour.items()
        }
        totals = walk_steps(
            # the driver's tuples, not the ORM's (or Core's) rows: a year is ~200 000 rows
            plain_rows(s.connection(), step_rows_statement(dialect, sid, start - _LOOKBACK, end)),
            labour_us,
            us(start),
            us(end),
        )
        stage_totals, pause_totals = totals.stages, totals.pauses
        spans, pauses = [], []
        occupancy = []
        visits_us = _visits(totals.visits, jobs, us(start), us(end))
        first_in_bay = {ro_id: at_us(v) for ro_id, v in totals.first_in_bay.items()}

    # Sold hours: an invoice's labour lines follow the RO's billable jobs in order.
    credit_originals = sorted({r[3] for r in inv_rows if r[2] == "credit_note" and r[3]})
    inv_ids = [r[0] for r in inv_rows]
    lines: dict[int, list[tuple[int, str, str, Decimal, dict[str, Any]]]] = defaultdict(list)
    for chunk in _chunks(sorted({*inv_ids, *credit_originals})):
        for inv_id, sort, kind, payer, net, shares in s.execute(
            select(
                InvoiceLine.invoice_id,
                InvoiceLine.sort,
                InvoiceLine.kind,
                InvoiceLine.payer_kind,
                InvoiceLine.net,
                InvoiceLine.shares,
            ).where(InvoiceLine.invoice_id.in_(chunk))
        ):
            lines[inv_id].append((sort, kind, payer, Decimal(net), shares or {}))
    orig_ro = {}
    if credit_originals:
        for chunk in _chunks(credit_originals):
            for oid, oro in s.execute(
                select(Invoice.id, Invoice.ro_id).where(Invoice.id.in_(chunk))
            ):
                orig_ro[oid] = oro

    def labour_jobs(ro_id: int) -> list[int]:
        ordered = sorted(
            (jid for jid in ro_jobs.get(ro_id, ()) if jobs[jid][6]),
            key=lambda jid: (jobs[jid][5], jid),
        )
        return ordered

    def line_hours(inv_id: int, ro_id: int) -> dict[int, tuple[Decimal, int | None]]:
        """sort -> (hours sold by that labour line of the invoice, its job)."""
        out: dict[int, tuple[Decimal, int | None]] = {}
        ordered = labour_jobs(ro_id)
        labour_lines = sorted(ln for ln in lines.get(inv_id, ()) if ln[1] == "labor")
        for k, ln in enumerate(labour_lines):
            jid = ordered[k] if k < len(ordered) else None
            out[ln[0]] = (jobs[jid][3] if jid is not None else ZERO, jid)
        return out

    sold: list[SoldFact] = []
    for inv_id, ro_id, kind, original, issued_at in inv_rows:
        base_row = ro_base.get(ro_id)
        advisor = base_row[4] if base_row else None
        credit = kind == "credit_note"
        if credit and original:
            ref = line_hours(original, orig_ro.get(original, ro_id))
            orig_net = {ln[0]: ln[3] for ln in lines.get(original, ())}
        else:
            ref = line_hours(inv_id, ro_id)
            orig_net = {}
        for sort, lkind, payer, net, shares in lines.get(inv_id, ()):
            line_hours_sold: Decimal = ZERO
            line_job: int | None = None
            if lkind == "labor":
                line_hours_sold, line_job = ref.get(sort, (ZERO, None))
            if credit and lkind == "labor":
                base = orig_net.get(sort) or ZERO
                line_hours_sold = (
                    (-line_hours_sold * (abs(net) / base)).quantize(Decimal("0.01"))
                    if base
                    else ZERO
                )
            j = jobs.get(line_job) if line_job is not None else None
            tech, bay = (j[2], j[1]) if j else (None, None)
            for p, share_net, share_hours in _split(payer, net, line_hours_sold, shares):
                sold.append(
                    SoldFact(
                        inv_id,
                        ro_id,
                        lkind,
                        p,
                        share_net,
                        share_hours,
                        tech,
                        bay,
                        advisor,
                        issued_at or now,
                        credit,
                    )
                )

    # Extra work proposed on ROs of the range, by the RO's advisor.
    extra = [
        ExtraFact(ro_id, adv, status)
        for ro_id, adv, status in s.execute(
            select(ExtraWorkRequest.ro_id, RepairOrder.advisor_id, ExtraWorkRequest.status)
            .join(RepairOrder, RepairOrder.id == ExtraWorkRequest.ro_id)
            .where(
                RepairOrder.store_id == sid,
                ExtraWorkRequest.requested_at >= start,
                ExtraWorkRequest.requested_at < end,
            )
        )
    ]

    # The RO facts, with their first dispatch and first time in a bay.
    ops_by_ro: dict[int, set[int]] = defaultdict(set)
    for _jid, (ro_id, _b, _t, _h, op, _s, _bill) in jobs.items():
        if op is not None:
            ops_by_ro[ro_id].add(op)
    ros: dict[int, RoFact] = {}
    for (
        rid,
        number,
        plate,
        vid,
        adv,
        status,
        opened,
        promised,
        ready,
        delivered,
    ) in ro_base.values():
        dispatched = first_dispatch.get(rid)
        if fast:  # µs -> datetimes, inline: a year is ~30 000 ROs
            opened = at_us(opened)
            promised = None if promised is None else at_us(promised)
            ready = None if ready is None else at_us(ready)
            delivered = None if delivered is None else at_us(delivered)
            dispatched = None if dispatched is None else at_us(dispatched)
        ros[rid] = RoFact(
            rid,
            number,
            plate,
            vid,
            adv,
            status,
            opened,
            promised,
            ready,
            delivered,
            dispatched,
            first_in_bay.get(rid),
            frozenset(ops_by_ro.get(rid, ())),
        )

    # RO-level stages: reception (opened -> dispatched), queue (-> in bay), pickup.
    ro_spans = _ro_stage_spans(ros.values(), start, end)
    if stage_totals is None:
        spans.extend(SpanFact(st, rid, None, Interval(a, b), 0.0) for st, rid, a, b in ro_spans)
        spans = [sp for sp in spans if start <= sp.interval.end < end]
    else:
        stage_totals = {
            **stage_totals,
            **stage_stats((st, rid, span_us(a, b), 0) for st, rid, a, b in ro_spans),
        }

    # Arrival at the barrier -> RO opened (same plate, within 12 hours before).
    arrivals_by_plate: dict[str, list[datetime]] = defaultdict(list)
    for at, payload in s.execute(
        select(Event.at, Event.payload).where(
            Event.store_id == sid,
            Event.kind == EventKind.VEHICLE_ARRIVED,
            Event.at >= start - _ARRIVAL_WINDOW,
            Event.at < end,
        )
    ):
        plate = (payload or {}).get("plate")
        if plate:
            arrivals_by_plate[str(plate)].append(at)
    arrivals = []
    for ro in ros.values():
        if not start <= ro.opened_at < end:
            continue
        seen = [
            a
            for a in arrivals_by_plate.get(ro.plate, ())
            if ro.opened_at - _ARRIVAL_WINDOW <= a <= ro.opened_at
        ]
        if seen:
            minutes = (ro.opened_at - max(seen)).total_seconds() / 60
            arrivals.append(ArrivalFact(ro.id, ro.advisor_id, minutes))

    comebacks = find_comebacks(ros.values(), start, end, comeback_days)
    return Facts(
        store_code=store.code,
        store_name=store.name,
        period=period,
        now=now,
        windows=open_windows(period, opening, now),
        people=people,
        bays=bays,
        attendance=attendance,
        labour=labour,
        sold=sold,
        spans=spans,
        pauses=pauses,
        occupancy=occupancy,
        ros=ros,
        extra=extra,
        arrivals=arrivals,
        comebacks=comebacks,
        comeback_days=comeback_days,
        opening=opening,
        warnings=warnings,
        stage_stats=stage_totals,
        pause_stats=pause_totals,
        visits_us=visits_us,
    )


def _ro_stage_spans(
    ros: Iterable[RoFact], start: datetime, end: datetime
) -> list[tuple[str, int, datetime, datetime]]:
    """``(stage, RO, from, to)`` of the RO-level stages ending in the range: reception
    (opened -> first dispatch), queue (-> first in a bay), pickup (ready -> delivered)."""
    out = []
    for ro in ros:
        if ro.dispatched_at is not None:
            out.append(("reception", ro.id, ro.opened_at, ro.dispatched_at))
            if ro.in_bay_at is not None and ro.in_bay_at >= ro.dispatched_at:
                out.append(("queue", ro.id, ro.dispatched_at, ro.in_bay_at))
        if ro.ready_at is not None and ro.delivered_at is not None:
            out.append(("pickup", ro.id, ro.ready_at, ro.delivered_at))
    return [x for x in out if start <= x[3] < end]


def _steps_in_python(
    s: Session,
    sid: int,
    start: datetime,
    end: datetime,
    jobs: dict[int, tuple[int, int | None, int | None, Decimal, int | None, int, bool]],
    job_labour: dict[int, list[Interval]],
) -> tuple[list[SpanFact], list[PauseFact], list[OccupancyFact], dict[int, datetime]]:
    """The reference definition of the step figures (see :mod:`.steps`): every step, pause
    and resume event of the range (and a week before) read and walked job by job."""
    step_rows = s.execute(
        select(
            Event.at,
            Event.kind,
            Event.ro_id,
            # the three payload fields, extracted by the database (no JSON decoding here)
            Event.payload["job_id"].as_integer(),
            Event.payload["step"].as_string(),
            Event.payload["reason"].as_string(),
        )
        .where(
            Event.store_id == sid,
            Event.kind.in_((EventKind.JOB_STEP_MOVED, EventKind.JOB_PAUSED, EventKind.JOB_RESUMED)),
            Event.at >= start - _LOOKBACK,
            Event.at < end,
        )
        .order_by(Event.at, Event.id)
    ).all()
    by_job: dict[int, list[tuple[datetime, str, int, str, str]]] = defaultdict(list)
    for at, kind, ro_id, jid, step_name, reason in step_rows:
        if jid:
            by_job[int(jid)].append((at, kind, ro_id or 0, step_name or "", reason or "other"))
    spans: list[SpanFact] = []
    pauses: list[PauseFact] = []
    occupancy: list[OccupancyFact] = []
    first_in_bay: dict[int, datetime] = {}
    for jid, evs in by_job.items():
        j = jobs.get(jid)
        bay, tech = (j[1], j[2]) if j else (None, None)
        ro_id = evs[0][2]
        clocked = job_labour.get(jid)  # most steps have no labour span to clip
        current: tuple[str, datetime] | None = None
        entered_bay: datetime | None = None
        paused: tuple[str, datetime] | None = None
        for at, kind, _ro, step, reason in evs:
            if kind == EventKind.JOB_STEP_MOVED:
                if current is not None and current[0] in WORK_STEPS:
                    iv = Interval(current[1], at)
                    active = (
                        sum(span_us(c.start, c.end) for c in clip(clocked, iv.start, iv.end))
                        / 1_000_000
                        if clocked
                        else 0.0
                    )
                    spans.append(SpanFact(current[0], ro_id, jid, iv, active))
                current = (step, at)
                if step == "in_bay" and entered_bay is None:
                    entered_bay = at
                    if ro_id not in first_in_bay or at < first_in_bay[ro_id]:
                        first_in_bay[ro_id] = at
                if step in ("wash", "ready") and entered_bay is not None and bay is not None:
                    occupancy.append(OccupancyFact(bay, ro_id, jid, Interval(entered_bay, at)))
                    entered_bay = None
            elif kind == EventKind.JOB_PAUSED:
                paused = (reason, at)
            elif kind == EventKind.JOB_RESUMED and paused is not None:
                pauses.append(PauseFact(paused[0], ro_id, jid, tech, bay, Interval(paused[1], at)))
                paused = None
        if paused is not None:
            pauses.append(PauseFact(paused[0], ro_id, jid, tech, bay, Interval(paused[1], end)))
        if entered_bay is not None and bay is not None:
            occupancy.append(OccupancyFact(bay, ro_id, jid, Interval(entered_bay, end)))
    pauses = [p for p in pauses if start <= p.interval.start < end]
    occupancy = [
        OccupancyFact(o.bay_id, o.ro_id, o.job_id, c)
        for o in occupancy
        for c in clip([o.interval], start, end)
    ]
    return spans, pauses, occupancy, first_in_bay


def _visits(
    rows: Iterable[tuple[int, int, int, int | None]],
    jobs: dict[int, tuple[int, int | None, int | None, Decimal, int | None, int, bool]],
    start_us: int,
    end_us: int,
) -> list[tuple[int, int, int, int, int]]:
    """The walk's bay visits ``(job, RO, entered µs, left µs)`` as ``(bay, RO, job, from
    µs, to µs)`` in the job's bay, clipped to the range (a job without a bay occupies
    none): :class:`OccupancyFact` in integers."""
    out = []
    for jid, ro_id, entered, left in rows:
        j = jobs.get(jid)
        if j is None or j[1] is None:
            continue
        a = entered if entered > start_us else start_us
        b = end_us if left is None or left > end_us else left
        if b > a:
            out.append((j[1], ro_id, jid, a, b))
    return out


def _split(
    payer: str, net: Decimal, hours: Decimal, shares: dict[str, Any]
) -> Iterable[tuple[str, Decimal, Decimal]]:
    """A line's net and hours per payer: by its gross shares when several payers share it."""
    parts = {k: Decimal(str(v)) for k, v in shares.items() if Decimal(str(v))}
    total = sum(parts.values(), ZERO)
    if len(parts) <= 1 or not total:
        yield payer, net, hours
        return
    left_net, left_hours = net, hours
    items = sorted(parts.items())
    for k, (p, v) in enumerate(items):
        if k == len(items) - 1:
            yield p, left_net, left_hours
        else:
            n = (net * v / total).quantize(Decimal("0.01"))
            h = (hours * v / total).quantize(Decimal("0.01"))
            left_net -= n
            left_hours -= h
            yield p, n, h


def find_comebacks(
    ros: Iterable[RoFact], start: datetime, end: datetime, days: int
) -> list[ComebackFact]:
    """ROs opened in the range for a vehicle that had the same operation done on an earlier
    RO delivered at most ``days`` days before (pure)."""
    by_vehicle: dict[int, list[RoFact]] = defaultdict(list)
    for ro in ros:
        if ro.status != "cancelled":
            by_vehicle[ro.vehicle_id].append(ro)
    out = []
    window = timedelta(days=days)
    for visits in by_vehicle.values():
        visits.sort(key=lambda r: r.opened_at)
        for k, ro in enumerate(visits):
            if not start <= ro.opened_at < end or not ro.operations:
                continue
            for prev in reversed(visits[:k]):
                done = prev.delivered_at or prev.ready_at
                if done is None or done > ro.opened_at:
                    continue
                if ro.opened_at - done > window:
                    break
                if prev.operations & ro.operations:
                    out.append(
                        ComebackFact(ro.id, prev.id, (ro.opened_at - done).total_seconds() / 86400)
                    )
                    break
    return out


def operation_codes(uow: UnitOfWork) -> dict[int, str]:
    return {i: c for i, c in uow.session.execute(select(LaborOperation.id, LaborOperation.code))}
