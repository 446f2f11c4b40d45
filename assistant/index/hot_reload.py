"""A running bot picks up a newly published index without a restart and without dropping a message.

`bot.py index` publishes a build by swapping the `current` symlink atomically. The reloader
notices (it reads the link every few seconds, or at once on SIGHUP), opens the new build beside
the old one in a background thread, then swaps one reference: `app.answers` (with its retriever)
and the checklists' clause index. A question already being answered holds the old AnswerService
and finishes on the index it started with; the next question reads the new one. Nothing is
paused, so no message waits or is lost; the old build stays on disk (publish keeps two) and its
memory is freed when the last question using it is done.

After a swap the build's clause-level changes are copied into the change log, and — in the
Telegram bot only — followers whose documents or sectors changed are sent one message each.
A build that cannot be opened is logged and skipped; the bot goes on serving the old one.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from assistant.storage.index_files import IndexError_, current_dir

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 2.0    # seconds between looks at the index folder


def published(index_dir: Path) -> str:
    """The build id `current` points at now ("" when there is none)."""
    try:
        return current_dir(index_dir).name
    except (IndexError_, OSError):
        return ""


class Reloader:
    def __init__(self, app, *, interval: float = DEFAULT_INTERVAL,
                 deliver: Callable[[list], None] | None = None):
        """`deliver(notices)` sends (user_id, Reply) pairs; None: this process sends no notices
        (the terminal chat), so a Telegram bot on the same data store still sends them."""
        self.app = app
        self.index_dir: Path = app.index_dir
        self.interval = interval
        self.deliver = deliver
        self.served = app.retriever.build.name
        self.failed: str = ""       # a build that would not open: not retried until another is published
        self.reloads = 0
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> bool:
        """Swap to the published build if it is new; True when a swap happened."""
        with self._lock:
            now = published(self.index_dir)
            if not now or now == self.served or now == self.failed:
                return False
            from assistant.app import serve_index

            try:
                retriever, answers = serve_index(self.app.settings, self.index_dir, self.app.embedder)
            except Exception as exc:  # a broken build must never take the serving one down
                log.warning("index %s not loaded, still serving %s: %s", now, self.served, exc)
                self.failed = now
                return False
            self._swap(retriever, answers)
            old, self.served = self.served, retriever.build.name
            self.reloads += 1
            log.warning("index reloaded: %s -> %s", old, self.served)
        self._after_swap(retriever.build)
        return True

    def _swap(self, retriever, answers) -> None:
        from assistant.library.references import ClauseIndex

        app = self.app
        clauses = ClauseIndex(retriever.passages)
        # Each assignment is atomic; readers take one reference per question.
        app.retriever, app.answers = retriever, answers
        if app.core is not None:
            app.core.answers = answers
        if app.checklists is not None:
            app.checklists.clauses = clauses

    def _after_swap(self, build: Path) -> None:
        live = getattr(self.app, "live", None)
        if live is None:
            return
        from assistant.library import changes as library_changes

        try:
            library_changes.record(live.changes, build)
            if self.deliver is not None:
                notices = live.notices(build.name)
                if notices:
                    self.deliver(notices)
        except Exception:
            log.exception("recording or announcing the changes of %s failed", build.name)

    # -- the watcher -------------------------------------------------------------------------------
    def wake(self, *_args) -> None:
        """Look now (the SIGHUP handler)."""
        self._wake.set()

    def start(self) -> Reloader:
        """Watch in a daemon thread; with interval 0 only SIGHUP (wake) triggers a look."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="index-reloader", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        if self.deliver is not None:  # a build published while no bot was running: its followers too
            self._after_swap(self.app.retriever.build)
        while not self._stop.is_set():
            self._wake.wait(self.interval if self.interval > 0 else None)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.check()
            except Exception:
                log.exception("index reload check failed")

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()


def install_sighup(reloader: Reloader, loop=None) -> bool:
    """SIGHUP makes the reloader look at once. In an asyncio program pass its loop."""
    import signal

    if not hasattr(signal, "SIGHUP"):
        return False
    if loop is not None:
        loop.add_signal_handler(signal.SIGHUP, reloader.wake)
    else:
        signal.signal(signal.SIGHUP, reloader.wake)
    return True


def interval_from(value: float | None) -> float:
    """--reload-every, else ASSISTANT_RELOAD_SECONDS, else the default."""
    if value is not None:
        return max(0.0, float(value))
    env = os.environ.get("ASSISTANT_RELOAD_SECONDS", "").strip()
    try:
        return max(0.0, float(env)) if env else DEFAULT_INTERVAL
    except ValueError:
        return DEFAULT_INTERVAL
