"""Hybrid retrieval: roles filter inside retrieval, typos are tolerated, top results are distinct places."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from assistant.search import sectors
from assistant.search.fusion import Fusion, fuse
from assistant.search.spelling import SpellCorrector
from conftest import ROOT


@contextmanager
def retrieval_settings(retriever, **update):
    """The shared retriever with a few settings changed for one block, restored even on failure."""
    saved = retriever.settings
    retriever.settings = saved.model_copy(update=update)
    try:
        yield retriever
    finally:
        retriever.settings = saved


def shipped_sectors(folder: Path) -> sectors.Sectors:
    """The shipped library's sectors map, compiled as an index build compiles it."""
    routes, problem = sectors.routes_for(ROOT / "knowledge")
    assert problem is None and len(routes) == 4
    sectors.write(folder, routes)
    return sectors.Sectors(folder)


def test_provider_view_holds_no_internal_passage(shipped_app):
    r = shipped_app.retriever
    provider_rows = set(int(i) for i in r.view("provider").rows)
    officer_rows = set(int(i) for i in r.view("officer").rows)
    internal = {i for i, p in enumerate(r.passages) if p.audience == "internal"}
    assert internal, "the shipped library must have internal passages for this test to mean anything"
    assert not provider_rows & internal
    assert internal <= officer_rows
    # Every row of the provider's dense and lexical indexes is a public passage.
    assert r.view("provider").dense.ntotal == len(provider_rows)


def test_provider_cannot_score_internal_text_even_when_quoting_it(shipped_app):
    r = shipped_app.retriever
    internal = [p for p in r.passages if p.audience == "internal"]
    for p in internal[:15]:
        res = r.search(p.text, role="provider", k=10)
        assert res.hits
        assert all(h.passage.audience == "public" for h in res.hits)
        officer = r.search(p.text, role="officer", k=3)
        assert officer.hits[0].passage.id == p.id  # the officer finds the very clause


def test_typos_are_corrected_against_the_role_vocabulary(shipped_app):
    r = shipped_app.retriever
    res = r.search("how much can i sign off myself as a commisioning manger?", role="officer")
    assert "commissioning" in res.corrected and "manager" in res.corrected
    assert "parking" in r.search("parking permit", role="provider").corrected  # real words are left alone


def test_spell_corrector_prefers_frequent_close_words():
    sc = SpellCorrector({"threshold": 12, "thresholds": 3, "payment": 30})
    assert sc.correct("threshhold paymnet") == "threshold payment"
    assert sc.correct("abc xyzzyq") == "abc xyzzyq"


def test_top_three_come_from_three_different_sections(shipped_app):
    for q in ("how are grants paid to charities?", "what insurance does a provider need?", "who approves a £40,000 contract?"):
        hits = shipped_app.retriever.search(q, role="officer").hits
        places = [(h.passage.document, h.passage.path) for h in hits[:3]]
        assert len(set(places)) == 3, places


def test_unknown_role_is_refused_before_any_scoring(shipped_app):
    import pytest

    with pytest.raises(ValueError):
        shipped_app.retriever.search("anything", role="admin")


def test_fusion_modes():
    dense = {1: 0.9, 2: 0.5, 3: 0.1}
    lexical = {2: 10.0, 3: 5.0, 4: 1.0}
    w = fuse(dense, lexical, mode=Fusion.WEIGHTED, dense_weight=0.5, lexical_scale=10.0)
    assert [r for r, _ in w] == [2, 1, 3, 4]
    assert dict(w)[2] == 0.5 * 0.5 + 0.5 * 1.0
    r = fuse(dense, lexical, mode=Fusion.RRF, dense_weight=0.5)
    assert r[0][0] == 2 and {x for x, _ in r} == {1, 2, 3, 4}
    import pytest

    with pytest.raises(ValueError):
        fuse(dense, lexical, dense_weight=1.5)


