"""The one place where parts are built and wired together.

Channels get a `Core` (or an `App`) and call `core.handle(event)`; every CLI command, the Telegram
channel, the scripts and the benches get their parts from here, and nothing else constructs a
service or opens a store. Loading the model is the slow part (seconds), so it happens once per
process; after that every answer is warm.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.index.embedder import Embedder
from assistant.search.answers import AnswerService, Calibration, Thresholds
from assistant.search.pipeline import Retriever
from assistant.settings import Settings

if TYPE_CHECKING:  # only for the types below; these modules load with the chat channels
    from assistant.checklists.runs import ChecklistService, LoadedChecklist
    from assistant.core.conversation import Core
    from assistant.core.live import LiveLibrary
    from assistant.core.people import People
    from assistant.library.references import ClauseIndex
    from assistant.library.roles import Roles
    from assistant.library.rules import Catalogue
    from assistant.storage.changes import ChangeLog
    from assistant.storage.db import Database


def quiet_model_logs() -> None:
    """Keep stdout for answers: the model libraries' progress bars and notices go nowhere."""
    import logging
    import os

    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import bm25s  # noqa: F401  (it sets its own logger to DEBUG when imported, so import it before quieting)

    for name in ("sentence_transformers", "transformers", "huggingface_hub", "bm25s", "faiss"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        import transformers

        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
    except Exception:
        pass


def limit_blas_threads() -> None:
    """Leave the cores to torch. numpy's OpenBLAS threads busy-wait after each matrix product
    (late interaction, out-of-scope matching) and starve the next forward pass: on 2 cores a warm
    ask took 3× as long. The products involved are small enough for one thread."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def load_embedder() -> Embedder:
    quiet_model_logs()
    limit_blas_threads()
    return Embedder()


def loading_notice(embedder=None) -> None:
    """Loading the model takes seconds: say so at once rather than sit silent."""
    print("loading the index…" if embedder is not None else "loading the model and index…", file=sys.stderr, flush=True)


@dataclass
class App:
    settings: Settings
    embedder: Embedder
    retriever: Retriever
    answers: AnswerService
    core: Core | None = None
    db: Database | None = None
    roles: Roles | None = None
    checklists: ChecklistService | None = None
    rules: Catalogue | None = None
    index_dir: Path | None = None
    live: LiveLibrary | None = None
    people: People | None = None


def build(settings: Settings, *, index_dir: Path | None = None, embedder: Embedder | None = None,
          conversation: bool = False, throttle: bool = True, session_roles: dict[int, str] | None = None) -> App:
    """Load the index for serving (and, for chat channels, storage and the conversation core).

    Raises storage.index_files.IndexError_ with the rebuild command when the index is unusable.
    """
    embedder = embedder or load_embedder()
    index_dir = index_dir or settings.path(settings.index_dir)
    retriever, answers = serve_index(settings, index_dir, embedder)
    app = App(settings=settings, embedder=embedder, retriever=retriever, answers=answers, index_dir=index_dir)
    if conversation:
        wire_conversation(app, throttle=throttle, session_roles=session_roles)
    return app


def serve_index(settings: Settings, index_dir: Path, embedder: Embedder) -> tuple[Retriever, AnswerService]:
    """The index published in `index_dir` now, opened for answering (also what a hot reload swaps in)."""
    retriever = Retriever(index_dir, embedder, settings.retrieval, settings.roles)
    a = settings.answers
    answers = AnswerService(retriever, supporting=a.supporting, fallback=Thresholds(a.sure, a.floor),
                            calibration=Calibration(coverage=a.coverage, scope_min=a.scope_min,
                                                    scope_margin=a.scope_margin, checks=frozenset(a.checks),
                                                    evidence=a.evidence, sector_relief=a.sector_relief,
                                                    band_relief=a.band_relief,
                                                    subject_match=a.subject_match, story_evidence=a.story_evidence))
    return retriever, answers


def wire_conversation(app: App, *, throttle: bool = True, session_roles: dict[int, str] | None = None) -> None:
    """Storage, roles, checklists, rules and the core. The terminal is the local admin: no throttle.

    `session_roles` are roles for this process only (the terminal's `--role`): never written to
    the database, which the Telegram bot reads too."""
    from assistant.checklists.runs import ChecklistService
    from assistant.core.conversation import Core
    from assistant.core.live import LiveLibrary
    from assistant.core.people import People, PeopleSettings
    from assistant.core.throttle import Throttle
    from assistant.library import changes as library_changes
    from assistant.library.references import ClauseIndex
    from assistant.storage.changes import ChangeLog, Follows
    from assistant.storage.people import Answers, Audit, Handoffs, Notices, scrub_legacy
    from assistant.storage.repos import Buttons, Log
    from assistant.yamlfile import YamlProblem

    s = app.settings
    data_dir = s.path(s.data_dir)
    db = database(s)
    knowledge = s.path(s.knowledge_dir)
    loaded, problems = load_checklists(knowledge)  # a broken checklist is skipped, the rest serve
    for problem in problems:
        logging.getLogger(__name__).warning("checklist skipped: %s (run `python bot.py check`)", problem)
    clauses = ClauseIndex(app.retriever.passages)
    checklists = ChecklistService(loaded, db, clauses, s.roles, data_dir / "records")
    rules = load_rules(knowledge)
    roles = _roles(s, db, session=session_roles)
    app.db, app.roles, app.checklists, app.rules = db, roles, checklists, rules
    changes = ChangeLog(db)
    library_changes.record(changes, app.retriever.build)  # a build published while no bot was running
    # Read through `app` on every call: a hot reload swaps app.answers (index/hot_reload.py).
    app.live = LiveLibrary(changes=changes, follows=Follows(db), roles=roles,
                           documents=lambda: documents_of(app.answers.retriever.passages), catalogue=lambda: app.rules)
    checklists.updated_on = app.live.updated_on  # decision records mark clauses changed recently
    from assistant.search.smalltalk import load_smalltalk

    try:
        smalltalk = load_smalltalk(knowledge / "smalltalk.yaml")
    except YamlProblem:  # `bot.py check` reports it; meanwhile every message goes to the library
        smalltalk = None
    # Issue 12: everything people type is masked, and people are named by pseudonym, before storage.
    masker, pseudonyms = privacy(s)
    scrub_legacy(db, lambda t: masker.mask(t).text, pseudonyms.of)
    buttons = Buttons(db)

    def passage(pid: str):
        """The passage of the index serving now (a hot reload swaps app.answers)."""
        return app.answers.passage(pid)

    app.people = People(
        masker=masker, pseudonyms=pseudonyms, answers=Answers(db), audit=Audit(db), handoffs=Handoffs(db),
        notices=Notices(db), buttons=buttons,
        settings=PeopleSettings(team_chat=s.telegram.team_chat, reply_within=s.handoff.reply_within,
                                index_version=app.retriever.build.name),
        cite=lambda pid: passage(pid).citation() if passage(pid) else None,
        audience_of=lambda pid: passage(pid).audience if passage(pid) else "unknown",
        stats=lambda args: stats_for_chat(app, args))
    app.core = Core(answers=app.answers, checklists=checklists, rules=rules, roles=roles, buttons=buttons,
                    log_store=Log(db, pseudonym=pseudonyms.of, mask=lambda t: masker.mask(t).text),
                    throttle=Throttle(rate=s.telegram.rate, burst=s.telegram.burst) if throttle else Throttle.unlimited(),
                    smalltalk=smalltalk, people=app.people, live=app.live)


def make_reloader(app: App, reload_every: float | None = None, *, deliver=None):
    """The hot reloader of a serving app (index/hot_reload.py), not yet started."""
    from assistant.index.hot_reload import Reloader, interval_from

    index_dir = app.index_dir
    return Reloader(app, open_index=lambda: serve_index(app.settings, index_dir, app.embedder),
                    interval=interval_from(reload_every), deliver=deliver)


def use_pdf_worker(app: App):
    """Decision-record PDFs in a helper process (checklists/pdf_worker.py), for a bot serving many."""
    from assistant.checklists.pdf_worker import PdfWorker

    worker = PdfWorker()
    worker.warm()
    if app.checklists is not None:
        app.checklists.pdf_renderer = worker.render
    return worker


def documents_of(passages) -> dict[str, str]:
    """File name -> title of every document in an index."""
    out: dict[str, str] = {}
    for p in passages:
        out.setdefault(p.document, p.title)
    return out


def stats_for_chat(app: App, args: str):
    """`/stats [DATE]`: the summary as text and the HTML report as a file (both masked, officers only)."""
    from assistant.reports.stats import chat_report

    return chat_report(app, args)


def admin_roles(settings: Settings) -> Roles:
    """Roles without the model or index: for `bot.py invite/revoke/officers`, which must be instant."""
    return _roles(settings, database(settings))


def _roles(settings: Settings, db: Database, *, session: dict[int, str] | None = None) -> Roles:
    from assistant.library.roles import Roles, load_secret
    from assistant.storage.repos import Invites, Users

    return Roles(Users(db), Invites(db), allowlist=settings.telegram.officers, default=settings.default_role,
                 known=settings.roles, secret=load_secret(settings.path(settings.data_dir)),
                 invite_hours=settings.telegram.invite_hours, shared_ids=settings.telegram.shared_ids, session=session)


# -- the stores and the library's data, for the commands that need no model ---------------------------
def database(settings: Settings) -> Database:
    """The SQLite store in the data folder (users, runs, buttons, logs, the change log)."""
    from assistant.storage.db import Database

    return Database(settings.path(settings.data_dir) / "assistant.sqlite3")


def change_log(settings: Settings) -> ChangeLog:
    from assistant.storage.changes import ChangeLog

    return ChangeLog(database(settings))


def handoff_queue(settings: Settings):
    """Questions handed to a person (`bot.py handoff list|reply`)."""
    from assistant.storage.people import Handoffs

    return Handoffs(database(settings))


def privacy(settings: Settings):
    """The masker and the keyed pseudonyms everything people type passes before it is stored."""
    from assistant.privacy.ids import Pseudonyms, load_key
    from assistant.privacy.masking import Masker

    return Masker(), Pseudonyms(load_key(settings.path(settings.data_dir)))


def load_rules(knowledge: Path, *, strict: bool = False) -> Catalogue | None:
    """The rules catalogue of a knowledge folder; None when it has none. A broken one is None too
    (`bot.py check` reports it) unless `strict`, when its YamlProblem is raised."""
    from assistant.library.rules import load_catalogue
    from assistant.yamlfile import YamlProblem

    if not (knowledge / "rules.yaml").exists():
        return None
    try:
        return load_catalogue(knowledge / "rules.yaml")[0]
    except YamlProblem:
        if strict:
            raise
        return None


def load_checklists(knowledge: Path) -> tuple[dict[str, LoadedChecklist], list]:
    """The checklists of a knowledge folder that load, and the problems of those that do not."""
    from assistant.checklists.runs import load_all

    return load_all(knowledge / "checklists")


def library_clauses(settings: Settings) -> ClauseIndex:
    """Every clause of the knowledge folder, read without the model (`bot.py rules --quote`)."""
    from assistant.library.load import load_library
    from assistant.library.references import ClauseIndex

    return ClauseIndex(load_library(settings).passages)


# -- building an index, and an app over one -----------------------------------------------------------
def index_library(settings: Settings, *, source: Path, index_dir: Path, embedder: Embedder, **options):
    """Build and publish the index of `source` in `index_dir` (index/indexer.py); the BuildReport."""
    from assistant.index.indexer import build_index

    return build_index(settings, source=source, index_dir=index_dir, embedder=embedder, **options)


def library_app(settings: Settings, *, source: Path, index_dir: Path, embedder: Embedder) -> App:
    """An app answering from `source`, its index in `index_dir` rebuilt first if it is missing or
    stale (`bot.py eval --all`, scripts/tune_retrieval.py)."""
    from assistant.index.indexer import is_stale

    if is_stale(settings, source=source, index_dir=index_dir):
        index_library(settings, source=source, index_dir=index_dir, embedder=embedder, show_progress=False)
    return build(settings, index_dir=index_dir, embedder=embedder)


def console_app(settings: Settings, *, index_dir: Path, user_id: int, role: str, embedder: Embedder | None = None) -> App:
    """The core with the terminal's role as a session override: the database (which the Telegram
    bot reads too) never learns that the terminal's user is an officer."""
    from assistant.storage.db import probe_writable

    probe_writable(settings.path(settings.data_dir))  # refuse in one line before the slow model load
    loading_notice(embedder)
    app = build(settings, index_dir=index_dir, conversation=True, throttle=False,
                session_roles={user_id: role}, embedder=embedder)
    app.roles.drop_stored_session_grant(user_id)
    return app


def serve_telegram(settings: Settings, *, webhook: str | None, listen: str, index: str | None,
                   reload_every: float | None = None) -> int:
    """`bot.py telegram`: check the token and reach the Bot API before the slow load, then build
    the app, the hot reloader, the PDF worker and the daily purge, and hand them to the channel."""
    from assistant.channels import telegram
    from assistant.privacy.retention import purge
    from assistant.storage.db import probe_writable

    token, base_url, base_file_url = telegram.bot_api_from_env()
    telegram.wait_for_bot_api(base_url, token)
    probe_writable(settings.path(settings.data_dir))  # refuse in one line before the slow model load
    loading_notice()
    app = build(settings, index_dir=Path(index) if index else None, conversation=True)
    reloader = make_reloader(app, reload_every)
    pdfs = use_pdf_worker(app)

    def daily_purge():
        report = purge(app.db, retention_days=settings.retention_days,
                       decision_record_days=settings.decision_record_days,
                       reports_dir=settings.path(settings.data_dir) / "reports")
        logging.getLogger(__name__).info("retention purge: %s", "; ".join(report.lines()))

    try:
        return telegram.serve(app.core, token=token, base_url=base_url, base_file_url=base_file_url,
                              officer_chats=app.roles.officer_chats(), reloader=reloader, daily=daily_purge,
                              outbox=app.people.outbox, webhook=webhook, listen=listen)
    finally:
        reloader.stop()
        pdfs.close()
