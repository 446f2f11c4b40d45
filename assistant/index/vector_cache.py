"""What an incremental build takes over from the build it replaces, so an edit re-embeds only
the passages whose text changed.

Encoding is nearly all of a build's cost (57 s of it for 594 passages on 2 cores); everything else
(FAISS, BM25, the per-role views) is rebuilt from vectors in well under a second. So the design is
deliberately plain: every build is still a complete, self-contained build written to a temporary
folder and swapped in atomically; it only *looks up* vectors in the previous build before encoding.

- A passage vector is keyed by sha256(model id, the exact text that is embedded). An unchanged text
  gets its previous vector (and word-piece vectors) back, wherever it moved to in the library.
- A file whose bytes (sha256) have not changed is not parsed again: its passages are copied from the
  previous build, as long as the source folder, the ingest settings and the parser code are the same.
- Anything unexpected about the previous build (missing, corrupt, another model, another parser)
  simply means a full build: the cache is an optimisation, never a source of truth.

`reuse.json` in each build holds the keys: per file its hash and passage rows, per row its vector
key, per out-of-scope example its key.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.ingest.model import Document, Passage

log = logging.getLogger(__name__)

REUSE_FILE = "reuse.json"
LEXICAL_FILE = "lexical.json"   # per row: the words the spelling vocabulary counts
REUSE_VERSION = 2


def vector_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ingest_fingerprint(settings, source: Path) -> str:
    """Everything besides a file's bytes that decides its passages: the settings that assign
    audiences, the source folder (passages carry their absolute path) and the parser code itself."""
    import assistant.ingest as ingest_pkg

    h = hashlib.sha256()
    h.update(json.dumps({"ingest": settings.ingest.model_dump(), "roles": settings.roles,
                         "source": str(source.resolve())}, sort_keys=True).encode())
    folder = Path(ingest_pkg.__file__).parent
    for f in sorted([*folder.glob("*.py"), *folder.glob("*.yaml")]):  # the parsers and their word lists
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


REUSED_FILES = ("embeddings.npy", "passages.jsonl", "token_offsets.npy", "reuse.json", "lexical.json", "scope.npy",
                "queries.npz")   # (the word-piece shards are checked one by one below)


@dataclass
class PreviousBuild:
    """The build being replaced, opened read-only for reuse (vectors memory-mapped)."""

    folder: Path
    passages: list[Passage]
    keys: dict[str, int]                 # vector key -> row in the previous build
    vectors: np.ndarray
    tokens: object                       # storage.index_files.Pieces (memory-mapped shards)
    offsets: np.ndarray
    shards: dict[str, tuple[Path, str]] = field(default_factory=dict)  # shard key -> (file, sha256), to hard-link
    files: dict[str, dict] = field(default_factory=dict)
    scope: dict[str, int] = field(default_factory=dict)
    scope_vectors: np.ndarray | None = None
    fingerprint: str = ""
    build_id: str = ""
    lexical: dict[str, tuple] = field(default_factory=dict)   # lexical key -> (terms, bands, words)
    queries: dict[str, object] = field(default_factory=dict)  # query key -> embedder.Encoded (QueryCache)

    @classmethod
    def open(cls, index_dir: Path, *, model: str, dim: int, reuse: bool = True) -> PreviousBuild | None:
        """The current build of `index_dir`, or None when there is nothing usable to reuse.
        Without `reuse` (a full build, which only diffs its passages against this build's) the
        same checks are made but what only reuse reads (vector keys, lexical views, the encoded
        queries and out-of-scope examples: about half of opening it) is left unread."""
        from assistant.storage.index_files import (TOKENS, IndexError_, current_dir, first_mismatch, read_manifest,
                                                   read_tokens, shard_entries)

        try:
            folder = current_dir(index_dir)
            manifest = read_manifest(folder)
            if manifest.get("model") != model or manifest.get("dim") != dim:
                return None
            # What is taken over must be what that build wrote: a scrambled embeddings.npy carried
            # into a new build would be vouched for by the new manifest's checksums. A few MB to hash.
            sums = manifest.get("checksums", {})
            why = first_mismatch(folder, sums, [name for name in REUSED_FILES if (folder / name).exists()])
            if why:
                log.info("previous build %s: %s: full build", folder.name, why)
                return None
            passages, rows = _read_rows(folder / "passages.jsonl")
            vectors = np.load(folder / "embeddings.npy", mmap_mode="r")
            tokens, offsets = read_tokens(folder)
            if len(vectors) != len(passages) or len(offsets) != len(passages) + 1:
                return None
            prev = cls(folder=folder, passages=passages, keys={}, vectors=vectors, tokens=tokens, offsets=offsets,
                       build_id=folder.name)
            meta_path = folder / REUSE_FILE
            if reuse and meta_path.exists():
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                if meta.get("version") == REUSE_VERSION and meta.get("model") == model \
                        and len(meta.get("keys", [])) == len(passages):
                    # A shard is reused (hard-linked, its recorded checksum carried over) only while
                    # it is the file that build wrote: same size and modification time. One changed
                    # since (tampered, restored from a copy) is not trusted: its passages are encoded again.
                    sums, untrusted = manifest.get("checksums", {}), set()
                    for e in shard_entries(folder):
                        path, digest = folder / TOKENS / e["file"], sums.get(f"{TOKENS}/{e['file']}")
                        st = path.stat()
                        if digest and st.st_size == e.get("size") and st.st_mtime_ns == e.get("mtime_ns"):
                            prev.shards[e["file"].removesuffix(".npy")] = (path, digest)
                        else:
                            untrusted.update(range(*e["rows"]))
                    prev.keys = {k: i for i, k in enumerate(meta["keys"]) if i not in untrusted}
                    prev.files = meta.get("files", {})
                    prev.fingerprint = meta.get("fingerprint", "")
                    lex_keys = meta.get("lexical", [])
                    lex_words = json.loads((folder / LEXICAL_FILE).read_text(encoding="utf-8")) \
                        if (folder / LEXICAL_FILE).exists() else []
                    if len(lex_keys) == len(rows) == len(lex_words):
                        prev.lexical = {k: (r.get("terms", []), r.get("bands", []), w)
                                        for k, r, w in zip(lex_keys, rows, lex_words)}
                    prev.queries = QueryCache.read(folder)
                    if (folder / "scope.npy").exists() and len(meta.get("scope", [])):
                        sv = np.load(folder / "scope.npy")
                        if len(sv) == len(meta["scope"]):
                            prev.scope, prev.scope_vectors = {k: i for i, k in enumerate(meta["scope"])}, sv
            return prev
        except (IndexError_, OSError, ValueError, KeyError, TypeError) as exc:
            log.info("no reusable previous build in %s (%s): full build", index_dir, exc)
            return None

    def reuser(self, source: Path, fingerprint: str) -> Callable[[Path], tuple[Document, list[Passage]] | None]:
        """For `load_library(reuse=...)`: an unchanged file's document and passages, else None."""
        same_setup = fingerprint == self.fingerprint

        def reuse(path: Path):
            if not same_setup:
                return None
            rel = path.relative_to(source).as_posix()
            entry = self.files.get(rel)
            if not entry:
                return None
            try:
                if file_hash(path) != entry["sha"]:
                    return None
            except OSError:
                return None
            a, b = entry["rows"]
            doc = Document(path=path, name=path.name, format=entry["format"], meta=dict(entry.get("meta", {})),
                           blocks=[], audience=entry["audience"])
            return doc, self.passages[a:b]

        return reuse


def _read_rows(path: Path) -> tuple[list[Passage], list[dict]]:
    """passages.jsonl as passages plus the raw rows (their term lists keep repeats, which BM25 counts)."""
    passages, rows = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            extra = {"terms": row.pop("terms", []), "bands": row.pop("bands", [])}
            row["path"] = tuple(row["path"])
            passages.append(Passage(**row))
            rows.append(extra)
    return passages, rows


def _code_hash(*relpaths: str) -> str:
    root = Path(__file__).resolve().parent.parent.parent
    h = hashlib.sha256()
    for rel in relpaths:
        f = root / rel
        h.update(f.read_bytes() if f.exists() else rel.encode())
    return h.hexdigest()


@dataclass
class Lexical:
    terms: list[list[str]]
    bands: list[list]
    words: list[list[str]]
    keys: list[str]


def lexical_views(texts: Sequence[str], prev: PreviousBuild | None, *, analyse, bands_of,
                  band_texts: Sequence[str]) -> Lexical:
    """BM25 terms, value bands and vocabulary words per passage, reused for an unchanged text.
    (Stemming and number normalising 5,000 passages costs seconds; looking them up, milliseconds.)
    `analyse(text)` gives a text's (terms, words) from one tokenisation."""
    salt = _code_hash("assistant/textnorm.py", "assistant/search/amounts.py")  # the code that derives them
    keys = [vector_key(salt, f"{t}\0{b}") for t, b in zip(texts, band_texts)]
    known = prev.lexical if prev else {}
    out = Lexical([], [], [], keys)
    for key, text, btext in zip(keys, texts, band_texts):
        hit = known.get(key)
        if hit is not None:
            t, b, w = hit
            b = [(lo, hi if hi is not None else float("inf")) for lo, hi in b]
        else:
            (t, w), b = analyse(text), bands_of(btext)
        out.terms.append(list(t))
        out.bands.append(b)
        out.words.append(list(w))
    return out


@dataclass
class Vectors:
    vectors: np.ndarray             # (n, dim) float32
    offsets: np.ndarray             # (n + 1,) int64: passage i's pieces are rows offsets[i]:offsets[i+1]
    encoded: int                    # how many had to be encoded
    src: np.ndarray                 # (n,) the row in the previous build a passage's vectors came from, or -1
    new_tokens: dict[int, np.ndarray]   # pieces (float16) of the passages just encoded
    prev: PreviousBuild | None = None

    def pieces(self, a: int, b: int) -> np.ndarray:
        """The float16 word pieces of rows a..b, as one matrix: unchanged passages mostly keep
        their order, so their pieces are copied from the previous build in a few long runs rather
        than one slice per passage."""
        offsets, src = self.offsets, self.src
        base = int(offsets[a])
        out = np.empty((int(offsets[b]) - base, self.vectors.shape[1]), dtype=np.float16)
        i = a
        while i < b:
            if src[i] < 0:
                out[offsets[i] - base:offsets[i + 1] - base] = self.new_tokens[i]
                i += 1
                continue
            j = i + 1  # extend the run while the previous rows are consecutive too
            while j < b and src[j] >= 0 and src[j] == src[j - 1] + 1:
                j += 1
            pa, pb = self.prev.offsets[src[i]], self.prev.offsets[src[j - 1] + 1]
            out[offsets[i] - base:offsets[j] - base] = self.prev.tokens[int(pa):int(pb)]
            i = j
        return out


def passage_vectors(keys: Sequence[str], texts: Sequence[str], prev: PreviousBuild | None, embedder,
                    progress: Callable[[int], None] | None = None) -> Vectors:
    """Vectors for every passage: the previous build's for known keys, the model's for the rest.
    Word pieces are not assembled here: `Vectors.pieces` does it for the shards that are written."""
    n = len(texts)
    known = prev.keys if prev else {}
    src = np.array([known.get(k, -1) for k in keys], dtype=np.int64)
    missing = [i for i in range(n) if src[i] < 0]
    vectors = np.zeros((n, embedder.dim), dtype=np.float32)
    reused = np.flatnonzero(src >= 0)
    if len(reused):
        vectors[reused] = np.asarray(prev.vectors)[src[reused]]
        if progress:
            progress(len(reused))
    new_toks: dict[int, np.ndarray] = {}
    if missing:
        new_vecs, toks = embedder.encode_passages_tokens([texts[i] for i in missing], progress=progress)
        vectors[missing] = new_vecs
        new_toks = {i: t.astype(np.float16, copy=False) for i, t in zip(missing, toks)}
    lengths = np.zeros(n, dtype=np.int64)
    if len(reused):
        lengths[reused] = prev.offsets[src[reused] + 1] - prev.offsets[src[reused]]
    for i, t in new_toks.items():
        lengths[i] = len(t)
    offsets = np.zeros(n + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(lengths)
    return Vectors(vectors, offsets, len(missing), src, new_toks, prev)


def write_pieces(build: Path, got: Vectors, keys: Sequence[str], sources: Sequence[str]) -> dict[str, str]:
    """The word-piece shards of a build, one per document: a document whose passages are all
    unchanged is hard-linked from the previous build; only the others are assembled and written.
    Returns the shards' sha256 for the manifest."""
    from assistant.storage.index_files import shard_key, shard_runs, write_token_shards

    shards = [(shard_key(keys[a:b]), a, b) for a, b in shard_runs(sources)]
    return write_token_shards(build, got.offsets, shards, got.pieces, got.prev.shards if got.prev else None)


QUERIES_FILE = "queries.npz"


class QueryCache:
    """Stands in for the embedder where the indexer's calibration encodes its probes and the
    out-of-scope examples as questions (search/calibrate.py): a text the build being replaced
    already encoded is looked up (by model and exact text), the rest encoded in one batched call.
    An edit changes a probe or two, so an incremental build encodes those instead of 140 texts.
    `write` keeps this build's encodings (float32, as encoded) for the next one."""

    def __init__(self, embedder, known: dict | None = None):
        self.embedder = embedder
        self.known = known or {}
        self.used: dict[str, object] = {}

    def __getattr__(self, name):  # name, dim, known_words, encode_query_tokens …: the embedder's own
        return getattr(self.embedder, name)

    def encode_queries_tokens(self, texts: Sequence[str], **kw) -> list:
        keys = [vector_key(self.embedder.name, t) for t in texts]
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in self.known and k not in self.used))
        fresh = {}
        if missing:
            fresh = {vector_key(self.embedder.name, t): e
                     for t, e in zip(missing, self.embedder.encode_queries_tokens(missing, **kw))}
        out = []
        for k in keys:  # `used` (what `write` keeps) in the order asked, however each was found
            if k not in self.used:
                self.used[k] = fresh[k] if k in fresh else self.known[k]
            out.append(self.used[k])
        return out

    def write(self, build: Path) -> Path:
        keys = list(self.used)
        encs = [self.used[k] for k in keys]
        dim = self.embedder.dim
        lengths = [len(e.tokens) for e in encs]
        offsets = np.zeros(len(encs) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(lengths)
        path = build / QUERIES_FILE
        np.savez(path, keys=np.array(keys, dtype="U64"),
                 vectors=np.array([e.vector for e in encs], dtype=np.float32).reshape(len(encs), dim),
                 tokens=np.concatenate([e.tokens for e in encs]).astype(np.float32) if encs
                 else np.zeros((0, dim), np.float32),
                 offsets=offsets, pieces=np.array([p for e in encs for p in e.pieces], dtype=str))
        return path

    @staticmethod
    def read(folder: Path) -> dict:
        from assistant.index.embedder import Encoded

        path = folder / QUERIES_FILE
        if not path.exists():
            return {}
        try:
            with np.load(path, allow_pickle=False) as z:
                keys, vectors, tokens, offsets, pieces = (z["keys"], z["vectors"], z["tokens"], z["offsets"],
                                                          z["pieces"])
            if len(offsets) != len(keys) + 1 or offsets[-1] != len(tokens) or len(pieces) != len(tokens):
                return {}
            return {str(k): Encoded(vectors[i], tokens[offsets[i]:offsets[i + 1]],
                                    tuple(str(p) for p in pieces[offsets[i]:offsets[i + 1]]))
                    for i, k in enumerate(keys)}
        except (OSError, ValueError, KeyError):
            return {}


class CachedEncoder:
    """Stands in for the embedder where `scope.write` embeds the out-of-scope examples: the
    examples the previous build already embedded are looked up, the rest encoded. The calibration
    scores the examples as questions too (search/calibrate.py); the pass that embeds one also
    encodes it as a question, kept in `as_queries` (query key -> Encoded) for the QueryCache."""

    def __init__(self, embedder, prev: PreviousBuild | None):
        self.embedder, self.prev = embedder, prev
        self.dim, self.name = embedder.dim, embedder.name
        self.keys: list[str] = []
        self.as_queries: dict[str, object] = {}

    def encode_passages(self, texts: Sequence[str], **kw) -> np.ndarray:
        self.keys = [vector_key(self.name, t) for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        known = self.prev.scope if self.prev and self.prev.scope_vectors is not None else {}
        missing = [i for i, k in enumerate(self.keys) if k not in known]
        for i, k in enumerate(self.keys):
            if k in known:
                out[i] = self.prev.scope_vectors[known[k]]
        if missing:
            out[missing], encoded = self.embedder.encode_passages_and_queries([texts[i] for i in missing], **kw)
            self.as_queries.update((self.keys[i], e) for i, e in zip(missing, encoded))
        return out


def write_reuse(build: Path, *, model: str, fingerprint: str, source: Path, documents: list[Document],
                passages: list[Passage], keys: list[str], scope_keys: list[str], lexical: Lexical | None = None) -> None:
    files: dict[str, dict] = {}
    start = 0
    by_doc: dict[str, int] = {}
    for p in passages:
        by_doc[p.source] = by_doc.get(p.source, 0) + 1
    for d in documents:  # passages are in document order (load_folder extends them one file at a time)
        count = by_doc.get(str(d.path), 0)
        files[d.path.relative_to(source).as_posix()] = {
            "sha": file_hash(d.path), "format": d.format, "audience": d.audience, "meta": d.meta,
            "rows": [start, start + count]}
        start += count
    if start != len(passages):  # not in document order after all: reuse vectors only, never passages
        files = {}
    meta = {"version": REUSE_VERSION, "model": model, "fingerprint": fingerprint, "files": files,
            "keys": list(keys), "scope": list(scope_keys), "lexical": lexical.keys if lexical else []}
    (build / REUSE_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    if lexical:
        (build / LEXICAL_FILE).write_text(json.dumps(lexical.words, ensure_ascii=False), encoding="utf-8")
