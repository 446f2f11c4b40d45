"""`bot.py purge`, `bot.py handoff list|reply`, `bot.py stats` (issue 12). Kept apart from cli.py
so the privacy commands read as one piece; each prints one clear line on a mistake."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from assistant.errors import UserError
from assistant.settings import Settings
from assistant.textnorm import inert


def parse_date(value: str, what: str) -> float:
    """YYYY-MM-DD (or a full ISO time) as a UTC timestamp."""
    try:
        d = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"{what} must be a date like 2026-01-31, got {value!r}") from None
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.timestamp()


def _db(settings: Settings):
    from assistant.app import database

    return database(settings)


def cmd_purge(args, settings: Settings) -> int:
    from assistant.privacy.retention import purge

    now = parse_date(args.now, "--now") if args.now else None
    report = purge(_db(settings), retention_days=settings.retention_days,
                   decision_record_days=settings.decision_record_days, now=now,
                   reports_dir=settings.path(settings.data_dir) / "reports")
    for line in report.lines():
        print(line)
    when = datetime.fromtimestamp(report.cutoff, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    kept = "kept for good" if report.record_cutoff is None else \
        f"older than {settings.decision_record_days} days removed"
    print(f"purged everything logged before {when} (retention_days {settings.retention_days}); "
          f"decision records {kept}", file=sys.stderr)
    return 0


def cmd_handoff(args, settings: Settings) -> int:
    from assistant.app import handoff_queue, privacy

    handoffs = handoff_queue(settings)
    if args.action == "list":
        rows = handoffs.list(status=None if args.all else "open")
        if not rows:
            print("No open handoffs." if not args.all else "No handoffs.")
            return 0
        for h in rows:
            when = datetime.fromtimestamp(h.ts, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")
            print(f"#{h.handoff_id}  {when}  {h.role} via {h.channel}  [{h.status}]")
            print(f"  {inert(h.question)}")  # typed by anyone: never a control sequence for this terminal
            if h.reply:
                print(f"  reply: {inert(h.reply)}")
        return 0
    if not args.id or not args.text or not args.text.strip():
        raise UserError('give the handoff number and the reply: bot.py handoff reply 12 "Yes, clause 7.3 allows it."')
    try:
        hid = int(args.id.lstrip("#"))
    except ValueError:
        raise UserError(f"the handoff number must be a number (see bot.py handoff list), got {args.id!r}") from None
    if handoffs.get(hid) is None:
        raise UserError(f"no handoff #{hid}; see bot.py handoff list")
    # Stored masked (it is kept until delivered), like everything else a person types.
    masker, pseudonyms = privacy(settings)
    h = handoffs.reply(hid, masker.mask(args.text.strip()).text, by=f"terminal:{pseudonyms.of(0)}", delivered=False)
    if h is None:
        raise UserError(f"handoff #{hid} has been answered already")
    print(f"reply to #{hid} saved; it is delivered to the person ({h.channel}) the next time the bot runs or they write")
    return 0


def cmd_stats(args, settings: Settings) -> int:
    from assistant.app import build
    from assistant.reports.stats import build_report, render

    since = parse_date(args.since, "--since") if args.since else 0.0
    index = Path(args.index) if args.index else None
    app = build(settings, index_dir=index)
    report = build_report(_db(settings), since=since, embedder=app.embedder, retriever=app.retriever)
    out = render(report, args.format)
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
        print(f"report written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(out)
    return 0
