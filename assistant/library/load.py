"""Read the knowledge folder the way the settings say: one call for indexing, checks and tools."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.loader import Library, load_folder
from assistant.settings import Settings


def load_library(settings: Settings, source: Path | None = None, *, progress=None, reuse=None) -> Library:
    """Every document under `source` (default: the configured knowledge folder) as passages."""
    return load_folder(source or settings.path(settings.knowledge_dir), exclude=settings.ingest.exclude,
                       audiences=settings.ingest.audiences, default_audience=settings.ingest.default_audience,
                       known_audiences={a for auds in settings.roles.values() for a in auds}, progress=progress,
                       roles=settings.roles, audience_words=settings.ingest.audience_words,
                       reuse=reuse)
