"""Every KPI as a pure function of :class:`~workshop_app.reports.facts.Facts`.

Each ratio carries its formula and the two totals it divides, so a reader can check it
(the trade uses "productivity", "efficiency" and "proficiency" differently from shop to
shop: the formula is named beside each). A ratio with nothing to divide by has no value
(``None``) and the report says "no work in this range"; nothing ever divides by zero.

The three hour types: **attended** (at work: shifts minus breaks, from the shift clock),
**clocked** (on jobs: the technicians' job clock), **sold** (the standard hours of the
labour billed: to customers, insurers, warranty or internal accounts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from workshop_app.i18n import _
from workshop_app.reports.attendance import Interval
from workshop_app.reports.facts import Facts, RoFact
from workshop_app.reports.steps import (
    US_PER_HOUR,
    WORK_STEPS,
    minutes,
    pause_stats,
    span_us,
    stage_stats,
    us,
)

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
TECH_ROLES = ("technician", "foreman")
STAGES = ("reception", "queue", *WORK_STEPS, "pickup")
# Lateness buckets (minutes late, upper bound exclusive); the first is "on time".
LATENESS_BUCKETS: tuple[tuple[str, float], ...] = (
    ("on_time", 0.0),
    ("le_30m", 30.0),
    ("le_1h", 60.0),
    ("le_2h", 120.0),
    ("le_4h", 240.0),
    ("gt_4h", float("inf")),
)
PAYERS = ("customer", "insurer", "warranty", "internal")


def _h(seconds: float) -> float:
    return round(seconds / 3600, 2)


def ratio_value(numerator: float, denominator: float) -> float | None:
    """``numerator ÷ denominator`` to 4 places; None when there is nothing to divide by."""
    if not denominator:
        return None
    return round(numerator / denominator, 4)


@dataclass(frozen=True, slots=True)
class Ratio:
    """``numerator ÷ denominator`` with its formula; ``value`` is None when there is nothing
    to divide by."""

    key: str
    formula: str
    numerator: float
    denominator: float

    @property
    def value(self) -> float | None:
        return ratio_value(self.numerator, self.denominator)

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "formula": self.formula,
            "numerator": self.numerator,
            "denominator": self.denominator,
        }


def productivity(clocked: float, attended: float) -> Ratio:
    return Ratio("productivity", _("clocked hours ÷ attended hours"), clocked, attended)


def efficiency(sold: float, clocked: float) -> Ratio:
    return Ratio("efficiency", _("sold hours ÷ clocked hours"), sold, clocked)


def proficiency(sold: float, attended: float) -> Ratio:
    return Ratio("proficiency", _("sold hours ÷ attended hours"), sold, attended)


@dataclass(frozen=True, slots=True)
class HoursRow:
    """The three hour types for one technician (or the store, or one day)."""

    key: str
    label: str
    attended: float
    clocked: float
    sold: float
    ro_ids: tuple[int, ...] = ()

    @property
    def productivity(self) -> Ratio:
        return productivity(self.clocked, self.attended)

    @property
    def efficiency(self) -> Ratio:
        return efficiency(self.sold, self.clocked)

    @property
    def proficiency(self) -> Ratio:
        return proficiency(self.sold, self.attended)


@dataclass(frozen=True, slots=True)
class BayRow:
    bay_id: int
    name: str
    open_hours: float
    occupied_hours: float
    clocked: float
    sold: float
    jobs: int
    ro_ids: tuple[int, ...] = ()

    @property
    def utilisation(self) -> Ratio:
        return utilisation(self.occupied_hours, self.open_hours)


def utilisation(occupied: float, open_hours: float) -> Ratio:
    return Ratio("utilisation", _("occupied bay-hours ÷ open bay-hours"), occupied, open_hours)


@dataclass(frozen=True, slots=True)
class AdvisorRow:
    staff_id: int
    number: str
    name: str
    ros_opened: int
    extra_proposed: int
    extra_approved: int
    arrival_minutes: tuple[float, ...]
    revenue: Decimal
    ros_invoiced: int
    ro_ids: tuple[int, ...] = ()

    @property
    def approval(self) -> Ratio:
        return Ratio(
            "extra_approval",
            _("extra work approved ÷ extra work proposed"),
            self.extra_approved,
            self.extra_proposed,
        )

    @property
    def arrival_to_ro(self) -> Ratio:
        return Ratio(
            "arrival_to_ro",
            _("Σ minutes from arrival to RO ÷ ROs with an arrival"),
            round(sum(self.arrival_minutes), 1),
            len(self.arrival_minutes),
        )


@dataclass(frozen=True, slots=True)
class StageRow:
    stage: str
    count: int
    median_min: float | None
    p90_min: float | None
    active_median_min: float | None
    waiting_median_min: float | None
    active_hours: float
    waiting_hours: float
    ro_ids: tuple[int, ...] = ()  # slowest first


@dataclass(frozen=True, slots=True)
class PromiseSummary:
    measured: int
    on_time: int
    buckets: tuple[tuple[str, int], ...]
    late_ro_ids: tuple[int, ...]

    @property
    def hit_rate(self) -> Ratio:
        return Ratio(
            "promise_hit_rate",
            _("ROs ready by the promised time ÷ ROs with a promised time"),
            self.on_time,
            self.measured,
        )


@dataclass(frozen=True, slots=True)
class PauseRow:
    reason: str
    count: int
    lost_hours: float
    share: float
    cumulative: float
    ro_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class PayerRow:
    payer: str
    labour: Decimal
    parts: Decimal
    fees: Decimal
    hours_sold: float
    ro_ids: tuple[int, ...] = ()

    @property
    def revenue(self) -> Decimal:
        return self.labour + self.parts + self.fees


@dataclass(frozen=True, slots=True)
class Sales:
    revenue: Decimal
    labour: Decimal
    hours_sold: float
    ros_invoiced: int

    @property
    def labour_rate(self) -> Ratio:
        return Ratio(
            "effective_labour_rate",
            _("labour sales ÷ hours sold"),
            float(self.labour),
            self.hours_sold,
        )

    @property
    def hours_per_ro(self) -> Ratio:
        return Ratio(
            "hours_per_ro", _("hours sold ÷ ROs invoiced"), self.hours_sold, self.ros_invoiced
        )

    @property
    def average_ro(self) -> Ratio:
        return Ratio(
            "average_ro_value",
            _("net revenue ÷ ROs invoiced"),
            float(self.revenue),
            self.ros_invoiced,
        )


@dataclass(frozen=True, slots=True)
class DayRow:
    day: date
    hours: HoursRow
    occupied_hours: float
    open_hours: float
    ros_opened: int
    ros_delivered: int
    revenue: Decimal

    @property
    def utilisation(self) -> Ratio:
        return utilisation(self.occupied_hours, self.open_hours)


@dataclass(frozen=True, slots=True)
class RoRef:
    """An RO behind a figure (the drill-down)."""

    id: int
    number: str
    plate: str
    status: str
    opened_at: datetime
    ready_at: datetime | None
    promised_at: datetime | None
    delivered_at: datetime | None


class RoIndex(Mapping[int, RoRef]):
    """The ROs behind a report's figures (RO id -> :class:`RoRef`), each one made when it
    is first looked up: a year's report refers to some 30 000 ROs and a screen shows a
    few hundred of them."""

    __slots__ = ("_facts", "_ids", "_made")

    def __init__(self, facts: Mapping[int, RoFact], ids: Iterable[int]) -> None:
        self._facts = facts
        self._ids = frozenset(i for i in ids if i in facts)
        self._made: dict[int, RoRef] = {}

    def __getitem__(self, key: int) -> RoRef:
        ref = self._made.get(key)
        if ref is None:
            if key not in self._ids:
                raise KeyError(key)
            r = self._facts[key]
            ref = self._made[key] = RoRef(
                r.id,
                r.number,
                r.plate,
                r.status,
                r.opened_at,
                r.ready_at,
                r.promised_at,
                r.delivered_at,
            )
        return ref

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(frozen=True)
class Report:
    store_code: str
    store_name: str
    first: date
    last: date
    tz: str
    store: HoursRow
    technicians: tuple[HoursRow, ...]
    bays: tuple[BayRow, ...]
    bay_days: tuple[tuple[date, tuple[tuple[int, float | None], ...]], ...]
    advisors: tuple[AdvisorRow, ...]
    days: tuple[DayRow, ...]
    stages: tuple[StageRow, ...]
    promise: PromiseSummary
    pauses: tuple[PauseRow, ...]
    payers: tuple[PayerRow, ...]
    sales: Sales
    comebacks: tuple[tuple[int, int, float], ...]  # (RO, earlier RO, days)
    comeback_days: int
    ros_opened: int
    ros_delivered: int
    occupied_hours: float
    open_hours: float
    ros: Mapping[int, RoRef] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing happened in the range: no shifts, clocks, sales, ROs or bay time."""
        return not (
            self.store.attended
            or self.store.clocked
            or self.store.sold
            or self.ros_opened
            or self.ros_delivered
            or self.occupied_hours
            or self.sales.revenue
        )

    @property
    def message(self) -> str:
        return _("No work in this range.") if self.empty else ""

    @property
    def utilisation(self) -> Ratio:
        return utilisation(self.occupied_hours, self.open_hours)

    @property
    def comeback_rate(self) -> Ratio:
        return Ratio(
            "comeback_rate",
            _("comebacks ÷ ROs opened"),
            len(self.comebacks),
            self.ros_opened,
        )

    def drill(self, key: str) -> list[RoRef]:
        """The ROs behind a figure: ``technician:ID``, ``bay:ID``, ``advisor:ID``,
        ``stage:NAME``, ``pause:REASON``, ``payer:KIND``, ``day:YYYY-MM-DD``,
        ``promise:late``, ``comebacks``, ``store`` (ROs with hours), ``bays``, ``invoiced``."""
        kind, _sep, arg = key.partition(":")
        ids: Iterable[int] = ()
        if kind == "technician":
            ids = next((r.ro_ids for r in self.technicians if r.key == arg), ())
        elif kind == "bay":
            ids = next((r.ro_ids for r in self.bays if str(r.bay_id) == arg), ())
        elif kind == "advisor":
            ids = next((r.ro_ids for r in self.advisors if str(r.staff_id) == arg), ())
        elif kind == "stage":
            ids = next((r.ro_ids for r in self.stages if r.stage == arg), ())
        elif kind == "pause":
            ids = next((r.ro_ids for r in self.pauses if r.reason == arg), ())
        elif kind == "payer":
            ids = next((r.ro_ids for r in self.payers if r.payer == arg), ())
        elif kind == "day":
            ids = next((r.hours.ro_ids for r in self.days if r.day.isoformat() == arg), ())
        elif kind == "promise":
            ids = self.promise.late_ro_ids
        elif kind == "comebacks":
            ids = [c[0] for c in self.comebacks]
        elif kind == "store":
            ids = self.store.ro_ids
        elif kind == "bays":
            ids = sorted({i for b in self.bays for i in b.ro_ids})
        elif kind == "invoiced":
            ids = sorted({i for p in self.payers for i in p.ro_ids})
        return [self.ros[i] for i in dict.fromkeys(ids) if i in self.ros]


