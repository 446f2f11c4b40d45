"""`bot.py index --watch`: rebuild when the knowledge folder changes, once the edits settle.

Polling (names, sizes and modification times, every `poll` seconds) needs no dependency and works
on every file system, network shares included; a save that writes several files, or an editor that
writes a file twice, triggers one build after `debounce` quiet seconds. The model stays loaded
between builds, and each build is incremental, so an edit is live in a few seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path


def snapshot(paths: list[Path]) -> frozenset[tuple[str, int, int]]:
    """Every file under these folders (or these files), hidden ones aside."""
    out = set()
    for root in paths:
        if root.is_file():
            files = [root]
        elif root.is_dir():
            files = [f for f in root.rglob("*") if not any(part.startswith(".") for part in f.relative_to(root).parts)]
        else:
            continue
        for f in files:
            try:
                st = f.stat()
            except OSError:  # deleted while we looked
                continue
            if f.is_file():
                out.add((str(f), st.st_mtime_ns, st.st_size))
    return frozenset(out)


def watch(paths: list[Path], build: Callable[[], None], *, poll: float = 1.0, debounce: float = 2.0,
          stop: Callable[[], bool] = lambda: False, sleep: Callable[[float], None] = time.sleep) -> None:
    """Call `build()` now, then after every change to `paths` that has been quiet for `debounce` s."""
    seen = snapshot(paths)
    build()
    while not stop():
        sleep(poll)
        now = snapshot(paths)
        if now == seen:
            continue
        # Changed: wait for the edits to settle, then build what is there.
        quiet_since = time.monotonic()
        while not stop() and time.monotonic() - quiet_since < debounce:
            sleep(min(poll, debounce))
            later = snapshot(paths)
            if later != now:
                now, quiet_since = later, time.monotonic()
        seen = now
        build()
