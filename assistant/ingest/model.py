"""The data that crosses the ingest boundary: blocks in, passages out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.textnorm import shown_name


@dataclass(frozen=True)
class Block:
    """One structural piece of a document, in reading order.

    kind: `heading` (level 1-6), `para`, `item` (a list item; `level` is its nesting depth, from 1;
    `number` its ordinal in an ordered list),
    or `table` (`rows`, the first row being the header when `header` is true).
    `line` is the 1-based source line where known, so problems can name it.
    """

    kind: str
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    header: bool = True
    line: int = 0
    number: str = ""  # an ordered list item's number, when the source gives one


@dataclass
class Document:
    """A parsed file: metadata plus its blocks, before clauses are cut."""

    path: Path
    name: str
    format: str
    meta: dict[str, str]
    blocks: list[Block]
    meta_line: dict[str, int] = field(default_factory=dict)
    audience: str = ""
    marks: object = None   # ingest.audience.Marks: where the file declares its audience, as written
    audience_notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message) for `bot.py check`

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.path.stem.replace("-", " ").replace("_", " ").title()


@dataclass(frozen=True)
class Passage:
    """The unit that is indexed, retrieved, quoted and cited.

    `section` is the passage's own heading as written; `path` runs from the top heading of the
    document down to it. `clause` is the clause number as written (`5.2`), a table row's first cell,
    or `¶n` for an unnumbered paragraph.
    """

    id: str
    document: str
    source: str
    title: str
    section: str
    path: tuple[str, ...]
    clause: str
    text: str
    audience: str
    owner: str = ""
    version: str = ""
    review_date: str = ""
    format: str = ""
    line: int = 0

    def heading_path(self, *, fold_case: bool = False) -> list[str]:
        """The title, then the headings down to this passage, without repeating the title. With
        `fold_case` a heading that differs from the title only in case or outer spaces counts as the
        title too (the text the indexer gives BM25); citations and section headings compare exactly."""
        if fold_case:
            title = self.title.strip().lower()
            return [self.title, *[h for h in self.path if h.strip().lower() != title]]
        return [self.title, *[h for h in self.path if h != self.title]]

    def citation(self) -> str:
        """Document › section › clause, the way every answer cites its quote."""
        parts = self.heading_path()
        if self.clause and self.clause not in (self.section,):
            parts.append(f"clause {self.clause}" if not self.clause.startswith("¶") else self.clause)
        return " › ".join(parts)

    def provenance(self) -> str:
        bits = [self.document]
        if self.owner:
            bits.append(f"owner: {self.owner}")
        if self.version:
            bits.append(f"version {self.version}")
        return ", ".join(bits)


@dataclass(frozen=True)
class Problem:
    """A file that could not be used, and why. Indexing goes on without it."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        where = shown_name(self.path)  # one line, whatever the file is called
        return f"{where}:{self.line}: {self.message}" if self.line else f"{where}: {self.message}"
