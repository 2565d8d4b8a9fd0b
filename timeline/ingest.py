"""Reading articles and adding them to a story. PLACEHOLDER — being built (issue 3).

Contract:

    read_article(data: bytes, *, filename=None) -> Article
        # plain text, HTML (trafilatura + htmldate) or TimeML (DCT from the file);
        # raises ArticleError with a one-line message on empty, binary, wrong encoding.
    Article(text, published: date | None, title: str | None, url: str | None, format: str)
    ingest(store, slug, article_text, published, *, title=None, url=None, lang="de")
        -> IngestResult      # extract() then store.save_document()
"""
