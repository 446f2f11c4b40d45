"""Build the search index from a knowledge folder: parse, embed once, one view per role."""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.ingest.loader import Library
from assistant.ingest.model import Passage, Problem
from assistant.search import calibrate, wording
from assistant.search.amounts import bands
from assistant.library import changes as library_changes
from assistant.search import scope
from assistant.search import sectors
from assistant.index import vector_cache
from assistant.library.load import load_library
from assistant.settings import Settings
from assistant.storage import index_files
from assistant.textnorm import normalisation_digest, terms_of_words, words
from assistant.yamlfile import YamlProblem


def heading_path(p: Passage) -> list[str]:
    """Title, then the headings down to the passage, without repeating the title."""
    return p.heading_path(fold_case=True)


def embed_text(p: Passage) -> str:
    """The clause under its own heading. The heading carries the topic (and in a FAQ, the question);
    the full path and title were tried and dilute the clause on this model (see scripts/tune_retrieval.py)."""
    return f"{p.section}: {p.text}"


def lexical_text(p: Passage) -> str:
    return f"{' '.join(heading_path(p))} {p.text}"


def _lexical_words(text: str) -> tuple[list[str], list[str]]:
    """A passage's BM25 terms and the words its spelling vocabulary counts, from one tokenisation."""
    ws = words(text)
    return terms_of_words(ws), [w for w in ws if w.isalpha() and len(w) > 2]


def _bands(text: str) -> list:
    """amounts.bands, without its four pattern searches for a clause that names no sum in pounds
    (every band does; most clauses do not): two thirds of the bands' cost of a full build. Here,
    not in amounts.py, whose bytes salt the lexical cache keys (vector_cache.lexical_views)."""
    return bands(text) if "£" in text else []


@dataclass
class BuildReport:
    index: Path
    documents: Counter = field(default_factory=Counter)
    sections: Counter = field(default_factory=Counter)
    passages: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    encode_seconds: float = 0.0
    calibrate_seconds: float = 0.0
    per_role: dict[str, int] = field(default_factory=dict)
    encoded: int = 0          # passages the model had to encode (the rest were reused unchanged)
    reused_files: int = 0     # files taken over from the previous build without parsing
    build_id: str = ""
    changes: list = field(default_factory=list)  # clause-level diff from the previous build (storage.changes.Change)

    def table(self) -> str:
        lines = [f"{'format':<10}{'documents':>10}{'sections':>10}{'passages':>10}"]
        for fmt in sorted(self.documents):
            lines.append(f"{fmt:<10}{self.documents[fmt]:>10}{self.sections[fmt]:>10}{self.passages[fmt]:>10}")
        lines.append(f"{'total':<10}{sum(self.documents.values()):>10}{sum(self.sections.values()):>10}"
                     f"{sum(self.passages.values()):>10}")
        roles = ", ".join(f"{r}: {n}" for r, n in self.per_role.items())
        lines.append(f"passages visible per role: {roles}")
        return "\n".join(lines)


def is_stale(settings: Settings, *, source: Path, index_dir: Path) -> str:
    """Why the index no longer matches the knowledge folder ("" when it does): the files a build
    would read now, compared with the hashes its manifest recorded."""
    from assistant.ingest.loader import iter_files
    from assistant.storage.index_files import current_dir, read_manifest

    try:
        manifest = read_manifest(current_dir(index_dir))
    except index_files.IndexError_ as exc:
        return str(exc)
    recorded = manifest.get("files", {})
    skipped = {s.split(":", 1)[0] for s in manifest.get("skipped", [])}
    now = {str(p.relative_to(source)): p for p in iter_files(source, settings.ingest.exclude)}
    changed = [r for r, p in now.items() if r not in recorded and str(p) not in skipped]
    changed += [r for r in recorded if r not in now or _hash(now[r]) != recorded[r]]
    if manifest.get("roles") != settings.roles:
        return "the roles in config.yaml changed"
    scope_path = scope.scope_file(source, settings.path(settings.out_of_scope))
    if manifest.get("out_of_scope", "") != scope.file_hash(scope_path):
        return f"the out-of-scope list changed: {scope_path or 'removed'}"
    if manifest.get("sectors", "") != sectors.routes_hash(sectors.routes_for(source)[0]):
        return "the sectors map in rules.yaml changed"
    if manifest.get("normalisation") != normalisation_digest():
        return "the text normalisation or tokenizer settings changed"
    words_path = wording.wording_file(source, settings.path(settings.abbreviations) if settings.abbreviations else None)
    try:
        now_wording = wording.load(words_path).digest()
    except YamlProblem:
        now_wording = "broken"
    if manifest.get("wording", "") != now_wording:
        return f"the abbreviations changed: {words_path or 'removed'}"
    if manifest.get("calibration_settings") != _calibration_settings(settings):
        return "the answer calibration settings in config.yaml changed"
    return f"knowledge changed since the last build: {', '.join(sorted(changed)[:5])}" if changed else ""


