"""A consistent copy of the database, and back (``workshop db backup`` / ``db restore``).

SQLite: the online backup API (``sqlite3.Connection.backup``) copies the pages of a live
database, windows open meanwhile, into a file that is complete or absent (written next to the
target, then renamed). PostgreSQL is the server's job: ``pg_dump`` / ``pg_restore``, named in
the message.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from workshop_app.errors import Conflict, InvalidInput, NotFound, WorkshopError
from workshop_app.i18n import _


@dataclass(frozen=True, slots=True)
class Copied:
    path: Path
    pages: int
    stores: int


def _sqlite_path(url: str) -> Path:
    u = make_url(url)
    if u.get_backend_name() == "postgresql":
        raise WorkshopError(
            _(
                "On PostgreSQL the server makes the copy: pg_dump -Fc -f FILE {db}; "
                "pg_restore -d {db} FILE puts it back.",
                db=u.render_as_string(hide_password=True).replace("+psycopg", ""),
            )
        )
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        raise InvalidInput(_("Not a database file: {url}", url=url))
    return Path(u.database)


def _stores(conn: sqlite3.Connection) -> int | None:
    """How many stores the database has; None: not a Workshop database."""
    try:
        conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return int(conn.execute("SELECT count(*) FROM stores").fetchone()[0])
    except sqlite3.DatabaseError:
        return None


def backup(url: str, out: Path) -> Copied:
    """Copy the database at ``url`` to ``out`` (a SQLite file), consistent while in use."""
    src_path = _sqlite_path(url)
    if not src_path.is_file():
        raise NotFound(_("No database at {path}.", path=src_path))
    if out.resolve() == src_path.resolve():
        raise InvalidInput(_("The copy cannot be the database itself."))
    tmp = out.with_name(out.name + ".part")
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True)
    try:
        stores = _stores(src)
        if stores is None:
            raise InvalidInput(_("{path} is not a Workshop database.", path=src_path))
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            pages = int(dst.execute("PRAGMA page_count").fetchone()[0])
        finally:
            dst.close()
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(
            _("Cannot write {path}: {err}", path=out, err=exc.strerror or exc)
        ) from exc
    finally:
        src.close()
    return Copied(out, pages, stores)


def restore(url: str, file: Path, *, force: bool = False) -> Copied:
    """Put the copy ``file`` back as the database at ``url``. A database that has a store
    already is only overwritten with ``force``."""
    dst_path = _sqlite_path(url)
    if not file.is_file():
        raise NotFound(_("No such file: {path}", path=file))
    src = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    stores = _stores(src)  # None: not ours (or not a database at all)
    if stores is None:
        src.close()
        raise InvalidInput(_("{path} is not a Workshop backup.", path=file))
    try:
        if dst_path.is_file() and not force:
            dst = sqlite3.connect(dst_path)
            try:
                has = _stores(dst)
                tables = dst.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            finally:
                dst.close()
            if has or (has is None and tables):
                raise Conflict(
                    _(
                        "{path} is not empty: restoring would overwrite it. Add --force to "
                        "replace it (make a backup of it first).",
                        path=dst_path,
                    )
                )
        dst_path.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(dst_path)
        try:
            src.backup(dst)
            pages = int(dst.execute("PRAGMA page_count").fetchone()[0])
        finally:
            dst.close()
    finally:
        src.close()
    return Copied(dst_path, pages, stores)
