"""SQLite state: one file, WAL mode, schema changes as named migrations applied once.

Why SQLite and not in-process state: a restart, a crash (`kill -9`) or a second webhook worker
must see exactly what was acknowledged. Every write that a user is told about is committed in its
own transaction before the reply is sent.

Storage faults are one exception, `StorageError`, with a message a person can act on:
- a data folder that cannot be written (read-only mount, wrong owner) refuses start-up, naming it;
- a full disk (or any write the database refuses) fails that one write; callers that can go on
  without it (the question log, an answer's buttons) do, the rest tell the user to try again;
- the database file removed or replaced while running (someone deleted `var/`): every thread is
  refused from then on, instead of some threads writing to the deleted file and others to a new
  empty one. The assistant keeps answering questions; restart it to start a new database.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from assistant.errors import StorageError  # noqa: F401  (raised here; named here for callers)

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(fn: Callable[[sqlite3.Connection], None]):
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_users(db: sqlite3.Connection) -> None:
    db.execute("""create table users (
        user_id integer primary key, role text not null, name text not null default '',
        granted_by text not null default 'default', created real not null, updated real not null)""")


@migration
def m002_invites(db: sqlite3.Connection) -> None:
    db.execute("""create table invites (
        invite_id text primary key, role text not null, created real not null, expires real not null,
        used_by integer, used_at real, revoked_at real, note text not null default '')""")


@migration
def m003_checklist_runs(db: sqlite3.Connection) -> None:
    db.execute("""create table checklist_runs (
        run_id integer primary key autoincrement, user_id integer not null, checklist_id text not null,
        checklist_version text not null, step_id text not null, answers text not null default '{}',
        history text not null default '[]', status text not null default 'active',
        started real not null, updated real not null, finished real)""")
    db.execute("create index checklist_runs_user on checklist_runs(user_id, status)")


@migration
def m004_buttons(db: sqlite3.Connection) -> None:
    db.execute("""create table buttons (
        token text primary key, user_id integer not null, action text not null, created real not null)""")
    db.execute("create index buttons_user on buttons(user_id)")


@migration
def m005_records(db: sqlite3.Connection) -> None:
    db.execute("""create table decision_records (
        record_id integer primary key autoincrement, run_id integer not null unique, user_id integer not null,
        checklist_id text not null, created real not null, markdown text not null, pdf_path text not null default '')""")


@migration
def m006_feedback_and_log(db: sqlite3.Connection) -> None:
    db.execute("""create table feedback (
        feedback_id integer primary key autoincrement, user_id integer not null, question text not null,
        passages text not null, vote text not null, created real not null)""")
    db.execute("""create table log (
        log_id integer primary key autoincrement, ts real not null, user_id integer, role text,
        kind text not null, text text not null, answered integer, detail text not null default '')""")


@migration
def m007_answers(db: sqlite3.Connection) -> None:
    db.execute("""create table answers (
        answer_id integer primary key autoincrement, user_id integer not null, question text not null,
        passages text not null, created real not null)""")


@migration
def m008_library_changes(db: sqlite3.Connection) -> None:
    """What changed in the library from one index build to the next, and who follows what."""
    db.execute("""create table library_builds (
        build_id text primary key, previous text not null default '', built_at real not null, recorded real not null,
        changes integer not null default 0)""")
    db.execute("""create table library_changes (
        change_id integer primary key autoincrement, build_id text not null, ts real not null,
        kind text not null, document text not null, title text not null default '', section text not null default '',
        path text not null default '[]', clause text not null default '', audience text not null,
        old_text text not null default '', new_text text not null default '', passage_id text not null default '')""")
    db.execute("create index library_changes_ts on library_changes(ts)")
    db.execute("create index library_changes_passage on library_changes(passage_id)")
    db.execute("""create table follows (
        user_id integer not null, kind text not null, target text not null, created real not null,
        primary key (user_id, kind, target))""")
    db.execute("create table change_notices (build_id text primary key, sent real not null)")
def probe_writable(folder: Path) -> None:
    """Create `folder` and a file in it, or raise StorageError naming the folder and the fix."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        try:
            os.write(fd, b"ok")
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(name)
    except OSError as exc:
        raise StorageError(f"cannot write to the data folder {folder} ({exc.strerror or exc}): make it writable "
                           f"(or free some space), or set data_dir in config.yaml to a folder that is") from None