def _calibration_settings(settings: Settings) -> dict:
    a = settings.answers
    return {"probes": a.probes, "sure_quantile": a.sure_quantile, "floor_quantile": a.floor_quantile,
            "evidence": a.evidence, "adapt": a.adapt, "prior": [a.sure, a.floor],
            "evidence_pieces": settings.retrieval.evidence_pieces}


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _calibrate(settings: Settings, build: Path, embedder, topics, report: BuildReport, passages=None) -> dict:
    """The library's own answer bars (search/calibrate.py), from the finished build in `build`.
    `embedder` may be a vector_cache.QueryCache, so unchanged probes are not encoded again.
    The word pieces are read as serving reads them, float16 widened by torch at each search: since
    late interaction widens through torch, that is faster than keeping each passage's widened copy
    (gathering float32 copies cost more than widening the float16 pieces: 0.20 s against 0.22 s for
    the shipped library's 200 searches, same scores)."""
    from assistant.search.pipeline import Retriever

    t0 = time.perf_counter()
    retriever = Retriever(build, embedder, settings.retrieval, settings.roles, verify_checksums=False,
                          passages=passages)
    role = max(retriever.views, key=lambda r: len(retriever.views[r].rows))  # the widest view sees every section
    visible = set(int(i) for i in retriever.views[role].rows)
    probes = calibrate.make_probes([p for i, p in enumerate(retriever.passages) if i in visible], settings.answers.probes)
    out = calibrate.calibrate(retriever, probes=probes, scope_examples=[ex for t in topics for ex in t.examples],
                              role=role, sure_quantile=settings.answers.sure_quantile,
                              floor_quantile=settings.answers.floor_quantile, evidence=settings.answers.evidence,
                              prior=(settings.answers.sure, settings.answers.floor), adapt=settings.answers.adapt)
    report.calibrate_seconds = time.perf_counter() - t0
    return out


