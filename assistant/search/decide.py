"""Stage 7, decide: answer from the best place, or refuse.

Checked in this order, each switchable in config.yaml (`answers.checks`) for an ablation:
1. kind: the best place states the kind of fact asked for (an amount, a duration, a date, a
   phone number: search/facts.py);
2. subject: an amount question that names its sum (a budget, a fee) needs a place naming that sum,
   a count question a number of the thing it counts ("how many providers": not "aged 18"), a
   "how often" question a frequency and "how many hours" a period near that unit, and a
   question naming a label ("Lot 2", "Tier 3"), a year (2027/28, "the 2027 round") or a value
   ("under £500,000", "a £60,000 contract") a place that does not name only others (Lot 1; the
   2026/27 charges, in the place or its document's title, or, for a financial year, no year at all;
   "£500,000 or more"; a label the role's whole library names only with other values, "round 3"
   where it has Rounds 1 and 2, whatever the place: except for a yes/no
   question, which a band answers either way: "we took £150k, can we apply?" — "under £120,000");
   and the thing a "what …" or "how much …" question asks about ("what *interest* will the
   council pay", "what is the *quorum*") must be named in the place (its clauses, headings and
   title): a clause on paying invoices states a fact, but not the interest asked about; a kind
   of a thing the place does not list among the kinds it does ("an *evening* session" beside
   full-day and half-day ones), a row a table does not have ("supported accommodation" against
   rows of placement types), a thing the place names only to send the reader elsewhere ("works
   contracts are bought under separate rules"), and a name, label or year the place names only in
   clauses other than those stating the fact asked ("a three-bedroom unit in Hollins Vale" where
   Hollins Vale's clause has no three-bedroom cap), a number asked for one name that the place
   counts only for a list of names together ("38 refuge units on four sites (Stourleigh,
   Ellerdale, Harnmoor and Linmouth)"), and notice asked of one party where the place
   states only the notice given to it by another ("how much notice does the council have to
   give" against "the Provider may terminate by giving the Council six months' notice":
   search/parties.py) are refused too;
3. scope: the question is not closer to an out-of-scope example (council tax, parking, small
   talk: out-of-scope.yaml) than to the best place; then (part of `subject` for an ablation, but
   after scope, so an out-of-scope question is still told where to go) a name the role's whole
   library never uses ("the *Harnmoor* site", read in the message as typed, not as expanded);
4. evidence: the best place matches the question piece by piece (late interaction, each piece
   weighted by how rare its word is in this library, IDF) at least `sure`, or at least `floor`
   while holding `coverage` of the question's terms (IDF-weighted too): what the question is
   about must be there ("home care" in "the top hourly rate for home care"), not only a fact
   of the right kind.
   For a message that tells before it asks ("Our bookkeeper sent you a bill without an order
   number. Will you still pay it?") the match is over its best-matched pieces only
   (`answers.story_evidence`): the story has no counterpart in any clause.
5. withheld: the best place in the whole library is one the role may read. A provider whose
   question is answered best by an internal clause ("the fee ceiling", "who is on enhanced
   monitoring") is refused like any question the library does not answer, instead of being
   given the nearest public clause as if it answered. Nothing of the internal place is shown or
   named: only its rank beside the best place the role may read is used (AnswerService.decide),
   so the rule has no threshold to fit.
A question naming a provider sector whose best place is that sector's own guide (rules.yaml
`sectors:`) is held to bars `sector_relief` lower: the sector named with its guide is evidence of
its own; the relief is small and the same on every library's own bars. So is a question naming a
value ("a £70,000 purchase") that lies in a value band a clause of the best place states ("£50,000
up to the threshold"), by `band_relief`: the band holding the value asked about is a match on the
fact itself, however the rest of the question is worded ("does it have to be advertised" against
"an open quotation published on the portal").
`sure` and `floor` are not constants for MiniLM on one library: the indexer derives them from
the library itself (search/calibrate.py) and records them in the manifest.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from assistant.search import amounts, facts, parties


@dataclass(frozen=True)
class Thresholds:
    """Late-interaction bars, in this library's units (the manifest's `calibration`)."""

    sure: float = 0.48
    floor: float = 0.43
    derived: bool = False   # false: config's fallback values (an index built without probes)


@dataclass(frozen=True)
class Calibration:
    """The knobs that are not library units: see config.yaml `answers:`."""

    coverage: float = 0.2
    scope_min: float = 0.6
    scope_margin: float = 0.1
    support_ratio: float = 0.9
    support_floor: float = 0.3   # a supporting clause needs at least this cosine
    checks: frozenset[str] = field(default_factory=lambda: frozenset({"kind", "subject", "scope", "evidence", "withheld"}))
    sector_relief: float = 0.08  # bars lowered by this when the best place is the guide of a sector the question names
    band_relief: float = 0.08    # …and by this when a clause of the best place states a band holding the value asked
    subject_match: float = 0.7   # a word of the thing asked is named when a piece of the place matches it this well
    story_evidence: str = "best"  # the same for a message that tells before it asks (facts.tells_before_asking)
    evidence: str = "late"       # which match the bars apply to: "weighted" (by IDF) or plain "late"


@dataclass(frozen=True)
class Decision:
    answered: bool
    reason: str
    out_of_scope: bool = False


def idf(df: int, n: int) -> float:
    """BM25's inverse document frequency, never below 0: a term in no passage weighs most."""
    return max(0.0, math.log((n - df + 0.5) / (df + 0.5) + 1.0))


