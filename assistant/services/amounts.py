"""Moved to assistant.search.amounts (the search pipeline package); kept so older imports work."""

from assistant.search.amounts import *  # noqa: F401,F403
