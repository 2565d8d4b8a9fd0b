"""Shared fixtures.

Databases: `database_url`, `store` and the web `app` run a test once on SQLite (a file in tmp_path) and once
on PostgreSQL when TIMELINE_TEST_POSTGRES_URL is set, each time on a fresh, empty schema.
Without that variable the PostgreSQL runs skip — unless TIMELINE_REQUIRE_POSTGRES=1 (CI),
where a missing PostgreSQL fails.
"""
import os
import uuid

import pytest


def _postgres_base_url() -> str | None:
    url = os.environ.get("TIMELINE_TEST_POSTGRES_URL", "").strip()
    if not url:
        if os.environ.get("TIMELINE_REQUIRE_POSTGRES") == "1":
            pytest.fail("TIMELINE_REQUIRE_POSTGRES=1 but TIMELINE_TEST_POSTGRES_URL is not set")
        pytest.skip("PostgreSQL: set TIMELINE_TEST_POSTGRES_URL to run")
    return url


DATABASES = ("sqlite", "postgres")


def pytest_generate_tests(metafunc):
    """Every test using `database_url` (directly or through `store`, `app`, ...) runs on each
    database; a module may name fewer: `DATABASES = ("sqlite",)` (e.g. when its samples hold
    text PostgreSQL cannot store, such as NUL characters)."""
    if "database_url" in metafunc.fixturenames:
        databases = getattr(metafunc.module, "DATABASES", DATABASES)
        metafunc.parametrize("database_url", databases, indirect=True)


@pytest.fixture
def database_url(request, tmp_path):
    """A SQLAlchemy URL (as a string) of an empty database, removed after the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'timeline.sqlite3'}"
        return
    import sqlalchemy as sa

    base = sa.make_url(_postgres_base_url())
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = base.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def store(database_url):
    from timeline.store import Store

    with Store.open(database_url) as opened:
        yield opened


# --- web app (feeds.web.app): `app`, `client`, `runner` over each test database ----------------

@pytest.fixture
def app(tmp_path, database_url):
    """The Flask app on an empty database (SQLite, then PostgreSQL when configured: see
    `database_url`), with an API token and its own instance folder."""
    from feeds.web.app import close_store, create_app
    from web_helpers import API_TOKEN_ASCII

    application = create_app(instance_path=str(tmp_path / "instance"), test_config={
        "TESTING": True,
        "DATABASE_URL": database_url,
        "API_TOKEN": API_TOKEN_ASCII,
        "SECRET_KEY": "test secret key",
        "BASE_URL": None,
    })
    yield application
    close_store(application)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def web_store(app):
    """The store the `app` serves from."""
    from feeds.web.app import get_store

    with app.app_context():
        yield get_store()


@pytest.fixture(scope="session")
def de():
    """The German language resources, loaded once."""
    from timeline.lang import load_language
    return load_language("de")
