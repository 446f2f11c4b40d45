"""The subcommands of `bot.py`: each reads its arguments, calls the app, prints the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.settings import Settings


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
    if args.questions:
        path = Path(args.questions)
        if not path.is_file():
            raise UserError(f"questions file not found: {path}")
        text = path.read_text(encoding="utf-8", errors="replace")
        return [line.rstrip("\r") for line in text.split("\n") if line.strip()]
    if args.question is not None:
        return [args.question]
    if not sys.stdin.isatty():
        return [line for line in sys.stdin.read().splitlines() if line.strip()]
    raise UserError('give a question, e.g. bot.py ask "what are the four steps of commissioning?", '
                    "or --questions FILE")


def render_answer(a) -> str:
    out = [a.text]
    if a.corrected and a.corrected.strip().lower() != a.question.strip().lower() and a.question.strip():
        out.insert(0, f"(searched for: {a.corrected})")
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

    qpath = Path(args.questions) if args.questions else settings.root / "eval" / "dev"
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


def cmd_run(args, settings: Settings) -> int:
    """`make run`: make sure an index exists, then open the chat."""
    from assistant.app import build, load_embedder
    from assistant.services.indexer import build_index
    from assistant.storage.index_files import IndexError_, current_dir

    index_dir = settings.path(settings.index_dir)
    embedder = load_embedder()
    try:
        current_dir(index_dir)
    except IndexError_:
        print("building the index (first run)…", file=sys.stderr)
        report = build_index(settings, source=settings.path(settings.knowledge_dir), index_dir=index_dir, embedder=embedder)
        print(report.table(), file=sys.stderr)
    app = build(settings, index_dir=index_dir, embedder=embedder)
    role = settings.default_role
    print(f"Commissioning Assistant: ask a question about the commissioning policy (role: {role}). "
          "Type 'quit' to leave.")
    while True:
        try:
            line = input("> ")
        except EOFError:
            return 0
        if line.strip().lower() in ("quit", "exit", "/quit"):
            return 0
        print(render_answer(app.answers.answer(line, role=role)))
        print()
