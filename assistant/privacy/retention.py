"""Retention: what people asked is kept `retention_days` (UK GDPR storage limitation), decision
records by their own setting (`decision_record_days`, 0 = for good: they are the council's record
of a decision, not a log). `bot.py purge` runs it; the Telegram bot runs it once a day.

The clock is a parameter (`now`), so what is "older than the retention" is tested, not assumed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from assistant.storage.db import Database

DAY = 86400.0

# table -> its time column. Everything a person typed or did, and the history of handoffs.
LOGS = {"log": "ts", "asked": "ts", "votes": "updated", "feedback": "created", "answers": "created",
        "audit": "ts", "handoffs": "ts", "notices": "ts", "pending_notes": "ts"}


@dataclass
class PurgeReport:
    cutoff: float
    record_cutoff: float | None
    removed: dict[str, int] = field(default_factory=dict)
    files: int = 0

    def lines(self) -> list[str]:
        out = [f"{table}: {n} removed" for table, n in self.removed.items()]
        if self.files:
            out.append(f"files (decision records, saved reports): {self.files} removed")
        return out


def purge(db: Database, *, retention_days: int, decision_record_days: int = 0, now: float | None = None,
          reports_dir: Path | None = None) -> PurgeReport:
    """Delete what is older than the retention (strictly older: a row exactly at the cut-off stays).

    Votes of a purged answer go with it; an open handoff is kept however old (a person still owes a
    reply), and a decision record's finished run goes with the record. Saved `/stats` pages in
    `reports_dir` (masked, but still what people asked) follow the same retention."""
    now = time.time() if now is None else now
    cutoff = now - retention_days * DAY
    report = PurgeReport(cutoff, now - decision_record_days * DAY if decision_record_days else None)
    with db.tx() as c:
        c.execute("insert into purge_lock(holder) values ('purge')")  # lets the audit trigger allow this delete
        try:
            for table, column in LOGS.items():
                extra = " and status != 'open'" if table == "handoffs" else ""
                cur = c.execute(f"delete from {table} where {column} < ?{extra}", (cutoff,))
                report.removed[table] = cur.rowcount
            cur = c.execute("delete from votes where answer_id not in (select answer_id from asked) "
                            "and answer_id not in (select answer_id from answers)")
            report.removed["votes"] += cur.rowcount
            paths: list[str] = []
            if report.record_cutoff is not None:
                rows = c.execute("select run_id, pdf_path from decision_records where created < ?",
                                 (report.record_cutoff,)).fetchall()
                paths = [r["pdf_path"] for r in rows if r["pdf_path"]]
                cur = c.execute("delete from decision_records where created < ?", (report.record_cutoff,))
                report.removed["decision_records"] = cur.rowcount
                cur = c.execute("delete from checklist_runs where status != 'active' and coalesce(finished, updated) < ?",
                                (report.record_cutoff,))
                report.removed["checklist_runs"] = cur.rowcount
        finally:
            c.execute("delete from purge_lock")
    for pdf in paths:  # files after the commit: a crash in between leaves files, never rows without files
        for p in (Path(pdf), Path(pdf).with_suffix(".md")):
            try:
                p.unlink()
                report.files += 1
            except FileNotFoundError:
                pass
    if reports_dir is not None and Path(reports_dir).is_dir():
        for f in Path(reports_dir).glob("*.html"):
            if f.stat().st_mtime < cutoff:
                f.unlink(missing_ok=True)
                report.files += 1
    return report
