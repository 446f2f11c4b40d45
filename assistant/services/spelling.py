"""Moved to assistant.search.spelling (the search pipeline package); kept so older imports work."""

from assistant.search.spelling import *  # noqa: F401,F403
