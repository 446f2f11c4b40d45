"""The index on disk: a folder of plain files, swapped in whole.

Layout of `<index dir>/`:
    current -> build-<time>/          the one the assistant serves (a symlink, swapped atomically)
    build-<time>/manifest.json        format, model, source file hashes, counts, roles, and the
                                      integrity record: sha256 of every other file of the build, and
                                      each role view's audiences and passage count
    build-<time>/passages.jsonl       line i is passage i (all audiences)
    build-<time>/embeddings.npy       row i is passage i's unit vector
    build-<time>/tokens/              passage word-piece vectors (float16), one shard per document,
                                      named by a hash of its passages' texts (shards.json lists them in
                                      row order); passage i's are rows token_offsets[i]:token_offsets[i+1]
                                      of their concatenation (token_offsets.npy). An incremental build
                                      hard-links the shards of unchanged documents from the build it
                                      replaces and writes only the others (5,000 passages: 188 MB).
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

import bisect
import hashlib
import json
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path

from assistant.ingest.model import Passage

FORMAT_VERSION = 4   # 3: checksums and per-view audiences in the manifest; 4: word pieces in shards
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


TOKENS = "tokens"                 # the folder of word-piece shards
SHARDS = f"{TOKENS}/shards.json"  # which shard holds which rows, in row order


class Pieces:
    """The word-piece matrix of a build as one virtual (pieces, dim) float16 array over its
    memory-mapped shards: `pieces[a:b]` is what one concatenated matrix would give (a view when
    the rows lie in one shard, as one passage's always do)."""

    def __init__(self, shards: Sequence, starts: Sequence[int], dim: int):
        import numpy as np

        # Plain array views of the maps: slicing a np.memmap builds a memmap object each time,
        # several times slower, and late interaction slices twenty passages per question.
        self.shards = [np.asarray(a) for a in shards]
        self.starts = [int(x) for x in starts]   # shard k holds rows starts[k]:starts[k+1]
        self.dim = dim
        self.dtype = np.dtype(np.float16)

    def __len__(self) -> int:
        return self.starts[-1]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self), self.dim

    def __getitem__(self, key: slice):
        import numpy as np

        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("Pieces supports only contiguous slices")
        a, b, _ = key.indices(len(self))
        if b <= a:
            return np.zeros((0, self.dim), dtype=self.dtype)
        k = bisect.bisect_right(self.starts, a) - 1
        if b <= self.starts[k + 1]:  # within one shard: a view
            return self.shards[k][a - self.starts[k]:b - self.starts[k]]
        parts = []
        while a < b:
            end = min(b, self.starts[k + 1])
            if end > a:
                parts.append(self.shards[k][a - self.starts[k]:end - self.starts[k]])
            a, k = end, k + 1
        return np.concatenate(parts)


def shard_runs(sources: Sequence[str]) -> list[tuple[int, int]]:
    """[a, b) runs of consecutive passages from one document: one shard each."""
    runs: list[tuple[int, int]] = []
    for i, src in enumerate(sources):
        if runs and sources[runs[-1][0]] == src:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def shard_key(vector_keys: Sequence[str]) -> str:
    """A shard is named by what it holds: the vector keys (model and exact text) of its passages."""
    return hashlib.sha256(("float16\0" + "\n".join(vector_keys)).encode()).hexdigest()


def _save_hashed(path: Path, array) -> str:
    """np.save, returning the sha256 of the bytes written (so the manifest need not read them back).
    The same bytes as np.save (the 1.0 header it writes for any array this small in dimensions,
    then the data as laid out in memory), hashed and written from the array itself: staged through
    a BytesIO first, the pieces of a library were copied once more (23 MB for the shipped one)."""
    import io

    import numpy as np

    data = np.ascontiguousarray(array)
    head = io.BytesIO()
    np.lib.format.write_array_header_1_0(head, np.lib.format.header_data_from_array_1_0(data))
    digest = hashlib.sha256(head.getbuffer())
    digest.update(data.data)
    with path.open("wb") as fh:
        fh.write(head.getbuffer())
        fh.write(data.data)
    return digest.hexdigest()


