"""Engine and session factory.

SQLite (one PC): WAL, foreign keys on, busy timeout, synchronous FULL. PostgreSQL (a shop
floor): connection pool with pre-ping. The URL comes from ``--db``, ``WORKSHOP_DB_URL`` or
the SQLite file in the user data dir.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from workshop_app.errors import DatabaseFailure, DatabaseUnavailable, InvalidInput, WorkshopError
from workshop_app.i18n import _

SQLITE_BUSY_TIMEOUT_MS = 10_000


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and pick the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def masked_url(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    try:
        cur.execute("PRAGMA journal_mode=WAL")
    except Exception as exc:  # a read-only file (or ?mode=ro) is still readable
        if "readonly" not in str(exc).lower():
            raise
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


WRITE_OPTION = "workshop_write"

# What "try again" means. SQLite: the database is busy or a table is locked (primary result
# codes 5 and 6, any extended code). PostgreSQL (SQLSTATE): connection exceptions (class 08),
# the server shutting down or starting (57P01 admin shutdown, 57P02 crash shutdown, 57P03
# cannot connect now), a serialisation failure (40001) and a deadlock (40P01). A psycopg
# error without a SQLSTATE is the client's own report of a lost connection.
SQLITE_TRANSIENT = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED
PG_TRANSIENT = frozenset({"57P01", "57P02", "57P03", "40001", "40P01"})


def is_transient(exc: BaseException) -> bool:
    """True when the same command may simply be sent again: a lost connection or one of the
    transient codes above. "no such column", a constraint or a syntax error is not."""
    if isinstance(exc, DatabaseUnavailable):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in SQLITE_TRANSIENT
    if type(orig).__module__.split(".")[0] in ("psycopg", "psycopg2"):
        state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
        if not state:  # no answer from a server: the client lost the connection
            return isinstance(exc, OperationalError | InterfaceError)
        return str(state).startswith("08") or state in PG_TRANSIENT
    return False


def first_line(exc: BaseException) -> str:
    """The driver's own first line of a database error (no SQL, no parameters)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__


def translate_error(exc: BaseException) -> DatabaseUnavailable | DatabaseFailure | None:
    """The user-facing error for a database error, or None when it is none of ours:
    :class:`DatabaseUnavailable` for a transient one, :class:`DatabaseFailure` naming the
    database's message for an :class:`OperationalError` another try will not cure."""
    if isinstance(exc, DatabaseUnavailable | DatabaseFailure):
        return None
    if is_transient(exc):
        return DatabaseUnavailable(_("The database is not reachable right now."))
    if isinstance(exc, DBAPIError) and _kind(exc) is not None:
        return describe_database_error(exc)  # not a database, not ours, read-only, ...
    if isinstance(exc, OperationalError | InterfaceError):
        return DatabaseFailure(_("The database refused: {reason}", reason=first_line(exc)))
    return None


def _sqlite_begin(conn: Any) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT/isolation; we
    # issue BEGIN ourselves (see SQLAlchemy's "Serializable isolation / Savepoints" recipe).
    # Writes (units of work) take the write lock up front with BEGIN IMMEDIATE, so two
    # writers queue on the busy timeout instead of failing on a lock upgrade.
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


class MissingDatabase(WorkshopError):
    """A command that only reads was pointed at a SQLite file that does not exist."""