# --- the pure functions -------------------------------------------------------------------


def attended_seconds(
    facts: Facts, staff_id: int | None = None, *, day: date | None = None
) -> float:
    total = 0.0
    for rec in facts.attendance:
        if staff_id is not None and rec.staff_id != staff_id:
            continue
        if day is not None and rec.day != day:
            continue
        total += sum(i.seconds for i in rec.attended)
    return total


def hours_rows(facts: Facts, *, day: date | None = None) -> tuple[HoursRow, tuple[HoursRow, ...]]:
    """(the store's row, one row per technician) of attended, clocked and sold hours."""
    in_day: Callable[[datetime], bool] = (
        (lambda at: facts.period.day_of(at) == day) if day is not None else (lambda at: True)
    )
    attended: dict[int, float] = defaultdict(float)
    for rec in facts.attendance:
        if day is None or rec.day == day:
            attended[rec.staff_id] += sum(i.seconds for i in rec.attended)
    clocked: dict[int, float] = defaultdict(float)
    ros: dict[int, set[int]] = defaultdict(set)
    for lab in facts.labour:
        if in_day(lab.interval.start):
            clocked[lab.technician_id] += lab.interval.seconds
            ros[lab.technician_id].add(lab.ro_id)
    sold: dict[int | None, Decimal] = defaultdict(Decimal)
    for ln in facts.sold:
        if ln.kind == "labor" and in_day(ln.at):
            sold[ln.technician_id] += ln.hours
            if ln.technician_id is not None:
                ros[ln.technician_id].add(ln.ro_id)
    people = [
        p
        for p in facts.people.values()
        if p.role in TECH_ROLES and (attended[p.id] or clocked[p.id] or sold.get(p.id))
    ]
    rows = tuple(
        HoursRow(
            str(p.id),
            f"{p.number} {p.name}",
            _h(attended[p.id]),
            _h(clocked[p.id]),
            float(sold.get(p.id, ZERO)),
            tuple(sorted(ros[p.id])),
        )
        for p in sorted(people, key=lambda p: p.number)
    )
    tech_ids = {p.id for p in facts.people.values() if p.role in TECH_ROLES}
    store = HoursRow(
        "store",
        facts.store_code,
        _h(sum(v for k, v in attended.items() if k in tech_ids)),
        _h(sum(clocked.values())),
        float(sum(sold.values(), ZERO)),
        tuple(sorted({i for v in ros.values() for i in v})),
    )
    return store, rows


