"""Regenerate the initial migration from the models (pre-release only).

Until the first release the schema lives in one revision, 0001_initial; after the first
release, add new revisions with ``alembic revision --autogenerate`` instead.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from workshop_app.schema import MIGRATIONS, alembic_config

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
text = text.replace(
    "workshop_app.models.base.UTCDateTime()", "workshop_app.models.base.UTCDateTime()"
)
target.write_text(text)
print(f"wrote {target}", file=sys.stderr)