def write_token_shards(build: Path, offsets, shards: Sequence[tuple[str, int, int]], pieces,
                       linkable: dict[str, tuple[Path, str]] | None = None) -> dict[str, str]:
    """The word-piece files of a build: `shards` are (key, a, b) in row order, `pieces(a, b)` the
    float16 pieces of rows a..b, `linkable` key -> (file, sha256) of shards the previous build
    already holds (hard-linked, or copied where links are impossible, never re-encoded). Returns
    the sha256 of every shard file, for the manifest."""
    import numpy as np

    folder = build / TOKENS
    folder.mkdir(exist_ok=True)
    linkable = linkable or {}
    digests: dict[str, str] = {}
    entries = []
    for key, a, b in shards:
        name = f"{key}.npy"
        rel = f"{TOKENS}/{name}"
        path = folder / name
        if rel not in digests:
            old = linkable.get(key)
            if old is not None and _link(old[0], path):
                digests[rel] = old[1]
            else:
                digests[rel] = _save_hashed(path, np.asarray(pieces(a, b), dtype=np.float16))
        st = path.stat()
        entries.append({"file": name, "rows": [a, b], "size": st.st_size, "mtime_ns": st.st_mtime_ns})
    (build / SHARDS).write_text(json.dumps({"shards": entries}), encoding="utf-8")
    np.save(build / "token_offsets.npy", np.asarray(offsets, dtype=np.int64))
    return digests


def _link(src: Path, dst: Path) -> bool:
    try:
        os.link(src, dst)
    except OSError:
        try:
            shutil.copy2(src, dst)
        except OSError:
            return False
    return True


def shard_entries(build: Path) -> list[dict]:
    """shards.json's entries: file, rows [a, b), and the size and mtime the file had when written."""
    try:
        meta = json.loads((build / SHARDS).read_text(encoding="utf-8"))
        entries = meta["shards"]
        for e in entries:
            if not (isinstance(e["file"], str) and "/" not in e["file"] and len(e["rows"]) == 2):
                raise ValueError(e)
        return entries
    except (OSError, ValueError, KeyError, TypeError):
        raise IndexError_(f"the index at {build} has a missing or corrupt {SHARDS}; rebuild it with `{REBUILD}`") from None


def read_tokens(build: Path):
    """(Pieces, offsets), memory-mapped: pages are read only for the passages scored."""
    import numpy as np

    offsets = np.load(build / "token_offsets.npy")
    entries = shard_entries(build)
    opened: dict[str, object] = {}
    shards, starts, dim, row = [], [], None, 0
    try:
        for e in entries:
            a, b = int(e["rows"][0]), int(e["rows"][1])
            if a != row or b < a or b >= len(offsets):
                raise ValueError("rows")
            if e["file"] not in opened:
                path = build / TOKENS / e["file"]
                arr = np.load(path, mmap_mode="r") if offsets[b] > offsets[a] else np.load(path)
                opened[e["file"]] = arr
            arr = opened[e["file"]]
            if arr.ndim != 2 or len(arr) != offsets[b] - offsets[a] or (dim is not None and arr.shape[1] != dim):
                raise ValueError("shape")
            dim = arr.shape[1]
            shards.append(arr)
            starts.append(int(offsets[a]))
            row = b
    except (OSError, ValueError):
        raise IndexError_(f"the index at {build} has inconsistent token files; rebuild it with `{REBUILD}`") from None
    if len(offsets) == 0 or row != len(offsets) - 1:
        raise IndexError_(f"the index at {build} has inconsistent token files; rebuild it with `{REBUILD}`")
    return Pieces(shards, starts + [int(offsets[-1])], dim or 0), offsets


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


def file_sha256(path: Path) -> str:
    return _sha256(path)


def checksums(build: Path, known: dict[str, str] | None = None) -> dict[str, str]:
    """sha256 of every file of a build but the manifest, by path relative to the build; `known`
    are digests already taken when the files were written (or linked), not read again."""
    known = known or {}
    out = {}
    for p in sorted(build.rglob("*")):
        rel = p.relative_to(build).as_posix()
        if p.is_file() and rel != MANIFEST:
            out[rel] = known[rel] if rel in known else _sha256(p)
    return out


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
    why = first_mismatch(build, recorded, recorded)
    if why:
        raise refuse(why)


def first_mismatch(build: Path, recorded: dict, names) -> str | None:
    """Why the first of `names` is not the file the build recorded (missing, or another checksum),
    or None when each is: what serving verifies of every file, and an incremental build of the
    files it takes over from the build it replaces."""
    for name in names:
        try:
            actual = _sha256(build / str(name))
        except OSError:
            return f"{name} is missing"
        if actual != recorded.get(name):
            return f"{name} does not match its checksum"
    return None


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