@migration
def m009_privacy_feedback_handoff_audit(db: sqlite3.Connection) -> None:
    """Issue 12: pseudonymous ids in the log; answers with their votes (one per person, changeable);
    an append-only audit trail; handoffs to a person; notices said once. The raw rows an older
    version stored are masked at start-up by `storage.people.scrub_legacy` (it needs the key)."""
    db.execute("alter table log add column user_hash text not null default ''")
    db.execute("create index log_ts on log(ts)")
    db.execute("""create table asked (
        answer_id integer primary key autoincrement, ts real not null, user_hash text not null, role text not null,
        chat_type text not null default '', question text not null, answered integer not null,
        passages text not null default '[]', index_version text not null default '', reason text not null default '')""")
    db.execute("create index asked_ts on asked(ts)")
    # Answer ids continue from the old table's, so a button issued before the upgrade never names a new row.
    db.execute("insert into sqlite_sequence(name, seq) select 'asked', coalesce(max(answer_id), 0) from answers")
    db.execute("""create table votes (
        answer_id integer not null, user_hash text not null, vote text not null, reason text not null default '',
        note text not null default '', created real not null, updated real not null, primary key (answer_id, user_hash))""")
    db.execute("""create table audit (
        audit_id integer primary key autoincrement, ts real not null, user_hash text not null, role text not null,
        chat_type text not null default '', kind text not null, text text not null, passages text not null default '[]',
        answered integer)""")
    db.execute("create index audit_ts on audit(ts)")
    db.execute("create table purge_lock (holder text not null)")
    db.execute("""create trigger audit_append_only_update before update on audit
        begin select raise(abort, 'the audit log is append-only'); end""")
    db.execute("""create trigger audit_append_only_delete before delete on audit
        when not exists (select 1 from purge_lock)
        begin select raise(abort, 'the audit log is append-only: only `bot.py purge` removes old entries'); end""")
    db.execute("""create table handoffs (
        handoff_id integer primary key autoincrement, ts real not null, user_id integer not null, chat_id integer not null,
        user_hash text not null, role text not null, channel text not null, question text not null,
        passages text not null default '[]', answer_id integer, status text not null default 'open',
        reply text not null default '', replied_at real, replied_by text not null default '', delivered_at real)""")
    db.execute("create index handoffs_open on handoffs(status, delivered_at)")
    db.execute("create table notices (user_hash text not null, kind text not null, ts real not null, primary key (user_hash, kind))")
    db.execute("create table pending_notes (user_hash text primary key, answer_id integer not null, ts real not null)")


class Database:
    """A thread-safe handle: one connection per thread, all on the same WAL file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        probe_writable(self.path.parent)
        self._local = threading.local()
        try:
            self.migrate()
            st = os.stat(self.path)
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(f"cannot open the database {self.path} ({exc}): check the data folder is writable "
                               f"and the file is a database, or set data_dir in config.yaml") from None
        self._identity = (st.st_dev, st.st_ino)

    def _check_file(self) -> None:
        """The file this handle opened is still the one at `path` (one stat, a few microseconds)."""
        identity = getattr(self, "_identity", None)
        if identity is None:  # still migrating, in __init__
            return
        try:
            st = os.stat(self.path)
            same = (st.st_dev, st.st_ino) == identity
        except OSError:
            same = False
        if not same:
            raise StorageError(f"the database {self.path} was removed or replaced while the assistant was running; "
                               f"nothing more is saved until the assistant is restarted (it then starts a new database)")

    def conn(self) -> sqlite3.Connection:
        self._check_file()
        c = getattr(self._local, "conn", None)
        if c is None:
            c = sqlite3.connect(str(self.path), timeout=30, isolation_level=None, check_same_thread=False)
            c.row_factory = sqlite3.Row
            c.execute("pragma journal_mode=wal")
            c.execute("pragma synchronous=full")  # an acknowledged answer survives power loss too
            c.execute("pragma foreign_keys=on")
            self._local.conn = c
        return c

    def tx(self):
        """`with db.tx() as c:` one immediate transaction, committed on success."""
        return _Tx(self.conn())

    def migrate(self) -> list[str]:
        c = self.conn()
        c.execute("create table if not exists _migrations (name text primary key, applied real not null)")
        done = {r[0] for r in c.execute("select name from _migrations")}
        applied = []
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            with self.tx() as t:
                fn(t)
                t.execute("insert into _migrations(name, applied) values (?, ?)", (name, time.time()))
            applied.append(name)
        return applied

    def close(self) -> None:
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None


class _Tx:
    def __init__(self, conn: sqlite3.Connection):
        self.c = conn

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.c.execute("begin immediate")
        except sqlite3.OperationalError as exc:
            raise StorageError(f"could not save to {_db_name(self.c)}: {exc}") from exc
        return self.c

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self.c.execute("commit")
                return
            except sqlite3.OperationalError as commit_exc:  # a full disk often fails only here
                exc = commit_exc
        try:
            self.c.execute("rollback")
        except sqlite3.Error:
            pass  # nothing to roll back: the failed commit already did
        if isinstance(exc, (sqlite3.OperationalError, OSError)):
            raise StorageError(f"could not save to {_db_name(self.c)}: {exc}") from exc


def _db_name(conn: sqlite3.Connection) -> str:
    try:
        return conn.execute("pragma database_list").fetchone()[2] or "the database"
    except sqlite3.Error:
        return "the database"
