"""Small storage objects over the database: each returns dataclasses, never rows."""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from assistant.storage.db import Database, StorageError
from assistant.textnorm import valid_text  # text SQLite can store: no lone surrogates

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class User:
    user_id: int
    role: str
    name: str
    granted_by: str
    updated: float = 0.0   # when the role was last set


def _user(r) -> User:
    return User(r["user_id"], r["role"], r["name"], r["granted_by"], r["updated"])


class Users:
    def __init__(self, db: Database):
        self.db = db

    def get(self, user_id: int) -> User | None:
        r = self.db.conn().execute("select * from users where user_id=?", (user_id,)).fetchone()
        return _user(r) if r else None

    def with_role(self, role: str) -> list[User]:
        rows = self.db.conn().execute("select * from users where role=? order by updated, user_id", (role,)).fetchall()
        return [_user(r) for r in rows]

    def set_role(self, user_id: int, role: str, *, granted_by: str, name: str = "") -> User:
        now = time.time()
        with self.db.tx() as c:
            c.execute("""insert into users(user_id, role, name, granted_by, created, updated) values (?,?,?,?,?,?)
                         on conflict(user_id) do update set role=excluded.role, granted_by=excluded.granted_by,
                         name=case when excluded.name != '' then excluded.name else users.name end, updated=excluded.updated""",
                      (user_id, role, name, granted_by, now, now))
        return self.get(user_id)


@dataclass(frozen=True)
class Invite:
    invite_id: str
    role: str
    created: float
    expires: float
    used_by: int | None
    revoked: bool
    note: str = ""   # who it was for, as the admin wrote it


class Invites:
    def __init__(self, db: Database):
        self.db = db

    def create(self, role: str, *, hours: float, note: str = "") -> Invite:
        invite_id = secrets.token_hex(8)  # hex: never starts with "-" (a CLI option) nor holds "_" (the separator)
        now = time.time()
        with self.db.tx() as c:
            c.execute("insert into invites(invite_id, role, created, expires, note) values (?,?,?,?,?)",
                      (invite_id, role, now, now + hours * 3600, note))
        return self.get(invite_id)

    def get(self, invite_id: str) -> Invite | None:
        r = self.db.conn().execute("select * from invites where invite_id=?", (invite_id,)).fetchone()
        if not r:
            return None
        return Invite(r["invite_id"], r["role"], r["created"], r["expires"], r["used_by"], r["revoked_at"] is not None,
                      r["note"] or "")

    def redeem(self, invite_id: str, user_id: int) -> tuple[Invite | None, str]:
        """Use an invite once. Returns (invite, "") or (None, reason)."""
        now = time.time()
        with self.db.tx() as c:
            r = c.execute("select * from invites where invite_id=?", (invite_id,)).fetchone()
            if not r:
                return None, "unknown"
            if r["revoked_at"] is not None:
                return None, "revoked"
            if r["used_by"] is not None:
                return None, "used"
            if r["expires"] < now:
                return None, "expired"
            c.execute("update invites set used_by=?, used_at=? where invite_id=? and used_by is null", (user_id, now, invite_id))
        return self.get(invite_id), ""

    def revoke(self, invite_id: str) -> bool:
        with self.db.tx() as c:
            cur = c.execute("update invites set revoked_at=? where invite_id=? and revoked_at is null", (time.time(), invite_id))
            return cur.rowcount > 0

class Buttons:
    """Opaque button tokens: the client only ever holds a random token; the action stays here."""

    MAX_AGE = 30 * 86400

    def __init__(self, db: Database):
        self.db = db
        with self.db.tx() as c:  # tokens older than any press we would honour are dead weight
            c.execute("delete from buttons where created < ?", (time.time() - self.MAX_AGE,))

    def issue(self, user_id: int, action: dict) -> str:
        token = secrets.token_urlsafe(12)
        with self.db.tx() as c:
            c.execute("insert into buttons(token, user_id, action, created) values (?,?,?,?)",
                      (token, user_id, json.dumps(action, sort_keys=True), time.time()))
        return token

    def issue_many(self, user_id: int, actions: list[dict]) -> list[str]:
        tokens = [secrets.token_urlsafe(12) for _ in actions]
        now = time.time()
        with self.db.tx() as c:
            c.executemany("insert into buttons(token, user_id, action, created) values (?,?,?,?)",
                          [(t, user_id, json.dumps(a, sort_keys=True), now) for t, a in zip(tokens, actions)])
        return tokens

    def lookup(self, token: str, user_id: int, *, max_age: float = MAX_AGE) -> dict | None:
        """The action behind a token, only for the user it was issued to, only while fresh."""
        if not isinstance(token, str) or not (8 <= len(token) <= 64):
            return None
        r = self.db.conn().execute("select * from buttons where token=?", (token,)).fetchone()
        if not r or r["user_id"] != user_id or time.time() - r["created"] > max_age:
            return None
        return json.loads(r["action"])


class Log:
    """The question log. Nobody waits on it: a write that fails (full disk, database gone) is
    counted in `failures` and warned about in the server log once per run of failures, and the
    answer goes out regardless.

    With `pseudonym` and `mask` (as the app wires it, issue 12) no user id and no personal data
    reach the table: the id becomes a keyed hash and the text is masked here too, whatever the
    caller passed (the core masks questions before this; masking twice changes nothing)."""

    def __init__(self, db: Database, *, pseudonym: Callable[[int | None], str] | None = None,
                 mask: Callable[[str], str] | None = None):
        self.db = db
        self.pseudonym = pseudonym
        self.mask = mask
        self.failures = 0          # log writes lost since start-up
        self._failing = False      # inside a run of failures (warned once; reset by a success)
        self._lock = threading.Lock()

    def write(self, *, user_id: int | None, role: str | None, kind: str, text: str, answered: bool | None = None,
              detail: str = "") -> bool:
        """True when the entry was saved."""
        user_hash = ""
        if self.pseudonym is not None:
            user_hash, user_id = self.pseudonym(user_id), None
        if self.mask is not None:
            text, detail = self.mask(text), self.mask(detail)
        try:
            with self.db.tx() as c:
                c.execute("insert into log(ts, user_id, user_hash, role, kind, text, answered, detail) values (?,?,?,?,?,?,?,?)",
                          (time.time(), user_id, user_hash, role, kind, valid_text(text[:4000]),
                           None if answered is None else int(answered), valid_text(detail[:4000])))
        except (StorageError, sqlite3.Error, OSError, UnicodeError) as exc:
            with self._lock:
                self.failures += 1
                first, self._failing = not self._failing, True
            if first:
                log.warning("the question log cannot be written (%s); answering goes on without it "
                            "(lost entries are counted)", exc)
            return False
        if self._failing:
            with self._lock:
                self._failing = False
            log.warning("the question log is being written again (%d entries were lost)", self.failures)
        return True


    def recent_unanswered(self, limit: int = 15) -> list[tuple[str, str]]:
        rows = self.db.conn().execute(
            "select text, role from log where kind='question' and answered=0 order by log_id desc limit ?", (limit,)).fetchall()
        return [(r["text"], r["role"] or "") for r in rows]
