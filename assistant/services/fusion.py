"""Moved to assistant.search.fusion (the search pipeline package); kept so older imports work."""

from assistant.search.fusion import *  # noqa: F401,F403
