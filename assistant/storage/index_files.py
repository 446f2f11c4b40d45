"""The index on disk: a folder of plain files, swapped in whole.

Layout of `<index dir>/`:
    current -> build-<time>/          the one the assistant serves (a symlink, swapped atomically)
    build-<time>/manifest.json        format, model, source file hashes, counts, roles
    build-<time>/passages.jsonl       line i is passage i (all audiences)
    build-<time>/embeddings.npy       row i is passage i's unit vector
    build-<time>/tokens.npy           passage word-piece vectors (float16), passage i's are rows
                                      token_offsets[i]:token_offsets[i+1] (token_offsets.npy)
    build-<time>/scope.json, scope.npy  out-of-scope topics and their embedded example questions
    build-<time>/roles/<role>/        one retrieval view per role, holding only what it may read:
        rows.npy, dense.faiss, bm25/, vocab.json
    build-<time>/reuse.json, lexical.json   what the next, incremental build may reuse (services/vector_cache.py)
    build-<time>/changes.json         the clause-level diff from the build it replaced (services/library_changes.py)
Position is the contract: row j of a role's FAISS and BM25 index is passage rows[j].
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import fields
from pathlib import Path

from assistant.ingest.model import Passage

FORMAT_VERSION = 2
REBUILD = "python bot.py index"


class IndexError_(Exception):
    """The index is missing, corrupt or stale; the message says how to rebuild it."""


def current_dir(index_dir: Path) -> Path:
    """The build folder to serve: `current` if present, else `index_dir` itself if it is a build."""
    cur = index_dir / "current"
    if cur.exists():
        return cur.resolve()
    if (index_dir / "manifest.json").exists():
        return index_dir
    raise IndexError_(f"no index at {index_dir}: build it with `{REBUILD} --index {index_dir}`")


def new_build_dir(index_dir: Path) -> Path:
    index_dir.mkdir(parents=True, exist_ok=True)
    # Microseconds too: an incremental build can finish within the second the previous one did.
    stamp = time.time()
    path = index_dir / f".tmp-build-{time.strftime('%Y%m%d-%H%M%S', time.localtime(stamp))}-{int(stamp % 1 * 1e6):06d}-{os.getpid()}"
    path.mkdir()
    return path


def publish(index_dir: Path, tmp: Path, *, keep: int = 2) -> Path:
    """Rename the finished build into place and swap `current` to it in one atomic step."""
    final = index_dir / tmp.name.replace(".tmp-", "", 1)
    os.replace(tmp, final)
    link = index_dir / f".current-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(final.name)
    os.replace(link, index_dir / "current")
    # Old builds: keep the newest few (a reader may still have one open), drop the rest.
    builds = sorted(p for p in index_dir.glob("build-*") if p.is_dir() and p != final)
    for old in builds[:-max(0, keep - 1)] if keep > 1 else builds:
        shutil.rmtree(old, ignore_errors=True)
    for stale in index_dir.glob(".tmp-build-*"):
        if stale.is_dir() and time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
    return final


_PASSAGE_FIELDS = tuple(f.name for f in fields(Passage))


def write_passages(path: Path, passages: list[Passage], terms: list[list[str]], bands: list[list] | None = None) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, (p, t) in enumerate(zip(passages, terms)):
            row = {f: getattr(p, f) for f in _PASSAGE_FIELDS}  # asdict deep-copies: 10× slower at 5,000 rows
            row["path"] = list(p.path)
            row["terms"] = t
            row["bands"] = [[lo, hi if hi != float("inf") else None] for lo, hi in (bands[i] if bands else [])]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_passages(path: Path) -> tuple[list[Passage], list[frozenset[str]], list[list[tuple[float, float]]]]:
    passages, terms, bands = [], [], []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                row = json.loads(line)
                terms.append(frozenset(row.pop("terms", [])))
                bands.append([(lo, hi if hi is not None else float("inf")) for lo, hi in row.pop("bands", [])])
                row["path"] = tuple(row["path"])
                passages.append(Passage(**row))
            except (ValueError, TypeError, KeyError) as exc:
                raise IndexError_(f"corrupt index file {path}:{n} ({exc}); rebuild it with `{REBUILD}`") from None
    return passages, terms, bands


def write_tokens(build: Path, tokens: list) -> None:
    import numpy as np

    offsets = np.zeros(len(tokens) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(t) for t in tokens])
    dim = tokens[0].shape[1] if tokens else 0
    flat = np.concatenate(tokens).astype(np.float16) if tokens else np.zeros((0, dim), dtype=np.float16)
    np.save(build / "tokens.npy", flat)
    np.save(build / "token_offsets.npy", offsets)


def read_tokens(build: Path):
    """(flat float16 matrix, offsets), memory-mapped: pages are read only for the passages scored."""
    import numpy as np

    flat = np.load(build / "tokens.npy", mmap_mode="r")
    offsets = np.load(build / "token_offsets.npy")
    if len(offsets) == 0 or offsets[-1] != len(flat):
        raise IndexError_(f"the index at {build} has inconsistent token files; rebuild it with `{REBUILD}`")
    return flat, offsets


def read_manifest(build: Path) -> dict:
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexError_(f"the index at {build} has no manifest.json; rebuild it with `{REBUILD}`") from None
    except ValueError:
        raise IndexError_(f"the index manifest {build / 'manifest.json'} is corrupt; rebuild it with `{REBUILD}`") from None
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexError_(f"the index at {build} was built by another version; rebuild it with `{REBUILD}`")
    return manifest