def build_index(settings: Settings, *, source: Path, index_dir: Path, embedder, show_progress: bool | None = None,
                incremental: bool = True) -> BuildReport:
    """See `_build_index`. The cyclic garbage collector is paused meanwhile, except while the model
    encodes: a build holds millions of small objects (every passage's terms and words, twice over in
    an incremental build) and makes no cycles worth collecting, and each full collection walked them
    all, repeatedly (about 0.2 s of a one-document re-index at 5,000 passages)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_index(settings, source=source, index_dir=index_dir, embedder=embedder,
                            show_progress=show_progress, incremental=incremental)
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _collecting():
    """The garbage collector on for a while (the model's forward passes may leave cycles)."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()


def _build_index(settings: Settings, *, source: Path, index_dir: Path, embedder, show_progress: bool | None = None,
                 incremental: bool = True) -> BuildReport:
    """Parse `source`, embed every passage once, write one retrieval view per role, then swap it in.

    Everything is written to a temporary folder first; `current` moves only when the build is
    complete, so a crash mid-build leaves the previous index serving. With `incremental` (the
    default) unchanged files and passage texts are taken over from the build being replaced
    (index/vector_cache.py); the result is the same index a full build writes.
    """
    import bm25s
    import faiss
    from tqdm import tqdm

    started = time.perf_counter()
    if show_progress is None:
        show_progress = sys.stderr.isatty()
    if not source.is_dir():
        raise FileNotFoundError(f"knowledge folder not found: {source}")
    progress = (lambda it: tqdm(it, desc="reading", unit="file", leave=False)) if show_progress else None
    before = vector_cache.PreviousBuild.open(index_dir, model=embedder.name, dim=embedder.dim, reuse=incremental)
    prev = before if incremental else None
    fingerprint = vector_cache.ingest_fingerprint(settings, source)
    lib: Library = load_library(settings, source, progress=progress,
                                reuse=prev.reuser(source, fingerprint) if prev else None)
    report = BuildReport(index=index_dir, problems=lib.problems)
    passages = lib.passages
    if not passages:
        raise ValueError(f"no documents could be indexed from {source}"
                         + "".join(f"\n  {p}" for p in lib.problems))
    for doc in lib.documents:
        report.documents[doc.format] += 1
    for p in passages:
        report.passages[p.format] += 1
    for fmt in report.documents:
        report.sections[fmt] = len({(p.document, p.path) for p in passages if p.format == fmt})

    tmp = index_files.new_build_dir(index_dir)
    try:
        bar = tqdm(total=len(passages), desc="embedding", unit="passage", leave=False) if show_progress else None
        t0 = time.perf_counter()
        texts = [embed_text(p) for p in passages]
        keys = [vector_cache.vector_key(embedder.name, t) for t in texts]
        with _collecting():
            got = vector_cache.passage_vectors(keys, texts, prev, embedder, progress=bar.update if bar else None)
        vectors, report.encoded = got.vectors, got.encoded
        report.encode_seconds = time.perf_counter() - t0
        report.reused_files = sum(1 for d in lib.documents if not d.blocks)
        if bar:
            bar.close()
        lexical = vector_cache.lexical_views([lexical_text(p) for p in passages], prev, analyse=_lexical_words,
                                             band_texts=[p.text for p in passages], bands_of=_bands)
        passage_terms = lexical.terms
        np.save(tmp / "embeddings.npy", vectors)
        known_sums = vector_cache.write_pieces(tmp, got, keys, [p.source for p in passages])
        scope_path = scope.scope_file(source, settings.path(settings.out_of_scope))
        topics: list[scope.Topic] = []
        if scope_path:
            try:
                topics = scope.load_topics(scope_path)
            except YamlProblem as exc:
                report.problems.append(Problem(exc.path, exc.line, f"{exc.message} (out-of-scope list not used)"))
        scope_encoder = vector_cache.CachedEncoder(embedder, prev)
        scope.write(tmp, topics, scope_encoder)
        routes, problem = sectors.routes_for(source)
        if problem:
            report.problems.append(Problem(problem.path, problem.line, f"{problem.message} (sector routing not used)"))
        sectors.write(tmp, routes)
        words_path = wording.wording_file(source, settings.path(settings.abbreviations) if settings.abbreviations else None)
        try:
            library_wording = wording.load(words_path)
        except YamlProblem as exc:
            library_wording = wording.Wording()
            report.problems.append(Problem(exc.path, exc.line, f"{exc.message} (abbreviations not used)"))
        # Plus the abbreviations the documents spell out themselves, from text every role may read:
        # an expansion is shown back with the question ("searched for: …"), so an internal
        # document's names must not come from here.
        everyone = set.intersection(*(set(a) for a in settings.roles.values())) if settings.roles else set()
        # The manifest keeps the list's own digest (is_stale compares it with the file); what the
        # documents define changes only with them, and their hashes are in the manifest already.
        shared = [p.text for p in passages if p.audience in everyone]
        wording.write(tmp, wording.with_defined(library_wording, wording.defined_abbreviations(shared),
                                                wording.defined_names(shared)))
        index_files.write_passages(tmp / "passages.jsonl", passages, passage_terms, lexical.bands)
        role_rows: dict[str, list[int]] = {}
        for role, audiences in settings.roles.items():
            role_rows[role] = [i for i, p in enumerate(passages) if p.audience in set(audiences)]
            rows = np.array(role_rows[role], dtype=np.int64)
            report.per_role[role] = len(rows)
            rdir = tmp / "roles" / role
            rdir.mkdir(parents=True)
            np.save(rdir / "rows.npy", rows)
            dense = faiss.IndexFlatIP(embedder.dim)
            if len(rows):
                dense.add(vectors[rows])
            faiss.write_index(dense, str(rdir / "dense.faiss"))
            corpus = [passage_terms[i] or [""] for i in rows] or [[""]]
            bm25 = bm25s.BM25()
            bm25.index(corpus, show_progress=False)
            bm25.save(str(rdir / "bm25"))
            vocab = Counter()
            for i in rows:
                vocab.update(lexical.words[i])
            (rdir / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
        # Before the manifest, so its checksums cover these files too.
        if before is not None:
            report.changes = library_changes.diff(before.passages, passages)
            library_changes.write(tmp, previous=before.build_id, changes=report.changes)
        vector_cache.write_reuse(tmp, model=embedder.name, fingerprint=fingerprint, source=source,
                                 documents=lib.documents, passages=passages, keys=keys, scope_keys=scope_encoder.keys,
                                 lexical=lexical)
        manifest = {
            "format_version": index_files.FORMAT_VERSION,
            "model": embedder.name,
            "dim": embedder.dim,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "source": str(source.resolve()),
            "files": {str(d.path.relative_to(source)): _hash(d.path) for d in lib.documents},
            "roles": settings.roles,
            "passages": len(passages),
            "skipped": [str(p) for p in report.problems],
            "out_of_scope": scope.file_hash(scope_path),
            "sectors": sectors.routes_hash(routes),
            "wording": library_wording.digest(),
            "normalisation": normalisation_digest(),
            "calibration_settings": _calibration_settings(settings),
            # The integrity record the server checks before serving (storage/index_files.verify).
            "views": index_files.views_record(settings.roles, role_rows),
            "checksums": index_files.checksums(tmp, known_sums),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        # The examples scope.write has just encoded are found there, not encoded again.
        queries = vector_cache.QueryCache(embedder, {**(prev.queries if prev else {}), **scope_encoder.as_queries})
        # The passages as written, not read back: what read_passages would return for them.
        written = (passages, [frozenset(t) for t in passage_terms],
                   [[(lo, hi) for lo, hi in b] for b in (lexical.bands or [[] for _ in passages])])
        manifest["calibration"] = _calibrate(settings, tmp, queries, topics, report, written)
        saved = queries.write(tmp)
        manifest["checksums"][saved.name] = index_files.file_sha256(saved)
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        report.build_id = index_files.publish(index_dir, tmp).name
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.seconds = time.perf_counter() - started
    return report
