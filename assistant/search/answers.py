"""Answer from the library or refuse: quotes only, every quote cited, never generated text.

Whether to answer is the search pipeline's last stage (assistant/search/decide.py): the best
place must state the kind of fact asked for, the question must not be out of scope, and the
place must match the question well enough on bars the indexer derived from this library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from assistant.ingest.model import Passage
from assistant.search import facts
from assistant.search.amounts import bands, contains
from assistant.search.calibrate import evidence_of
from assistant.search.decide import Calibration, Decision, Thresholds, decide, weighted_coverage, withheld
from assistant.search.pipeline import Retriever, SearchResult
from assistant.search.places import Hit, place_key
from assistant.textnorm import clean

__all__ = ["Answer", "AnswerService", "Calibration", "Thresholds", "answer_json", "nearby_topics", "quote_block"]


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    text: str
    quotes: list[Hit] = field(default_factory=list)
    sources: list[Hit] = field(default_factory=list)
    nearby: list[str] = field(default_factory=list)
    corrected: str = ""
    reason: str = ""
    out_of_scope: str = ""   # the out-of-scope topic the question was refused as, if any
    redirect: str = ""       # for such a refusal, the sentence that says where to go instead
    sectors: tuple[str, ...] = ()  # provider sectors the question names (ids of rules.yaml `sectors:`)


def nearby_topics(hits: list[Hit], limit: int = 3) -> list[str]:
    seen: list[str] = []
    for h in hits:
        topic = " › ".join(h.passage.heading_path())
        if topic not in seen:
            seen.append(topic)
        if len(seen) == limit:
            break
    return seen


def quote_block(hit: Hit) -> str:
    p = hit.passage
    return f"“{p.text}”\n— {p.citation()} ({p.provenance()})"


class AnswerService:
    def __init__(self, retriever: Retriever, *, calibration: Calibration | None = None, supporting: int = 2,
                 fallback: Thresholds | None = None):
        self.retriever = retriever
        self.cal = calibration or Calibration()
        self.supporting = supporting
        # The library's own bars when its index has them, else the configured fallback.
        self.thresholds = retriever.thresholds or fallback or Thresholds()

    @cached_property
    def _by_id(self) -> dict[str, Passage]:
        return {p.id: p for p in self.retriever.passages}

    @cached_property
    def _sections(self) -> dict[tuple[str, tuple[str, ...]], list[Passage]]:
        out: dict[tuple[str, tuple[str, ...]], list[Passage]] = {}
        for p in self.retriever.passages:
            out.setdefault(place_key(p), []).append(p)
        return out

    def passage(self, passage_id: str) -> Passage | None:
        """The passage with this id in the index this service answers from (a dict built once:
        a hot reload brings a new service with its own)."""
        return self._by_id.get(passage_id)

    def section(self, passage_id: str, audiences) -> list[Passage]:
        """The passages of the section `passage_id` sits in, in index order, that `audiences` may
        read; [] when the passage is unknown or not one of them."""
        first = self.passage(passage_id)
        if first is None or first.audience not in audiences:
            return []
        return [p for p in self._sections[place_key(first)] if p.audience in audiences]

    def coverage(self, result: SearchResult, hit: Hit, role: str, place_terms: frozenset[str] | None = None) -> float:
        """The IDF-weighted share of the question's terms the place holds (decide.py, 4);
        `place_terms`: `retriever.place_terms(hit)`, when the caller has them already."""
        terms = self.retriever.place_terms(hit) if place_terms is None else place_terms
        return weighted_coverage(result.query_terms, terms, self.retriever.view(role).weight)

    def withheld(self, result: SearchResult, role: str) -> bool:
        """Whether the question's best place in the whole library is one `role` may not read
        (decide.py, check 5). Only scores and audiences of that ranking are looked at."""
        wider = self.retriever.wider_role(role)
        if wider is None or not result.hits:
            return False
        allowed = self.retriever.allowed[role]
        # The question as the wider role's own spelling vocabulary reads it: a provider's corrector
        # knows only public words, so "recommissioning", a word of internal papers alone, became
        # "commissioning" and the internal place it named was never found. Encoded again only then.
        read = self.retriever.normalise(result.query, wider)
        seen = self.retriever.search(result.query, role=wider, k=3, normalised=read,
                                     encoded=result.encoded if read.corrected == result.corrected else None)
        return withheld([(h.score, h.passage.audience in allowed) for h in seen.hits])

    def decide(self, result: SearchResult, role: str = "officer", *, hidden: bool | None = None) -> Decision:
        """Answer or refuse `result`; `hidden` is `withheld(result, role)` when already known
        (scripts/tune_retrieval.py replays the decision for many settings)."""
        if not result.hits:
            return Decision(False, "empty")
        decision = self._decide(result, role)
        if decision.answered and "withheld" in self.cal.checks \
                and (self.withheld(result, role) if hidden is None else hidden):
            return Decision(False, f"the best match in the library is one this role may not read ({decision.reason})")
        return decision

    def _decide(self, result: SearchResult, role: str) -> Decision:
        return decide(**self.inputs(result, role))

    def inputs(self, result: SearchResult, role: str) -> dict:
        """What decide.py's rules read of `result`, as plain values (`result` has hits)."""
        top = result.hits[0]
        scope = result.scope
        place_terms = self.retriever.place_terms(top)
        # A message that tells before it asks is judged on its best-matched pieces (decide.py, 4).
        evidence = self.cal.story_evidence if facts.tells_before_asking(result.query) else self.cal.evidence
        # Computed at most once, and only when a rule needs it (several rules may ask).
        word_match = cache(lambda: self.retriever.word_match(result.encoded, top)) if result.encoded is not None else None
        return dict(kind=result.kind, question=result.corrected, top_text=top.judged_text,
                    top_heading=top.passage.section, top_title=top.passage.title,
                    late=evidence_of(top, evidence), dense=top.dense,
                    coverage=self.coverage(result, top, role, place_terms),
                    scope_score=scope.score if scope else None,
                    scope_topic=scope.topic if scope else "", thresholds=self.thresholds, cal=self.cal,
                    in_named_guide=bool(result.sectors)
                    and top.passage.document in self.retriever.sectors.guidance(result.sectors),
                    in_band=bool(result.amounts) and any(contains(band, a) for h in top.clauses
                                                         for band in bands(h.passage.text, minimums=False)
                                                         for a in result.amounts),
                    place_terms=place_terms, word_match=word_match,
                    library_labels=self.retriever.view(role).labels,
                    place_text="\n".join([top.passage.title, top.passage.section,
                                           *(h.passage.text for h in top.clauses)]),
                    known_word=self.retriever.known_word(role),
                    library_word=self.retriever.view(role).vocab.__contains__, asked_text=result.query,
                    place_clauses=tuple(h.passage.text for h in top.clauses),
                    place_frame="\n".join(top.passage.heading_path()), term_weight=self.retriever.view(role).weight)

    def answer(self, question: str, *, role: str, k: int | None = None) -> Answer:
        result = self.retriever.search(question, role=role, k=k)
        if not result.hits and not clean(result.query):
            return Answer(question, False, "Please type a question about the commissioning policy.",
                          corrected=result.corrected, reason="empty question")
        decision = self.decide(result, role)
        ok, why = decision.answered, decision.reason
        if not ok:
            near = nearby_topics(result.hits)
            text = "I can't find that in the policy library, so I won't guess."
            scope = result.scope if decision.out_of_scope else None
            redirect = ""
            if scope:
                # Say where to go instead, then still show what the library does cover.
                redirect = (f"It looks like a question about {scope.topic[0].lower() + scope.topic[1:]}, which this "
                            f"assistant does not cover" + (f": try {scope.where}." if scope.where else "."))
                text += " " + redirect
            if near:
                text += " The nearest topics it covers are:\n" + "\n".join(f"• {t}" for t in near)
            return Answer(question, False, text, sources=result.hits, nearby=near,
                          corrected=result.corrected, reason=why, out_of_scope=scope.topic if scope else "",
                          redirect=redirect, sectors=result.sectors)
        best = result.hits[0]
        # The best place's clauses (one, or a few that score close) in reading order, then the
        # best clauses of the next places while they score close to the best.
        lead, *own_rest = lead_first(list(best.quoted), best.clauses[0], result.labels)
        runners = [h.clauses[0] for h in result.hits[1:]]
        support = (own_rest + [h for h in runners if h.score >= self.cal.support_ratio * best.score
                               and h.dense >= self.cal.support_floor])[: self.supporting]
        quotes = [lead, *support]
        text = quote_block(lead)
        if support:
            text += "\n\nAlso relevant:\n" + "\n\n".join(quote_block(h) for h in support)
        return Answer(question, True, text, quotes=quotes, sources=result.hits,
                      corrected=result.corrected, reason=why, sectors=result.sectors)


def lead_first(ordered: list[Hit], top: Hit, asked: dict[str, set[str]]) -> list[Hit]:
    """A place's clauses in reading order, except that a question naming a label ("Band B",
    "Lot 2") is answered first by the clause naming it: the rows of a rates table merge into one
    place, and quoting the Band A row first for a Band B question reads as the wrong answer."""
    if not asked or facts.names_label(asked, ordered[0].passage.text):
        return ordered
    named = [h for h in ([top] + ordered) if facts.names_label(asked, h.passage.text)]
    if not named:
        return ordered
    return [named[0]] + [h for h in ordered if h is not named[0]]


def answer_json(a: Answer) -> dict:
    """The `bot.py ask --json` contract: keys and order are relied on by checks outside the repo."""
    return {
        "question": a.question,
        "answered": a.answered,
        "answer": a.text,
        "sources": [
            {
                "document": h.passage.document,
                "section": h.passage.section,
                "path": list(h.passage.path),
                "clause": h.passage.clause,
                "text": h.passage.text,
                "audience": h.passage.audience,
                "score": round(float(h.score), 4),
                "title": h.passage.title,
                "owner": h.passage.owner,
                "version": h.passage.version,
                "citation": h.passage.citation(),
            }
            for h in a.sources
        ],
    }
