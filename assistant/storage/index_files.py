"""The index on disk: a folder of plain files, swapped in whole.

Layout of `<index dir>/`:
    current -> build-<time>/          the one the assistant serves (a symlink, swapped atomically)
    build-<time>/manifest.json        format, model, source file hashes, counts, roles, and the
                                      integrity record: sha256 of every other file of the build, and
                                      each role view's audiences and passage count
    build-<time>/passages.jsonl       line i is passage i (all audiences)
    build-<time>/embeddings.npy       row i is passage i's unit vector
    build-<time>/tokens.npy           passage word-piece vectors (float16), passage i's are rows
                                      token_offsets[i]:token_offsets[i+1] (token_offsets.npy)
    build-<time>/scope.json, scope.npy  out-of-scope topics and their embedded example questions
    build-<time>/roles/<role>/        one retrieval view per role, holding only what it may read:
        rows.npy, dense.faiss, bm25/, vocab.json
    build-<time>/reuse.json, lexical.json   what the next, incremental build may reuse (index/vector_cache.py)
    build-<time>/changes.json         the clause-level diff from the build it replaced (library/changes.py)
Position is the contract: row j of a role's FAISS and BM25 index is passage rows[j].

Nothing in a build is trusted blindly: at load every file is checked against its recorded sha256
(a few tens of MB, tens of milliseconds), so a scrambled, truncated or swapped file (say
`roles/provider` replaced by the officer view) refuses to serve with one line and the rebuild
command, instead of answering wrongly, failing at query time or showing a provider internal text.
Each view's passages are also checked against the audiences its role may read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import fields
from pathlib import Path

from assistant.ingest.model import Passage

FORMAT_VERSION = 3   # 3: checksums and per-view audiences in the manifest
MANIFEST = "manifest.json"
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


def write_token_matrix(build: Path, flat, offsets) -> None:
    """The same files as write_tokens, from a matrix already assembled (float16) and its offsets."""
    import numpy as np

    np.save(build / "tokens.npy", np.asarray(flat, dtype=np.float16))
    np.save(build / "token_offsets.npy", np.asarray(offsets, dtype=np.int64))


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
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexError_(f"the index at {build} has no manifest.json; rebuild it with `{REBUILD}`") from None
    except (ValueError, OSError):
        raise IndexError_(f"the index manifest {build / MANIFEST} is corrupt; rebuild it with `{REBUILD}`") from None
    if not isinstance(manifest, dict):
        raise IndexError_(f"the index manifest {build / MANIFEST} is corrupt (not a JSON object); "
                          f"rebuild it with `{REBUILD}`")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexError_(f"the index at {build} was built by another version; rebuild it with `{REBUILD}`")
    return manifest


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def checksums(build: Path) -> dict[str, str]:
    """sha256 of every file of a build but the manifest, by path relative to the build."""
    return {p.relative_to(build).as_posix(): _sha256(p) for p in sorted(build.rglob("*"))
            if p.is_file() and p.relative_to(build).as_posix() != MANIFEST}


def views_record(roles: dict[str, list[str]], rows: dict[str, list[int]]) -> dict[str, dict]:
    """What the manifest says each role view holds: the audiences it was built for and its size."""
    return {role: {"audiences": sorted(set(roles[role])), "passages": len(rows[role])} for role in roles}


def verify(build: Path, manifest: dict, roles: dict[str, list[str]]) -> None:
    """Every file of the build is the one the build wrote, and every view is the one its role was
    built for; otherwise IndexError_ naming the first mismatch and the rebuild command."""
    recorded = manifest.get("checksums")
    views = manifest.get("views")
    if not isinstance(recorded, dict) or not recorded or not isinstance(views, dict):
        raise IndexError_(f"the index manifest {build / MANIFEST} has no integrity record; rebuild it with `{REBUILD}`")

    def refuse(why: str) -> IndexError_:
        return IndexError_(f"the index at {build} failed its integrity check ({why}); rebuild it with `{REBUILD}`")

    for role in roles:
        view = views.get(role)
        if not isinstance(view, dict) or view.get("audiences") != sorted(set(roles[role])):
            raise refuse(f"the {role} view was not built for the audiences {role} may read")
        if not any(str(name).startswith(f"roles/{role}/") for name in recorded):
            raise refuse(f"the {role} view is not recorded")
    for name, digest in recorded.items():
        path = build / str(name)
        try:
            actual = _sha256(path)
        except OSError:
            raise refuse(f"{name} is missing") from None
        if actual != digest:
            raise refuse(f"{name} does not match its checksum")


def check_view_rows(build: Path, manifest: dict, passages: list[Passage], role: str, audiences: list[str], rows) -> None:
    """Defence in depth beside the checksums: a view holds exactly as many passages as recorded,
    each a real passage of an audience its role may read."""
    allowed = set(audiences)
    want = manifest["views"][role].get("passages")
    if len(rows) != want:
        raise IndexError_(f"the index at {build} failed its integrity check (the {role} view holds {len(rows)} "
                          f"passages, the manifest says {want}); rebuild it with `{REBUILD}`")
    for r in rows:
        i = int(r)
        if not 0 <= i < len(passages) or passages[i].audience not in allowed:
            raise IndexError_(f"the index at {build} failed its integrity check (the {role} view holds a passage "
                              f"{role} may not read); rebuild it with `{REBUILD}`")
