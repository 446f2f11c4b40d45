"""Following a document or a provider sector: what a follow names, and which changes reach it.

A sector stands for its own guidance documents (rules.yaml `sectors: guidance:`) and for the
clauses its rules quote, so an officer following "voluntary-community" hears about a reworded
clause of the policy that a voluntary-sector rule relies on, as well as about the sector guide.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.storage.changes import Change, Follow
from assistant.textnorm import clean


@dataclass(frozen=True)
class Target:
    kind: str      # document | sector
    id: str        # the file name, or the sector id
    name: str      # how it is shown


def _n(s: str) -> str:
    return " ".join(clean(s).lower().replace("_", " ").replace("-", " ").split())


def resolve(text: str, documents: dict[str, str], catalogue=None) -> list[Target]:
    """What `/follow TEXT` names: a sector (by id, name or alias), else the documents whose file
    name, file stem or title match it, exactly or else as a part. `documents`: file name -> title."""
    key = _n(text)
    if not key:
        return []
    if catalogue is not None:
        sid = catalogue.sector_id(text)
        if sid and sid in catalogue.sectors:
            return [Target("sector", sid, catalogue.sectors[sid].name)]
    exact, partial = [], []
    for name, title in documents.items():
        forms = {_n(name), _n(name.rsplit(".", 1)[0]), _n(title)}
        if key in forms:
            exact.append(Target("document", name, title or name))
        elif any(key in f for f in forms):
            partial.append(Target("document", name, title or name))
    return exact or partial


def affects(follow: Follow, change: Change, catalogue=None) -> bool:
    if follow.kind == "document":
        return change.document == follow.target
    if follow.kind == "sector" and catalogue is not None and follow.target in catalogue.sectors:
        if change.document in catalogue.sectors[follow.target].guidance:
            return True
        from assistant.library.changes import _refers

        return any(_refers(r.source, change) for r in catalogue.rules
                   if follow.target in r.sector or "all" in r.sector)
    return False


def name_of(follow: Follow, documents: dict[str, str], catalogue=None) -> str:
    if follow.kind == "sector" and catalogue is not None and follow.target in catalogue.sectors:
        return f"the {catalogue.sectors[follow.target].name} sector"
    return documents.get(follow.target) or follow.target
