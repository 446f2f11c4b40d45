"""Decision-record PDFs rendered in a helper process, so a busy bot answers everyone else meanwhile.

Rendering one record is about half a second of pure-Python work (fpdf2 parses the DejaVu fonts for
every document), and it holds the GIL: under load every other user's answer waited behind it
(bench/chat_load.py: p95 853 ms with checklists, 182 ms without). One worker process does it
instead; the bot's thread just waits for the file. If the worker dies or hangs, the record is
rendered in process, so a record is never lost for want of a helper.

The worker is a plain child process (`python -m assistant.checklists.pdf_worker`) that reads one
pickled request at a time from its stdin and answers on its stdout, each a length-prefixed
pickle between this bot and its own child. Not a multiprocessing pool: that also starts
multiprocessing's resource-tracker process (12 MB) for the pool's locks, and a spawned child
re-imports the bot's main module.
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import subprocess
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

TIMEOUT = 120  # seconds one record may take in the worker before it is rendered here instead
ROOT = Path(__file__).resolve().parent.parent.parent


class WorkerFailed(Exception):
    pass


def _send(stream, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def _read_exactly(stream, n: int, deadline: float | None) -> bytes:
    import time

    out = bytearray()
    while len(out) < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([stream], [], [], left)[0]:
                raise WorkerFailed("timed out")
        chunk = os.read(stream.fileno(), n - len(out))
        if not chunk:
            raise WorkerFailed("the worker exited")
        out += chunk
    return bytes(out)


def _receive(stream, deadline: float | None = None):
    n = int.from_bytes(_read_exactly(stream, 8, deadline), "big")
    return pickle.loads(_read_exactly(stream, n, deadline))


class PdfWorker:
    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()   # one record at a time, as the worker renders them

    def _process(self) -> subprocess.Popen:
        if self._proc is None or self._proc.poll() is not None:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
            self._proc = subprocess.Popen([sys.executable, "-m", "assistant.checklists.pdf_worker"], cwd=str(ROOT),
                                          env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self._proc

    def warm(self) -> None:
        """Start the worker now (it loads fpdf and the fonts at once), so the first record is not
        also paying for that."""
        with self._lock:
            try:
                self._process()
            except OSError as exc:
                log.warning("the PDF worker did not start (%s); records will be rendered in process", exc)

    def render(self, path: Path, **kw):
        """Same arguments as records.render_pdf."""
        import time

        from assistant.checklists.records import render_pdf

        with self._lock:
            try:
                proc = self._process()
                _send(proc.stdin, (str(path), kw))
                status, value = _receive(proc.stdout, time.monotonic() + TIMEOUT)
                if status == "ok":
                    return value
                log.warning("the PDF worker could not render %s (%s); rendering it in process", path.name, value)
            except (WorkerFailed, OSError, EOFError, pickle.PickleError, ValueError) as exc:
                log.warning("the PDF worker failed (%s); rendering the record in process", exc)
                self._stop()
        return render_pdf(path, **kw)

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)

    def close(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            try:
                proc.stdin.close()  # the worker exits at the end of its input
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()


def main() -> int:
    """The worker: fpdf and the fonts loaded once, then one record per request until stdin closes."""
    requests, replies = sys.stdin.buffer, os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt the replies
    from assistant.assets.pdf import new_pdf
    from assistant.checklists.records import render_pdf

    new_pdf(margin=18, bottom=16)
    while True:
        try:
            path, kw = _receive(requests)
        except (WorkerFailed, EOFError):
            return 0
        try:
            reply = ("ok", render_pdf(Path(path), **kw))
        except Exception as exc:  # the bot renders it itself and sees the error there
            reply = ("error", f"{exc.__class__.__name__}: {exc}")
        _send(replies, reply)


if __name__ == "__main__":
    sys.exit(main())
