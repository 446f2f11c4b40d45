"""Storage for what people did: answers shown and their votes, the audit trail, handoffs, notices.

Nothing here masks or hashes: callers pass masked text and pseudonyms (assistant/privacy). The
one exception is `Handoffs`, which keeps the real user and chat id, because a person's reply has
to be delivered somewhere.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from assistant.storage.db import Database


@dataclass(frozen=True)
class Shown:
    """An answer (or refusal) as it was shown: the masked question and the clauses on screen."""

    answer_id: int
    ts: float
    user_hash: str
    role: str
    chat_type: str
    question: str
    answered: bool
    passages: list[str]
    index_version: str


class Answers:
    """Answers shown, and one vote per person per answer (a second press changes it)."""

    def __init__(self, db: Database):
        self.db = db

    def record(self, *, user_hash: str, role: str, chat_type: str, question: str, answered: bool,
               passages: list[str], index_version: str, reason: str = "", now: float | None = None) -> int:
        with self.db.tx() as c:
            cur = c.execute("""insert into asked(ts, user_hash, role, chat_type, question, answered, passages,
                               index_version, reason) values (?,?,?,?,?,?,?,?,?)""",
                            (now or time.time(), user_hash, role, chat_type, question[:4000], int(answered),
                             json.dumps(passages), index_version, reason[:1000]))
            return int(cur.lastrowid)

    def get(self, answer_id: int) -> Shown | None:
        if not isinstance(answer_id, int):
            return None
        r = self.db.conn().execute("select * from asked where answer_id=?", (answer_id,)).fetchone()
        return _shown(r) if r else None

    def latest(self, user_hash: str) -> Shown | None:
        r = self.db.conn().execute("select * from asked where user_hash=? order by answer_id desc limit 1",
                                   (user_hash,)).fetchone()
        return _shown(r) if r else None

    def vote(self, answer_id: int, user_hash: str, vote: str, *, now: float | None = None) -> str:
        """"new", "changed" or "same": the vote stored is always the latest press."""
        now = now or time.time()
        with self.db.tx() as c:
            r = c.execute("select vote from votes where answer_id=? and user_hash=?", (answer_id, user_hash)).fetchone()
            if r is None:
                c.execute("insert into votes(answer_id, user_hash, vote, created, updated) values (?,?,?,?,?)",
                          (answer_id, user_hash, vote, now, now))
                return "new"
            if r["vote"] == vote:
                return "same"
            # A changed mind: the old reason belonged to the old vote.
            c.execute("update votes set vote=?, reason='', note='', updated=? where answer_id=? and user_hash=?",
                      (vote, now, answer_id, user_hash))
            return "changed"

    def vote_of(self, answer_id: int, user_hash: str) -> tuple[str, str, str] | None:
        r = self.db.conn().execute("select vote, reason, note from votes where answer_id=? and user_hash=?",
                                   (answer_id, user_hash)).fetchone()
        return (r["vote"], r["reason"], r["note"]) if r else None

    def set_reason(self, answer_id: int, user_hash: str, *, reason: str | None = None, note: str | None = None) -> bool:
        sets, args = [], []
        if reason is not None:
            sets.append("reason=?")
            args.append(reason[:100])
        if note is not None:
            sets.append("note=?")
            args.append(note[:2000])
        if not sets:
            return False
        with self.db.tx() as c:
            cur = c.execute(f"update votes set {', '.join(sets)}, updated=? where answer_id=? and user_hash=? and vote='down'",
                            (*args, time.time(), answer_id, user_hash))
            return cur.rowcount > 0

    def counts(self) -> dict[str, int]:
        rows = self.db.conn().execute("select vote, count(*) n from votes group by vote").fetchall()
        return {r["vote"]: r["n"] for r in rows}

    def recent_down(self, limit: int = 10) -> list[tuple[str, str, str, list[str]]]:
        """(masked question, reason, note, passages shown) of the latest down-votes."""
        rows = self.db.conn().execute("""select a.question, a.passages, v.reason, v.note from votes v
                                         join asked a using (answer_id)
                                         where v.vote='down' order by v.updated desc limit ?""", (limit,)).fetchall()
        return [(r["question"], r["reason"], r["note"], json.loads(r["passages"])) for r in rows]

    # A typed "what was wrong?" note: the next message of that person, within a few minutes.
    def await_note(self, user_hash: str, answer_id: int) -> None:
        with self.db.tx() as c:
            c.execute("insert or replace into pending_notes(user_hash, answer_id, ts) values (?,?,?)",
                      (user_hash, answer_id, time.time()))

    def take_note_slot(self, user_hash: str, *, max_age: float = 600) -> int | None:
        with self.db.tx() as c:
            r = c.execute("select answer_id, ts from pending_notes where user_hash=?", (user_hash,)).fetchone()
            if r is None:
                return None
            c.execute("delete from pending_notes where user_hash=?", (user_hash,))
        return int(r["answer_id"]) if time.time() - r["ts"] <= max_age else None


def _shown(r) -> Shown:
    return Shown(r["answer_id"], r["ts"], r["user_hash"], r["role"], r["chat_type"], r["question"],
                 bool(r["answered"]), json.loads(r["passages"]), r["index_version"])


@dataclass(frozen=True)
class AuditEntry:
    ts: float
    user_hash: str
    role: str
    chat_type: str
    kind: str
    text: str
    passages: list[dict]
    answered: bool | None


class Audit:
    """Append-only (SQLite triggers refuse UPDATE, and DELETE outside `bot.py purge`): who (pseudonym)
    asked what (masked), which passages were shown with their audience, the role and the chat type,
    so a suspected leak can be traced to the answers that showed it."""

    def __init__(self, db: Database):
        self.db = db

    def write(self, *, user_hash: str, role: str, chat_type: str, kind: str, text: str,
              passages: list[dict], answered: bool | None = None, now: float | None = None) -> None:
        with self.db.tx() as c:
            c.execute("""insert into audit(ts, user_hash, role, chat_type, kind, text, passages, answered)
                         values (?,?,?,?,?,?,?,?)""",
                      (now or time.time(), user_hash, role, chat_type, kind, text[:4000], json.dumps(passages),
                       None if answered is None else int(answered)))

    def entries(self, *, since: float = 0.0) -> list[AuditEntry]:
        rows = self.db.conn().execute("select * from audit where ts >= ? order by audit_id", (since,)).fetchall()
        return [AuditEntry(r["ts"], r["user_hash"], r["role"], r["chat_type"], r["kind"], r["text"],
                           json.loads(r["passages"]), None if r["answered"] is None else bool(r["answered"])) for r in rows]


@dataclass(frozen=True)
class Handoff:
    handoff_id: int
    ts: float
    user_id: int
    chat_id: int
    user_hash: str
    role: str
    channel: str
    question: str
    passages: list[str]
    status: str
    reply: str
    replied_at: float | None
    delivered_at: float | None


class Handoffs:
    """Questions passed to a person, and their replies until delivered."""

    def __init__(self, db: Database):
        self.db = db

    def open(self, *, user_id: int, chat_id: int, user_hash: str, role: str, channel: str, question: str,
             passages: list[str], answer_id: int | None, now: float | None = None) -> Handoff:
        with self.db.tx() as c:
            cur = c.execute("""insert into handoffs(ts, user_id, chat_id, user_hash, role, channel, question, passages,
                               answer_id) values (?,?,?,?,?,?,?,?,?)""",
                            (now or time.time(), user_id, chat_id, user_hash, role, channel, question[:4000],
                             json.dumps(passages), answer_id))
            hid = int(cur.lastrowid)
        return self.get(hid)

    def open_for(self, answer_id: int | None, user_hash: str) -> Handoff | None:
        """The handoff still open for this answer and person, if any (pressing twice asks once)."""
        if answer_id is None:
            return None
        r = self.db.conn().execute("select * from handoffs where answer_id=? and user_hash=? and status='open'",
                                   (answer_id, user_hash)).fetchone()
        return _handoff(r) if r else None

    def get(self, handoff_id: int) -> Handoff | None:
        r = self.db.conn().execute("select * from handoffs where handoff_id=?", (handoff_id,)).fetchone()
        return _handoff(r) if r else None

    def list(self, *, status: str | None = "open") -> list[Handoff]:
        q, args = "select * from handoffs", ()
        if status:
            q, args = q + " where status=?", (status,)
        return [_handoff(r) for r in self.db.conn().execute(q + " order by handoff_id", args)]

    def reply(self, handoff_id: int, text: str, *, by: str, delivered: bool) -> Handoff | None:
        """Record a person's reply (once: a second reply to the same handoff is refused)."""
        now = time.time()
        with self.db.tx() as c:
            cur = c.execute("""update handoffs set status='answered', reply=?, replied_at=?, replied_by=?, delivered_at=?
                               where handoff_id=? and status='open'""",
                            (text[:4000], now, by, now if delivered else None, handoff_id))
            if cur.rowcount == 0:
                return None
        return self.get(handoff_id)

    def undelivered(self, *, user_id: int | None = None, channel: str | None = None) -> list[Handoff]:
        q = "select * from handoffs where status='answered' and delivered_at is null"
        args: list = []
        if user_id is not None:
            q, args = q + " and user_id=?", [*args, user_id]
        if channel is not None:
            q, args = q + " and channel=?", [*args, channel]
        return [_handoff(r) for r in self.db.conn().execute(q + " order by handoff_id", args)]

    def mark_delivered(self, handoff_id: int) -> bool:
        """True for the one caller that gets to deliver it (so two delivery paths never send it twice)."""
        with self.db.tx() as c:
            cur = c.execute("update handoffs set delivered_at=? where handoff_id=? and delivered_at is null",
                            (time.time(), handoff_id))
            return cur.rowcount > 0


