"""The path a question takes: normalise → candidates → fuse → adjust → re-score → one per place.

(The last stage, decide, is applied by the answer service: search/decide.py.) Each stage is a
small pure function in its own module; `Retriever.search` only wires them, over the view of the
index a role may read. The view physically holds only that role's audiences, so filtering happens
before anything is scored: a provider's query has no internal passage to rank, leak or correct to.
Stages can be switched off in config.yaml (`retrieval.stages`) for an ablation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.search import adjust, candidates, facts, rescore
from assistant.search.decide import Thresholds, idf
from assistant.search.fusion import Fusion, fuse
from assistant.search.late import content_mask, maxsim_many, piece_best, piece_weights, piece_words
from assistant.search.normalise import Query, normalise
from assistant.search.places import MERGE_MAX, Hit, by_place, place_key
from assistant.search.spelling import SpellCorrector
from assistant.search import wording
from assistant.search.wording import Expander
from assistant.search.scope import Scope, ScopeMatch
from assistant.search.sectors import Sectors
from assistant.settings import RetrievalSettings
from assistant.storage.index_files import (REBUILD, IndexError_, check_view_rows, current_dir, read_manifest,
                                           read_passages, read_tokens, verify)
from assistant.textnorm import normalisation_digest, stem

BAND_BONUS = 0.06       # fused-score bonus for a passage whose stated value band holds the asked amount


@dataclass(frozen=True)
class SearchResult:
    query: str
    corrected: str
    hits: list[Hit]
    query_terms: tuple[str, ...]
    scope: ScopeMatch | None = None   # the closest out-of-scope topic, if the index has a list
    kind: str | None = None           # the kind of fact the question asks for (search/facts.py)
    sectors: tuple[str, ...] = ()     # provider sectors the question names (search/sectors.py)
    labels: dict[str, set[str]] = field(default_factory=dict)   # labels the question names (normalise)
    amounts: tuple[float, ...] = ()   # the sums of money the question names (normalise)
    # The question as encoded, so a second look at the index (decide's `withheld` check) does
    # not encode it again. Not part of what is shown or compared.
    encoded: object = field(default=None, compare=False, repr=False)


@dataclass
class _Ranking:
    """What stages 1 to 5 leave for the last one (`Retriever._rank`)."""

    q: Query
    enc: object = None
    named: tuple[str, ...] = ()
    head: list[tuple[int, float, float]] | None = None   # (view position, score, late), best first
    rest: list[tuple[int, float]] = field(default_factory=list)  # beyond the re-scored head, fused order
    weight: float = 0.0
    doc_bonus: dict[int, float] = field(default_factory=dict)
    hit: Callable[[int, float, float], Hit] | None = None   # (position, score, late) -> its Hit


class View:
    """One role's retrieval view: FAISS and BM25 over only the passages that role may read."""

    def __init__(self, folder: Path):
        import bm25s
        import faiss

        self.rows = np.load(folder / "rows.npy")
        self.dense = faiss.read_index(str(folder / "dense.faiss"))
        self.bm25 = bm25s.BM25.load(str(folder / "bm25"))
        self.vocab: dict[str, int] = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        self.bands: list[tuple[int, tuple[float, float]]] = []
        self.by_document: dict[str, list[int]] = {}   # document -> its positions in this view
        self.labels: dict[str, frozenset[str]] = {}    # every label its passages name (facts.library_labels)
        # Per-term best score in this view: their sum is what a perfect lexical match would score.
        indptr, data = self.bm25.scores["indptr"], self.bm25.scores["data"]
        self.term_max = np.array([data[a:b].max() if b > a else 0.0 for a, b in zip(indptr[:-1], indptr[1:])],
                                 dtype=np.float32)
        self.df = np.diff(indptr).astype(np.int64)
        self.typical_term = float(np.median(self.term_max[self.term_max > 0])) if (self.term_max > 0).any() else 1.0
        if self.dense.ntotal != len(self.rows):
            raise IndexError_(f"the index at {folder} is inconsistent; rebuild it with `{REBUILD}`")

    def weight(self, term: str) -> float:
        """How much a term says about relevance here: its IDF in this view (most for an unseen term)."""
        tid = self.bm25.vocab_dict.get(term)
        return idf(int(self.df[tid]) if tid is not None else 0, len(self.rows))


