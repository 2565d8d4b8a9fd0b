"""Engines: SQLite tuned for concurrent writers, PostgreSQL by URL; which errors are transient,
which mean the pool must be reopened, which are the input's fault."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DataError, DBAPIError, IntegrityError

from timeline.store.records import StoreError

SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_RETRY_SECONDS = 120.0     # give up retrying a write blocked by others after this long


def create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")    # the driver we depend on
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {database}: "
                                 f"{exc.strerror or exc}") from None
        engine = sa.create_engine(parsed, pool_timeout=WRITE_RETRY_SECONDS)
        _configure_sqlite(engine)
        return engine
    try:
        return sa.create_engine(parsed, pool_pre_ping=True, pool_timeout=WRITE_RETRY_SECONDS)
    except Exception as exc:  # missing driver, bad options
        raise StoreError(f"cannot use database {parsed.render_as_string(hide_password=True)}: "
                         f"{one_line(exc)}") from None


def _configure_sqlite(engine: Engine) -> None:
    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transactions out of the sqlite3 module's hands so that BEGIN IMMEDIATE works.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(conn):
        writing = conn.get_execution_options().get("timeline_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def is_transient(exc: BaseException) -> bool:
    """A lock or serialization conflict that the same transaction may win when retried."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if sqlstate in ("40001", "40P01", "55P03"):       # serialization, deadlock, lock n/a
        return True
    if sqlstate == "23505" and isinstance(exc, IntegrityError):  # lost an insert race
        return True
    message = str(orig).lower()
    return "database is locked" in message or "database is busy" in message \
        or "database table is locked" in message


def is_read_only(exc: BaseException) -> bool:
    """SQLite refused a write because the file or its folder was read-only when the
    connection opened it: that connection stays read-only even once the file is writable."""
    message = str(getattr(exc, "orig", None) or exc).lower()
    return "readonly database" in message or "read-only database" in message


def is_bad_value(exc: BaseException) -> bool:
    """The database refused a value itself (SQLSTATE class 22 data exception, 54 program
    limit such as an index row too large): the input's fault, not the server's."""
    if isinstance(exc, DataError):
        return True
    orig = getattr(exc, "orig", None)
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or ""
    return sqlstate.startswith(("22", "54"))


def one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
