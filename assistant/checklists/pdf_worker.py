"""Decision-record PDFs rendered in a helper process, so a busy bot answers everyone else meanwhile.

Rendering one record is about half a second of pure-Python work (fpdf2 parses the DejaVu fonts for
every document), and it holds the GIL: under load every other user's answer waited behind it
(bench/chat_load.py: p95 853 ms with checklists, 182 ms without). One spawned worker process does it
instead; the bot's thread just waits for the file. If the worker dies, the record is rendered in
process, so a record is never lost for want of a helper.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

log = logging.getLogger(__name__)

TIMEOUT = 120  # seconds one record may take in the worker before it is rendered here instead


class PdfWorker:
    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:  # spawn, not fork: the bot process has torch threads running
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            return self._pool

    def warm(self) -> None:
        """Start the worker and load fpdf now, so the first record is not also paying for that."""
        try:
            self._executor().submit(_warm)
        except (BrokenProcessPool, OSError, RuntimeError) as exc:
            log.warning("the PDF worker did not start (%s); records will be rendered in process", exc)

    def render(self, path: Path, **kw):
        """Same arguments as records.render_pdf."""
        from assistant.checklists.records import render_pdf

        try:
            return self._executor().submit(_render, path, kw).result(timeout=TIMEOUT)
        except (BrokenProcessPool, OSError, TimeoutError) as exc:
            log.warning("the PDF worker failed (%s); rendering the record in process", exc)
            with self._lock:
                if self._pool is not None:
                    self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
        return render_pdf(path, **kw)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None


def _warm() -> None:
    from assistant.assets.pdf import new_pdf

    new_pdf(margin=18, bottom=16)


def _render(path: Path, kw: dict):
    """In the worker: the renderer by name, so what is sent across is only the record's data."""
    from assistant.checklists.records import render_pdf

    return render_pdf(path, **kw)
