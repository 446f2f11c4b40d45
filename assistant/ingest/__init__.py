"""Turn knowledge files (Markdown, text, HTML, PDF, DOCX) into cited passages.

Each converter reads one format into the same list of `Block`s; `structure.py` turns blocks into
sections and clauses the same way for every format, so citations look alike whatever the source.
"""

from assistant.ingest.loader import SUPPORTED_SUFFIXES, load_folder
from assistant.ingest.model import Block, Document, Passage, Problem

__all__ = ["SUPPORTED_SUFFIXES", "Block", "Document", "Passage", "Problem", "load_folder"]
