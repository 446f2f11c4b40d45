"""Storage faults, in process: a log that cannot be written, a database deleted while running.

The same faults on a real full disk and a read-only mount, and `kill -9`, are in test_faults.py.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading

import pytest

from assistant.core.events import Event
from conftest import chat_app

QUESTION = "what are the four steps of commissioning?"


@pytest.fixture()
def core(tmp_path, shipped_app, settings):
    return chat_app(shipped_app, settings, tmp_path / "var")


class _FullDisk:
    """A database handle whose writes fail the way SQLite fails on a full disk."""

    def __init__(self, db):
        self.db = db

    def conn(self):
        return self.db.conn()

    def tx(self):
        raise sqlite3.OperationalError("database or disk is full")


def test_a_question_is_answered_when_the_log_cannot_be_written(core, caplog):
    log_store = core.core.log
    log_store.db = _FullDisk(log_store.db)
    with caplog.at_level(logging.WARNING):
        replies = [core.core.handle(Event(31, "text", text=QUESTION)) for _ in range(3)]
    for r in replies:
        assert "understand, plan, do and review" in r[-1].plain, r[-1].plain  # the answer, not "something went wrong"
        assert r[-1].buttons  # its buttons too: only the log is full
    warned = [rec for rec in caplog.records if "question log cannot be written" in rec.getMessage()]
    assert len(warned) == 1, caplog.text  # warned once, not once per question
    assert log_store.failures == 3


def test_deleting_the_data_folder_while_running_is_refused_the_same_way_in_every_thread(core):
    from assistant.storage.db import StorageError

    handle = core.core.handle
    core.roles.users.set_role(41, "officer", granted_by="test")
    assert handle(Event(41, "command", command="checklists"))[0].buttons
    data_dir = core.settings.path(core.settings.data_dir)
    shutil.rmtree(data_dir)  # someone deletes var/ while the bot runs

    outcomes: dict[str, str] = {}

    def write(name: str) -> None:  # a thread that already has a connection, and a new one
        try:
            core.roles.users.set_role(42, "officer", granted_by=name)
            outcomes[name] = "wrote"
        except StorageError as exc:
            outcomes[name] = str(exc)

    write("old thread")
    t = threading.Thread(target=write, args=("new thread",))
    t.start()
    t.join()
    for name, outcome in outcomes.items():
        assert "was removed or replaced while the assistant was running" in outcome, (name, outcome)
        assert "restart" in outcome
    assert not (data_dir / "assistant.sqlite3").exists()  # no second, empty database started behind our back
    # Questions are still answered (as a provider: who is an officer can no longer be read)…
    answer = handle(Event(41, "text", text=QUESTION))[-1]
    assert "understand, plan, do and review" in answer.plain
    # …and what needs storage says so plainly.
    assert "can't save anything right now" in handle(Event(41, "command", command="checklists"))[0].plain
