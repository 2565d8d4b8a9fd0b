"""Storage: the only module that touches the database. PLACEHOLDER — being built (issue 3).

Contract (other code relies on these names):

    store = Store.open(url=None, instance_path=None)
        # url: a SQLAlchemy URL; default env TIMELINE_DATABASE_URL, else
        # sqlite:///<instance_path>/timeline.sqlite3. Creates/upgrades the schema.
    store.save_document(slug, text, published, timeline, *, title=None, url=None,
                        lang="de", story_title=None) -> IngestResult
    store.stories() -> list[StorySummary]          # newest change first
    store.story(slug) -> Story | None              # timeline.model.Story, events chronological
    store.close()

    valid_slug(slug) -> bool                       # [a-z0-9][a-z0-9-]{0,63}
    IngestResult(document: Document, status: "created"|"updated"|"unchanged",
                 events: tuple[StoredEvent, ...])
    StorySummary(slug, title, updated, documents: int, events: int)
    StoreError: raised for invalid input (bad slug, ...) with a readable message.
"""
