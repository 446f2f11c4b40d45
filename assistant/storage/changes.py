"""The library's change log, follows and sent notices in SQLite (tables of migration m008)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from assistant.storage.db import Database


@dataclass(frozen=True)
class Change:
    """One clause that was added, removed or reworded between two index builds."""

    kind: str            # added | removed | reworded
    document: str
    title: str
    section: str
    path: tuple[str, ...]
    clause: str
    audience: str
    old_text: str = ""
    new_text: str = ""
    passage_id: str = ""  # the new passage (the old one for a removed clause)
    ts: float = 0.0       # when the build that made it was published
    build_id: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "document": self.document, "title": self.title, "section": self.section,
                "path": list(self.path), "clause": self.clause, "audience": self.audience, "old_text": self.old_text,
                "new_text": self.new_text, "passage_id": self.passage_id}

    @classmethod
    def from_json(cls, d: dict, *, ts: float = 0.0, build_id: str = "") -> Change:
        return cls(d["kind"], d["document"], d.get("title", ""), d.get("section", ""), tuple(d.get("path", ())),
                   d.get("clause", ""), d["audience"], d.get("old_text", ""), d.get("new_text", ""),
                   d.get("passage_id", ""), ts, build_id)


def _change(r) -> Change:
    return Change(r["kind"], r["document"], r["title"], r["section"], tuple(json.loads(r["path"])), r["clause"],
                  r["audience"], r["old_text"], r["new_text"], r["passage_id"], r["ts"], r["build_id"])


class ChangeLog:
    def __init__(self, db: Database):
        self.db = db

    def record(self, build_id: str, previous: str, built_at: float, changes: list[Change]) -> bool:
        """Store one build's changes; False when that build was recorded already (any process)."""
        with self.db.tx() as c:
            cur = c.execute("insert or ignore into library_builds(build_id, previous, built_at, recorded, changes) "
                            "values (?,?,?,?,?)", (build_id, previous, built_at, time.time(), len(changes)))
            if cur.rowcount == 0:
                return False
            c.executemany("""insert into library_changes(build_id, ts, kind, document, title, section, path, clause,
                             audience, old_text, new_text, passage_id) values (?,?,?,?,?,?,?,?,?,?,?,?)""",
                          [(build_id, built_at, ch.kind, ch.document, ch.title, ch.section, json.dumps(list(ch.path)),
                            ch.clause, ch.audience, ch.old_text, ch.new_text, ch.passage_id) for ch in changes])
        return True

    def since(self, ts: float, *, audiences: set[str] | None = None) -> list[Change]:
        rows = self.db.conn().execute("select * from library_changes where ts >= ? order by ts, change_id", (ts,))
        out = [_change(r) for r in rows]
        return [c for c in out if audiences is None or c.audience in audiences]

    def of_build(self, build_id: str) -> list[Change]:
        rows = self.db.conn().execute("select * from library_changes where build_id=? order by change_id", (build_id,))
        return [_change(r) for r in rows]

    def updated_on(self, passage_ids: list[str], since: float) -> dict[str, float]:
        """When each of these passages last came in by a rewording or an addition (since `since`)."""
        if not passage_ids:
            return {}
        marks = ",".join("?" * len(passage_ids))
        rows = self.db.conn().execute(
            f"select passage_id, max(ts) ts from library_changes where passage_id in ({marks}) and ts >= ? "
            f"and kind != 'removed' group by passage_id", (*passage_ids, since))
        return {r["passage_id"]: r["ts"] for r in rows}

    def claim_notices(self, build_id: str) -> bool:
        """True exactly once per build, across processes: whoever claims it sends the notices."""
        with self.db.tx() as c:
            return c.execute("insert or ignore into change_notices(build_id, sent) values (?,?)",
                             (build_id, time.time())).rowcount == 1


@dataclass(frozen=True)
class Follow:
    user_id: int
    kind: str      # document | sector
    target: str


class Follows:
    def __init__(self, db: Database):
        self.db = db

    def add(self, user_id: int, kind: str, target: str) -> bool:
        with self.db.tx() as c:
            return c.execute("insert or ignore into follows(user_id, kind, target, created) values (?,?,?,?)",
                             (user_id, kind, target, time.time())).rowcount == 1

    def remove(self, user_id: int, kind: str | None = None, target: str | None = None) -> int:
        with self.db.tx() as c:
            if kind is None:
                return c.execute("delete from follows where user_id=?", (user_id,)).rowcount
            return c.execute("delete from follows where user_id=? and kind=? and target=?",
                             (user_id, kind, target)).rowcount

    def of(self, user_id: int) -> list[Follow]:
        rows = self.db.conn().execute("select * from follows where user_id=? order by created", (user_id,))
        return [Follow(r["user_id"], r["kind"], r["target"]) for r in rows]

    def all(self) -> list[Follow]:
        rows = self.db.conn().execute("select * from follows order by user_id, created")
        return [Follow(r["user_id"], r["kind"], r["target"]) for r in rows]
