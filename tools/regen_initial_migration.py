"""Regenerate the initial migration from the models (pre-release only).

Until the first release the schema lives in one revision, 0001_initial; after the first
release, add new revisions with ``alembic revision --autogenerate`` instead.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from workshop_app.schema import MIGRATIONS, alembic_config


def _add_deferred_foreign_keys(text: str) -> str:
    """Foreign keys in a cycle (``use_alter=True``) are left out of CREATE TABLE by Alembic
    and never created on PostgreSQL: add them once every table exists. SQLite keeps them
    inline in CREATE TABLE (it cannot ALTER a constraint in)."""
    adds, drops = [], []
    for table_m in re.finditer(r"op\.create_table\('(\w+)',(.*?)\n    \)", text, re.S):
        table = table_m.group(1)
        for fk in re.finditer(
            r"sa\.ForeignKeyConstraint\(\['(\w+)'\], \['(\w+)\.(\w+)'\], "
            r"name=op\.f\('(\w+)'\), use_alter=True\)",
            table_m.group(2),
        ):
            col, ref_table, ref_col, name = fk.groups()
            adds.append(
                f"        op.create_foreign_key(op.f('{name}'), '{table}', '{ref_table}', "
                f"['{col}'], ['{ref_col}'])"
            )
            drops.append(
                f"        op.drop_constraint(op.f('{name}'), '{table}', type_='foreignkey')"
            )
    if not adds:
        return text
    guard = "    if op.get_context().dialect.name != 'sqlite':\n"
    text = text.replace(
        "\n\n\ndef downgrade() -> None:\n",
        "\n"
        + guard
        + "\n".join(adds)
        + "\n\n\ndef downgrade() -> None:\n"
        + guard
        + "\n".join(drops)
        + "\n",
        1,
    )
    return text


target = MIGRATIONS / "versions" / "0001_initial.py"
target.unlink(missing_ok=True)
with tempfile.TemporaryDirectory() as tmp:
    engine = create_engine(f"sqlite:///{Path(tmp) / 'empty.db'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001_initial")
made = next((MIGRATIONS / "versions").glob("0001_initial*.py"))
if made != target:
    made.rename(target)
text = target.read_text()
text = _add_deferred_foreign_keys(text)
target.write_text(text)
print(f"wrote {target}", file=sys.stderr)
