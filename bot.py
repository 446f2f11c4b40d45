#!/usr/bin/env python3
"""Commissioning Assistant: the one entry point.

    python bot.py index     [--source DIR] [--index DIR]   build the search index from knowledge/
    python bot.py ask       [QUESTION] [--role R] [--json] [--questions FILE] [--index DIR]
    python bot.py chat      [--role R]                      terminal chat on the conversation core
    python bot.py telegram  [--webhook URL --listen HOST:PORT]   the Telegram bot
    python bot.py checklist list|run ID [--role R]          guided checklists in the terminal
    python bot.py rules     [--sector S] [--topic T] [--role R]
    python bot.py check                                     validate documents, rules, checklists, out-of-scope list
    python bot.py eval      [--questions FILE|DIR] [--source DIR] [--index DIR] | [--all | --libraries FILE]
    python bot.py invite --role officer | revoke ID         officer invite links
    python bot.py officers list | remove ID                 who is an officer; demote one
    python bot.py run                                       what `make run` starts

A message's path: channels/telegram.py or channels/console.py -> core/conversation.py:Core.handle
-> services (answers -> retrieval, checklists, rules) -> storage. `assistant/app.py` wires them.

Every subcommand loads config.yaml, sets up logging, and calls into `assistant/`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"          # never reach for a model hub
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="bot.py", description="Grounded answers about the council's commissioning policy.")
    ap.add_argument("--config", default=str(ROOT / "config.yaml"), help="config file (default: config.yaml)")
    ap.add_argument("-v", "--verbose", action="store_true", help="more logging")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("index", help="build the search index from the knowledge folder")
    p.add_argument("--source", help="knowledge folder (default: knowledge/)")
    p.add_argument("--index", help="index folder (default: indexes/)")

    p = sub.add_parser("ask", help="answer a question from the library")
    p.add_argument("question", nargs="?", help="the question (or use --questions)")
    p.add_argument("--index", help="index folder (default: indexes/)")
    p.add_argument("--role", default=None, help="officer or provider (default: provider, the least privilege)")
    p.add_argument("--json", action="store_true", help="one JSON object per question, one per line")
    p.add_argument("--questions", help="a file of questions, one a line")

    p = sub.add_parser("eval", help="score retrieval and refusals on a question set")
    p.add_argument("--questions", help="YAML file or folder of them (default: eval/dev/)")
    p.add_argument("--source", help="build a fresh index from this folder first")
    p.add_argument("--index", help="index folder (default: indexes/)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--show-failures", dest="verbose", action="store_true", help="list misses and wrong decisions")
    p.add_argument("--all", action="store_true", help="every library in eval/libraries.yaml, one row each")
    p.add_argument("--libraries", metavar="FILE", help="every library in this registry, one row each")

    p = sub.add_parser("chat", help="terminal chat (same core as Telegram)")
    p.add_argument("--role", default=None, help="officer or provider (default: provider)")
    p.add_argument("--index", help="index folder (default: indexes/)")
    p.add_argument("--resume", action="store_true", help="start by re-showing the checklist in progress")

    p = sub.add_parser("telegram", help="run the Telegram bot (TELEGRAM_BOT_TOKEN, optional TELEGRAM_BASE_URL)")
    p.add_argument("--webhook", help="public HTTPS URL for webhook mode (default: long polling)")
    p.add_argument("--listen", default="127.0.0.1:8443", help="HOST:PORT the webhook server binds (default 127.0.0.1:8443)")
    p.add_argument("--index", help="index folder (default: indexes/)")

    p = sub.add_parser("checklist", help="list or walk a guided checklist in the terminal")
    p.add_argument("action", choices=["list", "run"])
    p.add_argument("id", nargs="?")
    p.add_argument("--role", default=None)
    p.add_argument("--index", help="index folder (default: indexes/)")
    p.add_argument("--resume", action="store_true", help="carry on with the run in progress")

    p = sub.add_parser("rules", help="list provider rules with their sources")
    p.add_argument("--sector", help="public-sector, voluntary-community, private-business, plc (or a name/alias)")
    p.add_argument("--topic", help="filter by topic (substring)")
    p.add_argument("--role", default=None)
    p.add_argument("--quote", action="store_true", help="quote each rule's source clause")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("check", help="validate documents, rules, checklists and the out-of-scope list (file:line: problem)")
    p.add_argument("--source", help="knowledge folder (default: knowledge/)")

    p = sub.add_parser("invite", help="make a single-use officer invite link")
    p.add_argument("--role", default="officer")
    p.add_argument("--hours", type=float, default=None, help="valid for this many hours (default from config)")
    p.add_argument("--note", help="who it is for (kept with the invite)")
    p.add_argument("--bot", help="bot username for a t.me link (or TELEGRAM_BOT_USERNAME)")

    p = sub.add_parser("revoke", help="withdraw an invite")
    p.add_argument("invite", help="the invite id (or the whole inv_… payload)")

    p = sub.add_parser("officers", help="list officers, or remove one (back to the default role)")
    p.add_argument("action", choices=["list", "remove"])
    p.add_argument("id", nargs="?", help="the Telegram user id to remove")

    p = sub.add_parser("run", help="build the index if missing, then chat (Telegram if a token is set)")
    p.add_argument("--role", default=None)
    return ap


def main(argv: list[str] | None = None) -> int:
    import signal

    if hasattr(signal, "SIGPIPE"):  # `bot.py rules | head` ends quietly, like any Unix tool
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose and args.command != "eval" else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from assistant import cli
    from assistant.services.roles import SecretKeyError
    from assistant.settings import ConfigError, load_settings
    from assistant.storage.db import StorageError
    from assistant.storage.index_files import IndexError_

    commands = {"index": cli.cmd_index, "ask": cli.cmd_ask, "eval": cli.cmd_eval, "run": cli.cmd_run,
                "chat": cli.cmd_chat, "telegram": cli.cmd_telegram, "checklist": cli.cmd_checklist,
                "rules": cli.cmd_rules, "check": cli.cmd_check, "invite": cli.cmd_invite, "revoke": cli.cmd_revoke,
                "officers": cli.cmd_officers}
    try:
        settings = load_settings(Path(args.config))
        return commands[args.command](args, settings)
    except (cli.UserError, ConfigError, IndexError_, SecretKeyError, StorageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