def test_late_interaction_scores_piece_by_piece():
    """MaxSim: each query piece takes its best passage piece; a passage with every idea scores 1."""
    import numpy as np

    from assistant.search.late import content_mask, maxsim

    e = np.eye(4, dtype=np.float32)
    flat = np.concatenate([e[[0, 1]], e[[2]], np.zeros((0, 4), np.float32), e[[0, 3, 1]]]).astype(np.float16)
    offsets = np.array([0, 2, 3, 3, 6])
    scores = maxsim(e[[0, 1]], flat, offsets, [0, 1, 2, 3])
    assert scores.tolist() == [1.0, 0.0, 0.0, 1.0]            # order and length of passages do not matter
    assert maxsim(e[[0, 2]], flat, offsets, [0]).tolist() == [0.5]  # half the question's ideas are there
    assert content_mask(["what", "is", "the", "light", "-", "touch", "regime", "?"]).tolist() == [
        False, False, False, True, False, True, True, False]
    assert content_mask(["what", "is", "it"]).all()  # only stopwords: better a weak signal than none


def test_late_interaction_lifts_a_far_paraphrase(shipped_app):
    """A colloquial question whose words are not in the clause still finds it: piece-by-piece
    matching ranks the consultation clause higher than fused scores alone do."""
    from assistant.reports.evaluation import Expect, matches

    r = shipped_app.retriever
    q = "our charity got a grant from you - when does the money actually land in our account?"
    want = Expect(document="sector-guidance-voluntary-community.md", section="Payment terms")

    def rank(late_weight: float) -> int:
        with retrieval_settings(r, late_weight=late_weight):
            hits = r.search(q, role="provider").hits
        return next(i for i, h in enumerate(hits, 1) if matches(h.passage, want))

    assert rank(r.settings.late_weight) <= 3
    assert rank(r.settings.late_weight) <= rank(0.0)


def test_out_of_scope_questions_are_refused_with_where_to_go(shipped_app):
    """Other council services are refused by topic even when they share words with a clause;
    commissioning questions that mention the same things are still answered."""
    for q, topic in [("I need to set up a direct debit for my council tax", "Council tax"),
                     ("my green bin wasn't emptied on Tuesday", "Bins, recycling and waste"),
                     ("where do I vote in the local elections?", "Elections and voting")]:
        a = shipped_app.answers.answer(q, role="provider")
        assert not a.answered and a.out_of_scope == topic, (q, a.reason)
        assert "does not cover" in a.text and "nearest topics" in a.text, a.text
    assert not shipped_app.answers.answer("will it rain at the weekend?", role="provider").answered
    for q in ["How quickly does the council pay invoices from a sole trader?",
              "how much can we pay a week for an older person's care home place before it needs sign-off?"]:
        a = shipped_app.answers.answer(q, role="officer")
        assert a.answered and not a.out_of_scope, (q, a.reason)


def test_a_money_question_needs_a_clause_naming_that_kind_of_sum():
    from assistant.search import facts

    q = "how much has the council budgeted for housing-related support this year?"
    assert facts.expected(q) == facts.AMOUNT
    assert not facts.names_subject(q, "Suppliers are paid £25.40 an hour within 30 days of a valid invoice.")
    assert facts.names_subject(q, "The housing-related support budget for 2026/27 is £4.2 million.")
    # A question that names no particular sum is satisfied by any amount; synonyms count.
    assert facts.names_subject("how much can we pay a week for a care home place?", "The ceiling is £900.")
    assert facts.names_subject("what does a permit cost?", "The charge is £40 a year.")


def test_how_often_and_how_long_accept_natural_answers():
    from assistant.search import facts

    often = facts.expected("who agrees the service level agreement, and how often?")
    assert facts.states(often, "It is agreed each year between the two managers.")
    long_ = facts.expected("How long does a continuity plan need to be?")
    assert facts.states(long_, "The plan can be short, a page or two, if it names a deputy.")
    assert not facts.states(long_, "The plan names a deputy.")


