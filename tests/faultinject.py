"""Run `bot.py` with a fault injected, for the subprocess fault tests (test_faults.py).

    python tests/faultinject.py BOT.PY ARGS…     with FAULT=<name> and FAULT_FILE=<path> in the environment

Faults:
- pause-after-record: the decision record is on disk, the run not yet marked done (its
  transaction still open); touches FAULT_FILE and sleeps, so the test can `kill -9` at exactly
  that point.
- pause-after-done: the run is marked done and its record saved, the reply not yet shown; same.
- disk-full-when-flagged: while FAULT_FILE exists, every database transaction fails as SQLite does
  on a full disk and a record cannot be written (ENOSPC) — for machines where a small tmpfs
  cannot be mounted.
- read-only-data: the data folder refuses writes (EROFS) — for machines where a read-only bind
  mount cannot be made.
"""

from __future__ import annotations

import errno
import os
import runpy
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FAULT = os.environ.get("FAULT", "")
FLAG = Path(os.environ.get("FAULT_FILE", "/nonexistent"))


def _pause() -> None:
    FLAG.write_text("paused")
    time.sleep(600)


if FAULT == "pause-after-record":
    from assistant.checklists import records

    _publish = records.StagedRecord.publish

    def publish(self):
        _publish(self)
        _pause()

    records.StagedRecord.publish = publish
elif FAULT == "pause-after-done":
    from assistant.checklists.runs import ChecklistService

    _finish = ChecklistService._finish

    def finish(self, *a, **k):
        out = _finish(self, *a, **k)
        _pause()
        return out

    ChecklistService._finish = finish
elif FAULT == "disk-full-when-flagged":
    from assistant.checklists import records
    from assistant.storage import db

    _enter, _render = db._Tx.__enter__, records.render_pdf

    def enter(self):
        if FLAG.exists():
            raise sqlite3.OperationalError("database or disk is full")
        return _enter(self)

    def render_pdf(*a, **k):
        if FLAG.exists():
            raise OSError(errno.ENOSPC, "No space left on device")
        return _render(*a, **k)

    db._Tx.__enter__, records.render_pdf = enter, render_pdf
elif FAULT == "read-only-data":
    import tempfile

    _mkstemp = tempfile.mkstemp

    def mkstemp(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")

    tempfile.mkstemp = mkstemp

sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
