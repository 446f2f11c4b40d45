"""Moved to assistant.search (pipeline.py and its stages); kept so older imports work."""

from assistant.search.pipeline import BAND_BONUS, Retriever, SearchResult, View  # noqa: F401
from assistant.search.places import MERGE_MAX, MERGE_RATIO, Hit, by_place  # noqa: F401