def test_sector_words_name_the_sector_by_its_members(tmp_path):
    """Questions name a sector by its members as often as by its name; words that every question
    uses (the council, a provider, public liability) name none."""
    s = shipped_sectors(tmp_path)
    assert s.named("Do we pay a charity's grant upfront?") == ("voluntary-community",)
    assert s.named("The local NHS foundation trust wants a pooled budget") == ("public-sector",)
    assert s.named("a self-employed PA with no staff") == ("private-business",)
    assert s.named("a large children's homes group wants money up front") == ("plc",)
    assert s.named("a residents’ association's summer scheme") == ("voluntary-community",)
    assert s.named("Does the council need public liability insurance from a provider?") == ()
    # Words that only look like a sector's: a longer name wins, and common phrases name nothing.
    assert s.named("Is a not-for-profit CIC in scope?") == ("voluntary-community",)
    assert s.named("for-profit care providers") == ("plc",)
    assert s.named("our corporate parenting duties and modern slavery in the supply chain") == ()
    assert s.named("a section 75 partnership agreement with an NHS trust") == ("public-sector",)
    assert s.guidance(("plc",)) == frozenset({"sector-guidance-plcs-large-providers.pdf"})
    # Everyday phrases once lifted from evaluation questions name no sector.
    assert s.named("we need one person to review the tender") == ()
    assert s.named("can we buy it from the council next door?") == ()
    assert s.named("the resident is in hospital") == ()
    assert s.named("PLEASE SEND ME THE PA GUIDANCE") == ()


def test_a_question_naming_a_sector_cites_its_guide_before_the_faq(shipped_app):
    """The FAQ says nearly what the voluntary sector guide says about paying grants; an officer who
    names a charity is pointed to the guide, and one who names no sector still gets an answer."""
    a = shipped_app.answers.answer("Do we pay a charity's grant upfront or after they've done the work?", role="officer")
    assert a.answered and a.sources[0].passage.document == "sector-guidance-voluntary-community.md", a.sources[0].passage
    with retrieval_settings(shipped_app.retriever, sector_bonus=0.0, sector_wording=1.0) as r:
        without = r.search("Do we pay a charity's grant upfront or after they've done the work?", role="officer")
    assert without.hits[0].passage.document != "sector-guidance-voluntary-community.md"  # sector routing is what moves it


def test_the_sector_guide_goes_first_where_a_general_document_says_the_same(shipped_app):
    """The policy defines a spot purchase in nearly the words the private business guide uses; an
    officer placing someone in a small family-run home gets the guide's clause first. Turning the
    preference off (sector_wording 1) puts the policy back on top, so it is what moves the guide."""
    q = "I need to find a bed for one person at a small family-run care home. How do I set up a spot purchase?"
    a = shipped_app.answers.answer(q, role="officer")
    assert a.answered and a.sources[0].passage.document == "sector-guidance-private-business.docx", a.sources[0].passage
    assert "spot purchase" in a.quotes[0].passage.text
    with retrieval_settings(shipped_app.retriever, sector_wording=1.0) as r:
        without = r.search(q, role="officer")
    assert without.hits[0].passage.document == "local-commissioning-policy.md"


def test_the_sector_a_question_names_first_is_the_one_it_is_about(tmp_path):
    """"We're a PLC… like you do for charities" is about a PLC: the first-named sector's guide gets
    the whole bonus, a sector named later part of it, and the other guides lose some."""
    s = shipped_sectors(tmp_path)
    named = s.named("We're a PLC. Would you pay us upfront, like you do for charity grants?")
    assert named == ("plc", "voluntary-community")
    assert s.named("Would you pay a charity upfront, like a PLC?") == ("voluntary-community", "plc")
    b = s.bonus(named, 0.06)
    plc, vcs = "sector-guidance-plcs-large-providers.pdf", "sector-guidance-voluntary-community.md"
    assert b[plc] > b[vcs] > 0 > b["sector-guidance-public-sector.pdf"]
    assert "provider-faq.txt" not in b


def test_the_size_a_question_names_picks_the_private_or_the_large_provider_guide(shipped_app):
    """Failure of a small family-run home and of a national group are different guides' business."""
    small = shipped_app.answers.answer("what happens if a small family-run care home is about to fail?", role="officer")
    large = shipped_app.answers.answer("what happens if a national care group is about to fail?", role="officer")
    assert small.sources[0].passage.document == "sector-guidance-private-business.docx"
    assert large.sources[0].passage.document == "sector-guidance-plcs-large-providers.pdf"


