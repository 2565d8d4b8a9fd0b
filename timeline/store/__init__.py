"""Store: the only package that touches the database (SQLite by default, PostgreSQL by URL).

    store.py     `Store`: open, transactions, the reads and writes other code calls
    records.py   what it hands out (IngestResult, StorySummary), StoreError, StoreUnavailable, identity rules
    schema.py    tables and migrations
    database.py  engines for SQLite and PostgreSQL, transient errors
    saving.py    the write transaction of one document
    reading.py   rows to the model, one story per read
    versions.py  events paired across versions of a document; story order
    merging.py   one event reported by several documents (the decision, pure)
    grouping.py  those decisions made and stored when a document is saved
    corrections.py  editors' corrections of events, applied when a story is read (v3)
    editing.py   editors' write transactions: correct, remove an article, rename
    changelog.py the editorial log
    editors.py   named editors and their tokens (hashes only)
"""
from timeline.store.editors import API_TOKEN_EDITOR
from timeline.store.records import (DATABASE_URL_ENV, Change, EditError, EditorialEvent, Editor,
                                    IngestResult, InvalidCorrection, StoreError, StorySummary,
                                    StoreUnavailable, UnknownDocument, UnknownEvent, UnknownStory,
                                    default_database_url, normalize_text, valid_slug)
from timeline.store.schema import SCHEMA_VERSION
from timeline.store.store import Store

__all__ = ["API_TOKEN_EDITOR", "Change", "EditError", "EditorialEvent", "Editor",
           "InvalidCorrection", "UnknownDocument", "UnknownEvent", "UnknownStory",
           "DATABASE_URL_ENV", "IngestResult", "SCHEMA_VERSION", "Store", "StoreError", "StorySummary",
           "StoreUnavailable", "default_database_url", "normalize_text", "valid_slug"]