def open_seconds(facts: Facts, *, day: date | None = None) -> float:
    return sum(
        w.seconds for w in facts.windows if day is None or facts.period.day_of(w.start) == day
    )


def _visits_us(facts: Facts) -> list[tuple[int, int, int, int, int]]:
    """The bay visits ``(bay, RO, job, from µs, to µs)``: the loader's integers, else the
    :class:`OccupancyFact` intervals in µs."""
    if facts.visits_us is not None:
        return facts.visits_us
    return [
        (o.bay_id, o.ro_id, o.job_id, us(o.interval.start), us(o.interval.end))
        for o in facts.occupancy
    ]


def _union_us(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping ``(from, to)`` µs pairs (sorted, disjoint; empty ones dropped)."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(pairs):
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _windows_us(facts: Facts) -> list[tuple[int, int]]:
    return sorted((us(w.start), us(w.end)) for w in facts.windows)


def _overlap_per_window(
    ivs: Sequence[tuple[int, int]], windows: Sequence[tuple[int, int]]
) -> list[float]:
    """Seconds of the sorted, disjoint µs pairs ``ivs`` inside each of the sorted
    ``windows`` (one sweep, so a year of bay time costs one pass, not one per day)."""
    out = []
    k = 0
    n = len(ivs)
    for ws, we in windows:
        while k < n and ivs[k][1] <= ws:
            k += 1
        total, j = 0, k
        while j < n and ivs[j][0] < we:
            a, b = ivs[j]
            a, b = (a if a > ws else ws), (b if b < we else we)
            if b > a:
                total += b - a
            j += 1
        out.append(total / 1_000_000)
    return out


def occupied_seconds(facts: Facts, bay_id: int, windows: Sequence[Interval]) -> float:
    """Time the bay had a car in it during the open hours (overlapping jobs count once)."""
    ivs = _union_us([(a, b) for bay, _r, _j, a, b in _visits_us(facts) if bay == bay_id])
    return sum(_overlap_per_window(ivs, sorted((us(w.start), us(w.end)) for w in windows)))


def _occupied_by_day(
    facts: Facts, per_window: dict[int, list[float]] | None = None
) -> dict[int, dict[date, float]]:
    """bay id -> local day -> occupied seconds within that day's open hours."""
    windows = sorted(facts.windows, key=lambda w: w.start)
    days = [facts.period.day_of(w.start) for w in windows]
    per_window = per_window if per_window is not None else _bay_windows(facts)
    out: dict[int, dict[date, float]] = {}
    for bay_id in facts.bays:
        acc: dict[date, float] = defaultdict(float)
        for d, secs in zip(days, per_window[bay_id], strict=True):
            acc[d] += secs
        out[bay_id] = acc
    return out


def _bay_windows(facts: Facts) -> dict[int, list[float]]:
    """bay id -> occupied seconds in each open window (sorted by time): the bays' merged
    visits swept once, shared by the bay rows, the bay × day matrix and the day rows."""
    by_bay: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for bay, _r, _j, a, b in _visits_us(facts):
        by_bay[bay].append((a, b))
    windows = _windows_us(facts)
    return {b: _overlap_per_window(_union_us(by_bay.get(b, [])), windows) for b in facts.bays}


def bay_rows(facts: Facts, per_window: dict[int, list[float]] | None = None) -> tuple[BayRow, ...]:
    open_s = open_seconds(facts)
    per_window = per_window if per_window is not None else _bay_windows(facts)
    jobs_by_bay: dict[int, set[int]] = defaultdict(set)
    ros_by_bay: dict[int, set[int]] = defaultdict(set)
    for bay, ro_id, job_id, _a, _b in _visits_us(facts):
        jobs_by_bay[bay].add(job_id)
        ros_by_bay[bay].add(ro_id)
    clocked: dict[int | None, float] = defaultdict(float)
    for lab in facts.labour:
        clocked[lab.bay_id] += lab.interval.seconds
    sold: dict[int | None, Decimal] = defaultdict(Decimal)
    for ln in facts.sold:
        if ln.kind == "labor":
            sold[ln.bay_id] += ln.hours
    rows = []
    for bay_id, name in facts.bays.items():
        rows.append(
            BayRow(
                bay_id,
                name,
                _h(open_s),
                _h(sum(per_window[bay_id])),
                _h(clocked[bay_id]),
                float(sold.get(bay_id, ZERO)),
                len(jobs_by_bay.get(bay_id, ())),
                tuple(sorted(ros_by_bay.get(bay_id, ()))),
            )
        )
    return tuple(rows)


def bay_days(
    facts: Facts, occupied: dict[int, dict[date, float]] | None = None
) -> tuple[tuple[date, tuple[tuple[int, float | None], ...]], ...]:
    """Utilisation of each bay on each day (None on a closed day)."""
    occupied = occupied if occupied is not None else _occupied_by_day(facts)
    open_by_day: dict[date, float] = defaultdict(float)
    for w in facts.windows:
        open_by_day[facts.period.day_of(w.start)] += w.seconds
    return tuple(
        (
            day,
            tuple(
                (b, ratio_value(occupied[b].get(day, 0.0), open_by_day.get(day, 0.0)))
                for b in facts.bays
            ),
        )
        for day in facts.period.days()
    )


def stage_rows(facts: Facts) -> tuple[StageRow, ...]:
    """Cycle time per stage (minutes): received → dispatched (reception), → in bay (queue),
    each work step, ready → delivered (pickup); active = a technician clocked on.

    Median and p90 (nearest rank) in whole microseconds, from the database's totals when
    the facts carry them, else from the spans (see :mod:`.steps`)."""
    stats = facts.stage_stats
    if stats is None:
        stats = stage_stats(
            (
                sp.stage,
                sp.ro_id,
                span_us(sp.interval.start, sp.interval.end),
                round(sp.active * 1_000_000),
            )
            for sp in facts.spans
        )
    rows = []
    for stage in STAGES:
        st = stats.get(stage)
        if st is None:
            rows.append(StageRow(stage, 0, None, None, None, None, 0.0, 0.0, ()))
            continue
        rows.append(
            StageRow(
                stage,
                st.count,
                minutes(sum(st.total_mid), 2),
                minutes(st.total_p90),
                minutes(sum(st.active_mid), 2),
                minutes(sum(st.waiting_mid), 2),
                round(st.active_us / US_PER_HOUR, 2),
                round(st.waiting_us / US_PER_HOUR, 2),
                st.ro_ids,
            )
        )
    return tuple(rows)


def promise_summary(facts: Facts) -> PromiseSummary:
    """ROs that became ready in the range with a promised time: on time or how late."""
    counts = dict.fromkeys((b for b, _l in LATENESS_BUCKETS), 0)
    late: list[tuple[float, int]] = []
    measured = on_time = 0
    for ro in facts.ros.values():
        if ro.promised_at is None or ro.ready_at is None:
            continue
        if not facts.start <= ro.ready_at < facts.end:
            continue
        measured += 1
        minutes = (ro.ready_at - ro.promised_at).total_seconds() / 60
        if minutes <= 0:
            on_time += 1
            counts["on_time"] += 1
            continue
        late.append((minutes, ro.id))
        for name, bound in LATENESS_BUCKETS[1:]:
            if minutes <= bound:
                counts[name] += 1
                break
    return PromiseSummary(
        measured,
        on_time,
        tuple(counts.items()),
        tuple(r for _m, r in sorted(late, reverse=True)),
    )


def pause_pareto(facts: Facts) -> tuple[PauseRow, ...]:
    """Pause reasons ranked by the time they lost, with each one's share and the running
    (Pareto) share."""
    stats = facts.pause_stats
    if stats is None:
        stats = pause_stats(
            (p.reason, p.ro_id, span_us(p.interval.start, p.interval.end)) for p in facts.pauses
        )
    total = sum(st.lost_us for st in stats.values())
    rows, running = [], 0
    for reason, st in sorted(stats.items(), key=lambda kv: (-kv[1].lost_us, kv[0])):
        running += st.lost_us
        rows.append(
            PauseRow(
                reason,
                st.count,
                round(st.lost_us / US_PER_HOUR, 2),
                round(st.lost_us / total, 4) if total else 0.0,
                round(running / total, 4) if total else 0.0,
                st.ro_ids,
            )
        )
    return tuple(rows)


def payer_rows(facts: Facts) -> tuple[PayerRow, ...]:
    acc: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    ros: dict[str, set[int]] = defaultdict(set)
    for ln in facts.sold:
        acc[ln.payer][ln.kind] += ln.net
        acc[ln.payer]["hours"] += ln.hours
        ros[ln.payer].add(ln.ro_id)
    order = [p for p in PAYERS if p in acc] + sorted(set(acc) - set(PAYERS))
    return tuple(
        PayerRow(
            p,
            acc[p]["labor"].quantize(CENT),
            acc[p]["part"].quantize(CENT),
            acc[p]["fee"].quantize(CENT),
            float(acc[p]["hours"]),
            tuple(sorted(ros[p])),
        )
        for p in order
    )


def sales(facts: Facts) -> Sales:
    revenue = sum((ln.net for ln in facts.sold), ZERO)
    labour = sum((ln.net for ln in facts.sold if ln.kind == "labor"), ZERO)
    hours = sum((ln.hours for ln in facts.sold if ln.kind == "labor"), ZERO)
    invoiced = {ln.ro_id for ln in facts.sold if not ln.credit}
    return Sales(revenue.quantize(CENT), labour.quantize(CENT), float(hours), len(invoiced))


def advisor_rows(facts: Facts) -> tuple[AdvisorRow, ...]:
    opened: dict[int, list[int]] = defaultdict(list)
    for ro in facts.ros_opened():
        if ro.advisor_id is not None:
            opened[ro.advisor_id].append(ro.id)
    proposed: dict[int, int] = defaultdict(int)
    approved: dict[int, int] = defaultdict(int)
    for ex in facts.extra:
        if ex.advisor_id is None:
            continue
        proposed[ex.advisor_id] += 1
        if ex.status == "approved":
            approved[ex.advisor_id] += 1
    arrivals: dict[int, list[float]] = defaultdict(list)
    for a in facts.arrivals:
        if a.advisor_id is not None:
            arrivals[a.advisor_id].append(round(a.minutes, 1))
    revenue: dict[int, Decimal] = defaultdict(Decimal)
    invoiced: dict[int, set[int]] = defaultdict(set)
    for ln in facts.sold:
        if ln.advisor_id is not None:
            revenue[ln.advisor_id] += ln.net
            if not ln.credit:
                invoiced[ln.advisor_id].add(ln.ro_id)
    ids = set(opened) | set(proposed) | set(revenue)
    rows = []
    for sid in sorted(ids, key=lambda i: facts.people[i].number if i in facts.people else ""):
        p = facts.people.get(sid)
        rows.append(
            AdvisorRow(
                sid,
                p.number if p else str(sid),
                p.name if p else "",
                len(opened[sid]),
                proposed[sid],
                approved[sid],
                tuple(arrivals[sid]),
                revenue[sid].quantize(CENT),
                len(invoiced[sid]),
                tuple(sorted(set(opened[sid]) | invoiced[sid])),
            )
        )
    return tuple(rows)


def _delivered_in(facts: Facts, ro: RoFact, day: date | None = None) -> bool:
    at = ro.delivered_at
    if at is None or not facts.start <= at < facts.end:
        return False
    return day is None or facts.period.day_of(at) == day


def day_rows(
    facts: Facts, occupied: dict[int, dict[date, float]] | None = None
) -> tuple[DayRow, ...]:
    """One row per local day: each fact is put in its day once (a year is one pass)."""
    day_of = facts.period.day_of
    tech_ids = {p.id for p in facts.people.values() if p.role in TECH_ROLES}
    attended: dict[date, float] = defaultdict(float)
    for rec in facts.attendance:
        if rec.staff_id in tech_ids:
            attended[rec.day] += sum(i.seconds for i in rec.attended)
    clocked: dict[date, float] = defaultdict(float)
    ros: dict[date, set[int]] = defaultdict(set)
    for lab in facts.labour:
        d = day_of(lab.interval.start)
        clocked[d] += lab.interval.seconds
        ros[d].add(lab.ro_id)
    sold: dict[date, Decimal] = defaultdict(Decimal)
    revenue: dict[date, Decimal] = defaultdict(Decimal)
    for ln in facts.sold:
        d = day_of(ln.at)
        revenue[d] += ln.net
        if ln.kind == "labor":
            sold[d] += ln.hours
            if ln.technician_id is not None:
                ros[d].add(ln.ro_id)
    opened: dict[date, int] = defaultdict(int)
    for r in facts.ros_opened():
        d = day_of(r.opened_at)
        opened[d] += 1
        ros[d].add(r.id)
    delivered: dict[date, int] = defaultdict(int)
    for r in facts.ros.values():
        if _delivered_in(facts, r):
            assert r.delivered_at is not None
            delivered[day_of(r.delivered_at)] += 1
    occupied = occupied if occupied is not None else _occupied_by_day(facts)
    open_by_day: dict[date, float] = defaultdict(float)
    for w in facts.windows:
        open_by_day[day_of(w.start)] += w.seconds
    rows = []
    for day in facts.period.days():
        rows.append(
            DayRow(
                day,
                HoursRow(
                    day.isoformat(),
                    day.isoformat(),
                    _h(attended[day]),
                    _h(clocked[day]),
                    float(sold[day]),
                    tuple(sorted(ros[day])),
                ),
                _h(sum(occupied[b].get(day, 0.0) for b in facts.bays)),
                _h(open_by_day.get(day, 0.0) * len(facts.bays)),
                opened[day],
                delivered[day],
                revenue[day].quantize(CENT),
            )
        )
    return tuple(rows)


def build_report(facts: Facts, *, by_day: bool = True) -> Report:
    """Every KPI of the range (``by_day=False`` skips the per-day rows and the bay × day
    matrix, which a store-per-row roll-up does not need)."""
    store, techs = hours_rows(facts)
    per_window = _bay_windows(facts)
    occupied = _occupied_by_day(facts, per_window) if by_day else {}
    bays = bay_rows(facts, per_window)
    stages = stage_rows(facts)
    promise = promise_summary(facts)
    pauses = pause_pareto(facts)
    payers = payer_rows(facts)
    advisors = advisor_rows(facts)
    referenced: set[int] = set(store.ro_ids)
    for group in (bays, stages, pauses, payers, advisors):
        for row in group:
            referenced.update(row.ro_ids)
    referenced.update(promise.late_ro_ids)
    referenced.update(c.ro_id for c in facts.comebacks)
    opened = facts.ros_opened()
    referenced.update(r.id for r in opened)
    ros = RoIndex(facts.ros, referenced)
    return Report(
        store_code=facts.store_code,
        store_name=facts.store_name,
        first=facts.period.first,
        last=facts.period.last,
        tz=facts.period.tz,
        store=store,
        technicians=techs,
        bays=bays,
        bay_days=bay_days(facts, occupied) if by_day else (),
        advisors=advisors,
        days=day_rows(facts, occupied) if by_day else (),
        stages=stages,
        promise=promise,
        pauses=pauses,
        payers=payers,
        sales=sales(facts),
        comebacks=tuple((c.ro_id, c.earlier_ro_id, round(c.days, 1)) for c in facts.comebacks),
        comeback_days=facts.comeback_days,
        ros_opened=len(opened),
        ros_delivered=sum(1 for r in facts.ros.values() if _delivered_in(facts, r)),
        occupied_hours=round(sum(b.occupied_hours for b in bays), 2),
        open_hours=round(sum(b.open_hours for b in bays), 2),
        ros=ros,
        warnings=tuple(facts.warnings),
    )
