"""issued invoices immutable in the database

Triggers refuse, whatever the client (the ORM, a bulk statement, raw SQL, psql):

* UPDATE or DELETE of an invoice (or credit note) row once it is issued (status not
  ``draft``);
* INSERT, UPDATE or DELETE of the lines, payers and discounts of an issued invoice, and
  moving such a row from or to an issued invoice;
* UPDATE or DELETE of a payment of an issued invoice.

What legitimately happens after issue stays open: payments are INSERTed against an issued
invoice, and a credit note is a new invoice row of its own (``original_id`` pointing back),
so nothing of the original changes. An invoice is written as ``draft`` with its lines,
payers and discounts and sealed (``draft`` -> ``issued``) at the end of the same flush
(``workshop_app.models.invoices``).

Revision ID: 0007_issued_invoices_immutable
Revises: 0006_vocabulary_checks
Create Date: 2026-12-01 11:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0007_issued_invoices_immutable"
down_revision = "0006_vocabulary_checks"
branch_labels = None
depends_on = None

MESSAGE = "invoice is issued and cannot be changed"
CHILDREN = ("invoice_lines", "invoice_payers", "invoice_discounts")
ISSUED = "(SELECT status FROM invoices WHERE id = {ref}.invoice_id) <> 'draft'"


def _sqlite(name: str, timing: str, table: str, when: str) -> str:
    return (
        f"CREATE TRIGGER {name} BEFORE {timing} ON {table} FOR EACH ROW WHEN {when} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )


def _sqlite_triggers() -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER) for SQLite."""
    out = [
        ("trg_invoices_issued_update", "UPDATE", "invoices", "OLD.status <> 'draft'"),
        ("trg_invoices_issued_delete", "DELETE", "invoices", "OLD.status <> 'draft'"),
    ]
    for table in CHILDREN:
        new, old = ISSUED.format(ref="NEW"), ISSUED.format(ref="OLD")
        out += [
            (f"trg_{table}_issued_insert", "INSERT", table, new),
            (f"trg_{table}_issued_update", "UPDATE", table, f"{old} OR {new}"),
            (f"trg_{table}_issued_delete", "DELETE", table, old),
        ]
    out += [
        ("trg_payments_issued_update", "UPDATE", "payments", ISSUED.format(ref="OLD")),
        ("trg_payments_issued_delete", "DELETE", "payments", ISSUED.format(ref="OLD")),
    ]
    return [(name, _sqlite(name, timing, table, when)) for name, timing, table, when in out]


PG_FUNCTIONS = (
    f"""
CREATE OR REPLACE FUNCTION workshop_refuse_issued_invoice() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'draft' THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql""",
    f"""
CREATE OR REPLACE FUNCTION workshop_refuse_issued_invoice_part() RETURNS trigger AS $$
BEGIN
    -- payments: only INSERT is allowed on an issued invoice (the trigger is not on INSERT)
    IF TG_OP IN ('UPDATE', 'DELETE') AND
       (SELECT status FROM invoices WHERE id = OLD.invoice_id) <> 'draft' THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND
       (SELECT status FROM invoices WHERE id = NEW.invoice_id) <> 'draft' THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql""",
    f"""
CREATE OR REPLACE FUNCTION workshop_refuse_issued_payment() RETURNS trigger AS $$
BEGIN
    IF (SELECT status FROM invoices WHERE id = OLD.invoice_id) <> 'draft' THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql""",
)


def _pg_triggers() -> list[tuple[str, str, str]]:
    """(name, table, CREATE TRIGGER) for PostgreSQL."""
    out = [
        (
            "trg_invoices_issued",
            "invoices",
            "BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW "
            "EXECUTE FUNCTION workshop_refuse_issued_invoice()",
        )
    ]
    for table in CHILDREN:
        out.append(
            (
                f"trg_{table}_issued",
                table,
                f"BEFORE INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW "
                "EXECUTE FUNCTION workshop_refuse_issued_invoice_part()",
            )
        )
    out.append(
        (
            "trg_payments_issued",
            "payments",
            "BEFORE UPDATE OR DELETE ON payments FOR EACH ROW "
            "EXECUTE FUNCTION workshop_refuse_issued_payment()",
        )
    )
    return [(name, table, f"CREATE TRIGGER {name} {body}") for name, table, body in out]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for _name, ddl in _sqlite_triggers():
            op.execute(ddl)
    elif dialect == "postgresql":
        for fn in PG_FUNCTIONS:
            op.execute(fn)
        for _name, _table, ddl in _pg_triggers():
            op.execute(ddl)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name, _ddl in _sqlite_triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        for name, table, _ddl in _pg_triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for fn in (
            "workshop_refuse_issued_invoice",
            "workshop_refuse_issued_invoice_part",
            "workshop_refuse_issued_payment",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {fn}()")