class Retriever:
    """Loads one index build read-only; `search` is safe to call from many threads."""

    def __init__(self, index_dir: Path, embedder, settings: RetrievalSettings, roles: dict[str, list[str]], *,
                 verify_checksums: bool = True, passages=None):
        """`verify_checksums` False: the caller has just written this build itself (the indexer's calibration),
        so its checksums are not read back; anything that serves an index checks them. `passages`: that
        caller's own (passages, terms, bands), exactly what it wrote to passages.jsonl, not read back."""
        build = current_dir(index_dir)
        self.build = build
        self.manifest = read_manifest(build)
        if self.manifest.get("model") != embedder.name or self.manifest.get("dim") != embedder.dim:
            raise IndexError_(f"the index at {index_dir} was built with another model; rebuild it with `{REBUILD}`")
        if self.manifest.get("roles") != roles:
            raise IndexError_(f"the roles in config.yaml changed since the index was built; rebuild it with `{REBUILD}`")
        if verify_checksums:
            verify(build, self.manifest, roles)  # every file as built, every view built for its role
        if self.manifest.get("normalisation") != normalisation_digest():
            raise IndexError_(f"the index at {index_dir} was built with other text normalisation or tokenizer "
                              f"settings; rebuild it with `{REBUILD}`")
        try:
            self.passages, self.terms, self.bands = passages or read_passages(build / "passages.jsonl")
            self.vectors = np.load(build / "embeddings.npy", mmap_mode="r")
            self.tokens, self.token_offsets = read_tokens(build)
            self.scope = Scope(build)
            self.sectors = Sectors(build)
            self.expander = Expander(wording.read(build), embedder.known_words)
            self.views = {role: View(build / "roles" / role) for role in roles}
            for role, v in self.views.items():
                check_view_rows(build, self.manifest, self.passages, role, roles[role], v.rows)
            for v in self.views.values():
                v.bands = [(j, b) for j, row in enumerate(v.rows) for b in self.bands[int(row)]]
                for j, row in enumerate(v.rows):
                    v.by_document.setdefault(self.passages[int(row)].document, []).append(j)
                v.labels = facts.library_labels(f"{' '.join(p.path)}\n{p.text}"
                                                for p in (self.passages[int(row)] for row in v.rows))
        except IndexError_:
            raise
        except Exception as exc:
            raise IndexError_(f"the index at {index_dir} is corrupt ({exc.__class__.__name__}); "
                              f"rebuild it with `{REBUILD}`") from None
        if len(self.vectors) != len(self.passages) or len(self.token_offsets) != len(self.passages) + 1:
            raise IndexError_(f"the index at {index_dir} is inconsistent; rebuild it with `{REBUILD}`")
        cal = self.manifest.get("calibration") or {}
        self.thresholds = Thresholds(cal["sure"], cal["floor"], True) if "sure" in cal and "floor" in cal else None
        self.embedder = embedder
        self.settings = settings
        self.spellers = {role: SpellCorrector(v.vocab, embedder.known_words) for role, v in self.views.items()}
        self.roles = roles
        self.allowed = {role: frozenset(auds) for role, auds in roles.items()}

    def view(self, role: str) -> View:
        if role not in self.views:
            raise ValueError(f"unknown role {role!r}; known roles: {', '.join(self.views)}")
        return self.views[role]

    def place_terms(self, hit: Hit) -> frozenset[str]:
        """The terms of a place's clauses and their headings."""
        return frozenset().union(*(self.terms[h.row] for h in hit.clauses))

    def word_match(self, encoded, hit: Hit) -> Callable[[str], float]:
        """word -> the best cosine of its pieces in the question (as `encoded`) with any piece of
        the place's clauses: how closely the place says that word, in its own words or others."""
        best = piece_best(encoded.tokens, self.tokens, self.token_offsets, [h.row for h in hit.clauses])
        by_word: dict[str, float] = {}
        for w, b in zip(piece_words(list(encoded.pieces)), best):
            by_word[w] = max(by_word.get(w, 0.0), float(b))
        return lambda word: by_word.get(word, 0.0)

    def known_word(self, role: str) -> Callable[[str], bool]:
        """Whether a lower-case word is one the model knows whole or the role's library uses:
        what an uncorrected typo is not."""
        vocab, known = self.view(role).vocab, self.embedder.known_words
        return lambda word: word in known or word in vocab

    def wider_role(self, role: str) -> str | None:
        """The role that reads everything `role` reads and most besides (an officer for a
        provider), or None when no role reads more."""
        mine = self.allowed[role]
        wider = [r for r, auds in self.allowed.items() if auds > mine]
        return max(wider, key=lambda r: (len(self.allowed[r]), r)) if wider else None

    def _place_members(self, ranked: list, view: View, k: int) -> list:
        """The entries of `ranked` that `by_place(..., k)` can use: the first MERGE_MAX of each of
        the first k places (all of it, when places are not merged: the first k). The rest of the
        ranking (a hundred candidates, most never shown) is not turned into Hit objects."""
        if not self.settings.stages.places:
            return ranked[:k]
        seen: dict[tuple, int] = {}
        out = []
        for t in ranked:
            key = place_key(self.passages[int(view.rows[t[0]])])
            n = seen.get(key)
            if n is None:
                if len(seen) == k:
                    continue
                n = 0
            if n < MERGE_MAX:
                out.append(t)
            seen[key] = n + 1
        return out

    def normalise(self, query: str, role: str) -> Query:
        on = self.settings.stages
        expander = self.expander if on.abbreviations else Expander(wording.Wording())
        return normalise(query, expander=expander, speller=self.spellers[role] if on.spelling else None,
                         labels=self.view(role).labels if on.labels else None)

    def search(self, query: str, *, role: str, k: int | None = None, encoded=None,
               exclude_documents: frozenset[str] = frozenset(), normalised: Query | None = None) -> SearchResult:
        """Rank the places of the role's view for `query`. `exclude_documents` holds documents out
        (the indexer's calibration probes); `encoded` is a query already encoded (its `corrected`);
        `normalised`: `self.normalise(query, role)`, when the caller has it already."""
        view = self.view(role)  # first: an unknown role must fail before any scoring
        k = k or self.settings.k
        r = self._rank(query, view, role, encoded, exclude_documents, normalised)
        if r.head is None:
            return SearchResult(query, r.q.corrected, [], r.q.terms)
        ranked = r.head + rescore.tail(r.rest, weight=r.weight, bonus=r.doc_bonus)
        # 6. one per place
        # Defence in depth: whatever the view holds, nothing leaves retrieval that the role may not read.
        allowed = self.allowed[role]
        ranked = [t for t in ranked if self.passages[int(view.rows[t[0]])].audience in allowed]
        hits = [r.hit(j, s, m) for j, s, m in self._place_members(ranked, view, k)]
        return SearchResult(query, r.q.corrected, by_place(hits, k=k, merge=self.settings.stages.places), r.q.terms,
                            self.scope.match(r.enc.vector), r.q.kind, r.named, labels=r.q.labels, amounts=r.q.amounts,
                            encoded=r.enc)

    def best(self, query: str, *, role: str, encoded=None, exclude_documents: frozenset[str] = frozenset(),
             normalised: Query | None = None) -> Hit | None:
        """The clause `search(..., k=1)` ranks first, with the same scores (its late and weighted
        evidence), but on its own: not joined by its section's neighbours. It is all the indexer's
        calibration reads of each of its few hundred probes, so the places, the rest of the ranking
        and the out-of-scope match are not built. `normalised`: `self.normalise(query, role)`,
        when the caller has it already (a probe is searched twice, once with its document held out)."""
        view = self.view(role)
        r = self._rank(query, view, role, encoded, exclude_documents, normalised)
        if r.head is None:
            return None
        allowed = self.allowed[role]
        readable = lambda ranked: (t for t in ranked if self.passages[int(view.rows[t[0]])].audience in allowed)  # noqa: E731
        first = next(readable(r.head), None)
        if first is None:  # the re-scored head always goes first; the rest only when the head is empty
            first = next(readable(rescore.tail(r.rest, weight=r.weight, bonus=r.doc_bonus)), None)
        return r.hit(*first) if first else None

    def _rank(self, query: str, view: View, role: str, encoded, exclude_documents: frozenset[str],
              normalised: Query | None) -> _Ranking:
        """Stages 1 to 5 for `search` and `best`: the re-scored head of the ranking, best first,
        and the rest still in fused order (`head` None when there is nothing to rank)."""
        on = self.settings.stages
        q = normalised or self.normalise(query, role)
        n = len(view.rows)
        if not q.text or n == 0:
            return _Ranking(q)
        doc_of = lambda j: self.passages[int(view.rows[j])].document  # noqa: E731
        excluded = {j for d in exclude_documents for j in view.by_document.get(d, ())}
        enc = encoded or self.embedder.encode_query_tokens(q.corrected)
        qv = enc.vector

        # 2. candidates
        cand = min(self.settings.candidates + len(excluded), n)
        dense = candidates.dense_top(view.dense, qv, cand) if on.dense else {}
        ids = view.bm25.get_tokens_ids(list(q.terms)) if on.lexical else []
        unknown = sum(1 for t in dict.fromkeys(q.terms) if t not in view.bm25.vocab_dict) if on.lexical else 0
        lexical, all_lexical = candidates.lexical_top(view.bm25, ids, cand) if ids else ({}, None)
        bands = adjust.band_bonus(view.bands, q.amounts, BAND_BONUS) if on.bands else {}
        dense, lexical = candidates.complete(dense, lexical, bands, all_lexical,
                                             lambda rows: np.asarray(self.vectors[view.rows[rows]]) @ qv)
        dense, lexical = candidates.without(dense, excluded), candidates.without(lexical, excluded)
        # 3. fuse
        fused = fuse(dense, lexical, mode=Fusion(self.settings.fusion), dense_weight=self.settings.dense_weight,
                     rrf_k=self.settings.rrf_k,
                     lexical_scale=candidates.lexical_scale(view.term_max, ids, unknown, view.typical_term))
        # 4. adjust: value bands into the score; a named sector's guides also pick the head.
        fused = adjust.apply(fused, bands)
        named = self.sectors.named(q.corrected) if on.sectors else ()
        by_doc = self.sectors.bonus(named, self.settings.sector_bonus)
        doc_bonus = adjust.document_bonus((j for j, _ in fused), doc_of, by_doc)
        if doc_bonus:
            fused = sorted(fused, key=lambda kv: (-(kv[1] + doc_bonus[kv[0]]), kv[0]))
        # 5. re-score the head: late interaction and a stated-fact bonus.
        w = self.settings.late_weight if on.late else 0.0
        head, rest = fused[: self.settings.rerank], fused[self.settings.rerank:]
        mask = content_mask(enc.pieces)
        head_rows = [int(view.rows[j]) for j, _ in head]
        # The decision's evidence: the same match with each piece weighted by its word's rarity in
        # this library, so what the question is about counts more than how it is asked.
        weights = piece_weights(enc.pieces, mask, lambda word: view.weight(stem([word])[0]))
        late, weighted, best = np.zeros(len(head)), np.zeros(len(head)), np.zeros(len(head))
        if w > 0:  # one matching serves all three
            late, weighted, best = maxsim_many(enc.tokens[mask], self.tokens, self.token_offsets, head_rows,
                                               [None, weights if len(weights) else None,
                                                self.settings.evidence_pieces])
            if not len(weights):
                weighted = np.zeros(len(head))
        weighted_of = {j: float(x) for (j, _), x in zip(head, weighted)}
        best_of = {j: float(x) for (j, _), x in zip(head, best)}
        kinds = rescore.type_bonus([j for j, _ in head], q.kind, lambda j: self.passages[int(view.rows[j])].text,
                                   self.settings.type_bonus if on.type_bonus else 0.0)
        named_label = rescore.label_bonus([j for j, _ in head], q.labels if on.labels else {}, lambda j: self.passages[int(view.rows[j])].text,
                                          self.settings.label_bonus)
        ranked = rescore.rescore(head, late, weight=w, bonus={j: kinds.get(j, 0.0) + doc_bonus.get(j, 0.0)
                                                               + named_label.get(j, 0.0) for j, _ in head})
        if named and self.settings.sector_wording < 1:
            guides = self.sectors.guidance(named)
            rows = [int(view.rows[j]) for j, _, _ in ranked]
            ranked = rescore.prefer_wording(ranked, [self.passages[r].document for r in rows],
                                            np.asarray(self.vectors[rows]),
                                            general=lambda d: d not in self.sectors.documents,
                                            own=lambda d: d in guides, threshold=self.settings.sector_wording)
        return _Ranking(q, enc, named, ranked, rest, w, doc_bonus,
                        lambda j, s, m: Hit(self.passages[int(view.rows[j])], s, dense.get(j, 0.0), lexical.get(j, 0.0),
                                            int(view.rows[j]), late=m, weighted=weighted_of.get(j, 0.0),
                                            best=best_of.get(j, 0.0)))
