"""Answer bars from the library itself, worked out when it is indexed.

A late-interaction score of 0.48 means one thing for MiniLM on short formal clauses and another on
long contract prose or web pages, so the bars are not constants. The indexer makes probes from
the library: for each section (up to `probes`, spread evenly) a pseudo-question from its heading
and the start of its first clause. Scored with the whole library, a probe's best place is usually
its own section (a positive); scored with its own document held out, the best place is a clause
that shares its words but not its fact (a tempting negative: what an on-topic question the library
cannot answer looks like). The out-of-scope examples are negatives too. `sure` and `floor` are
quantiles of the negatives (config.yaml `answers.sure_quantile`, `floor_quantile`), never above
the positives' lower quartile. On the libraries fitted so far, the probe-derived bars alone
transferred worse than fixed ones (leave-one-library-out, README "Quality"), so the bar used is
`adapt` of the way from the configured prior to the library's own; both, the distributions and
the settings go into the manifest.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from assistant.ingest.model import Passage

PROBE_WORDS = 12      # words of the first clause a probe keeps after the heading
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")


@dataclass(frozen=True)
class Probe:
    text: str
    document: str


def _draw(p: Passage) -> str:
    """A section's fixed place in the draw: a hash of its document and heading path."""
    return hashlib.sha1("\x1f".join((p.document, *p.path)).encode("utf-8")).hexdigest()


def make_probes(passages: list[Passage], limit: int) -> list[Probe]:
    """One probe per section, from its heading and the first words of its first clause; at most
    `limit`, drawn by a hash of each section's document and headings (so spread through the
    library at random, and drawn again when another document changes: a deletion re-encodes no
    probe of the documents left, where taking them evenly shifted them all), in library order."""
    first: dict[tuple[str, tuple[str, ...]], Passage] = {}
    for p in passages:
        first.setdefault((p.document, p.path), p)
    sections = list(first.values())
    if limit <= 0 or not sections:
        return []
    drawn = set(sorted(range(len(sections)), key=lambda i: _draw(sections[i]))[:limit])
    chosen = [s for i, s in enumerate(sections) if i in drawn]
    out = []
    for p in chosen:
        sentence = _SENTENCE.split(p.text.strip(), maxsplit=1)[0]
        words = sentence.split()[:PROBE_WORDS]
        out.append(Probe(f"{p.section} {' '.join(words)}".strip(), p.document))
    return out


def evidence_of(hit, evidence: str) -> float:
    """The score the bars apply to (config.yaml `answers.evidence`): late interaction over every
    piece of the question ("late"), over its best pieces ("best"), or IDF-weighted ("weighted")."""
    return hit.weighted if evidence == "weighted" else hit.best if evidence == "best" else hit.late


def _quantile(values: list[float], q: float) -> float:
    return float(np.quantile(np.asarray(values, dtype=np.float64), q)) if values else float("nan")


def calibrate(retriever, *, probes: list[Probe], scope_examples: list[str], role: str, sure_quantile: float,
              floor_quantile: float, evidence: str = "late", prior: tuple[float, float] = (0.48, 0.43),
              adapt: float = 1.0) -> dict:
    """The manifest's `calibration`: bars and the figures they were placed on ({} without probes)."""
    if not probes:
        return {}

    def score(hit) -> float:
        return evidence_of(hit, evidence)
    texts = [retriever.normalise(p.text, role).corrected for p in probes]
    extra = [retriever.normalise(t, role).corrected for t in scope_examples]
    encoded = retriever.embedder.encode_queries_tokens(texts + extra)
    # One thread: what is left of a search is mostly Python, and a second thread only contended for
    # the GIL (two threads took 0.29 s for the shipped library's 200 searches, one 0.27 s).
    # Each probe is searched twice (with and without its document), from one normalisation. Only
    # the best clause of each search is read (`Retriever.best`, what `search(k=1)` ranks first).
    asked = [retriever.normalise(text, role) for text in texts]
    jobs = [(text, enc, frozenset(), q) for text, enc, q in zip(texts, encoded, asked)]
    jobs += [(text, enc, frozenset({p.document}), q) for p, text, enc, q in zip(probes, texts, encoded, asked)]
    jobs += [(t, e, frozenset(), None) for t, e in zip(extra, encoded[len(texts):])]
    found = [retriever.best(text, role=role, encoded=enc, exclude_documents=held_out, normalised=q)
             for text, enc, held_out, q in jobs]
    n = len(probes)
    positives = [score(hit) for p, hit in zip(probes, found[:n]) if hit and hit.passage.document == p.document]
    negatives = [score(hit) for hit in found[n:2 * n] if hit]
    outside = [score(hit) for hit in found[2 * n:] if hit]
    return bars({"positive_scores": sorted(round(x, 3) for x in positives),
                 "negative_scores": sorted(round(x, 3) for x in negatives + outside),
                 "probes": len(probes), "negatives": len(negatives), "out_of_scope": len(outside), "role": role,
                 "evidence": evidence},
                sure_quantile, floor_quantile, prior=prior, adapt=adapt)


def bars(calibration: dict, sure_quantile: float, floor_quantile: float, *, prior: tuple[float, float] | None = None,
         adapt: float = 1.0) -> dict:
    """`calibration` with `sure` and `floor` placed on its recorded distributions (also used by
    scripts/tune_retrieval.py to try other settings without rebuilding). With a `prior` (the
    configured bars) and `adapt` < 1, each bar is that share of the way from the prior to the
    library's own: `adapt` 1 trusts the probes alone, 0 ignores them."""
    pool, positives = calibration.get("negative_scores", []), calibration.get("positive_scores", [])
    if not pool:
        return {}
    sure, floor = _quantile(pool, sure_quantile), _quantile(pool, floor_quantile)
    if positives:
        cap = _quantile(positives, 0.25)
        sure, floor = min(sure, cap), min(floor, cap)
    derived = (sure, floor)
    if prior is not None:
        sure = (1 - adapt) * prior[0] + adapt * sure
        floor = (1 - adapt) * prior[1] + adapt * floor
    floor = min(floor, sure)
    return {**calibration, "sure": round(sure, 4), "floor": round(floor, 4), "sure_quantile": sure_quantile,
            "floor_quantile": floor_quantile, "derived": [round(x, 4) for x in derived], "adapt": adapt,
            "prior": list(prior) if prior else None}
