"""the parts department: stock ledger, suppliers, purchase orders

- ``stock_movements``: every change of a part's stock (receipt, issue to a repair order,
  return from one, return to the supplier, count adjustment, reservation, release, and the
  opening balance this migration writes), Decimal quantity and unit, actor, reason, batch,
  serial, supplier and the receipt an issue came from;
- ``suppliers``, ``purchase_orders``, ``purchase_order_lines``;
- parts: ``on_hand`` (cached ledger balance; ``stock`` stays the available quantity),
  ``tracking`` (none | batch | serial), ``supplier_id``, and ``unit`` from today's free text
  (个, 升, 套 ...) to the closed vocabulary piece | L | set | m, with CHECKs;
- today's stock numbers become the ledger's opening balances: each part's on hand is its
  available stock plus what reserved part lines hold, written as one ``opening`` movement,
  and each reserved line gets its ``reservation`` movement, so the ledger's sums equal the
  parts' columns from the first day (``workshop parts check``).

Revision ID: 0011_stock_ledger
Revises: 0010_claims_loyalty_ehr
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

from workshop_app.models.base import UTCDateTime

revision = "0011_stock_ledger"
down_revision = "0010_claims_loyalty_ehr"
branch_labels = None
depends_on = None

Q = sa.Numeric(10, 3, asdecimal=True)
UNITS = ("piece", "L", "set", "m")
TRACKING = ("none", "batch", "serial")
KINDS = (
    "opening",
    "receipt",
    "issue",
    "return_from_ro",
    "return_to_supplier",
    "adjustment",
    "reservation",
    "release",
)
PO_STATUS = ("draft", "sent", "partial", "received", "cancelled")
# today's free-text units -> the vocabulary (anything else counts in pieces)
UNIT_WORDS = {
    "L": ("l", "L", "升", "litre", "liter", "公升"),
    "set": ("set", "套", "副", "对", "sets"),
    "m": ("m", "米", "metre", "meter"),
}


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "suppliers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("contact", sa.String(120), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("email", sa.String(120), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppliers")),
        sa.UniqueConstraint("code", name=op.f("uq_suppliers_code")),
    )
    op.create_table(
        "purchase_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(24), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("expected_at", UTCDateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(_in("status", PO_STATUS), name=op.f("ck_purchase_orders_status")),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.id"], name=op.f("fk_purchase_orders_store_id_stores")
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["suppliers.id"],
            name=op.f("fk_purchase_orders_supplier_id_suppliers"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["staff.id"], name=op.f("fk_purchase_orders_created_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_orders")),
        sa.UniqueConstraint("store_id", "number", name="uq_purchase_orders_store_number"),
    )
    op.create_index(
        op.f("ix_purchase_orders_supplier_id"), "purchase_orders", ["supplier_id"], unique=False
    )
    op.create_table(
        "purchase_order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("po_id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("quantity", Q, nullable=False),
        sa.Column("received", Q, nullable=False),
        sa.Column("unit_cost", sa.Numeric(12, 2, asdecimal=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["po_id"],
            ["purchase_orders.id"],
            name=op.f("fk_purchase_order_lines_po_id_purchase_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["part_id"], ["parts.id"], name=op.f("fk_purchase_order_lines_part_id_parts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order_lines")),
    )
    op.create_index(
        op.f("ix_purchase_order_lines_po_id"), "purchase_order_lines", ["po_id"], unique=False
    )
    op.create_index(
        op.f("ix_purchase_order_lines_part_id"), "purchase_order_lines", ["part_id"], unique=False
    )
    op.create_table(
        "stock_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("quantity", Q, nullable=False),
        sa.Column("unit", sa.String(12), nullable=False),
        sa.Column("on_hand_delta", Q, nullable=False),
        sa.Column("reserved_delta", Q, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("ro_id", sa.Integer(), nullable=True),
        sa.Column("part_line_id", sa.Integer(), nullable=True),
        sa.Column("batch", sa.String(40), nullable=False),
        sa.Column("serial", sa.String(60), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("po_line_id", sa.Integer(), nullable=True),
        sa.Column("receipt_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(_in("kind", KINDS), name=op.f("ck_stock_movements_kind")),
        sa.CheckConstraint(_in("unit", UNITS), name=op.f("ck_stock_movements_unit")),
        sa.ForeignKeyConstraint(
            ["part_id"], ["parts.id"], name=op.f("fk_stock_movements_part_id_parts")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["staff.id"], name=op.f("fk_stock_movements_actor_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["ro_id"], ["repair_orders.id"], name=op.f("fk_stock_movements_ro_id_repair_orders")
        ),
        sa.ForeignKeyConstraint(
            ["part_line_id"],
            ["part_lines.id"],
            name=op.f("fk_stock_movements_part_line_id_part_lines"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["suppliers.id"],
            name=op.f("fk_stock_movements_supplier_id_suppliers"),
        ),
        sa.ForeignKeyConstraint(
            ["po_line_id"],
            ["purchase_order_lines.id"],
            name=op.f("fk_stock_movements_po_line_id_purchase_order_lines"),
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"],
            ["stock_movements.id"],
            name=op.f("fk_stock_movements_receipt_id_stock_movements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_movements")),
    )
    op.create_index(
        "ix_stock_movements_part",
        "stock_movements",
        ["part_id", "on_hand_delta", "reserved_delta"],
        unique=False,
    )
    op.create_index("ix_stock_movements_batch", "stock_movements", ["batch"], unique=False)
    op.create_index("ix_stock_movements_serial", "stock_movements", ["serial"], unique=False)
    op.create_index("ix_stock_movements_at", "stock_movements", ["at"], unique=False)
    op.create_index(
        op.f("ix_stock_movements_ro_id"), "stock_movements", ["ro_id"], unique=False
    )
    op.create_index(
        op.f("ix_stock_movements_part_line_id"),
        "stock_movements",
        ["part_line_id"],
        unique=False,
    )

    # today's free-text units first (the column exists), then one table copy on SQLite
    conn = op.get_bind()
    parts = sa.table(
        "parts",
        sa.column("id", sa.Integer()),
        sa.column("unit", sa.String()),
        sa.column("stock", Q),
        sa.column("on_hand", Q),
    )
    for unit, words in UNIT_WORDS.items():
        conn.execute(
            parts.update()
            .where(sa.func.lower(sa.func.trim(parts.c.unit)).in_([w.lower() for w in words]))
            .values(unit=unit)
        )
    conn.execute(parts.update().where(parts.c.unit.notin_(UNITS)).values(unit="piece"))
    with op.batch_alter_table("parts", schema=None) as b:
        b.add_column(sa.Column("on_hand", Q, nullable=False, server_default="0"))
        b.add_column(sa.Column("tracking", sa.String(8), nullable=False, server_default="none"))
        b.add_column(sa.Column("supplier_id", sa.Integer(), nullable=True))
        b.create_check_constraint(op.f("ck_parts_unit"), _in("unit", UNITS))
        b.create_check_constraint(op.f("ck_parts_tracking"), _in("tracking", TRACKING))
        b.create_foreign_key(
            op.f("fk_parts_supplier_id_suppliers"), "suppliers", ["supplier_id"], ["id"]
        )

    # Opening balances: on hand = available + what reserved lines hold.
    lines = sa.table(
        "part_lines",
        sa.column("id", sa.Integer()),
        sa.column("ro_id", sa.Integer()),
        sa.column("part_id", sa.Integer()),
        sa.column("quantity", Q),
        sa.column("status", sa.String()),
    )
    moves = sa.table(
        "stock_movements",
        sa.column("part_id", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("quantity", Q),
        sa.column("unit", sa.String()),
        sa.column("on_hand_delta", Q),
        sa.column("reserved_delta", Q),
        sa.column("at", UTCDateTime()),
        sa.column("reason", sa.String()),
        sa.column("ro_id", sa.Integer()),
        sa.column("part_line_id", sa.Integer()),
        sa.column("batch", sa.String()),
        sa.column("serial", sa.String()),
    )
    now = datetime.now(UTC)
    held: dict[int, Decimal] = {}
    reservations = []
    part_units = dict(conn.execute(sa.select(parts.c.id, parts.c.unit)).all())
    for line_id, ro_id, part_id, qty in conn.execute(
        sa.select(lines.c.id, lines.c.ro_id, lines.c.part_id, lines.c.quantity)
        .where(lines.c.status == "reserved")
        .order_by(lines.c.id)
    ):
        q = Decimal(qty)
        held[part_id] = held.get(part_id, Decimal(0)) + q
        reservations.append(
            {
                "part_id": part_id,
                "kind": "reservation",
                "quantity": q,
                "unit": part_units[part_id],
                "on_hand_delta": Decimal(0),
                "reserved_delta": q,
                "at": now,
                "reason": "opening balance (migration 0011)",
                "ro_id": ro_id,
                "part_line_id": line_id,
                "batch": "",
                "serial": "",
            }
        )
    openings = []
    for part_id, unit, stock in conn.execute(
        sa.select(parts.c.id, parts.c.unit, parts.c.stock).order_by(parts.c.id)
    ):
        on_hand = Decimal(stock or 0) + held.get(part_id, Decimal(0))
        conn.execute(parts.update().where(parts.c.id == part_id).values(on_hand=on_hand))
        if on_hand:
            openings.append(
                {
                    "part_id": part_id,
                    "kind": "opening",
                    "quantity": abs(on_hand),
                    "unit": unit,
                    "on_hand_delta": on_hand,
                    "reserved_delta": Decimal(0),
                    "at": now,
                    "reason": "opening balance (migration 0011)",
                    "ro_id": None,
                    "part_line_id": None,
                    "batch": "",
                    "serial": "",
                }
            )
    if openings:
        conn.execute(moves.insert(), openings)
    if reservations:
        conn.execute(moves.insert(), reservations)


def downgrade() -> None:
    with op.batch_alter_table("parts", schema=None) as b:
        b.drop_constraint(op.f("fk_parts_supplier_id_suppliers"), type_="foreignkey")
        b.drop_constraint(op.f("ck_parts_tracking"), type_="check")
        b.drop_constraint(op.f("ck_parts_unit"), type_="check")
        b.drop_column("supplier_id")
        b.drop_column("tracking")
        b.drop_column("on_hand")
    op.drop_table("stock_movements")
    op.drop_table("purchase_order_lines")
    op.drop_table("purchase_orders")
    op.drop_table("suppliers")
