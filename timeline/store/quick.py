"""One-statement reads on the driver's own connection, for the query every feed request runs.

`Store.story_version` runs on every request for a feed or calendar, cached or not. Through a
SQLAlchemy connection it costs about 0.16 ms on SQLite (pool checkout with its events, the
BEGIN of a read transaction, the result's processing) for a query that costs 0.02 ms on the
sqlite3 or psycopg connection itself. One statement needs no transaction of its own to be
consistent, so `QuickRead` runs the statement, compiled once for the engine's dialect, on a
pooled driver connection (on PostgreSQL in autocommit mode for the statement: no BEGIN, no
ROLLBACK on return). Any driver error drops that connection and raises `QuickFailed`:
the caller then reads through `Store._read`, whose retries and fault handling
(`StoreUnavailable`) apply as to every other read.
"""
from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select


class QuickFailed(Exception):
    """The driver refused the quick read; read the ordinary way instead."""


class QuickRead:
    def __init__(self, engine: Engine, statement: Select):
        compiled = statement.compile(dialect=engine.dialect)
        self._engine = engine
        self._sql = str(compiled)
        self._names = list(compiled.positiontup) if compiled.positional else None
        self._errors = engine.dialect.loaded_dbapi.Error
        # psycopg begins a transaction before the statement and the pool rolls it back on
        # return: a round trip each. In autocommit mode neither happens (sqlite3 connections
        # are in autocommit already, `database._configure_sqlite`).
        self._autocommit = engine.dialect.name == "postgresql"

    def first(self, params: dict) -> tuple | None:
        """The first row of the statement with `params` (raw driver values), None if none."""
        values = tuple(params[name] for name in self._names) if self._names is not None else params
        try:
            connection = self._engine.raw_connection()
        except (DBAPIError, self._errors) as exc:   # the pool passes the driver's own errors
            raise QuickFailed(str(exc)) from exc
        try:
            if self._autocommit:    # no transaction begun, so none to roll back on return
                connection.dbapi_connection.autocommit = True
            cursor = connection.cursor()
            try:
                cursor.execute(self._sql, values)
                row = cursor.fetchone()
            finally:
                cursor.close()
            if self._autocommit:
                connection.dbapi_connection.autocommit = False
        except self._errors as exc:
            connection.invalidate()
            raise QuickFailed(str(exc)) from exc
        finally:
            connection.close()      # back to the pool, which rolls back what the read began
        return None if row is None else tuple(row)
