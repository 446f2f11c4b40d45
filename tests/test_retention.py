"""Issue 12.2: `bot.py purge` removes what is older than `retention_days` and nothing newer (a fake
clock), keeps decision records by their own setting, and keeps a handoff still waiting for a reply.
Also the terminal handoff queue, `bot.py handoff list|reply`, which needs no model either."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime, timezone

import pytest

from conftest import run_bot, write_config

DAY = 86400
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc).timestamp()   # the fake clock


def fill(db, *, now: float, age_days: float, tag: str) -> None:
    """One row of every kind, `age_days` old, its text marked with `tag`."""
    from assistant.storage.people import Answers, Audit, Handoffs, Notices
    from assistant.storage.repos import Log

    ts = now - age_days * DAY
    Log(db).write(user_id=None, role="provider", kind="question", text=f"{tag} question")
    with db.tx() as c:
        c.execute("update log set ts=? where text=?", (ts, f"{tag} question"))
    answers = Answers(db)
    aid = answers.record(user_hash=f"h-{tag}", role="provider", chat_type="private", question=f"{tag} asked",
                         answered=False, passages=[], index_version="v", now=ts)
    answers.vote(aid, f"h-{tag}", "down", now=ts)
    Audit(db).write(user_hash=f"h-{tag}", role="provider", chat_type="private", kind="question", text=f"{tag} audited",
                    passages=[], now=ts)
    h = Handoffs(db).open(user_id=5, chat_id=5, user_hash=f"h-{tag}", role="provider", channel="terminal",
                          question=f"{tag} handed off", passages=[], answer_id=aid, now=ts)
    Handoffs(db).reply(h.handoff_id, "answered", by="x", delivered=True)
    Handoffs(db).open(user_id=5, chat_id=5, user_hash=f"h-{tag}", role="provider", channel="terminal",
                      question=f"{tag} still waiting", passages=[], answer_id=aid, now=ts)
    Notices(db).first_time(f"h-{tag}", "masked")
    with db.tx() as c:
        c.execute("update notices set ts=? where user_hash=?", (ts, f"h-{tag}"))
        c.execute("""insert into checklist_runs(user_id, checklist_id, checklist_version, step_id, status, started, updated,
                     finished) values (5, 'c', '1', 'end', 'done', ?, ?, ?)""", (ts, ts, ts))
        run_id = c.execute("select max(run_id) from checklist_runs").fetchone()[0]
        c.execute("insert into decision_records(run_id, user_id, checklist_id, created, markdown) values (?,5,'c',?,?)",
                  (run_id, ts, f"{tag} record"))


def texts(db) -> str:
    con = sqlite3.connect(db.path)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def test_purge_removes_only_what_is_older_than_the_retention(tmp_path):
    from assistant.privacy.retention import purge
    from assistant.storage.db import Database

    db = Database(tmp_path / "a.sqlite3")
    fill(db, now=NOW, age_days=91, tag="OLD")
    fill(db, now=NOW, age_days=89, tag="NEW")
    report = purge(db, retention_days=90, now=NOW)
    dump = texts(db)
    for what in ("question", "asked", "audited", "handed off"):
        assert f"OLD {what}" not in dump, what
        assert f"NEW {what}" in dump, what
    assert "OLD still waiting" in dump, "an open handoff was purged before anyone replied"
    con = sqlite3.connect(db.path)
    assert con.execute("select count(*) from votes").fetchone()[0] == 1
    assert con.execute("select count(*) from notices").fetchone()[0] == 1
    # Decision records are kept by their own setting (0 = for good).
    assert "OLD record" in dump and "NEW record" in dump and report.record_cutoff is None
    assert report.removed["audit"] == 1 and report.removed["log"] == 1
    # Purging again at the same time removes nothing more; a day later the 89-day rows are 90 days old: kept.
    assert sum(purge(db, retention_days=90, now=NOW).removed.values()) == 0
    assert sum(purge(db, retention_days=90, now=NOW + DAY).removed.values()) == 0
    purge(db, retention_days=90, now=NOW + 1.5 * DAY)
    assert "NEW audited" not in texts(db) and "NEW question" not in texts(db)


def test_decision_records_follow_their_own_setting(tmp_path):
    from assistant.privacy.retention import purge
    from assistant.storage.db import Database

    db = Database(tmp_path / "a.sqlite3")
    fill(db, now=NOW, age_days=400, tag="ANCIENT")
    fill(db, now=NOW, age_days=200, tag="RECENT")
    pdf = tmp_path / "records" / "run-1.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF")
    pdf.with_suffix(".md").write_text("record")
    with db.tx() as c:
        c.execute("update decision_records set pdf_path=? where markdown='ANCIENT record'", (str(pdf),))
    report = purge(db, retention_days=90, decision_record_days=365, now=NOW)
    dump = texts(db)
    assert "ANCIENT record" not in dump and "RECENT record" in dump
    assert not pdf.exists() and not pdf.with_suffix(".md").exists() and report.files == 2
    assert report.removed["decision_records"] == 1 and report.removed["checklist_runs"] == 1


def test_the_audit_log_is_deleted_by_purge_only(tmp_path):
    from assistant.storage.db import Database

    db = Database(tmp_path / "a.sqlite3")
    fill(db, now=NOW, age_days=100, tag="OLD")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        with db.tx() as c:
            c.execute("delete from audit")
    assert "OLD audited" in texts(db)


def test_bot_py_purge_with_a_fake_clock_and_saved_reports(tmp_path):
    from assistant.storage.db import Database

    config = write_config(tmp_path, retention_days=30)
    db = Database(tmp_path / "var" / "assistant.sqlite3")
    fill(db, now=NOW, age_days=31, tag="OLD")
    fill(db, now=NOW, age_days=29, tag="NEW")
    reports = tmp_path / "var" / "reports"
    reports.mkdir(parents=True)
    (reports / "old.html").write_text("x")
    (reports / "new.html").write_text("x")
    os.utime(reports / "old.html", (NOW - 31 * DAY, NOW - 31 * DAY))
    os.utime(reports / "new.html", (NOW - 29 * DAY, NOW - 29 * DAY))
    t0 = time.perf_counter()
    r = run_bot("--config", str(config), "purge", "--now", "2026-06-01T12:00")
    assert r.returncode == 0, r.stderr
    assert time.perf_counter() - t0 < 30  # no model, no index
    assert "log: 1 removed" in r.stdout and "audit: 1 removed" in r.stdout and "retention_days 30" in r.stderr
    dump = texts(db)
    assert "OLD audited" not in dump and "NEW audited" in dump
    assert not (reports / "old.html").exists() and (reports / "new.html").exists()
    bad = run_bot("--config", str(config), "purge", "--now", "yesterday")
    assert bad.returncode == 2 and "must be a date like" in bad.stderr


def test_a_bad_retention_setting_names_the_key(tmp_path):
    r = run_bot("--config", str(write_config(tmp_path, retention_days=-1)), "purge")
    assert r.returncode == 2 and "retention_days" in r.stderr


def test_terminal_handoff_queue(tmp_path):
    """`bot.py handoff list|reply`: the reply is stored masked and delivered once."""
    from assistant.storage.db import Database
    from assistant.storage.people import Handoffs

    config = write_config(tmp_path)
    db = Database(tmp_path / "var" / "assistant.sqlite3")
    h = Handoffs(db).open(user_id=1, chat_id=1, user_hash="h", role="provider", channel="terminal",
                          question="can we extend a contract twice?", passages=[], answer_id=None)
    listed = run_bot("--config", str(config), "handoff", "list")
    assert listed.returncode == 0 and f"#{h.handoff_id}" in listed.stdout and "extend a contract twice" in listed.stdout
    r = run_bot("--config", str(config), "handoff", "reply", str(h.handoff_id), "Yes, once. Ring me on 07700 900123.")
    assert r.returncode == 0, r.stderr
    got = Handoffs(db).get(h.handoff_id)
    assert got.status == "answered" and "[phone]" in got.reply and "07700" not in got.reply
    assert "No open handoffs" in run_bot("--config", str(config), "handoff", "list").stdout
    again = run_bot("--config", str(config), "handoff", "reply", str(h.handoff_id), "again")
    assert again.returncode == 2 and "answered already" in again.stderr
    for args in (["reply"], ["reply", "x", "text"], ["reply", "999", "text"]):
        bad = run_bot("--config", str(config), "handoff", *args)
        assert bad.returncode == 2 and bad.stderr.startswith("error: "), (args, bad.stderr)