def test_abbreviations_are_spelled_out_and_never_corrected_as_typos():
    """Officers type "MOU", "ICB", "s75", "TUPE"; documents spell the words out. A word in capitals
    is an acronym, not a typo ("TUPE" once became "type"); lower-case words are never expanded."""
    from assistant.search.wording import Expander, load

    with_abbreviations = Expander(load(ROOT / "knowledge" / "abbreviations.yaml")).abbreviations
    assert with_abbreviations("Is an MOU enough for the ICB's s75?") == \
        "Is an MOU (memorandum of understanding) enough for the ICB (integrated care board)'s s75 (section 75)?"
    assert with_abbreviations("KPIs for a CIC") == "KPIs (key performance indicator) for a CIC (community interest company)"
    assert with_abbreviations("pa and el and mou") == "pa and el and mou"
    speller = SpellCorrector({"type": 50, "transfer": 3})
    assert speller.correct("do TUPE rules apply") == "do TUPE rules apply"
    assert speller.correct("do tupe rules apply") == "do type rules apply"   # lower case: an ordinary typo
    assert speller.correct("DO TUPE RULES APPLY") == "DO type RULES APPLY"   # all in capitals: shouting, still corrected


def test_an_abbreviation_finds_the_clause_that_spells_it_out(shipped_app):
    a = shipped_app.answers.answer("Is an MOU enough when we pay another council for a service?", role="officer")
    assert a.answered and "memorandum of understanding" in a.quotes[0].passage.text


RATES = """---
title: Day Opportunities Rates 2026/27
audience: public
---
# Day Opportunities Rates 2026/27

## 4. Weekly rates

| Band | Need level | Weekly rate |
| --- | --- | --- |
| Band A | Standard needs | £612.00 |
| Band B | Enhanced needs, including dementia | £688.50 |
| Band C | High needs, two staff for personal care | £774.25 |

## 5. Paying providers

5.1 The council pays providers four weeks in arrears, by BACS, within 30 days of a valid invoice.

5.2 A provider sends one invoice a month for every person it supports.
"""


def test_a_question_naming_a_band_is_answered_first_by_that_band_s_row(tmp_path, settings, embedder):
    """The rows of a rates table read alike to MiniLM and to BM25 (which never sees "C"): the
    Band C row must lead the answer to a Band C question, not the row that comes first."""
    from assistant.app import build
    from assistant.index.indexer import build_index

    lib, idx = tmp_path / "lib", tmp_path / "idx"
    lib.mkdir()
    (lib / "rates.md").write_text(RATES, encoding="utf-8")
    build_index(settings, source=lib, index_dir=idx, embedder=embedder, show_progress=False)
    answers = build(settings, index_dir=idx, embedder=embedder).answers
    for band, rate in (("C", "£774.25"), ("B", "£688.50"), ("A", "£612.00")):
        a = answers.answer(f"What is the weekly rate for band {band}?", role="provider")
        assert a.answered, a.reason
        assert rate in a.quotes[0].passage.text and a.quotes[0].passage.clause == f"Band {band}", a.text


GRANTS = """---
title: Housing Adaptations Policy
audience: public
---
# Housing Adaptations Policy

## 7. Disabled Facilities Grant

7.1 The mandatory Disabled Facilities Grant (DFG) is limited to £30,000 for each application.

7.2 The council may award a discretionary DFG top-up of up to £15,000, approved by the Head of Housing.

## 8. Minor adaptations

8.1 Minor adaptations costing £1,000 or less are free of charge to the person.

## 9. Adaptation grants

9.1 Strand A, Home Safety Grants, funds grab rails and key safes.

9.2 Strand B grants are from £500 to £2,500 for each home.
"""

BRIEF = """---
title: Adaptations Recommissioning Brief
audience: internal
---
# Adaptations Recommissioning Brief

## 1. Programme

1.1 The Kestrel Adaptations Review (KAR) reports to the Director in March.

1.2 Lot 3, Heron Bridge Services, is under review.
"""


