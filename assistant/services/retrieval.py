"""Hybrid retrieval (MiniLM in FAISS + BM25) over the view of the index a role may read.

The role picks a view that physically holds only that role's audiences, so filtering happens
before anything is scored: a provider's query has no internal passage to rank, leak or correct to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from assistant.ingest.model import Passage
from assistant.services import answer_type
from assistant.services.amounts import amounts, contains
from assistant.services.fusion import Fusion, fuse
from assistant.services.late import content_mask, maxsim
from assistant.services.scope import Scope, ScopeMatch
from assistant.services.sectors import Sectors
from assistant.services.spelling import SpellCorrector
from assistant.settings import RetrievalSettings
from assistant.storage.index_files import (REBUILD, IndexError_, check_view_rows, current_dir, read_manifest,
                                           read_passages, read_tokens, verify)
from assistant.textnorm import clean, terms, with_abbreviations, with_policy_words

MAX_QUERY_CHARS = 2000
# Kinds of fact whose presence singles a clause out. Amounts are left out: in a commissioning
# library most clauses state one, so the bonus would only reward the wrong clause for "how much".
BONUS_KINDS = frozenset({"contact", "deadline", "duration", "date"})
BAND_BONUS = 0.06       # fused-score bonus for a passage whose stated value band holds the asked amount  # MiniLM reads ~256 word pieces; the rest would only cost time


@dataclass(frozen=True)
class Hit:
    """One ranked place: a clause, or a few clauses of one section that answer together.

    `passage` is what is shown as the source (merged text when several clauses score close);
    `parts` are the single-clause hits behind it, best first, which is what answers quote.
    """

    passage: Passage
    score: float
    dense: float
    lexical: float
    row: int
    parts: tuple[Hit, ...] = ()
    late: float = 0.0   # late-interaction (piece-by-piece) similarity, 0 when not scored

    @property
    def clauses(self) -> tuple[Hit, ...]:
        """The single-clause hits of this place, best first (itself, when it is one clause)."""
        return self.parts or (self,)


@dataclass(frozen=True)
class SearchResult:
    query: str
    corrected: str
    hits: list[Hit]
    query_terms: tuple[str, ...]
    scope: ScopeMatch | None = None   # the closest out-of-scope topic, if the index has a list
    kind: str | None = None           # the kind of fact the question asks for (answer_type.expected)
    sectors: tuple[str, ...] = ()     # provider sectors the question names (services/sectors.py)


class _View:
    def __init__(self, folder: Path):
        import bm25s
        import faiss

        self.rows = np.load(folder / "rows.npy")
        self.dense = faiss.read_index(str(folder / "dense.faiss"))
        self.bm25 = bm25s.BM25.load(str(folder / "bm25"))
        self.vocab: dict[str, int] = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        self.bands: list[tuple[int, tuple[float, float]]] = []
        # Per-term best score in this view: their sum is what a perfect lexical match would score.
        indptr, data = self.bm25.scores["indptr"], self.bm25.scores["data"]
        self.term_max = np.array([data[a:b].max() if b > a else 0.0 for a, b in zip(indptr[:-1], indptr[1:])],
                                 dtype=np.float32)
        self.typical_term = float(np.median(self.term_max[self.term_max > 0])) if (self.term_max > 0).any() else 1.0
        if self.dense.ntotal != len(self.rows):
            raise IndexError_(f"the index at {folder} is inconsistent; rebuild it with `{REBUILD}`")


class Retriever:
    """Loads one index build read-only; `search` is safe to call from many threads."""

    def __init__(self, index_dir: Path, embedder, settings: RetrievalSettings, roles: dict[str, list[str]]):
        build = current_dir(index_dir)
        self.build = build
        self.manifest = read_manifest(build)
        if self.manifest.get("model") != embedder.name or self.manifest.get("dim") != embedder.dim:
            raise IndexError_(f"the index at {index_dir} was built with another model; rebuild it with `{REBUILD}`")
        if self.manifest.get("roles") != roles:
            raise IndexError_(f"the roles in config.yaml changed since the index was built; rebuild it with `{REBUILD}`")
        verify(build, self.manifest, roles)  # every file as built, every view built for its role
        try:
            self.passages, self.terms, self.bands = read_passages(build / "passages.jsonl")
            self.vectors = np.load(build / "embeddings.npy", mmap_mode="r")
            self.tokens, self.token_offsets = read_tokens(build)
            self.scope = Scope(build)
            self.sectors = Sectors(build)
            self.views = {role: _View(build / "roles" / role) for role in roles}
            for role, v in self.views.items():
                check_view_rows(build, self.manifest, self.passages, role, roles[role], v.rows)
            for v in self.views.values():
                v.bands = [(j, b) for j, row in enumerate(v.rows) for b in self.bands[int(row)]]
        except IndexError_:
            raise
        except Exception as exc:
            raise IndexError_(f"the index at {index_dir} is corrupt ({exc.__class__.__name__}); "
                              f"rebuild it with `{REBUILD}`") from None
        if len(self.vectors) != len(self.passages) or len(self.token_offsets) != len(self.passages) + 1:
            raise IndexError_(f"the index at {index_dir} is inconsistent; rebuild it with `{REBUILD}`")
        self.embedder = embedder
        self.settings = settings
        self.spellers = {role: SpellCorrector(v.vocab, embedder.known_words) for role, v in self.views.items()}
        self.roles = roles
        self.allowed = {role: frozenset(auds) for role, auds in roles.items()}

    def view(self, role: str) -> _View:
        if role not in self.views:
            raise ValueError(f"unknown role {role!r}; known roles: {', '.join(self.views)}")
        return self.views[role]

    def search(self, query: str, *, role: str, k: int | None = None) -> SearchResult:
        view = self.view(role)  # first: an unknown role must fail before any scoring
        k = k or self.settings.k
        text = clean(query)[:MAX_QUERY_CHARS]
        corrected = self.spellers[role].correct(with_abbreviations(text))
        q_terms = terms(with_policy_words(corrected))
        n = len(view.rows)
        if not text or n == 0:
            return SearchResult(query, corrected, [], tuple(q_terms))
        cand = min(self.settings.candidates, n)
        enc = self.embedder.encode_query_tokens(corrected)
        qv = enc.vector
        dscores, dids = view.dense.search(qv[None, :], cand)
        dense = {int(j): float(s) for j, s in zip(dids[0], dscores[0]) if j >= 0}
        lexical: dict[int, float] = {}
        ids = view.bm25.get_tokens_ids(q_terms)
        unknown = sum(1 for t in dict.fromkeys(q_terms) if t not in view.bm25.vocab_dict)
        scale = float(view.term_max[list(dict.fromkeys(ids))].sum()) + unknown * view.typical_term
        if ids:
            scores = view.bm25.get_scores_from_ids(ids)
            top = np.argpartition(-scores, min(cand, n) - 1)[:cand]
            lexical = {int(j): float(scores[j]) for j in top if scores[j] > 0}
        # An asked amount inside a value band a passage states is evidence BM25 cannot see: the
        # passage gets a bonus, full for a bounded band (£25,000 to £99,999), half for an open one.
        asked = amounts(corrected)
        band_bonus: dict[int, float] = {}
        if asked and view.bands:
            for j, band in view.bands:
                if any(contains(band, a) for a in asked):
                    bonus = BAND_BONUS if band[1] != float("inf") and band[0] > 0 else BAND_BONUS / 2
                    band_bonus[j] = max(band_bonus.get(j, 0.0), bonus)
            for j in band_bonus:
                lexical.setdefault(j, float(scores[j]) if ids else 0.0)
        # Every candidate gets both scores, so fusion compares like with like.
        missing = [j for j in lexical if j not in dense]
        if missing:
            sims = np.asarray(self.vectors[view.rows[missing]]) @ qv
            dense.update({j: float(s) for j, s in zip(missing, sims)})
        fused = fuse(dense, lexical, mode=Fusion(self.settings.fusion), dense_weight=self.settings.dense_weight,
                     rrf_k=self.settings.rrf_k, lexical_scale=scale)
        if band_bonus:
            fused = sorted(((j, sc + band_bonus.get(j, 0.0)) for j, sc in fused), key=lambda kv: (-kv[1], kv[0]))
        # A question that names a provider sector is best answered from that sector's own guidance,
        # where the FAQ or the policy may say nearly the same in nearly the same words; another
        # sector's guide is the wrong one to cite first ("a four-person firm" is not a PLC). The
        # change per document also picks the head, so the guide's clauses get re-scored at all.
        named = self.sectors.named(corrected)
        by_document = self.sectors.bonus(named, self.settings.sector_bonus)
        doc_bonus = {j: by_document.get(self.passages[int(view.rows[j])].document, 0.0) for j, _ in fused} \
            if by_document else {}
        if doc_bonus:
            fused = sorted(fused, key=lambda kv: (-(kv[1] + doc_bonus[kv[0]]), kv[0]))
        # Late interaction re-scores the head of the ranking; the score stays in [0, 1].
        w = self.settings.late_weight
        head = fused[: self.settings.rerank]
        late = maxsim(enc.tokens[content_mask(enc.pieces)], self.tokens, self.token_offsets,
                      [int(view.rows[j]) for j, _ in head]) if w > 0 else np.zeros(len(head))
        # A question that asks for a measure (how long, how much, who to ring) is better answered by
        # a clause that states one: a small bonus, like the value-band one, that text scores can't see.
        kind = answer_type.expected(corrected)
        bonus = {j: self.settings.type_bonus for j, _ in head
                 if kind in BONUS_KINDS and answer_type.satisfies(kind, self.passages[int(view.rows[j])].text)}
        rescored = sorted(((j, (s + w * float(m)) / (1 + w) + bonus.get(j, 0.0) + doc_bonus.get(j, 0.0), float(m))
                           for (j, s), m in zip(head, late)), key=lambda t: (-t[1], t[0]))
        if named and self.settings.sector_wording < 1:
            rescored = self._prefer_sector_wording(rescored, view, self.sectors.guidance(named))
        rescored += [(j, s / (1 + w) + doc_bonus.get(j, 0.0), 0.0) for j, s in fused[len(head):]]
        hits = [Hit(self.passages[int(view.rows[j])], s, dense.get(j, 0.0), lexical.get(j, 0.0), int(view.rows[j]),
                    late=m) for j, s, m in rescored]
        # Defence in depth: whatever the view holds, nothing leaves retrieval that the role may not read.
        hits = [h for h in hits if h.passage.audience in self.allowed[role]]
        return SearchResult(query, corrected, by_place(hits, k=k), tuple(q_terms), self.scope.match(qv), kind, named)

    def _prefer_sector_wording(self, ranked: list[tuple[int, float, float]], view: _View,
                               guides: frozenset[str]) -> list[tuple[int, float, float]]:
        """Where a general document (the policy, the FAQ) outranks a clause of the named sector's
        guide that says nearly the same (cosine of the two clauses ≥ `sector_wording`), the guide's
        clause takes its place: the officer asked about that sector, and its guide is the text that
        binds it. A guide clause that says something else ("public bodies need no insurance
        certificate" against the FAQ's insurance minimums) is left to the plain sector bonus."""
        rows = [int(view.rows[j]) for j, _, _ in ranked]
        docs = [self.passages[r].document for r in rows]
        general = [i for i, d in enumerate(docs) if d not in self.sectors.documents]
        own = [i for i, d in enumerate(docs) if d in guides]
        if not general or not own:
            return ranked
        vecs = np.asarray(self.vectors[rows])
        sims = vecs[own] @ vecs[general].T
        out = list(ranked)
        for a, i in enumerate(own):
            beaten = [ranked[g][1] for b, g in enumerate(general)
                      if ranked[g][1] > ranked[i][1] and sims[a, b] >= self.settings.sector_wording]
            if beaten:
                j, _, m = ranked[i]
                out[i] = (j, max(beaten) + 1e-4, m)  # just above the general clause it says the same as
        return sorted(out, key=lambda t: (-t[1], t[0]))


MERGE_RATIO = 0.8    # a clause joins its section's best if it scores at least this share of it
MERGE_MAX = 3        # clauses in one place at most ("a clause or a few", never a whole section)


def by_place(hits: list[Hit], *, k: int) -> list[Hit]:
    """One result per section, best first: the section's best clause, joined by up to two clauses
    of the same section that score nearly as well, in reading order. So the top results are
    different places, and a place that answers across two adjacent clauses shows both."""
    groups: dict[tuple[str, tuple[str, ...]], list[Hit]] = {}
    for h in hits:
        groups.setdefault((h.passage.document, h.passage.path), []).append(h)
    out: list[Hit] = []
    for members in groups.values():
        best = members[0]
        keep = [best] + [h for h in members[1:MERGE_MAX] if h.score >= MERGE_RATIO * best.score]
        shown = best.passage
        if len(keep) > 1:
            ordered = sorted(keep, key=lambda h: h.row)
            shown = replace(best.passage, text="\n".join(h.passage.text for h in ordered),
                            clause=", ".join(h.passage.clause for h in ordered))
        out.append(Hit(shown, best.score, best.dense, best.lexical, best.row, tuple(keep), best.late))
        if len(out) == k:
            break
    return out
