"""The subcommands of `bot.py`: each reads its arguments, calls the app, prints the result."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

from assistant.errors import UserError
from assistant.settings import Settings
from assistant.textnorm import valid_text


def _index_dir(settings: Settings, given: str | None) -> Path:
    return Path(given) if given else settings.path(settings.index_dir)


def cmd_index(args, settings: Settings) -> int:
    from assistant.app import load_embedder

    source = Path(args.source) if args.source else settings.path(settings.knowledge_dir)
    index_dir = _index_dir(settings, args.index)
    if not source.is_dir():
        raise UserError(f"knowledge folder not found: {source}")
    embedder = load_embedder()
    if not getattr(args, "watch", False):
        _index_once(settings, source, index_dir, embedder, full=getattr(args, "full", False))
        return 0
    from assistant.search import scope
    from assistant.index.knowledge_watch import watch

    watched = [source] + [p for p in [scope.scope_file(source, settings.path(settings.out_of_scope))] if p]
    print(f"watching {', '.join(map(str, watched))} (Ctrl-C stops)", file=sys.stderr, flush=True)

    def build() -> None:
        try:
            _index_once(settings, source, index_dir, embedder, full=False)
        except UserError as exc:  # e.g. every document removed mid-edit: say so, keep watching
            print(f"error: {exc}", file=sys.stderr, flush=True)

    watch(watched, build, poll=args.poll, debounce=args.debounce)
    return 0


def _index_once(settings: Settings, source: Path, index_dir: Path, embedder, *, full: bool) -> None:
    from assistant.app import change_log, index_library
    from assistant.library import changes as library_changes

    try:
        report = index_library(settings, source=source, index_dir=index_dir, embedder=embedder, incremental=not full)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(report.table())
    total = sum(report.passages.values())
    print(f"index written to {index_dir} in {report.seconds:.1f} s: {report.encoded} of {total} passages encoded "
          f"({report.encode_seconds:.1f} s), {total - report.encoded} reused", flush=True)
    # The change log lives in the data store: record this build's diff now (a running bot also
    # records it when it reloads; once per build either way).
    from assistant.storage.index_files import current_dir

    try:
        library_changes.record(change_log(settings), current_dir(index_dir))
    except (OSError, sqlite3.Error) as exc:  # the index is published; the running bot records it on reload
        print(f"warning: the change log in {settings.path(settings.data_dir)} was not updated ({exc})", file=sys.stderr)
    counts = {k: sum(1 for c in report.changes if c.kind == k) for k in ("added", "reworded", "removed")}
    if any(counts.values()):
        print("clauses changed: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n)
              + " (python bot.py changes --days 1)", flush=True)


def cmd_changes(args, settings: Settings) -> int:
    """Recent clause changes per document, filtered to what the role may read."""
    from assistant.app import change_log
    from assistant.library import changes as library_changes
    from assistant.storage.index_files import IndexError_, current_dir

    role = _role(settings, args.role)
    if not 0 < args.days <= 3660:
        raise UserError("--days must be between 1 and 3660")
    log = change_log(settings)
    try:  # a build made by something that did not record it (e.g. an older bot.py)
        library_changes.record(log, current_dir(_index_dir(settings, args.index)))
    except IndexError_:
        pass
    changes = log.since(library_changes.recent_since(args.days), audiences=set(settings.roles[role]))
    if args.json:
        for c in sorted(changes, key=lambda c: -c.ts):
            print(json.dumps({**c.to_json(), "date": library_changes.day(c.ts), "ts": c.ts}, ensure_ascii=False))
        return 0
    if not changes:
        print(f"no clauses changed in the last {args.days:g} days (role {role})")
        return 0
    print(library_changes.plain_report(changes))
    return 0


def _role(settings: Settings, role: str | None) -> str:
    role = role or settings.default_role
    if role not in settings.roles:
        raise UserError(f"unknown role {role!r}; choose one of: {', '.join(settings.roles)}")
    return role


def _questions(args) -> list[str]:
    """The questions, as valid Unicode: undecodable bytes (argv, a file, a pipe) become U+FFFD."""
    return [valid_text(q) for q in _raw_questions(args)]


def _raw_questions(args) -> list[str]:
    if args.questions:
        path = Path(args.questions)
        if not path.is_file():
            raise UserError(f"questions file not found: {path}")
        text = path.read_text(encoding="utf-8", errors="replace")
        return [line.rstrip("\r") for line in text.split("\n") if line.strip()]
    if args.question is not None:
        return [args.question]
    if not sys.stdin.isatty():
        text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        return [line for line in text.splitlines() if line.strip()]
    raise UserError('give a question, e.g. bot.py ask "what are the four steps of commissioning?", '
                    "or --questions FILE")


def render_answer(a) -> str:
    out = [a.text]
    if a.corrected and a.corrected.strip().lower() != a.question.strip().lower() and a.question.strip():
        out.insert(0, f"(searched for: {a.corrected})")
    for sector in a.sectors:  # the chat offers the same as a button
        out.append(f"(rules for this sector: python bot.py rules --sector {sector})")
    return "\n".join(out)


def cmd_ask(args, settings: Settings) -> int:
    from assistant.app import build
    from assistant.search.answers import answer_json

    role = _role(settings, args.role)
    questions = _questions(args)
    app = build(settings, index_dir=_index_dir(settings, args.index))
    for q in questions:
        a = app.answers.answer(q, role=role)
        if args.json:
            print(json.dumps(answer_json(a), ensure_ascii=False), flush=True)
        else:
            if len(questions) > 1:
                print(f"Q: {q}")
            print(render_answer(a))
            print()
    return 0


def cmd_eval(args, settings: Settings) -> int:
    from assistant.app import build, index_library, load_embedder
    from assistant.reports.evaluation import evaluate, load_questions
    from assistant.storage.index_files import IndexError_, current_dir

    if args.all or args.libraries:
        return _eval_libraries(args, settings)
    qpath = Path(args.questions) if args.questions else settings.root / "eval" / "dev"
    if not qpath.exists():
        raise UserError(f"questions file not found: {args.questions or qpath}")
    try:
        questions = load_questions(qpath)
    except (OSError, ValueError) as exc:
        raise UserError(str(exc)) from None
    embedder = load_embedder()
    index_dir = _index_dir(settings, args.index)
    if args.source:
        index_library(settings, source=Path(args.source), index_dir=index_dir, embedder=embedder, show_progress=False)
    else:
        try:
            current_dir(index_dir)
        except IndexError_:
            index_library(settings, source=settings.path(settings.knowledge_dir), index_dir=index_dir,
                          embedder=embedder, show_progress=False)
    app = build(settings, index_dir=index_dir, embedder=embedder)
    report = evaluate(questions, app.answers.answer, settings.roles)
    figures = report.figures()
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:<28}{value}")
        if args.verbose:
            print("\n".join(report.failures()))
    return 0


def _eval_libraries(args, settings: Settings) -> int:
    """`bot.py eval --all` / `--libraries FILE`: every library of a registry, one row each, then the
    worst row. Each library's index lives under `<index dir>/eval/<name>` and is rebuilt only when
    the library, the config or the index format changed."""
    from assistant.app import library_app, load_embedder
    from assistant.reports.evaluation import evaluate, library_table, load_libraries, load_questions, worst_row

    registry = Path(args.libraries) if args.libraries else settings.root / "eval" / "libraries.yaml"
    try:
        libraries = load_libraries(registry)
        questions = {lib.name: load_questions(lib.questions) for lib in libraries}
    except (OSError, ValueError) as exc:
        raise UserError(str(exc)) from None
    if not libraries:
        raise UserError(f"{registry}: no libraries listed")
    embedder = load_embedder()
    base = _index_dir(settings, args.index) / "eval"
    rows: dict[str, dict] = {}
    failures: dict[str, list[str]] = {}
    for lib in libraries:
        if not lib.source.is_dir():
            raise UserError(f"{registry}: library {lib.name}: folder not found: {lib.source}")
        app = library_app(settings, source=lib.source, index_dir=base / lib.name, embedder=embedder)
        report = evaluate(questions[lib.name], app.answers.answer, settings.roles)
        rows[lib.name] = report.figures()
        failures[lib.name] = report.failures()
    if args.json:
        print(json.dumps({"libraries": rows, "worst": worst_row(rows)}))
    else:
        print(library_table(rows))
        if args.verbose:
            for name, lines in failures.items():
                print(f"\n[{name}]\n" + "\n".join(lines))
    return 0


def cmd_run(args, settings: Settings) -> int:
    """`make run`: (re)build the index if it is missing or stale, then Telegram if a token is set, else the terminal chat."""
    from assistant.app import index_library, load_embedder
    from assistant.index.indexer import is_stale
    from assistant.storage.index_files import IndexError_, current_dir

    index_dir = settings.path(settings.index_dir)
    source = settings.path(settings.knowledge_dir)
    try:
        current_dir(index_dir)
        why = is_stale(settings, source=source, index_dir=index_dir)
    except IndexError_:
        why = "first run"
    embedder = None
    if why:
        print(f"building the index ({why})…", file=sys.stderr, flush=True)
        embedder = load_embedder()
        report = index_library(settings, source=source, index_dir=index_dir, embedder=embedder)
        for problem in report.problems:
            print(f"warning: {problem}", file=sys.stderr)
        print(report.table(), file=sys.stderr)
    if os.environ.get("TELEGRAM_BOT_TOKEN"):
        return cmd_telegram(args, settings)
    args.index, args.role, args.resume = None, getattr(args, "role", None), False
    args.embedder = embedder  # loaded once: the build's model serves the chat too
    return cmd_chat(args, settings)


def cmd_check(args, settings: Settings) -> int:
    from assistant.library.check import check_library

    report = check_library(settings, Path(args.source) if args.source else None)
    for p in report.problems:
        print(p)
    for note in _changed_sources(settings, Path(args.source) if args.source else None, args.days):
        print(f"note: {note}")
    status = "ok" if report.ok else f"{len(report.problems)} problem(s)"
    print(f"{status}: {report.documents} documents, {report.passages} passages, {report.rules} rules, "
          f"{report.checklists} checklists, {report.out_of_scope} out-of-scope topics", file=sys.stderr if not report.ok else sys.stdout)
    return 0 if report.ok else 1


def _changed_sources(settings: Settings, source: Path | None, days: float) -> list[str]:
    """Rules and checklist steps quoting a clause reworded or removed in the last `days` days
    (from the change log, when there is one: `bot.py check` needs no index and no model)."""
    from assistant.app import change_log, load_checklists, load_rules
    from assistant.library import changes as library_changes

    if not (settings.path(settings.data_dir) / "assistant.sqlite3").exists():
        return []
    changes = change_log(settings).since(library_changes.recent_since(days))
    if not changes:
        return []
    root = source or settings.path(settings.knowledge_dir)
    catalogue = load_rules(root)
    checklists, _ = load_checklists(root)
    return [str(q) for q in library_changes.quoting_changed(changes, rules=catalogue, checklists=checklists)]


def cmd_rules(args, settings: Settings) -> int:
    from assistant.app import library_clauses, load_rules
    from assistant.yamlfile import YamlProblem

    role = _role(settings, args.role)
    path = settings.path(settings.knowledge_dir) / "rules.yaml"
    if not path.exists():
        raise UserError(f"no rules catalogue at {path}")
    try:
        cat = load_rules(path.parent, strict=True)
    except YamlProblem as p:
        raise UserError(str(p)) from None
    sector = None
    if args.sector:
        sector = cat.sector_id(args.sector)
        if sector is None:
            raise UserError(f"unknown sector {args.sector!r}; choose one of: "
                            + ", ".join(f"{s.name} ({sid})" for sid, s in cat.sectors.items()))
    allowed = set(settings.roles[role])
    clauses = library_clauses(settings)
    rules = cat.select(audiences=allowed, sector=sector, topic=args.topic, clauses=clauses)
    quotes = {}
    if args.quote:
        quotes = {r.id: [p for p in clauses.resolve(r.source) if p.audience in allowed] for r in rules}
    if args.json:
        for r in rules:
            print(json.dumps({"id": r.id, "sector": r.sector, "topic": r.topic, "rule": r.rule, "audience": r.audience,
                              "source": r.source.model_dump()}, ensure_ascii=False))
        return 0
    if not rules:
        print("No rules match. Topics: " + ", ".join(cat.topic_title(t) for t in cat.topics()))
        return 0
    groups = cat.by_topic(rules)
    who = cat.sectors[sector].name if sector and sector in cat.sectors else "All sectors"
    print(f"{who}: {len(rules)} rule{'s' * (len(rules) != 1)} in {len(groups)} topic{'s' * (len(groups) != 1)}")
    for topic, members in groups:
        print(f"\n{cat.topic_title(topic)}")
        for r in members:
            sectors = "" if sector else "  (" + ", ".join(cat.sectors[s].name if s in cat.sectors else s
                                                          for s in r.sector) + ")"
            print(f"  {r.id}  {r.rule}{sectors}")
            print(f"        source: {r.source}")
            for p in quotes.get(r.id, []):
                print(f"        “{p.text}”")
    return 0


CONSOLE_USER = 1  # the terminal's own user id in storage; the terminal user is the local admin


def _login_name() -> str:
    """The name a decision record gives as "Completed by" in the terminal: the login's full name
    (GECOS) if set, else the login name."""
    import getpass

    try:
        login = getpass.getuser()
    except Exception:  # no login name (a container without a passwd entry)
        return ""
    try:
        import pwd

        full = pwd.getpwnam(login).pw_gecos.split(",")[0].strip()
    except Exception:
        full = ""
    return full or login


def _console_app(settings: Settings, index: str | None, role: str, embedder=None):
    from assistant.app import console_app

    return console_app(settings, index_dir=_index_dir(settings, index), user_id=CONSOLE_USER, role=role,
                       embedder=embedder)


def _tolerant_stdin() -> None:
    """Typed bytes that are not UTF-8 become U+FFFD instead of ending the session with a traceback."""
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")


def cmd_chat(args, settings: Settings) -> int:
    from assistant.channels.console import InterruptibleInput, run_console
    from assistant.core.events import Event

    from assistant.app import make_reloader
    from assistant.index.hot_reload import install_sighup

    _tolerant_stdin()
    role = _role(settings, args.role)
    app = _console_app(settings, args.index, role, getattr(args, "embedder", None))
    # A newly published index is picked up between two questions (no notices from the terminal:
    # the Telegram bot sends those).
    reloader = make_reloader(app, getattr(args, "reload_every", None)).start()
    install_sighup(reloader)
    print(f"Commissioning Assistant (terminal chat, role: {role}). Type a question, /help, or 'quit'.")
    return run_console(app.core.handle, user_id=CONSOLE_USER, name=_login_name(), read=InterruptibleInput(),
                       opening=[Event(CONSOLE_USER, "command", command="resume")]
                       if args.resume else None)


def cmd_checklist(args, settings: Settings) -> int:
    from assistant.channels.console import InterruptibleInput, run_console
    from assistant.core.events import Event

    if args.action == "list":
        from assistant.app import load_checklists

        role = _role(settings, args.role)
        loaded, problems = load_checklists(settings.path(settings.knowledge_dir))
        for p in problems:
            print(f"warning: {p}", file=sys.stderr)
        hidden: dict[str, int] = {}
        for lc in loaded.values():
            c = lc.checklist
            if c.audience in settings.roles[role]:
                print(f"{c.id:<28} {c.title} (v{c.version}, {c.audience})")
            else:
                for other, audiences in settings.roles.items():
                    if c.audience in audiences:
                        hidden[other] = hidden.get(other, 0) + 1
        for other, n in hidden.items():
            print(f"({n} more for {other}s)")
        return 0
    if not args.id:
        raise UserError("give the checklist id: bot.py checklist run ID (see bot.py checklist list)")
    _tolerant_stdin()
    role = _role(settings, args.role)
    app = _console_app(settings, args.index, role)
    if args.id not in {c.id for c in app.checklists.visible(role)}:
        raise UserError(f"no checklist {args.id!r} for role {role}; see bot.py checklist list --role {role}")
    opening = [Event(CONSOLE_USER, "command", command="resume")] if args.resume else \
        [Event(CONSOLE_USER, "command", command="start", args=f"checklist_{args.id}")]
    return run_console(app.core.handle, user_id=CONSOLE_USER, name=_login_name(), opening=opening,
                       read=InterruptibleInput(),
                       stop_when=lambda replies: any(r.files for r in replies),
                       interrupted=(f"saved — resume with --resume: python bot.py checklist run {args.id} --resume", 130))


def cmd_invite(args, settings: Settings) -> int:
    from assistant.app import admin_roles

    from assistant.library.roles import check_hours

    hours = settings.telegram.invite_hours if args.hours is None else args.hours
    try:
        check_hours(hours)
    except ValueError as exc:
        raise UserError(f"--hours: {exc}") from None
    roles = admin_roles(settings)
    try:
        inv, payload = roles.make_invite(args.role, hours=hours, note=valid_text(args.note or ""))
    except ValueError as exc:
        raise UserError(str(exc)) from None
    bot = args.bot or os.environ.get("TELEGRAM_BOT_USERNAME", "")
    link = f"https://t.me/{bot}?start={payload}" if bot else f"/start {payload}"
    print(link)
    print(f"single use, role {inv.role}, expires in {hours:g} h; "
          f"withdraw it with: python bot.py revoke {inv.invite_id}", file=sys.stderr)
    return 0


def cmd_revoke(args, settings: Settings) -> int:
    from assistant.app import admin_roles

    invite = valid_text(args.invite)  # undecodable argv bytes: U+FFFD, which names no invite
    done = admin_roles(settings).revoke(invite)
    if done.outcome == "revoked":
        print(f"revoked {invite}")
        return 0
    if done.outcome == "used":
        inv = done.invite
        raise UserError(f"invite {inv.invite_id} was already used by user {inv.used_by}, so revoking it changes "
                        f"nothing: user {inv.used_by} stays an {inv.role} until you run: "
                        f"python bot.py officers remove {inv.used_by}")
    raise UserError(f"no open invite {invite!r}")


def _when(ts: float | None) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if ts else "-"


def cmd_officers(args, settings: Settings) -> int:
    """`officers list`: who is an officer, since when, by what; `officers remove ID`: demote one."""
    from assistant.app import admin_roles

    roles = admin_roles(settings)
    if args.action == "list":
        officers = roles.officers()
        if not officers:
            print("No officers. Add one with: python bot.py invite --role officer")
            return 0
        print(f"{'USER ID':<14}{'SINCE':<22}VIA")
        for o in officers:
            note = "  (a shared id: never treated as an officer)" if o.shared else ""
            print(f"{o.user_id:<14}{_when(o.since):<22}{o.via}{note}")
        return 0
    if args.id is None:
        raise UserError("give the user id: python bot.py officers remove ID (see python bot.py officers list)")
    try:
        user_id = int(args.id)
        if not 0 < user_id < 2**63:  # what the users table (SQLite INTEGER) can hold
            raise ValueError
    except ValueError:
        raise UserError(f"{valid_text(args.id)!r} is not a Telegram user id (a positive whole number; "
                        "see python bot.py officers list)") from None
    done, message = roles.remove_officer(user_id)
    if not done:
        raise UserError(message)
    print(message)
    return 0


def cmd_telegram(args, settings: Settings) -> int:
    from assistant.app import serve_telegram

    return serve_telegram(settings, webhook=getattr(args, "webhook", None), listen=getattr(args, "listen", "127.0.0.1:8443"),
                        index=getattr(args, "index", None), reload_every=getattr(args, "reload_every", None))