def _handoff(r) -> Handoff:
    return Handoff(r["handoff_id"], r["ts"], r["user_id"], r["chat_id"], r["user_hash"], r["role"], r["channel"],
                   r["question"], json.loads(r["passages"]), r["status"], r["reply"], r["replied_at"], r["delivered_at"])


class Notices:
    """Things a person is told once (that personal details are masked)."""

    def __init__(self, db: Database):
        self.db = db

    def first_time(self, user_hash: str, kind: str) -> bool:
        with self.db.tx() as c:
            cur = c.execute("insert or ignore into notices(user_hash, kind, ts) values (?,?,?)", (user_hash, kind, time.time()))
            return cur.rowcount > 0


def scrub_legacy(db: Database, mask, pseudonym) -> int:
    """Mask what an older version stored raw (questions in the log, feedback and answers) and put
    pseudonyms in place of the log's user ids. Runs at start-up; a no-op once done."""
    changed = 0
    c = db.conn()
    rows = c.execute("select log_id, user_id, text, detail from log where user_id is not null").fetchall()
    for r in rows:
        with db.tx() as t:
            t.execute("update log set text=?, detail=?, user_hash=?, user_id=null where log_id=?",
                      (mask(r["text"]), mask(r["detail"]), pseudonym(r["user_id"]), r["log_id"]))
        changed += 1
    for table, key in (("feedback", "feedback_id"), ("answers", "answer_id")):
        rows = c.execute(f"select {key}, question from {table} where user_id != 0").fetchall()
        for r in rows:
            with db.tx() as t:
                t.execute(f"update {table} set question=?, user_id=0 where {key}=?", (mask(r["question"]), r[key]))
            changed += 1
    return changed
