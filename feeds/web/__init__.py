"""The Flask web app: factory, store context, pages, API, security headers, render cache."""
from feeds.web.app import create_app

__all__ = ["create_app"]
