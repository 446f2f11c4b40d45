"""Moved to assistant.search.late (the search pipeline package); kept so older imports work."""

from assistant.search.late import *  # noqa: F401,F403
