"""Faults as a failing machine causes them, in real subprocesses (issue 16, "fault tests").

- `kill -9` during `bot.py index`: the old index keeps serving;
- `kill -9` during a checklist answer: nothing acknowledged is lost;
- damaged index files: one clear line with the rebuild command (swapped views and a manifest
  holding a list here; scrambled and truncated files, in process, in test_index_integrity.py);
- a full disk (a small tmpfs, where this machine lets us mount one; else an injected ENOSPC)
  while logging a question and while writing a decision record;
- a read-only data folder (a read-only bind mount; else an injected EROFS).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_bot, write_config

INJECT = str(ROOT / "tests" / "faultinject.py")
BOT = str(ROOT / "bot.py")
QUESTION = "what are the four steps of commissioning?"
SERVICE = "Home care for adults"   # choose-route, step 1 (typed); then option 1 ends it with a record


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str = "8m"):
    """A tmpfs of `size` at `path` (yields True), or a plain folder (yields False) where mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path))
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextlib.contextmanager
def read_only(path: Path):
    """`path` bind-mounted read-only over itself (yields True), or untouched (yields False)."""
    mounted = _mount("--bind", str(path), str(path))
    if mounted and not _mount("-o", "remount,bind,ro", str(path)):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)
        mounted = False
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill(folder: Path) -> Path:
    """Fill the file system under `folder` to the last byte."""
    filler = folder / "filler"
    fd = os.open(str(filler), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 16, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)
    return filler


class Console:
    """A chat subprocess (`bot.py checklist run …`, maybe through faultinject.py) driven by its stdin."""

    def __init__(self, *args: str, env: dict | None = None, inject: bool = False):
        cmd = [sys.executable, INJECT, BOT, *args] if inject else [sys.executable, BOT, *args]
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  cwd=str(ROOT), env={**os.environ, **(env or {})})
        self.buf = b""

    def read(self, *, until_exit: bool = False, timeout: float = 120) -> str:
        end = time.time() + timeout
        while until_exit or not self.buf.endswith(b"> "):
            if self.p.poll() is not None:
                rest = self.p.stdout.read()
                self.buf += rest or b""
                if until_exit:
                    break
                raise AssertionError(f"exited: {self.buf.decode(errors='replace')[-800:]!r} "
                                     f"{self.p.stderr.read().decode(errors='replace')[-1500:]}")
            if time.time() > end:
                raise AssertionError(f"timed out; got {self.buf.decode(errors='replace')[-800:]!r}")
            ready, _, _ = select.select([self.p.stdout], [], [], 0.2)
            if ready:
                self.buf += os.read(self.p.stdout.fileno(), 65536)
        out, self.buf = self.buf.decode(errors="replace"), b""
        return out

    def write(self, line: str) -> None:
        self.p.stdin.write((line + "\n").encode())
        self.p.stdin.flush()

    def send(self, line: str, **kw) -> str:
        self.write(line)
        return self.read(**kw)

    def kill9(self) -> None:
        if self.p.poll() is None:
            os.kill(self.p.pid, signal.SIGKILL)
        self.p.wait(timeout=10)


def checklist(cfg: Path, index: Path, *extra: str, **kw) -> Console:
    return Console("--config", str(cfg), "checklist", "run", "choose-route", "--role", "provider", "--index",
                   str(index), *extra, **kw)


