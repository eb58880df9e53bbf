"""Recall and service campaigns: import from the maker's file, flag the cars they cover,
add the work to an RO in one click (paid by the warranty), record completion per VIN.

- :func:`import_file`: all or nothing; every bad row is reported (VIN check digit, a VIN
  twice, dates reversed, an unknown operation or part, a code imported before) and then
  nothing is written (:class:`CampaignFileInvalid` carries the problems).
- :func:`flags_for_vehicles`: the open campaigns of cars (arrival cards, Find, the RO
  editor): a campaign running today whose VIN list, VIN ranges or models cover the car and
  whose work the car has not had.
- :func:`add_to_ro`: the campaign's operation and parts join the RO with the ``warranty``
  payer; a campaign's work costs the customer nothing, so it needs no new approval.
- :func:`complete_on_ro`: called when the RO is settled: its campaign VINs are done.
- :func:`report`: per VIN, done / open / not seen (no car with that VIN has come here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _, current_language, name_for
from workshop_app.lifecycle.campaign_file import ParsedFile, RowProblem, parse, read_rows
from workshop_app.lifecycle.vin import in_range
from workshop_app.models import (
    Campaign,
    CampaignVehicle,
    JobLine,
    LaborOperation,
    Part,
    RepairOrder,
    Vehicle,
)
from workshop_app.services.repair_orders import RoInfo, get_ro_row, new_part_line, ro_info
from workshop_app.services.staff import Actor, require_role
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import (
    RO_EDITABLE,
    CampaignVehicleStatus,
    LineSource,
    Payer,
    RoStatus,
)


class CampaignFileInvalid(InvalidInput):
    """A campaign file with bad rows: nothing was imported; ``problems`` lists them all."""

    def __init__(self, path: str, problems: Sequence[RowProblem]) -> None:
        self.problems = tuple(problems)
        first = "; ".join(str(p) for p in self.problems[:3])
        more = len(self.problems) - 3
        super().__init__(
            _(
                "{path}: {n} problem(s), nothing imported: {first}",
                path=path,
                n=len(self.problems),
                first=first + (f" (+{more})" if more > 0 else ""),
            )
        )


@dataclass(frozen=True, slots=True)
class CampaignRow:
    id: int
    code: str
    kind: str
    title: str  # in the UI's language
    operation_code: str
    operation_name: str
    parts: tuple[tuple[str, Decimal], ...]
    starts_on: date
    ends_on: date | None
    active: bool  # running today
    listed: int  # VINs listed in the file
    ranges: tuple[str, ...]
    models: tuple[str, ...]
    done: int
    open: int  # cars here it covers that have not had it
    not_seen: int  # listed VINs no car here has


@dataclass(frozen=True, slots=True)
class CampaignFlag:
    campaign_id: int
    code: str
    kind: str
    title: str
    operation_code: str
    on_ro: str  # the RO it is on already (not settled yet), else ""


@dataclass(frozen=True, slots=True)
class ReportRow:
    vin: str
    plate: str
    model: str
    status: str  # done | open | not_seen
    ro: str
    done_at: datetime | None


@dataclass(frozen=True, slots=True)
class ImportResult:
    codes: tuple[str, ...]
    vins: int
    ranges: int
    models: int


def _title(c: Campaign, lang: str) -> str:
    return name_for(lang, c.title_zh, c.title_en)


def _running(c: Campaign, today: date) -> bool:
    return c.starts_on <= today and (c.ends_on is None or today <= c.ends_on)


def import_file(
    uow: UnitOfWork, actor: Actor | None, path: Path, *, dry_run: bool = False
) -> ImportResult:
    """Import every campaign of the file, or none (see the module's docstring). ``actor``
    None: the office at the command line (``workshop campaign import``)."""
    parsed = parse(read_rows(path))
    return import_parsed(uow, actor, parsed, source=path.name, dry_run=dry_run)


def import_parsed(
    uow: UnitOfWork,
    actor: Actor | None,
    parsed: ParsedFile,
    *,
    source: str,
    dry_run: bool = False,
) -> ImportResult:
    problems = list(parsed.problems)
    actor_id = actor.id if actor is not None else None
    with uow:
        if actor is not None:
            require_role(uow, actor, "advisor", "foreman", "manager")
        s = uow.session
        codes = list(parsed.campaigns)
        ops = {
            o.code: o
            for o in s.execute(
                select(LaborOperation).where(
                    LaborOperation.code.in_({d.operation for d in parsed.campaigns.values()})
                )
            ).scalars()
        }
        skus = {p for d in parsed.campaigns.values() for p in d.parts}
        known_parts = set(s.execute(select(Part.sku).where(Part.sku.in_(skus))).scalars())
        exists = set(
            s.execute(
                select(Campaign.code).where(
                    Campaign.store_id == uow.store_id, Campaign.code.in_(codes)
                )
            ).scalars()
        )
        for d in parsed.campaigns.values():
            if d.code in exists:
                problems.append(
                    RowProblem(d.row, _("Campaign {code} was imported before.", code=d.code))
                )
            if d.operation and d.operation not in ops:
                problems.append(
                    RowProblem(d.row, _("Unknown labor operation {code}.", code=d.operation))
                )
            for sku in d.parts:
                if sku not in known_parts:
                    problems.append(RowProblem(d.row, _("Unknown part {sku}.", sku=sku)))
        if problems:
            problems.sort(key=lambda p: p.row)
            raise CampaignFileInvalid(source, problems)
        n_vins = n_ranges = n_models = 0
        for d in parsed.campaigns.values():
            assert d.starts_on is not None  # parse() requires it
            c = Campaign(
                store_id=uow.store_id,
                code=d.code,
                kind=d.kind,
                title_zh=d.title_zh,
                title_en=d.title_en,
                operation_id=ops[d.operation].id,
                parts={sku: str(q) for sku, q in d.parts.items()},
                vin_ranges=[f"{a}-{b}" for a, b, _r in d.ranges],
                models=list(d.models),
                starts_on=d.starts_on,
                ends_on=d.ends_on,
                source=source[:300],
                imported_by=actor_id,
                imported_at=uow.clock.now(),
            )
            s.add(c)
            s.flush()
            s.add_all(
                CampaignVehicle(campaign_id=c.id, vin=vin, listed=True, status="open")
                for vin in d.vins
            )
            n_vins += len(d.vins)
            n_ranges += len(d.ranges)
            n_models += len(d.models)
            uow.add_event(
                EventKind.CAMPAIGN_IMPORTED,
                actor_id=actor_id,
                campaign_id=c.id,
                code=c.code,
                vins=len(d.vins),
                ranges=len(d.ranges),
                models=len(d.models),
            )
        if dry_run:
            uow.rollback()
        else:
            uow.commit()
        return ImportResult(tuple(codes), n_vins, n_ranges, n_models)


def _ranges(c: Campaign) -> list[tuple[str, str]]:
    out = []
    for r in c.vin_ranges or ():
        a, _sep, b = r.partition("-")
        out.append((a, b))
    return out


def _covers_by_rule(c: Campaign, v: Vehicle) -> bool:
    """The campaign's ranges or models cover the car (its listed VINs are rows)."""
    if v.vin and any(in_range(v.vin, a, b) for a, b in _ranges(c)):
        return True
    names = {m.strip().lower() for m in c.models or ()}
    return bool(names) and (
        v.model.strip().lower() in names or f"{v.make} {v.model}".strip().lower() in names
    )


def flags_for_vehicles(
    uow: UnitOfWork, vehicle_ids: Sequence[int]
) -> dict[int, list[CampaignFlag]]:
    """The open campaigns of each car (only cars with one are in the answer)."""
    ids = list(dict.fromkeys(vehicle_ids))
    if not ids:
        return {}
    lang = current_language()
    with uow.for_reading() as r:
        s = r.session
        today = r.store.local_date(r.clock.now())
        campaigns = [
            c
            for c in s.execute(
                select(Campaign).where(Campaign.store_id == r.store_id).order_by(Campaign.code)
            ).scalars()
            if _running(c, today)
        ]
        if not campaigns:
            return {}
        ops = dict(
            s.execute(
                select(LaborOperation.id, LaborOperation.code).where(
                    LaborOperation.id.in_({c.operation_id for c in campaigns})
                )
            ).all()
        )
        vehicles = list(s.execute(select(Vehicle).where(Vehicle.id.in_(ids))).scalars())
        vins = [v.vin for v in vehicles if v.vin]
        rows: dict[tuple[int, str], tuple[CampaignVehicle, str, str]] = {}
        if vins:
            for cv, number, status in s.execute(
                select(CampaignVehicle, RepairOrder.number, RepairOrder.status)
                .outerjoin(RepairOrder, RepairOrder.id == CampaignVehicle.ro_id)
                .where(
                    CampaignVehicle.vin.in_(vins),
                    CampaignVehicle.campaign_id.in_([c.id for c in campaigns]),
                )
            ).all():
                rows[(cv.campaign_id, cv.vin)] = (cv, number or "", status or "")
        out: dict[int, list[CampaignFlag]] = defaultdict(list)
        for v in vehicles:
            for c in campaigns:
                row = rows.get((c.id, v.vin)) if v.vin else None
                if row is None and not _covers_by_rule(c, v):
                    continue
                on_ro = ""
                if row is not None:
                    cv, number, status = row
                    if cv.status == CampaignVehicleStatus.DONE:
                        continue
                    if cv.ro_id is not None and status != RoStatus.CANCELLED:
                        on_ro = number
                out[v.id].append(
                    CampaignFlag(
                        c.id, c.code, c.kind, _title(c, lang), ops.get(c.operation_id, ""), on_ro
                    )
                )
        return dict(out)


def add_to_ro(uow: UnitOfWork, actor: Actor, campaign_id: int, ro_number: str) -> RoInfo:
    """Put the campaign's operation and parts on the RO, paid by the warranty."""
    with uow:
        require_role(uow, actor, "advisor", "foreman", "manager")
        s = uow.session
        ro = get_ro_row(uow, ro_number, lock=True)
        if ro.status not in RO_EDITABLE:
            raise IllegalTransition(
                _(
                    "Repair order {number} is {status} and cannot be changed.",
                    number=ro.number,
                    status=ro.status,
                )
            )
        c = s.get(Campaign, campaign_id)
        if c is None or c.store_id != uow.store_id:
            raise NotFound(_("Unknown campaign {id}.", id=campaign_id))
        v = s.get(Vehicle, ro.vehicle_id)
        assert v is not None
        flags = flags_for_vehicles(uow, [v.id]).get(v.id, [])
        flag = next((f for f in flags if f.campaign_id == c.id), None)
        if flag is None:
            raise IllegalTransition(
                _("Campaign {code} is not open for {plate}.", code=c.code, plate=v.plate)
            )
        if flag.on_ro:
            raise Conflict(
                _("Campaign {code} is on {number} already.", code=c.code, number=flag.on_ro)
            )
        op = s.get(LaborOperation, c.operation_id)
        assert op is not None
        job = JobLine(
            ro_id=ro.id,
            operation_id=op.id,
            hours=op.standard_hours,
            step="waiting",
            step_changed_at=uow.clock.now(),
            sort=len(ro.jobs),
            source=LineSource.ESTIMATE,
            payer=Payer.WARRANTY,
        )
        ro.jobs.append(job)
        for sku, qty in (c.parts or {}).items():
            # the ledger holds what the shelf gives (a campaign's part line held none before)
            new_part_line(
                uow,
                actor.id,
                ro,
                sku,
                Decimal(qty),
                source=LineSource.ESTIMATE,
                payer=Payer.WARRANTY,
            )
        ro.version += 1
        s.flush()
        cv = s.execute(
            select(CampaignVehicle).where(
                CampaignVehicle.campaign_id == c.id, CampaignVehicle.vin == v.vin
            )
        ).scalar_one_or_none()
        if cv is None:
            cv = CampaignVehicle(campaign_id=c.id, vin=v.vin, listed=False, status="open")
            s.add(cv)
        cv.ro_id, cv.job_line_id = ro.id, job.id
        s.flush()
        uow.add_event(
            EventKind.RO_OPERATION_ADDED,
            ro_id=ro.id,
            actor_id=actor.id,
            job_id=job.id,
            code=op.code,
        )
        uow.add_event(
            EventKind.CAMPAIGN_ADDED_TO_RO,
            ro_id=ro.id,
            actor_id=actor.id,
            campaign_id=c.id,
            code=c.code,
            vin=v.vin,
        )
        uow.commit()
        return ro_info(uow, ro)


def complete_on_ro(uow: UnitOfWork, ro: RepairOrder) -> list[str]:
    """The campaign VINs done on this RO (settled now), in the caller's transaction."""
    s = uow.session
    done: list[str] = []
    for cv, code in s.execute(
        select(CampaignVehicle, Campaign.code)
        .join(Campaign, Campaign.id == CampaignVehicle.campaign_id)
        .where(CampaignVehicle.ro_id == ro.id, CampaignVehicle.status == "open")
    ).all():
        if cv.job_line_id is None:
            continue  # the line was taken off the RO: not done
        cv.status, cv.done_at = CampaignVehicleStatus.DONE, uow.clock.now()
        uow.add_event(
            EventKind.CAMPAIGN_COMPLETED,
            ro_id=ro.id,
            campaign_id=cv.campaign_id,
            code=code,
            vin=cv.vin,
        )
        done.append(cv.vin)
    return done


def _get(uow: UnitOfWork, code_or_id: str | int) -> Campaign:
    s = uow.session
    if isinstance(code_or_id, int):
        c = s.get(Campaign, code_or_id)
    else:
        c = s.execute(
            select(Campaign).where(
                Campaign.store_id == uow.store_id, Campaign.code == code_or_id.strip().upper()
            )
        ).scalar_one_or_none()
    if c is None or c.store_id != uow.store_id:
        raise NotFound(_("Unknown campaign {id}.", id=code_or_id))
    return c


def report(uow: UnitOfWork, code_or_id: str | int) -> list[ReportRow]:
    """Every VIN of the campaign: listed ones and the cars here its rules cover; done first,
    then open, then not seen."""
    with uow.for_reading() as r:
        s = r.session
        c = _get(r, code_or_id)
        rows = {
            cv.vin: (cv, number or "")
            for cv, number in s.execute(
                select(CampaignVehicle, RepairOrder.number)
                .outerjoin(RepairOrder, RepairOrder.id == CampaignVehicle.ro_id)
                .where(CampaignVehicle.campaign_id == c.id)
            ).all()
        }
        vehicles = {
            v.vin: v
            for v in s.execute(
                select(Vehicle).where(Vehicle.store_id == r.store_id, Vehicle.vin != "")
            ).scalars()
            if v.vin in rows or _covers_by_rule(c, v)
        }
        out = []
        for vin in sorted(set(rows) | set(vehicles)):
            cv, number = rows.get(vin, (None, ""))
            v = vehicles.get(vin)
            if cv is not None and cv.status == CampaignVehicleStatus.DONE:
                status = "done"
            elif v is not None:
                status = "open"
            else:
                status = "not_seen"
            out.append(
                ReportRow(
                    vin,
                    v.plate if v else "",
                    f"{v.make} {v.model}".strip() if v else "",
                    status,
                    number,
                    cv.done_at if cv else None,
                )
            )
        order = {"done": 0, "open": 1, "not_seen": 2}
        out.sort(key=lambda x: (order[x.status], x.vin))
        return out


def list_campaigns(uow: UnitOfWork) -> list[CampaignRow]:
    """Every campaign with its counts (done / open / not seen), running ones first."""
    lang = current_language()
    with uow.for_reading() as r:
        s = r.session
        today = r.store.local_date(r.clock.now())
        campaigns = list(
            s.execute(
                select(Campaign, LaborOperation)
                .join(LaborOperation, LaborOperation.id == Campaign.operation_id)
                .where(Campaign.store_id == r.store_id)
                .order_by(Campaign.starts_on.desc(), Campaign.code)
            ).all()
        )
        listed = dict(
            s.execute(
                select(CampaignVehicle.campaign_id, func.count())
                .where(CampaignVehicle.listed.is_(True))
                .group_by(CampaignVehicle.campaign_id)
            ).all()
        )
        out = []
        for c, op in campaigns:
            rep = report(r, c.id)
            out.append(
                CampaignRow(
                    c.id,
                    c.code,
                    c.kind,
                    _title(c, lang),
                    op.code,
                    name_for(lang, op.name_zh, op.name_en),
                    tuple((k, Decimal(q)) for k, q in (c.parts or {}).items()),
                    c.starts_on,
                    c.ends_on,
                    _running(c, today),
                    int(listed.get(c.id, 0)),
                    tuple(c.vin_ranges or ()),
                    tuple(c.models or ()),
                    sum(1 for x in rep if x.status == "done"),
                    sum(1 for x in rep if x.status == "open"),
                    sum(1 for x in rep if x.status == "not_seen"),
                )
            )
        out.sort(key=lambda x: (not x.active, x.code))
        return out
