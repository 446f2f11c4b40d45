"""Clause references (`document › section › clause`) used by rules and checklists, and their resolution."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

from assistant.ingest.model import Passage
from assistant.textnorm import clean


class ClauseRef(BaseModel):
    """Points at one clause: the file name, optionally a heading it sits under, and its label."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    document: str
    section: str = ""
    clause: str

    @field_validator("clause", "document", "section", mode="before")
    @classmethod
    def _text(cls, v):
        return "" if v is None else str(v).strip()

    def __str__(self) -> str:
        """"doc › section › clause 5.2"; an unnumbered paragraph (`¶2`) reads "paragraph 2"."""
        label = f"paragraph {self.clause[1:]}" if self.clause.startswith("¶") else f"clause {self.clause}"
        return " › ".join(x for x in (self.document, self.section, label) if x)


def _n(s: str) -> str:
    return clean(s).lower()


class ClauseIndex:
    """Finds passages by reference; built once from the passages of a library or an index."""

    def __init__(self, passages: list[Passage]):
        self.by_doc: dict[str, list[Passage]] = {}
        for p in passages:
            self.by_doc.setdefault(p.document.lower(), []).append(p)

    def resolve(self, ref: ClauseRef) -> list[Passage]:
        """All passages of the referenced clause (a long clause may be split into parts)."""
        found = []
        for p in self.by_doc.get(ref.document.lower(), []):
            if _n(p.clause) != _n(ref.clause):
                continue
            if ref.section and not any(_n(ref.section) in _n(h) for h in (p.section, *p.path)):
                continue
            found.append(p)
        return found

    def has_document(self, name: str) -> bool:
        return name.lower() in self.by_doc