def record_rows(data_dir: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(str(data_dir / "assistant.sqlite3"))
    db.row_factory = sqlite3.Row
    try:
        return db.execute("select * from decision_records").fetchall()
    finally:
        db.close()


# -- kill -9 during `bot.py index` -------------------------------------------------------------------
def test_kill_9_during_index_leaves_the_old_index_serving(tmp_path, shipped_index, settings, embedder):
    """Killed as a stage of a build appears on disk (vectors written; manifest written, just before
    the swap), the index still serves a complete, verified build."""
    from assistant.search.pipeline import Retriever
    from assistant.storage.index_files import current_dir

    idx = tmp_path / "idx"
    shutil.copytree(shipped_index, idx, symlinks=True)
    old = current_dir(idx)
    stages = {"vectors written": "embeddings.npy", "manifest written": "manifest.json"}  # each a model load: two
    kept_old = 0
    for stage, marker in stages.items():
        p = subprocess.Popen([sys.executable, BOT, "index", "--source", str(ROOT / "tests" / "data" / "other_council"),
                              "--index", str(idx)], cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.time() + 120
        try:
            while p.poll() is None and time.time() < end:
                if any((t / marker).exists() for t in idx.glob(".tmp-build-*")):
                    os.kill(p.pid, signal.SIGKILL)
                    break
                time.sleep(0.005)
        finally:
            if p.poll() is None:
                p.kill()
            p.wait(timeout=10)
        serving = current_dir(idx)
        kept_old += serving == old
        r = Retriever(idx, embedder, settings.retrieval, settings.roles)  # verifies every checksum
        assert r.search(QUESTION, role="provider").hits, stage
        assert serving == old or p.returncode == 0, f"{stage}: a half build is serving"
    assert kept_old >= 1, "the kills came too late to test anything"


# -- kill -9 during a checklist answer ----------------------------------------------------------------
@pytest.mark.parametrize("fault", ["pause-after-record", "pause-after-done"])
def test_kill_9_during_the_last_checklist_answer_loses_nothing_acknowledged(fault, tmp_path, shipped_index):
    cfg = write_config(tmp_path)
    data_dir = tmp_path / "var"
    flag = tmp_path / "paused"
    c = checklist(cfg, shipped_index, inject=True, env={"FAULT": fault, "FAULT_FILE": str(flag)})
    try:
        c.read()
        step2 = c.send(SERVICE)          # acknowledged: step 2 is shown
        assert "Step 2" in step2
        c.write("1")                     # the last answer; killed while it is being saved
        end = time.time() + 60
        while not flag.exists() and time.time() < end and c.p.poll() is None:
            time.sleep(0.02)
        assert flag.exists(), c.p.stderr.read().decode(errors="replace")[-1500:] if c.p.poll() is not None else ""
    finally:
        c.kill9()
    again = checklist(cfg, shipped_index, "--resume")
    try:
        screen = again.read()
        if fault == "pause-after-record":
            # Not marked done: the run is at its last step with the acknowledged answer kept.
            assert "Step 2" in screen and not record_rows(data_dir)
            done = again.send("1", until_exit=True)
            assert "done" in done and "[file]" in done
        else:
            # Saved before the kill: the run is finished and its record is whole.
            assert "no checklist in progress" in screen
    finally:
        again.kill9()
    rows = record_rows(data_dir)
    assert len(rows) == 1 and SERVICE in rows[0]["markdown"]
    pdf = Path(rows[0]["pdf_path"])
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert pdf.with_suffix(".md").read_text(encoding="utf-8") == rows[0]["markdown"]
    assert not [p for p in pdf.parent.iterdir() if p.name.startswith(".")], "temporary files left behind"


# -- corrupt, truncated and swapped index files -------------------------------------------------------
def _swap(build: Path) -> None:
    a, b, t = build / "roles" / "provider", build / "roles" / "officer", build / "roles" / "t"
    a.rename(t)
    b.rename(a)
    t.rename(b)


@pytest.mark.parametrize("fault,damage", [  # every other kind of damage: test_index_integrity.py, in process
    ("swapped role views", _swap),
    ("manifest holding a list", lambda b: (b / "manifest.json").write_text("[1, 2, 3]")),
])
def test_a_damaged_index_gives_one_clear_line_and_the_rebuild_command(fault, damage, tmp_path, shipped_index):
    idx = tmp_path / "idx"
    shutil.copytree(shipped_index, idx, symlinks=True)
    damage((idx / "current").resolve())
    out = run_bot("ask", "what is the maximum hourly rate the council will pay for home care?", "--index", str(idx),
                  "--role", "provider", "--json")
    assert out.returncode == 2, (fault, out.stdout[-500:], out.stderr[-1500:])
    lines = [l for l in out.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "python bot.py index" in lines[0], out.stderr
    assert out.stdout == ""  # nothing answered from a damaged index (no internal rate)


# -- a full disk --------------------------------------------------------------------------------------
def test_a_full_disk_still_answers_and_a_record_that_cannot_be_saved_is_retried(tmp_path, shipped_index):
    data_dir = tmp_path / "var"
    flag = tmp_path / "disk-is-full"
    with small_tmpfs(data_dir) as real:
        cfg = write_config(tmp_path)
        env = {} if real else {"FAULT": "disk-full-when-flagged", "FAULT_FILE": str(flag)}
        c = checklist(cfg, shipped_index, inject=not real, env=env)
        try:
            c.read()
            assert "Step 2" in c.send(SERVICE)
            if real:
                filler = fill(data_dir)
            else:
                flag.write_text("full")
                filler = flag
            answer = c.send(QUESTION)    # the log (and the answer's buttons) cannot be written
            assert "understand, plan, do and review" in answer and "went wrong" not in answer, answer
            refused = c.send("1")        # the last answer: its record cannot be written
            assert "couldn't save your decision record" in refused and "went wrong" not in refused, refused
            assert not record_rows(data_dir)
            filler.unlink()              # space again
            assert "Step 2" in c.send("/resume")
            done = c.send("1", until_exit=True)
            assert "done" in done and "[file]" in done, done
        finally:
            c.kill9()
        rows = record_rows(data_dir)
        assert len(rows) == 1 and SERVICE in rows[0]["markdown"]
        assert Path(rows[0]["pdf_path"]).read_bytes().startswith(b"%PDF")


# -- a read-only data folder --------------------------------------------------------------------------
def test_a_read_only_data_folder_refuses_to_start_with_one_line(tmp_path, shipped_index):
    cfg = write_config(tmp_path)
    data_dir = tmp_path / "var"
    first = run_bot("--config", str(cfg), "invite", "--role", "officer")  # the database exists already
    assert first.returncode == 0, first.stderr
    with read_only(data_dir) as real:
        if real:
            with pytest.raises(OSError) as caught:
                (data_dir / "probe").write_text("x")
            assert caught.value.errno == errno.EROFS
        for args in (("invite", "--role", "officer"), ("chat", "--index", str(shipped_index))):
            full = [sys.executable, BOT, "--config", str(cfg), *args] if real else \
                [sys.executable, INJECT, BOT, "--config", str(cfg), *args]
            out = subprocess.run(full, capture_output=True, text=True, timeout=180, cwd=str(ROOT), input="",
                                 env={**os.environ, **({} if real else {"FAULT": "read-only-data"})})
            lines = [l for l in out.stderr.splitlines() if l.strip()]
            assert out.returncode == 2, (args, out.stderr[-1500:])
            assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr[-1500:]
            assert lines[0].startswith(f"error: cannot write to the data folder {data_dir}") and "data_dir" in lines[0]