def test_a_library_s_own_abbreviations_and_names_are_used_and_internal_ones_stay_out(
        tmp_path, settings, embedder):
    """A council's documents spell out their own abbreviations ("Disabled Facilities Grant (DFG)"),
    which no list of ours holds, and people type them small ("dfg top up"). An internal document's
    are never used: the expansion is shown back to whoever asked ("searched for: …")."""
    from assistant.app import build
    from assistant.index.indexer import build_index
    import json

    lib, idx = tmp_path / "lib", tmp_path / "idx"
    lib.mkdir()
    (lib / "adaptations.md").write_text(GRANTS, encoding="utf-8")
    (lib / "brief.md").write_text(BRIEF, encoding="utf-8")
    build_index(settings, source=lib, index_dir=idx, embedder=embedder, show_progress=False)
    answers = build(settings, index_dir=idx, embedder=embedder).answers
    a = answers.answer("dfg discretionary top up max?", role="provider")
    assert a.answered and any("£15,000" in q.passage.text for q in a.quotes), a.text
    assert "dfg (Disabled Facilities Grant)" in a.corrected     # shown back: "searched for: …"
    probe = answers.answer("when does the kar report?", role="provider")
    assert "Kestrel" not in probe.corrected and "Kestrel" not in probe.text
    words = json.loads(next(idx.glob("build-*/wording.json")).read_text(encoding="utf-8"))["abbreviations"]
    assert words["DFG"] == "Disabled Facilities Grant" and "KAR" not in words
    names = json.loads(next(idx.glob("build-*/wording.json")).read_text(encoding="utf-8"))["names"]
    assert names == {"Home Safety Grants": "Strand A"}          # never the internal brief's Lot 3


def test_a_place_that_does_not_name_the_thing_asked_about_is_refused(shipped_app):
    """The shipped library says when invoices are paid and when the Board meets, not what interest
    a late payment earns or what the Board's quorum is: both were once answered with those clauses."""
    for q in ("What interest does the council pay if it pays an invoice late?",
              "What is the quorum for the commissioning board?"):
        a = shipped_app.answers.answer(q, role="officer")
        assert not a.answered and a.nearby, q
        assert "which the best passage does not name" in a.reason
    a = shipped_app.answers.answer("What payment terms apply to public sector providers?", role="officer")
    assert a.answered and "30 days" in a.text


def test_a_long_message_s_story_does_not_sink_the_evidence_for_its_ask(shipped_app):
    """An officer who explains the situation before asking: the story's words have no counterpart
    in any clause, so late interaction over every piece fell below the bars and the consultation
    clause was refused. For a message that tells before it asks, the evidence is its best-matched
    pieces (`answers.story_evidence: best`); over every piece (`late`) the same search is refused."""
    import dataclasses

    q = ("We're planning to close one of the day centres next year because hardly anyone uses it now and the "
         "building needs a new roof, and the families are going to be upset. How long does the public "
         "consultation have to run?")
    svc = shipped_app.answers
    a = svc.answer(q, role="officer")
    assert a.answered and "Consultation" in a.sources[0].passage.section, a.reason
    r = shipped_app.retriever.search(q, role="officer")
    assert r.hits[0].best > r.hits[0].late
    keep, svc.cal = svc.cal, dataclasses.replace(svc.cal, story_evidence="late")
    try:
        assert not svc.decide(r, "officer").answered
    finally:
        svc.cal = keep


def test_a_span_copied_from_a_table_row_is_found_in_the_row_quoted():
    """The ingester writes each cell after its column's name ("Band: B; Weekly fee: £640"); a
    question writer copies the row as the document shows it ("B £640"). Either finds the row,
    and a span that is not in the row still does not."""
    from assistant.ingest.model import Passage
    from assistant.reports.evaluation import Expect, matches

    row = Passage(id="r", document="rates.pdf", source="rates.pdf", title="Rates", section="3. Fees", path=("3. Fees",),
                  clause="Band B", text="Band: Band B (complex needs); Weekly fee (per child): £640; Carer: £310",
                  audience="public")
    found = lambda text: matches(row, Expect(document="rates.pdf", section="3. Fees", text=text))  # noqa: E731
    assert found("Weekly fee (per child): £640")          # as the ingester writes it
    assert found("Band B (complex needs) £640")           # as the document shows it
    assert not found("Band B (complex needs) £310")       # cells that are not side by side
    assert not found("Band C (complex needs) £640")
