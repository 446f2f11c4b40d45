"""The subcommands of `bot.py`: each reads its arguments, calls the app, prints the result."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from assistant.settings import Settings
from assistant.textnorm import valid_text


class UserError(Exception):
    """A problem the person at the terminal can fix; printed as one line, exit code 2."""


def _index_dir(settings: Settings, given: str | None) -> Path:
    return Path(given) if given else settings.path(settings.index_dir)


def cmd_index(args, settings: Settings) -> int:
    from assistant.app import load_embedder
    from assistant.services.indexer import build_index

    source = Path(args.source) if args.source else settings.path(settings.knowledge_dir)
    index_dir = _index_dir(settings, args.index)
    if not source.is_dir():
        raise UserError(f"knowledge folder not found: {source}")
    embedder = load_embedder()
    try:
        report = build_index(settings, source=source, index_dir=index_dir, embedder=embedder)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print(report.table())
    print(f"index written to {index_dir} in {report.seconds:.1f} s "
          f"({report.encode_seconds:.1f} s encoding)")
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
    from assistant.services.answers import answer_json

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
    from assistant.app import build, load_embedder
    from assistant.services.evaluation import evaluate, load_questions
    from assistant.services.indexer import build_index
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
        build_index(settings, source=Path(args.source), index_dir=index_dir, embedder=embedder, show_progress=False)
    else:
        try:
            current_dir(index_dir)
        except IndexError_:
            build_index(settings, source=settings.path(settings.knowledge_dir), index_dir=index_dir,
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
    from assistant.app import build, load_embedder
    from assistant.services.evaluation import evaluate, library_table, load_libraries, load_questions, worst_row
    from assistant.services.indexer import build_index, is_stale

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
        index_dir = base / lib.name
        if is_stale(settings, source=lib.source, index_dir=index_dir):
            build_index(settings, source=lib.source, index_dir=index_dir, embedder=embedder, show_progress=False)
        app = build(settings, index_dir=index_dir, embedder=embedder)
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
    from assistant.app import load_embedder
    from assistant.services.indexer import build_index, is_stale
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
        report = build_index(settings, source=source, index_dir=index_dir, embedder=embedder)
        for problem in report.problems:
            print(f"warning: {problem}", file=sys.stderr)
        print(report.table(), file=sys.stderr)
    if os.environ.get("TELEGRAM_BOT_TOKEN"):
        return cmd_telegram(args, settings)
    args.index, args.role, args.resume = None, getattr(args, "role", None), False
    args.embedder = embedder  # loaded once: the build's model serves the chat too
    return cmd_chat(args, settings)


def cmd_check(args, settings: Settings) -> int:
    from assistant.services.library_check import check_library

    report = check_library(settings, Path(args.source) if args.source else None)
    for p in report.problems:
        print(p)
    status = "ok" if report.ok else f"{len(report.problems)} problem(s)"
    print(f"{status}: {report.documents} documents, {report.passages} passages, {report.rules} rules, "
          f"{report.checklists} checklists, {report.out_of_scope} out-of-scope topics", file=sys.stderr if not report.ok else sys.stdout)
    return 0 if report.ok else 1


def cmd_rules(args, settings: Settings) -> int:
    from assistant.services.references import ClauseIndex
    from assistant.services.rules import load_catalogue
    from assistant.yamlfile import YamlProblem

    role = _role(settings, args.role)
    path = settings.path(settings.knowledge_dir) / "rules.yaml"
    if not path.exists():
        raise UserError(f"no rules catalogue at {path}")
    try:
        cat, _ = load_catalogue(path)
    except YamlProblem as p:
        raise UserError(str(p)) from None
    sector = None
    if args.sector:
        sector = cat.sector_id(args.sector)
        if sector is None:
            raise UserError(f"unknown sector {args.sector!r}; choose one of: "
                            + ", ".join(f"{s.name} ({sid})" for sid, s in cat.sectors.items()))
    rules = cat.select(audiences=set(settings.roles[role]), sector=sector, topic=args.topic)
    quotes = {}
    if args.quote:
        from assistant.services.library import load_library

        lib = load_library(settings)
        clauses = ClauseIndex(lib.passages)
        quotes = {r.id: clauses.resolve(r.source) for r in rules}
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


def loading_notice(embedder=None) -> None:
    """Loading the model takes seconds: say so at once rather than sit silent."""
    print("loading the index…" if embedder is not None else "loading the model and index…", file=sys.stderr, flush=True)


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
    """The core with the terminal's role as a session override: the database (which the Telegram
    bot reads too) never learns that user 1 is an officer."""
    from assistant.app import build

    loading_notice(embedder)
    app = build(settings, index_dir=_index_dir(settings, index), conversation=True, throttle=False,
                session_roles={CONSOLE_USER: role}, embedder=embedder)
    old = app.roles.users.get(CONSOLE_USER)
    if old is not None and old.granted_by == "terminal" and old.role != settings.default_role:
        # an earlier version stored the terminal's --role; take that grant back
        app.roles.users.set_role(CONSOLE_USER, settings.default_role, granted_by="terminal session (not stored)")
    return app


def _tolerant_stdin() -> None:
    """Typed bytes that are not UTF-8 become U+FFFD instead of ending the session with a traceback."""
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")


def cmd_chat(args, settings: Settings) -> int:
    from assistant.channels.console import run_console
    from assistant.core.events import Event

    _tolerant_stdin()
    role = _role(settings, args.role)
    app = _console_app(settings, args.index, role, getattr(args, "embedder", None))
    print(f"Commissioning Assistant (terminal chat, role: {role}). Type a question, /help, or 'quit'.")
    return run_console(app.core.handle, user_id=CONSOLE_USER, name=_login_name(), opening=[Event(CONSOLE_USER, "command", command="resume")]
                       if args.resume else None)


def cmd_checklist(args, settings: Settings) -> int:
    from assistant.channels.console import run_console
    from assistant.core.events import Event

    if args.action == "list":
        from assistant.services.checklists import load_all

        role = _role(settings, args.role)
        loaded, problems = load_all(settings.path(settings.knowledge_dir) / "checklists")
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
                       stop_when=lambda replies: any(r.files for r in replies),
                       interrupted=(f"saved — resume with --resume: python bot.py checklist run {args.id} --resume", 130))


def cmd_invite(args, settings: Settings) -> int:
    from assistant.app import admin_roles

    from assistant.services.roles import check_hours

    hours = settings.telegram.invite_hours if args.hours is None else args.hours
    try:
        check_hours(hours)
    except ValueError as exc:
        raise UserError(f"--hours: {exc}") from None
    roles = admin_roles(settings)
    try:
        inv, payload = roles.make_invite(args.role, hours=hours, note=args.note or "")
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

    done = admin_roles(settings).revoke(args.invite)
    if done.outcome == "revoked":
        print(f"revoked {args.invite}")
        return 0
    if done.outcome == "used":
        inv = done.invite
        raise UserError(f"invite {inv.invite_id} was already used by user {inv.used_by}, so revoking it changes "
                        f"nothing: user {inv.used_by} stays an {inv.role} until you run: "
                        f"python bot.py officers remove {inv.used_by}")
    raise UserError(f"no open invite {args.invite!r}")


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
    except ValueError:
        raise UserError(f"{args.id!r} is not a Telegram user id (a whole number; see python bot.py officers list)") from None
    done, message = roles.remove_officer(user_id)
    if not done:
        raise UserError(message)
    print(message)
    return 0


def cmd_telegram(args, settings: Settings) -> int:
    from assistant.channels.telegram import run_telegram

    return run_telegram(settings, webhook=getattr(args, "webhook", None), listen=getattr(args, "listen", "127.0.0.1:8443"),
                        index=getattr(args, "index", None))
