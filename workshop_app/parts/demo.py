"""The demo store's parts department: units, tracking, and the opening stock as ledger
movements (batches on the batch-tracked parts, a serial number per battery), so the
counter's issue and a trace work on the demo from the first minute. Deterministic."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from workshop_app.models import Part, PurchaseOrder, Staff, StockMovement, Supplier
from workshop_app.parts.ledger import move
from workshop_app.uow import UnitOfWork
from workshop_app.vocabulary import MovementKind, PartTracking, StockUnit

# sku -> (unit, tracking); the rest are pieces without tracking
KINDS: dict[str, tuple[StockUnit, PartTracking]] = {
    "BP-F-0446": (StockUnit.SET, PartTracking.BATCH),
    "BP-R-0446": (StockUnit.SET, PartTracking.BATCH),
    "BF-DOT4-1L": (StockUnit.LITRE, PartTracking.BATCH),
    "AC-R134A": (StockUnit.LITRE, PartTracking.NONE),
    "BAT-60AH": (StockUnit.PIECE, PartTracking.SERIAL),
    "TYR-225-45R18": (StockUnit.PIECE, PartTracking.BATCH),
}
# the opening batch of each batch-tracked part
OPENING_BATCH = {
    "BP-F-0446": "LOT-BPF-2610",
    "BP-R-0446": "LOT-BPR-2610",
    "BF-DOT4-1L": "LOT-BF-2609",
    "TYR-225-45R18": "DOT-3826",
}


SUPPLIERS = [
    # code, name, contact, phone, lead days, parts (sku prefixes)
    ("GZ-AUTO", "广州骏达汽配", "李经理", "020-3888 1201", 2, ("OF-", "EO-", "AF-", "CF-", "SP-")),
    ("SZ-BRAKE", "深圳安驰制动", "陈工", "0755-8666 3302", 3, ("BP-", "BF-", "WB-")),
    ("DG-EV", "东莞新源电池", "王主管", "0769-2288 4403", 5, ("BAT-", "EV-", "AC-")),
    ("FS-TYRE", "佛山路通轮胎", "黄先生", "0757-8333 5504", 4, ("TYR-",)),
]
REORDER = {"OF-90915": 10, "BP-F-0446": 4, "WB-600": 6, "EV-COOL-4L": 2}


def seed_parts(
    uow: UnitOfWork, rows: list[tuple[str, str, str, str, int]], now: datetime
) -> list[Part]:
    """Add the demo's suppliers and parts (sku, zh, en, price, stock) with their opening
    movements."""
    s = uow.session
    out = []
    sup_of: dict[str, int] = {}
    for code, name, contact, phone, lead, prefixes in SUPPLIERS:
        sup = Supplier(
            code=code,
            name=name,
            contact=contact,
            phone=phone,
            email="",
            lead_days=lead,
            active=True,
        )
        s.add(sup)
        s.flush()
        for prefix in prefixes:
            sup_of[prefix] = sup.id
    at = now - timedelta(days=120)
    for sku, zh, en, price, stock in rows:
        unit, tracking = KINDS.get(sku, (StockUnit.PIECE, PartTracking.NONE))
        part = Part(
            sku=sku,
            name_zh=zh,
            name_en=en,
            price=Decimal(price),
            stock=Decimal(0),
            on_hand=Decimal(0),
            unit=unit,
            tracking=tracking,
            reorder_point=REORDER.get(sku, 0),
            supplier_id=next((i for pre, i in sup_of.items() if sku.startswith(pre)), None),
        )
        s.add(part)
        s.flush()
        out.append(part)
        if not stock:
            continue
        if tracking == PartTracking.SERIAL:
            for i in range(stock):
                row = move(
                    uow,
                    part,
                    MovementKind.OPENING,
                    Decimal(1),
                    on_hand=Decimal(1),
                    actor_id=None,
                    reason="opening balance",
                    serial=f"{sku.replace('-', '')}-{2610001 + i}",
                )
                row.at = at
        else:
            row = move(
                uow,
                part,
                MovementKind.OPENING,
                Decimal(stock),
                on_hand=Decimal(stock),
                actor_id=None,
                reason="opening balance",
                batch=OPENING_BATCH.get(sku, ""),
            )
            row.at = at
    s.flush()
    return out


PARTS_CLERK = ("P01", "冯丽", "parts")


def seed_parts_clerk(uow: UnitOfWork, store_id: int, pin_hash: str) -> dict[str, str]:
    """The parts counter's clerk (after the rest of the staff: the demo's random draws stay
    as they were)."""
    number, name, role = PARTS_CLERK
    uow.session.add(
        Staff(
            store_id=store_id,
            number=number,
            name=name,
            role=role,
            pin_hash=pin_hash,
            skills=[],
            phone="13900000301",
        )
    )
    return {"number": number, "name": name, "role": role}


def seed_purchasing(uow: UnitOfWork, now: datetime) -> list[str]:
    """Purchase orders: one received ten days ago in two deliveries with batches (brake
    pads, brake fluid) and serials (batteries), and one sent for the coolant today's EV
    waits for (a back-order waiting for its PO). Returns their numbers."""
    from workshop_app.parts import purchasing
    from workshop_app.parts.purchasing import Delivered
    from workshop_app.services.staff import actor_by_number

    clerk = actor_by_number(uow, PARTS_CLERK[0])
    old = purchasing.create_po(uow, clerk, "SZ-BRAKE", [("BP-F-0446", "4"), ("BF-DOT4-1L", "6")])
    purchasing.send_po(uow, clerk, old.number)
    purchasing.receive_po(uow, clerk, old.number, [Delivered("BP-F-0446", "2", "LOT-BPF-2611")])
    purchasing.receive_po(
        uow,
        clerk,
        old.number,
        [Delivered("BP-F-0446", "2", "LOT-BPF-2611"), Delivered("BF-DOT4-1L", "6", "LOT-BF-2611")],
    )
    bat = purchasing.create_po(uow, clerk, "DG-EV", [("BAT-60AH", "2")])
    purchasing.send_po(uow, clerk, bat.number)
    purchasing.receive_po(
        uow,
        clerk,
        bat.number,
        [Delivered("BAT-60AH", "2", "", ("BAT60AH-2611001", "BAT60AH-2611002"))],
    )
    with uow:  # they happened ten days ago
        s = uow.session
        past = now - timedelta(days=10)
        for number in (old.number, bat.number):
            po = s.execute(select(PurchaseOrder).where(PurchaseOrder.number == number)).scalar_one()
            po.created_at, po.sent_at = past - timedelta(days=3), past - timedelta(days=3)
            po.expected_at = past
            for ln in po.lines:
                for mv in s.execute(
                    select(StockMovement).where(StockMovement.po_line_id == ln.id)
                ).scalars():
                    mv.at = past
        uow.commit()
    waiting = purchasing.suggest(uow)
    numbers = [old.number, bat.number]
    for g in waiting:
        lines = [(ln.sku, ln.quantity) for ln in g.lines if ln.back_ordered > 0]
        if g.supplier_code and lines:
            awaited = purchasing.create_po(uow, clerk, g.supplier_code, lines)
            purchasing.send_po(uow, clerk, awaited.number)
            numbers.append(awaited.number)
    return numbers


def seed_history_trace(uow: UnitOfWork) -> int:
    """The 90 days of history fitted parts the counter would have issued: for each part
    with tracking, a month's delivery (a receipt with the month's batch, from its supplier)
    and an issue movement per history line with that batch, so ``workshop parts trace``
    finds the cars of a past batch. Each month's receipts equal its issues: today's stock
    stays what it was. Returns the movements written. Deterministic (by line id)."""
    from workshop_app.models import PartLine, RepairOrder

    s = uow.session
    s.flush()
    parts = {
        p.id: p for p in s.execute(select(Part).where(Part.tracking != PartTracking.NONE)).scalars()
    }
    rows = s.execute(
        select(PartLine, RepairOrder.opened_at)
        .join(RepairOrder, RepairOrder.id == PartLine.ro_id)
        .where(PartLine.status == "issued", PartLine.part_id.in_(list(parts) or [-1]))
        .order_by(PartLine.id)
    ).all()
    by_month: dict[tuple[int, str], list[tuple[PartLine, datetime]]] = {}
    for line, opened in rows:
        by_month.setdefault((line.part_id, opened.strftime("%y%m")), []).append((line, opened))
    written = 0
    serial_no = 0
    for (part_id, month), lines in sorted(by_month.items()):
        part = parts[part_id]
        first = min(at for _l, at in lines)
        arrived = first.replace(day=1, hour=1, minute=0, second=0, microsecond=0)
        total = sum((ln.quantity for ln, _at in lines), Decimal(0))
        code = part.sku.replace("-", "")[:6]
        batch = f"LOT-{code}-{month}"
        if part.tracking == PartTracking.SERIAL:
            receipts = []
            for _i in range(int(total)):
                serial_no += 1
                row = move(
                    uow,
                    part,
                    MovementKind.RECEIPT,
                    Decimal(1),
                    on_hand=Decimal(1),
                    actor_id=None,
                    reason="history",
                    batch=batch,
                    serial=f"{code}-{month}{serial_no:04d}",
                    supplier_id=part.supplier_id,
                )
                row.at = arrived
                receipts.append(row)
            s.flush()
            it = iter(receipts)
            for line, opened in lines:
                for _q in range(int(line.quantity)):
                    came = next(it)
                    out = move(
                        uow,
                        part,
                        MovementKind.ISSUE,
                        Decimal(1),
                        on_hand=Decimal(-1),
                        actor_id=None,
                        ro_id=line.ro_id,
                        part_line_id=line.id,
                        batch=batch,
                        serial=came.serial,
                        supplier_id=part.supplier_id,
                        receipt_id=came.id,
                    )
                    out.at = opened + timedelta(minutes=30)
                    written += 1
            written += len(receipts)
            continue
        receipt = move(
            uow,
            part,
            MovementKind.RECEIPT,
            total,
            on_hand=total,
            actor_id=None,
            reason="history",
            batch=batch,
            supplier_id=part.supplier_id,
        )
        receipt.at = arrived
        s.flush()
        for line, opened in lines:
            out = move(
                uow,
                part,
                MovementKind.ISSUE,
                line.quantity,
                on_hand=-line.quantity,
                actor_id=None,
                ro_id=line.ro_id,
                part_line_id=line.id,
                batch=batch,
                supplier_id=part.supplier_id,
                receipt_id=receipt.id,
            )
            out.at = opened + timedelta(minutes=30)
            written += 1
        written += 1
    s.flush()
    return written
