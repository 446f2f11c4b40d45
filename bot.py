#!/usr/bin/env python3
"""Commissioning Assistant: the one entry point.

    python bot.py index     [--source DIR] [--index DIR] [--watch] [--full]   build the search index (incremental)
    python bot.py changes   [--days N] [--role R] [--json]  clauses added, reworded or removed recently
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
    python bot.py purge     [--now DATE]                    delete logs older than retention_days
    python bot.py handoff   list | reply ID "TEXT"          questions passed to a person (terminal queue)
    python bot.py stats     [--since DATE] [--format text|csv|html] [--out FILE]   the content-gap report

A message's path: channels/telegram.py or channels/console.py -> core/conversation.py:Core.handle
-> search (answers -> pipeline), checklists, library (rules, roles) -> storage. `assistant/app.py`
builds and wires them (docs/architecture.md).

Every subcommand loads config.yaml, sets up logging, and calls into `assistant/`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent

from assistant.offline import go_offline  # noqa: E402

go_offline()  # never reach for a model hub


def _roles() -> list[str]:
    """The roles of the shipped config, for --help (a run checks the role against its own config)."""
    try:
        import yaml

        return list((yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8")) or {}).get("roles") or {}) \
            or ["officer", "provider"]
    except Exception:  # --help must work even with a broken config
        return ["officer", "provider"]


def parser() -> argparse.ArgumentParser:
    roles = _roles()
    role_help = (f"who you are: {' or '.join(roles)}; a provider sees public documents only "
                 f"(default: provider, the least privilege), e.g. --role officer")
    fmt = argparse.RawDescriptionHelpFormatter
    ap = argparse.ArgumentParser(
        prog="bot.py", formatter_class=fmt,
        description="Commissioning Assistant: grounded answers about the council's commissioning policy, quoting\n"
                    "the clause and citing document, section and clause, and guided checklists ending in a\n"
                    "decision record. Every command reads config.yaml and the knowledge/ folder.",
        epilog="examples:\n  python bot.py run                       first run: build the index, then chat\n"
               "  python bot.py ask \"who approves a £60,000 contract?\"\n"
               "  python bot.py COMMAND --help            the options of one command, with examples")
    ap.add_argument("--config", default=str(ROOT / "config.yaml"),
                    help="config file (default: config.yaml), e.g. --config /etc/assistant/config.yaml")
    ap.add_argument("-v", "--verbose", action="store_true", help="log debugging detail to stderr, e.g. bot.py -v chat")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str, *examples: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=summary, description=description, formatter_class=fmt,
                              epilog="examples:\n" + "\n".join(f"  python bot.py {e}" for e in examples))

    index_help = "index folder (default: indexes/), e.g. --index /tmp/test-index"

    p = command("index", "build the search index from the knowledge folder",
                "Read every document in the knowledge folder, split it into clauses and build the search index.\n"
                "Run it after changing a document; `run` does it for you when the index is missing or stale.",
                "index", "index --source ../other-council/knowledge --index /tmp/other-index", "index --watch")
    p.add_argument("--source", help="knowledge folder (default: knowledge/), e.g. --source ../other-council/knowledge")
    p.add_argument("--index", help=index_help)
    p.add_argument("--watch", action="store_true", help="keep running: rebuild when the knowledge folder changes, e.g. --watch")
    p.add_argument("--full", action="store_true", help="re-parse and re-embed everything (default: only what changed), e.g. --full")
    p.add_argument("--poll", type=float, default=1.0, help="with --watch: seconds between looks (default 1), e.g. --poll 5")
    p.add_argument("--debounce", type=float, default=2.0,
                   help="with --watch: quiet seconds after an edit before building (default 2), e.g. --debounce 10")

    p = command("changes", "clauses added, reworded or removed in recent index builds",
                "List the clauses each recent index build added, reworded or removed, per document, with the old\n"
                "and the new text; only what the role may read.", "changes", "changes --days 7 --role officer")
    p.add_argument("--days", type=float, default=30, help="how far back (default 30), e.g. --days 7")
    p.add_argument("--role", default=None, metavar="{" + ",".join(roles) + "}", help=role_help)
    p.add_argument("--index", help=index_help)
    p.add_argument("--json", action="store_true", help="one JSON object per change, e.g. --json")

    p = command("ask", "answer a question from the library",
                "Answer one question (or a file of them) by quoting the clause that answers it, or say plainly\n"
                "that the library does not cover it.",
                'ask "what are the four steps of commissioning?"',
                'ask "what is the hourly rate ceiling for home care?" --role officer --json',
                "ask --questions questions.txt")
    p.add_argument("question", nargs="?", help='the question, e.g. "who approves a £60,000 contract?" (or use --questions)')
    p.add_argument("--index", help=index_help)
    p.add_argument("--role", default=None, metavar="{" + ",".join(roles) + "}", help=role_help)
    p.add_argument("--json", action="store_true", help="one JSON object per question, one per line, e.g. ask --json \"…\"")
    p.add_argument("--questions", help="a text file of questions, one a line, e.g. --questions questions.txt")

    p = command("eval", "score retrieval and refusals on a question set",
                "Score the library on a set of questions: recall, MRR, refusals of what it does not cover and\n"
                "provider leaks. Builds the index first if there is none.",
                "eval", "eval --questions eval/dev --show-failures", "eval --source tests/data/other_council --json",
                "eval --all", "eval --libraries eval/libraries.yaml --json")
    p.add_argument("--questions", help="a YAML question file or a folder of them (default: eval/dev/), e.g. --questions eval/dev")
    p.add_argument("--source", help="build a fresh index from this knowledge folder first, e.g. --source tests/data/other_council")
    p.add_argument("--index", help=index_help)
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object, e.g. eval --json")
    p.add_argument("--show-failures", dest="verbose", action="store_true",
                   help="list misses and wrong decisions, e.g. eval --show-failures")
    p.add_argument("--all", action="store_true",
                   help="every library of eval/libraries.yaml, one row each plus the worst row, e.g. eval --all")
    p.add_argument("--libraries", metavar="FILE",
                   help="every library of this registry, one row each, e.g. --libraries eval/libraries.yaml")

    p = command("chat", "terminal chat (same core as Telegram)",
                "Chat in the terminal: type a question or a /command; [1], [2] … are buttons, type the number to\n"
                "press one. 'quit' or Ctrl-D leaves.", "chat", "chat --role officer", "chat --resume")
    p.add_argument("--role", default=None, metavar="{" + ",".join(roles) + "}", help=role_help)
    p.add_argument("--index", help=index_help)
    p.add_argument("--resume", action="store_true", help="start by re-showing the checklist in progress, e.g. chat --resume")
    p.add_argument("--reload-every", dest="reload_every", type=float, default=None,
                   help="seconds between looks for a new index (default 2, or ASSISTANT_RELOAD_SECONDS; 0: SIGHUP only), e.g. --reload-every 10")

    p = command("telegram", "run the Telegram bot (TELEGRAM_BOT_TOKEN, optional TELEGRAM_BASE_URL)",
                "Run the Telegram bot with the token from @BotFather in TELEGRAM_BOT_TOKEN; long polling unless\n"
                "--webhook is given. TELEGRAM_BASE_URL points it at another Bot API server.",
                "telegram", "telegram --webhook https://bot.example.org/telegram --listen 127.0.0.1:8443")
    p.add_argument("--webhook", help="public HTTPS URL for webhook mode (default: long polling), "
                                     "e.g. --webhook https://bot.example.org/telegram")
    p.add_argument("--listen", default="127.0.0.1:8443",
                   help="HOST:PORT the webhook server binds (default 127.0.0.1:8443), e.g. --listen 0.0.0.0:8443")
    p.add_argument("--index", help=index_help)
    p.add_argument("--reload-every", dest="reload_every", type=float, default=None,
                   help="seconds between looks for a new index (default 2, or ASSISTANT_RELOAD_SECONDS; 0: SIGHUP only), e.g. --reload-every 10")

    p = command("checklist", "list or walk a guided checklist in the terminal",
                "List the guided checklists your role may use, or walk one step by step to its decision record.\n"
                "Ctrl-C saves your place; --resume carries on.",
                "checklist list", "checklist run choose-route", "checklist run choose-route --resume")
    p.add_argument("action", choices=["list", "run"], help="list the checklists, or run one, e.g. checklist list")
    p.add_argument("id", nargs="?", help="the checklist to run (see checklist list), e.g. choose-route")
    p.add_argument("--role", default=None, metavar="{" + ",".join(roles) + "}", help=role_help)
    p.add_argument("--index", help=index_help)
    p.add_argument("--resume", action="store_true", help="carry on with the run in progress, e.g. checklist run choose-route --resume")

    p = command("rules", "list provider rules with their sources",
                "The short rules providers must follow, grouped by topic, each with the clause it comes from.",
                "rules --sector charities", 'rules --sector "NHS trust" --topic payment --quote', "rules --json")
    p.add_argument("--sector", help="a sector id, its name, or a word rules.yaml knows for it, e.g. --sector charities "
                                    "or --sector \"sole traders\"")
    p.add_argument("--topic", help="only this topic (a part of its title), e.g. --topic payment")
    p.add_argument("--role", default=None, metavar="{" + ",".join(roles) + "}", help=role_help)
    p.add_argument("--quote", action="store_true", help="quote each rule's source clause, e.g. rules --quote")
    p.add_argument("--json", action="store_true", help="one JSON object per rule, e.g. rules --json")

    p = command("check", "validate documents, rules, checklists and the out-of-scope list (file:line: problem)",
                "Check every file in the knowledge folder; each problem is printed as file:line: what is wrong.\n"
                "Exit code 1 when there are problems.", "check", "check --source ../other-council/knowledge")
    p.add_argument("--source", help="knowledge folder (default: knowledge/), e.g. --source ../other-council/knowledge")
    p.add_argument("--days", type=float, default=30,
                   help="also note rules and checklists quoting a clause changed in this many days (default 30), e.g. --days 90")

    p = command("invite", "make a single-use officer invite link",
                "Print a single-use link that makes whoever opens it an officer in Telegram.",
                "invite", 'invite --hours 24 --note "Sam, adult social care" --bot my_council_bot')
    p.add_argument("--role", default="officer", metavar="{" + ",".join(roles) + "}",
                   help="the role the link grants (default: officer), e.g. --role officer")
    p.add_argument("--hours", type=float, default=None, help="valid for this many hours (default from config), e.g. --hours 24")
    p.add_argument("--note", help="who it is for (kept with the invite), e.g. --note \"Sam, adult social care\"")
    p.add_argument("--bot", help="bot username for a t.me link (or TELEGRAM_BOT_USERNAME), e.g. --bot my_council_bot")

    p = command("revoke", "withdraw an invite", "Withdraw an invite that has not been used yet.", "revoke 3")
    p.add_argument("invite", help="the invite id (or the whole inv_… payload), e.g. 3")

    p = command("officers", "list officers, or remove one (back to the default role)",
                "List who is an officer (by allowlist or invite), or remove one: they go back to the default role.",
                "officers list", "officers remove 7001")
    p.add_argument("action", choices=["list", "remove"], help="list the officers, or remove one, e.g. officers list")
    p.add_argument("id", nargs="?", help="the Telegram user id to remove, e.g. 7001")

    p = command("run", "build the index if missing, then chat (Telegram if a token is set)",
                "What `make run` starts: build the index when it is missing or stale, then the Telegram bot if\n"
                "TELEGRAM_BOT_TOKEN is set, else the terminal chat.", "run", "run --role officer")
    p.add_argument("--role", default=None, metavar="{" + ",".join(roles) + "}", help=role_help)

    # Issue 12: privacy, a person to ask, the content-gap report (assistant/cli_people.py).
    p = command("purge", "delete logs, feedback, audit and handoff history older than retention_days",
                "Delete what people asked and did (log, answers and votes, audit trail, closed handoffs, saved\n"
                "reports) older than retention_days in config.yaml; decision records by decision_record_days.\n"
                "The Telegram bot runs this once a day.", "purge", "purge --now 2026-06-01")
    p.add_argument("--now", help="purge as if it were this date (YYYY-MM-DD), for a test or a catch-up, e.g. --now 2027-03-01")

    p = command("handoff", "questions passed to a person: list them, or reply to one",
                "The queue of questions people asked to pass to a person (\"Ask a person\", /human). A reply\n"
                "reaches the person in the terminal chat, or on Telegram through the running bot.",
                "handoff list", 'handoff reply 12 "Yes: clause 7.3 allows one extension."')
    p.add_argument("action", choices=["list", "reply"])
    p.add_argument("id", nargs="?", help="the handoff number (from list), e.g. 12")
    p.add_argument("text", nargs="?", help="the reply, in quotes")
    p.add_argument("--all", action="store_true", help="list answered handoffs too, e.g. --all")

    p = command("stats", "the content-gap report: questions, answer rate, votes, topics not answered",
                "What policy owners read to decide which clause to write next (personal details masked).",
                "stats", "stats --since 2026-01-01 --format html --out report.html")
    p.add_argument("--since", help="only questions from this date (YYYY-MM-DD), e.g. --since 2026-11-01")
    p.add_argument("--format", choices=["text", "csv", "html"], default="text",
                   help="text (default), csv or html, e.g. --format html")
    p.add_argument("--out", help="write to this file instead of standard output, e.g. --out gaps.html")
    p.add_argument("--index", help=index_help)
    return ap


def rebuild_hint(message: str, args) -> str:
    """An index error's rebuild command with the --config and --index this run was given, so
    running it rebuilds the index that was refused, not the default one."""
    import shlex

    from assistant.storage.index_files import REBUILD

    head, _, sub = REBUILD.rpartition(" ")
    config = f" --config {shlex.quote(args.config)}" if args.config != str(ROOT / "config.yaml") else ""
    index = f" --index {shlex.quote(args.index)}" if getattr(args, "index", None) else ""
    return message.replace(f"`{REBUILD}`", f"`{head}{config} {sub}{index}`")


def main(argv: list[str] | None = None) -> int:
    import signal

    if hasattr(signal, "SIGPIPE"):  # `bot.py rules | head` ends quietly, like any Unix tool
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose and args.command != "eval" else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from assistant import cli
    from assistant.library.roles import SecretKeyError
    from assistant.settings import ConfigError, load_settings
    from assistant.errors import StorageError, UserError
    from assistant.storage.index_files import IndexError_

    commands = {"index": cli.cmd_index, "ask": cli.cmd_ask, "eval": cli.cmd_eval, "run": cli.cmd_run,
                "chat": cli.cmd_chat, "telegram": cli.cmd_telegram, "checklist": cli.cmd_checklist,
                "rules": cli.cmd_rules, "check": cli.cmd_check, "changes": cli.cmd_changes, "invite": cli.cmd_invite, "revoke": cli.cmd_revoke,
                "officers": cli.cmd_officers}
    from assistant import cli_people

    commands.update(purge=cli_people.cmd_purge, handoff=cli_people.cmd_handoff, stats=cli_people.cmd_stats)
    try:
        settings = load_settings(Path(args.config))
        return commands[args.command](args, settings)
    except IndexError_ as exc:
        print(f"error: {rebuild_hint(str(exc), args)}", file=sys.stderr)
        return 2
    except (UserError, ConfigError, SecretKeyError, StorageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