def make_engine(url: str, *, echo: bool = False, create: bool = True) -> Engine:
    """An engine for ``url``. ``create=False`` (commands that only read): a SQLite file that
    does not exist is :class:`MissingDatabase`, never created empty."""
    url = normalise_url(url)
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - parsed lazily: a port that is not a number fails here
    except ArgumentError as exc:
        raise InvalidInput(_("Not a database URL: {url}", url=masked_url(url))) from exc
    except ValueError as exc:  # a port that is not a number, ...
        raise InvalidInput(
            _("Not a database URL: {url} ({err})", url=masked_url(url), err=exc)
        ) from exc
    # hide_parameters: a database error's message (and every log or traceback that prints
    # it) shows the SQL without its values: status tokens, names, phones and PIN hashes
    # never reach a log file.
    kwargs: dict[str, Any] = {"echo": echo, "future": True, "hide_parameters": True}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        kwargs["connect_args"] = {
            "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
            "check_same_thread": False,
        }
        if database in ("", ":memory:"):
            kwargs["poolclass"] = StaticPool
        elif create:
            folder = Path(database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkshopError(
                    _(
                        "Cannot make the folder {path} for the database: {err}",
                        path=folder,
                        err=exc.strerror or exc,
                    )
                ) from exc
        elif not _sqlite_path(parsed).is_file():
            raise MissingDatabase(
                _(
                    "No database at {path} (`workshop db upgrade` makes one).",
                    path=_sqlite_path(parsed),
                )
            )
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _no_autobegin(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None

        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        kwargs.update(pool_pre_ping=True, pool_size=5, max_overflow=5, pool_recycle=1800)
        kwargs["connect_args"] = {"connect_timeout": 5, "application_name": "workshop"}
        return create_engine(parsed, **kwargs)
    raise InvalidInput(_("Unsupported database: {url}", url=url))


def _sqlite_path(parsed: Any) -> Path:
    """The file of a SQLite URL (``sqlite:///file:x.db?mode=ro&uri=true`` included)."""
    database = str(parsed.database or "")
    if str(parsed.query.get("uri", "")).lower() in ("true", "1") and database.startswith("file:"):
        database = database[len("file:") :].split("?", 1)[0]
    return Path(database).expanduser()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


def check_connection(engine: Engine) -> None:
    """Raise :class:`DatabaseUnavailable` with one clear line if the server is unreachable."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        if _kind(exc) is not None:
            raise describe_database_error(exc) from exc
        reason = _reason(exc)
        raise DatabaseUnavailable(
            _(
                "Cannot reach the database {url}: {reason}",
                url=engine.url.render_as_string(),
                reason=reason,
            )
        ) from exc


class TransactionCounter:
    """Counts the transactions an engine begins (and SQLite's ``BEGIN IMMEDIATE`` among
    them) while it is attached: how many a screen load costs, for tests and benchmarks::

        with TransactionCounter(app.engine) as n:
            load_screen()
        assert n.begins == 1 and n.immediate == 0
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.begins = 0
        self.immediate = 0
        self.statements = 0

    def _on_begin(self, conn: Any) -> None:
        self.begins += 1
        if conn.get_execution_options().get(WRITE_OPTION):
            self.immediate += 1

    def _on_statement(self, *_args: Any) -> None:
        self.statements += 1

    def __enter__(self) -> TransactionCounter:
        event.listen(self.engine, "begin", self._on_begin)
        event.listen(self.engine, "before_cursor_execute", self._on_statement)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "begin", self._on_begin)
        event.remove(self.engine, "before_cursor_execute", self._on_statement)


# Errors that no retry mends: the file is not a database, the schema is not ours, the database
# is read-only or the account may not use it. SQLite's messages, PostgreSQL's SQLSTATE codes.
_SQLITE_PERMANENT = {
    "file is not a database": "not_a_database",
    "file is encrypted or is not a database": "not_a_database",
    "no such table": "foreign",
    "no such column": "foreign",
    "attempt to write a readonly database": "read_only",
    "unable to open database file": "cannot_open",
    "database disk image is malformed": "corrupt",
}
_PG_PERMANENT = {
    "42P01": "foreign",  # undefined_table
    "42703": "foreign",  # undefined_column
    "25006": "read_only",  # read_only_sql_transaction
    "42501": "read_only",  # insufficient_privilege
    "3D000": "cannot_open",  # invalid_catalog_name (no such database)
    "28P01": "cannot_open",  # invalid_password
    "28000": "cannot_open",  # invalid_authorization_specification
}


def _reason(exc: DBAPIError) -> str:
    text = str(exc.orig if exc.orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _kind(exc: DBAPIError) -> str | None:
    code = getattr(exc.orig, "sqlstate", None)
    if isinstance(code, str) and code in _PG_PERMANENT:
        return _PG_PERMANENT[code]
    message = str(exc.orig if exc.orig is not None else exc).lower()
    for needle, kind in _SQLITE_PERMANENT.items():
        if needle in message:
            return kind
    return None


def describe_database_error(exc: DBAPIError) -> DatabaseUnavailable | DatabaseFailure:
    """One clear line for a database error, by its kind: a file that is not a database, a
    database that is not Workshop's (or is older), a read-only (write-locked) database, one
    that cannot be opened, or one that is out of reach for now."""
    reason = _reason(exc)
    kind = _kind(exc)
    if kind == "not_a_database":
        return DatabaseFailure(_("That file is not a database ({reason}).", reason=reason))
    if kind == "corrupt":
        return DatabaseFailure(_("The database file is damaged ({reason}).", reason=reason))
    if kind == "foreign":
        return DatabaseFailure(
            _(
                "This database is not a Workshop database, or its schema is out of date "
                "(`workshop db upgrade`): {reason}",
                reason=reason,
            )
        )
    if kind == "read_only":
        return DatabaseFailure(
            _("The database is read-only (write-locked) for this account: {reason}", reason=reason)
        )
    if kind == "cannot_open":
        return DatabaseFailure(_("Cannot open the database: {reason}", reason=reason))
    if is_transient(exc):
        return DatabaseUnavailable(_("Cannot reach the database: {reason}", reason=reason))
    return DatabaseFailure(_("Database error: {err}", err=reason))