def weighted_coverage(query_terms: Iterable[str], place_terms: frozenset[str], weight: Callable[[str], float]) -> float:
    """Share of the question's terms, each weighted by its rarity in the library, that the place
    (its clauses and headings) contains. 1.0 for a question without terms."""
    q = list(dict.fromkeys(query_terms))
    total = sum(weight(t) for t in q)
    if total <= 0:
        return 1.0 if not q else 0.0
    return sum(weight(t) for t in q if t in place_terms) / total


def withheld(places: list[tuple[float, bool]]) -> bool:
    """Whether the best of `places` (score, readable by the role; best first, from a ranking over
    the whole library) is one the role may not read and outranks every one it may."""
    if not places or places[0][1]:
        return False
    readable = [score for score, ok in places if ok]
    return not readable or places[0][0] > readable[0]


def refusals(*, kind: str | None, question: str, top_text: str, top_heading: str, late: float, dense: float,
             coverage: float, scope_score: float | None, scope_topic: str, cal: Calibration, top_title: str = "",
             place_terms: frozenset[str] | None = None, word_match=None,
             library_labels: dict[str, frozenset[str]] | None = None, place_text: str | None = None,
             known_word=None, library_word=None, asked_text: str | None = None,
             thresholds: Thresholds | None = None, in_named_guide: bool = False,
             in_band: bool = False, place_clauses: tuple[str, ...] | None = None, place_frame: str = "",
             term_weight=None) -> Iterator[tuple[str, Decision]]:
    """Every rule of checks 1 to 3 that refuses, as (rule, refusal), in the order above; lazily,
    so `decide` stops at the first and a study of the rules (scripts/study_decision.py) reads all.
    `thresholds`, `in_named_guide` and `in_band` are the evidence check's, accepted so that one set
    of inputs (AnswerService.inputs) serves both."""
    facts_ = f"late {late:.2f}, cosine {dense:.2f}, coverage {coverage:.2f}"
    matched = (lambda w: word_match()(w) >= cal.subject_match) if word_match is not None else (lambda w: False)
    if "kind" in cal.checks and not facts.states(kind, top_text):
        article = "an" if kind[0] in "aeiou" else "a"
        yield "kind", Decision(False, f"asks for {article} {kind} the best passage does not state ({facts_})")
    asked_channel = facts.channel(question) if "kind" in cal.checks and kind == facts.CONTACT else None
    if asked_channel and not facts.gives(asked_channel, place_text or top_text):
        yield "channel", Decision(False, f"asks for {'a phone number' if asked_channel == 'phone' else 'an email address'}"
                                         f", and the best passage gives none ({facts_})")
    if "subject" in cal.checks:
        place = f"{top_heading}\n{top_text}"
        if kind == facts.AMOUNT and not facts.names_subject(question, place):
            yield "sum", Decision(False, f"asks for an amount of something the best passage does not name ({facts_})")
        unit = facts.missing_unit(question, f"{top_title}\n{place}") if kind == facts.AMOUNT else None
        if unit:
            yield "unit", Decision(False, f"asks for a sum per {unit}, and the best passage gives none ({facts_})")
        if kind == facts.COUNT and not facts.counts_subject(question, place):
            yield "count", Decision(False, f"asks how many of something the best passage gives no number of ({facts_})")
        if kind == facts.DURATION and not facts.fits_time(question, top_text):
            yield "time", Decision(False, f"asks how often or how many hours, days… and the best passage says "
                                          f"otherwise ({facts_})")
        other = facts.other_label(question, place) or facts.other_year(question, f"{top_title}\n{place}") \
            or (kind not in (None, facts.YESNO) and amounts.other_band(question, place)) \
            or (library_labels is not None and facts.unknown_label(question, library_labels))
        if other:
            yield "other", Decision(False, f"asks about {other}, which the best passage does not name ({facts_})")
        thing = facts.missing_subject(question, place_terms) if place_terms is not None else None
        if thing and not any(matched(w) for w in thing.split()):
            yield "thing", Decision(False, f"asks about the {thing}, which the best passage does not name ({facts_})")
        narrowed = facts.other_kind(question, place_text, known_word or (lambda w: True)) \
            if place_text is not None else None
        if narrowed and not matched(narrowed[0].split()[0]):
            yield "narrowed", Decision(False, f"asks about the {narrowed[0]}, and the best passage names only the "
                                              f"{', '.join(narrowed[1])} ({facts_})")
        row = facts.unlisted_row(question, place_text, known_word or (lambda w: True)) \
            if place_text is not None and kind not in (None, facts.YESNO) else None
        if row and not any(matched(w) for w in row[0].split()):
            yield "row", Decision(False, f"asks about {row[0]}, and the best passage lists only "
                                         f"{'; '.join(row[1][:4])} ({facts_})")
        apart = facts.stated_apart(question, kind, list(place_clauses), place_frame, term_weight) \
            if place_clauses and term_weight is not None else None
        if apart:
            yield "apart", Decision(False, f"asks about {apart}, and the best passage states {kind} only for "
                                           f"something else ({facts_})")
        together = facts.counted_together(question, kind, list(place_clauses), place_frame) if place_clauses else None
        if together:
            yield "together", Decision(False, f"asks how many for {together}, and the best passage counts it only "
                                              f"together with others ({facts_})")
        party = parties.other_party(question, list(place_clauses)) \
            if kind == facts.DURATION and place_clauses else None
        if party:
            yield "party", Decision(False, f"asks for the notice the {party} gives, and the best passage states only "
                                           f"notice given to the {party} ({facts_})")
        aside = facts.set_aside(question, kind, top_text, f"{top_title}\n{top_heading}")
        if aside:
            yield "aside", Decision(False, f"asks about {aside}, which the best passage names only to refer "
                                           f"elsewhere ({facts_})")
    if "scope" in cal.checks and scope_score is not None and scope_score >= cal.scope_min \
            and scope_score >= dense + cal.scope_margin:
        yield "scope", Decision(False, f"out of scope: {scope_topic} (cosine {scope_score:.2f}; {facts_})",
                                out_of_scope=True)
    # After the scope check: "my bin wasn't emptied on Tuesday" is told where to go, not only refused.
    name = facts.unknown_name(asked_text or question, library_word) \
        if "subject" in cal.checks and library_word is not None else None
    if name and not matched(name.lower()):
        yield "name", Decision(False, f"asks about {name}, which the library never names ({facts_})")


def decide(*, late: float, dense: float, coverage: float, thresholds: Thresholds, cal: Calibration,
           in_named_guide: bool = False, in_band: bool = False, **inputs) -> Decision:
    """The rule above on plain values, so it is tested without an index; `inputs` are those of
    `refusals`."""
    first = next(refusals(late=late, dense=dense, coverage=coverage, cal=cal, **inputs), None)
    if first is not None:
        return first[1]
    facts_ = f"late {late:.2f}, cosine {dense:.2f}, coverage {coverage:.2f}"
    if "evidence" not in cal.checks:
        return Decision(True, facts_)
    relief = max(cal.sector_relief if in_named_guide else 0.0, cal.band_relief if in_band else 0.0)
    if in_named_guide:
        facts_ += ", in the guide of the sector named"
    if in_band:
        facts_ += ", in a band holding the value asked"
    if late >= thresholds.sure - relief or (late >= thresholds.floor - relief and coverage >= cal.coverage):
        return Decision(True, facts_)
    return Decision(False, facts_)
