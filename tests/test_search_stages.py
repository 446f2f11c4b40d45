"""The search pipeline's pure stages (assistant/search/), each tested without an index or model,
and every bug issue 11 lists, with the test that would have caught it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from assistant.search import adjust, calibrate, facts, parties, rescore
from assistant.search.amounts import INF, bands
from assistant.search.decide import Calibration, Thresholds, decide, idf, weighted_coverage
from assistant.search.fusion import Fusion, fuse
from assistant.search.places import Hit, by_place
from assistant.search.spelling import SpellCorrector
from assistant.search.wording import Expander, Wording, load
from assistant.ingest.model import Passage
from assistant.textnorm import terms

# --- fact kinds: general rules, each with negative cases ----------------------------------------


@pytest.mark.parametrize("question, kind", [
    ("What is the notice period?", facts.DURATION),
    ("whats the notice period", facts.DURATION),                  # typed without the apostrophe
    ("Can you tell me the deadline for bids?", facts.DEADLINE),
    ("When must I submit my monitoring return?", facts.DEADLINE),
    ("by when do we have to ask for a price review?", facts.DEADLINE),
    ("when is the quarterly return due", facts.DEADLINE),
    ("how long is a tender advertised for", facts.DURATION),
    ("how much notice do you give", facts.DURATION),
    ("how many days do we have to report it", facts.DURATION),
    ("how much does a permit cost?", facts.AMOUNT),
    ("How big is the council's budget this year?", facts.AMOUNT),
    ("what is the top hourly rate for home care in rural areas", facts.AMOUNT),
    ("What is the community grants pot for 2026/27?", facts.AMOUNT),
    ("what is the fare to the hospital", facts.AMOUNT),
    ("what's the rent for a one-bed flat?", facts.AMOUNT),
    ("What is the sleep-in rate?", facts.AMOUNT),
    ("What are the quotation thresholds for works contracts?", facts.AMOUNT),   # plurals too
    ("What are the penalties for late delivery?", facts.AMOUNT),
    ("What is the response time for urgent referrals?", facts.DURATION),
    ("What is the interval between reviews?", facts.DURATION),
    ("how far in advance must we book?", facts.DURATION),
    ("what's the closing time for bids?", facts.DEADLINE),
    ("What's the email for the commissioning team?", facts.CONTACT),
    ("What is the travel time rate?", facts.AMOUNT),                # the head names a sum
    ("what's the waiting time allowance?", facts.AMOUNT),
    ("what's the fine for missing a visit?", facts.AMOUNT),               # a hyphen's "in" ends no noun phrase
    ("what's the top-up fee for a second room?", facts.AMOUNT),
    ("what is the notice period on a call-off contract?", facts.DURATION),
    ("How many care homes are there?", facts.COUNT),
    ("What is the maximum caseload for an outreach worker?", facts.COUNT),   # a bound on no sum
    ("what's the minimum group size", facts.COUNT),
    ("What is the maximum grant?", facts.AMOUNT),                            # a bound on a sum
    ("what is the most the council will pay for a respite night?", facts.AMOUNT),  # a verb of paying
    ("What's the least we can charge a family?", facts.AMOUNT),
    ("how high an increase can we ask for", facts.AMOUNT),
    ("How high is the cap on agency fees?", facts.AMOUNT),
    ("What is the cap on service credits?", facts.AMOUNT),
    ("What is the NHS minimum contribution in 2026-27?", facts.AMOUNT),
    ("How much public liability insurance does a provider need to hold?", facts.AMOUNT),  # held in money
    ("how much match funding do we need?", facts.AMOUNT),
    ("what is the phone number for the duty team?", facts.CONTACT),
    ("who do I ring out of hours?", facts.CONTACT),
    ("what day are the bins collected", facts.DATE),
    ("who approves a contract worth £30,000?", facts.PERSON),
    ("Does the council pay in advance?", facts.YESNO),
])
def test_a_question_word_and_the_noun_it_asks_about_give_the_kind(question, kind):
    assert facts.expected(question) == kind


@pytest.mark.parametrize("question", [
    "how much monitoring do we have to do for a small grant",   # not a sum: the (b)
    "how much detail should the plan have?",
    "how much of that do we get paid for?",                     # minutes of a visit, as often as a sum
    "When does the council use a section 75 agreement?",        # circumstances, not a date
    "What insurance do I need?",
    "what are the four steps of commissioning?",
    "What is the most important part of a bid?",                # "most" without a verb of paying
    "how high up the list is social value?",
    "Is it fine to pay by card?",                               # "fine" is no penalty here
    "can I send the invoice by email?",                         # a channel to use, not one asked for
    "What is the email policy for bidders?",                    # a policy, not an address
    "What is the mobile library timetable?",
])
def test_questions_that_ask_for_no_measure_get_no_checked_kind(question):
    assert facts.expected(question) not in facts.CHECKED


def test_the_kind_is_read_from_the_sentence_that_asks():
    told = "An agency keeps asking me what our budget is for this child. Am I allowed to tell them?"
    assert facts.expected(told) == facts.YESNO
    assert facts.expected("We are pulling out. How much warning do we have to give you?") == facts.DURATION
    assert facts.expected("what is our budget for this child") == facts.AMOUNT   # no "?": the whole message


def test_may_the_verb_is_not_a_date_but_may_the_month_is():
    assert not facts.states(facts.DATE, "Providers may apply at any time.")
    assert facts.states(facts.DATE, "Bids close on 1 May 2026.")
    assert facts.states(facts.DATE, "The review starts in May 2027.")
    assert facts.states(facts.DATE, "Returns are due each October.")


def test_uk_phone_numbers_and_emails_are_contacts():
    for text in ("Ring 020 7946 0000 out of hours.", "Call 01632 960123.", "Phone 0800 123 4567.",
                 "Email duty@wyvern.gov.uk."):
        assert facts.states(facts.CONTACT, text), text
    assert not facts.states(facts.CONTACT, "Ring the duty manager.")
    assert not facts.states(facts.CONTACT, "Contracts of 2026 27 are reviewed.")


def test_a_phone_named_as_the_way_to_say_something_asks_for_no_number():
    assert facts.expected("A bidder rang me about the tender. Can I just answer them on the phone?") == facts.YESNO
    assert facts.expected("can we send it by email?") == facts.YESNO
    assert facts.expected("Can I have the direct phone number for the Head of Commissioning?") == facts.CONTACT
    assert facts.expected("what's the email address for invoices?") == facts.CONTACT


def test_a_number_written_in_words_then_figures_is_one_number():
    # Contract drafting: "three (3) years", "within thirty (30) days", "six (6) weeks".
    assert facts.states(facts.DURATION, "2.1 The contract continues for an Initial Term of three (3) years.")
    assert facts.states(facts.DURATION, "5.1 The plan is sent within thirty (30) days of the contract award.")
    assert facts.states(facts.DEADLINE, "5.1 Volunteers complete the training within six (6) weeks of starting.")
    assert facts.states(facts.DURATION, "2.1 The Initial Term is 3 (three) years.")
    assert facts.states(facts.DURATION, "2.2 Notice is twenty-one (21) days.")
    assert facts.fits_time("how many days do we have?", "The supplier replies within ten (10) working days.")
    assert not facts.states(facts.DURATION, "2.1 The Provider keeps the records listed in Schedule (3).")
    import time
    start = time.perf_counter()
    facts.states(facts.DURATION, "x-" * 20000)   # a hostile clause: no backtracking on every question
    assert time.perf_counter() - start < 0.5


def test_an_hourly_rate_is_named_by_an_hour():
    q = "what is the hourly rate for home care?"
    assert facts.names_subject(q, "Home care is paid at £22.50 an hour.")
    assert facts.names_subject(q, "The rate is £22.50 per hour.")
    assert not facts.names_subject("how big is the budget?", "Home care is paid at £22.50 an hour.")
    assert facts.states(facts.AMOUNT, "£22.50 an hour")
    assert not facts.states(facts.AMOUNT, "Home care is paid monthly in arrears.")


def test_deadlines_accept_a_date_or_a_period_and_durations_natural_answers():
    assert facts.states(facts.DEADLINE, "Requests must reach the contract manager by 31 October.")
    assert facts.states(facts.DEADLINE, "Ask at least 3 months before the anniversary.")
    assert not facts.states(facts.DEADLINE, "Requests go to the contract manager.")
    assert facts.states(facts.DURATION, "It is agreed each year between the two managers.")
    assert not facts.states(facts.DURATION, "The plan names a deputy.")


# --- amounts -------------------------------------------------------------------------------------


def test_a_band_is_read_whole_never_from_a_prefix_of_its_number():
    assert bands("from £10,000 to £24,999") == [(10000.0, 24999.0)]
    assert bands("over £650,000") == [(650000.0, INF)]
    assert bands("from £1,000") == [(1000.0, INF)]
    assert bands("£25k to £99,999") == [(25000.0, 99999.0)]
    assert bands("Contracts of £5,000 up to £25,000") == [(5000.0, 25000.0)]   # not also "up to £25,000"
    # a band whose top is a threshold named, not priced, runs on from its start
    assert bands("£50,000 up to the Procurement Act 2023 threshold: an open quotation") == [(50000.0, INF)]
    assert bands("£25,000 to the public contracts threshold") == [(25000.0, INF)]
    assert bands("from £5,000 up to £25,000") == bands("£5,000 up to and including £25,000") == [(5000.0, 25000.0)]
    assert bands("Managers may add £5,000 to their budget limit") == []     # a sum moved, no band
    assert bands("Bids of £200 to reach the threshold") == []


def test_sums_typed_as_people_say_them_are_amounts():
    from assistant.search.amounts import amounts
    assert amounts("nets for the leisure centre, about 700 quid all in") == [700.0]
    assert amounts("a contract of 45,000 pounds") == [45000.0] and amounts("5 grand") == [5000.0]
    assert amounts("how many quotes for a 45k job pls") == [45000.0]
    assert amounts("within 30 minutes, 12 people, 3 staff") == []      # numbers, not sums


def test_a_value_asked_about_must_fall_in_a_band_the_place_states():
    from assistant.search.amounts import other_band
    assert bands("under £25,000", strict=True) == [(0.0, 24999.99)] and bands("under £25,000") == [(0.0, 25000.0)]
    sv = "Tenders worth £500,000 or more give social value a weighting of 20%."
    assert other_band("What weighting does social value get in tenders worth less than £500,000?", sv)
    assert other_band("what weighting for a £600k tender?", sv) is None
    quotes = "From £10,000 to £49,999: three written quotes."
    assert other_band("how many quotes for a £60,000 contract", quotes) == "£60,000"
    assert other_band("how many quotes for a £30,000 contract", quotes) is None
    assert other_band("who approves contracts under £25k", "up to £24,999: the head of service") is None
    assert other_band("how many quotes do I need?", quotes) is None                 # no value asked
    # a level to hold is no band: "at least £5 million" of insurance applies to a £60,000 contract
    assert other_band("What is the minimum insurance for a £60,000 contract?",
                      "Providers must hold public liability insurance of at least £5 million.") is None
    assert other_band("how many quotes for a £60,000 contract", "Get three quotes.") is None   # no band stated
    # through the decision: a band answers a yes/no question either way
    limit = "A group can apply only if its income last year was less than £120,000."
    assert not _decide(kind=facts.COUNT, question="how many quotes for a £60,000 contract?",
                       top_text="From £10,000 to £49,999: three written quotes.").answered
    assert _decide(kind=facts.YESNO, question="we took in £150k, can we apply?", top_text=limit).answered


# --- normalisation -------------------------------------------------------------------------------

WORDING = Wording({"TUPE": "Transfer of Undertakings (Protection of Employment) regulations",
                   "SEND": "special educational needs and disabilities", "PA": "personal assistant",
                   "MOU": "memorandum of understanding"}, {"sign off": "approve"})


def test_abbreviations_are_data_spelled_out_in_capitals_or_typed_small_when_no_word():
    e = Expander(WORDING, frozenset({"send", "please", "me", "the", "guidance"}))
    assert e.abbreviations("do TUPE rules apply?") == \
        "do TUPE (Transfer of Undertakings (Protection of Employment) regulations) rules apply?"
    assert e.abbreviations("is an mou enough") == "is an mou (memorandum of understanding) enough"
    assert e.abbreviations("please send me the form") == "please send me the form"   # the verb, not SEND
    assert e.abbreviations("an mous list") == "an mous (memorandum of understanding) list"
    # without a dictionary to tell an abbreviation from a word, only the written case counts
    assert Expander(WORDING).abbreviations("is an mou enough") == "is an mou enough"
    assert e.phrases("who can sign off a grant") == "who can sign off approve a grant"


def test_a_library_s_own_abbreviations_are_read_from_where_it_spells_them_out():
    from assistant.search.wording import defined_abbreviations, with_defined

    text = ("A Disabled Facilities Grant (DFG) is means-tested. The Integrated Community Equipment Service "
            "(ICES) delivers. Key Performance Indicators (KPIs) are reported to the Health and Wellbeing "
            "Board (HWB). The council (Council) and Section 75 (S75) agreements. Wheelchair accessible "
            "vehicles (WAVs) are used.")
    assert defined_abbreviations([text]) == {
        "DFG": "Disabled Facilities Grant", "HWB": "Health and Wellbeing Board",
        "ICES": "Integrated Community Equipment Service", "KPI": "Key Performance Indicators",
        "WAV": "Wheelchair accessible vehicles"}
    # initials that do not match, a single capital, and one abbreviation spelled out two ways: none
    assert defined_abbreviations(["the annual return (MR) is late", "a Data Sharing Agreement (Dsa)"]) == {}
    assert defined_abbreviations(["Care Planning Panel (CPP)", "Commissioning Programme Plan (CPP)"]) == {}
    # the council's own list wins over what its documents define
    assert with_defined(WORDING, {"MOU": "Memorandum Of Unity", "DFG": "Disabled Facilities Grant"}).abbreviations[
        "MOU"] == WORDING.abbreviations["MOU"]


def test_shouting_does_not_expand_ordinary_words_or_two_letters():
    e = Expander(WORDING, frozenset({"send", "please", "me", "the", "guidance"}))
    assert e.abbreviations("PLEASE SEND ME THE PA GUIDANCE") == "PLEASE SEND ME THE PA GUIDANCE"
    assert "Transfer of Undertakings" in e.abbreviations("DO TUPE RULES APPLY")


def test_the_names_a_library_gives_its_lots_and_strands_find_the_label():
    from assistant.search.wording import defined_names

    texts = ["2.1 Strand A, Community Breaks Grants, funds regular groups. 2.2 Strand B, Small Sparks Grants, "
             "funds one-off breaks.", "Lot 1 – Hollinsmoor Town and Eastgate", "Lot 2: home care in Upper Dale",
             "Band C: High needs", "Tier 1, Small Grants; Tier 2, Small Grants"]
    # two capitalised words at least; a name given to two labels is none of them
    assert defined_names(texts) == {"Community Breaks Grants": "Strand A", "Hollinsmoor Town and Eastgate": "Lot 1",
                                    "Small Sparks Grants": "Strand B"}
    e = Expander(Wording(names=defined_names(texts)))
    assert e.abbreviations("How much is a small sparks grant?") == "How much is a small sparks grant (Strand B)?"
    assert e.abbreviations("Is Strand B the Small Sparks Grants?") == "Is Strand B the Small Sparks Grants?"
    assert e.abbreviations("sparks of interest") == "sparks of interest"
    access = Expander(Wording(names={"Community Access": "Lot 3"}))    # one s off a name's end, not two
    assert access.abbreviations("is community access open?") == "is community access (Lot 3) open?"
    # a built index's names never change the digest the manifest keeps of the council's own file
    assert Wording(WORDING.abbreviations, WORDING.phrases, {"Small Sparks Grants": "Strand B"}).digest() != \
        WORDING.digest() and Wording(WORDING.abbreviations, WORDING.phrases).as_json() == WORDING.as_json()


def test_a_council_can_drop_our_abbreviations(tmp_path):
    empty = tmp_path / "abbreviations.yaml"
    empty.write_text("")
    assert load(empty) == Wording() and load(None) == Wording()
    assert Expander(load(empty)).abbreviations("an MOU") == "an MOU"


def test_negations_modals_and_time_order_are_searched_for():
    assert terms("must not subcontract") == ["must", "not", "subcontract"]
    assert {"befor", "after", "no", "may"} <= set(terms("no payment may be made before or after the award"))


def test_spelling_fixes_short_typos_to_function_words():
    s = SpellCorrector({"payment": 5, "terms": 3, "tender": 4})
    assert s.correct("hw do I pay") == "how do I pay"
    assert s.correct("waht teh payment terms") == "what the payment terms"
    assert s.correct("tendr") == "tender"
    assert s.correct("is it ok") == "is it ok"


def test_a_known_word_with_an_english_suffix_is_not_a_typo():
    """The encoder splits "retainer" into retain + er, so it is no whole word of its vocabulary;
    it must not become the library's "remainder" (nor "referral" its "referred")."""
    s = SpellCorrector({"remainder": 5, "referred": 3, "tender": 4}, frozenset({"retain", "refer", "invoice", "tend"}))
    assert s.correct("do you pay a retainer after a referral") == "do you pay a retainer after a referral"
    assert s.correct("invoiced") == "invoiced"
    assert s.correct("tendr") == "tender"   # a stray letter on a word is still a typo


# --- fuse, adjust, re-score, places --------------------------------------------------------------


def test_both_fusion_modes_score_in_the_same_units():
    dense, lexical = {1: 0.9, 2: 0.5}, {1: 3.0, 2: 1.0}
    for mode in Fusion:
        ranked = fuse(dense, lexical, mode=mode, dense_weight=0.6, lexical_scale=3.0)
        assert ranked[0][0] == 1 and 0 < ranked[0][1] <= 1.0 + 1e-9, (mode, ranked)
    rrf = dict(fuse(dense, lexical, mode=Fusion.RRF))
    assert math.isclose(rrf[1], 1.0)          # first on both lists: the whole scale, not 1/61
    assert rrf[2] > 0.9                       # second on both: ranks close, scores close
    with pytest.raises(ValueError):
        fuse(dense, lexical, dense_weight=1.5)


def test_a_band_bonus_is_full_for_a_bounded_band_and_half_for_an_open_one():
    got = adjust.band_bonus([(1, (25000.0, 99999.0)), (2, (100000.0, INF)), (3, (0.0, 100.0))], [60000.0], 0.06)
    assert got == {1: 0.06}
    assert adjust.band_bonus([(2, (100000.0, INF))], [250000.0], 0.06) == {2: 0.03}
    assert adjust.apply([(1, 0.5), (2, 0.55)], {1: 0.06}) == [(1, 0.56), (2, 0.55)]


def test_rescore_mixes_late_interaction_and_keeps_the_tail_below():
    ranked = rescore.rescore([(1, 0.6), (2, 0.5)], np.array([0.2, 0.9]), weight=1.0, bonus={})
    assert [j for j, _, _ in ranked] == [2, 1]
    assert rescore.tail([(3, 0.4)], weight=1.0, bonus={})[0][1] == 0.2
    assert rescore.type_bonus([1, 2], facts.CONTACT, {1: "ring 020 7946 0000", 2: "ring the team"}.get, 0.03) == {1: 0.03}


def _hit(doc, path, row, score, clause="1"):
    return Hit(Passage(id=f"{doc}#{row}", document=doc, source=doc, title=doc, section=path[-1], path=path,
                       clause=clause, text=f"t{row}", audience="public"), score, 0.5, 0.0, row)


def test_one_result_per_place_merges_close_clauses_of_a_section():
    hits = [_hit("a", ("S",), 1, 0.9, "1"), _hit("a", ("S",), 2, 0.8, "2"), _hit("b", ("T",), 3, 0.7),
            _hit("a", ("S",), 4, 0.3, "4")]
    places = by_place(hits, k=10)
    assert [p.passage.document for p in places] == ["a", "b"]
    assert places[0].passage.clause == "1, 2" and len(places[0].clauses) == 2
    assert len(by_place(hits, k=10, merge=False)) == 4


def test_a_place_shows_clauses_nearly_as_close_but_judges_only_the_closest():
    """"Who can apply" scores "individual carers cannot apply" (row 3) above the clause listing who
    can (row 1, at 0.75 of it): both are shown and quoted, in reading order, but the decision reads
    only the clauses at MERGE_RATIO, so a section's weaker clauses add no words for it to find."""
    hits = [_hit("a", ("S",), 3, 0.8, "3.3"), _hit("a", ("S",), 1, 0.6, "3.1"), _hit("a", ("S",), 2, 0.5, "3.2")]
    place = by_place(hits, k=10)[0]
    assert place.passage.clause == "3.1, 3.3" and place.passage.text == "t1\nt3"
    assert [h.passage.clause for h in place.quoted] == ["3.1", "3.3"]
    assert [h.passage.clause for h in place.clauses] == ["3.3"] and place.judged_text == "t3"
    alone = by_place([_hit("a", ("S",), 3, 0.8, "3.3"), _hit("a", ("S",), 1, 0.5, "3.1")], k=10)[0]
    assert alone.passage.clause == "3.3" and [h.passage.clause for h in alone.quoted] == ["3.3"]


# --- decide --------------------------------------------------------------------------------------


def test_coverage_weighs_what_the_question_is_about_by_its_rarity():
    weight = {"home": 3.0, "care": 1.0, "rural": 5.0, "rate": 1.0}.get
    place = frozenset({"care", "rate", "residenti"})
    assert weighted_coverage(["home", "care", "rural", "rate"], place, weight) == pytest.approx(0.2)
    assert weighted_coverage([], place, weight) == 1.0
    assert idf(0, 100) > idf(10, 100) > idf(90, 100) >= 0


def _decide(**kw):
    base = dict(kind=None, question="q", top_text="The council pays in arrears.", top_heading="Payment", late=0.6,
                dense=0.5, coverage=0.5, scope_score=None, scope_topic="", thresholds=Thresholds(0.5, 0.4),
                cal=Calibration(coverage=0.2))
    base.update(kw)
    return decide(**base)


def test_a_band_holding_the_value_asked_is_evidence_of_its_own():
    """Between the bars with too little of the question's wording, a place whose band holds the
    value asked is answered ("does a £70,000 purchase have to be advertised" against "£50,000 up
    to the threshold: an open quotation published on the portal"); far below them it is not."""
    weak = dict(late=0.45, coverage=0.0)
    assert not _decide(**weak).answered
    assert _decide(**weak, in_band=True).answered
    assert "in a band holding the value asked" in _decide(**weak, in_band=True).reason
    assert not _decide(late=0.3, coverage=0.0, in_band=True).answered
    assert not _decide(**weak, in_band=True, cal=Calibration(coverage=0.2, band_relief=0.0)).answered  # switched off
    # the rules still come first: a band does not answer for a sum the place does not state
    assert not _decide(**weak, in_band=True, kind=facts.AMOUNT, top_text="Open quotations run for 10 days.").answered
    with pytest.raises(TypeError):     # a misspelt input is an error, not a relief quietly not given
        _decide(**weak, in_bands=True)


def test_the_decision_checks_kind_subject_scope_then_evidence():
    assert _decide().answered
    assert not _decide(kind=facts.AMOUNT).answered                              # states no sum
    assert not _decide(kind=facts.AMOUNT, question="how big is the budget", top_text="Fees are £40.").answered
    assert _decide(kind=facts.AMOUNT, question="what is the fee", top_text="Fees are £40.").answered
    scoped = _decide(scope_score=0.8, scope_topic="Council tax")
    assert not scoped.answered and scoped.out_of_scope
    assert not _decide(late=0.45, coverage=0.1).answered                         # between the bars, too little
    assert _decide(late=0.45, coverage=0.3).answered
    assert not _decide(late=0.3, coverage=1.0).answered
    assert _decide(late=0.3, cal=Calibration(checks=frozenset({"kind"}))).answered  # an ablation
    lot2 = _decide(question="what is the hourly rate for lot 2", top_heading="Part 1 – Lot 1 Rates")
    assert not lot2.answered and "lot 2" in lot2.reason                             # another lot's rate


def test_a_sum_asked_per_unit_needs_a_place_that_names_the_unit():
    assert facts.missing_unit("What do you pay per mile for escorts?", "Escort: £12.10 an hour; Driver: £14 an hour") == "mile"
    assert facts.missing_unit("what's the hourly rate for band c", "Band C: full day £88.00; half day £47.00") == "hour"
    assert facts.missing_unit("What do you pay per mile?", "Volunteer drivers are paid 45p a mile.") is None
    assert facts.missing_unit("What is the weekly fee?", "Weekly fees\nBand 2: £950") is None      # the heading
    assert facts.missing_unit("What is the annual budget?", "The 2026/27 budget is £2.1m.") is None   # a year's sum
    assert facts.missing_unit("What is the fee for a visit?", "The fee is £40 an hour.") is None      # no unit asked
    refused = _decide(kind=facts.AMOUNT, question="How much do you pay per mile?", top_text="Drivers get £14 an hour.")
    assert not refused.answered and "per mile" in refused.reason
    assert _decide(kind=facts.AMOUNT, question="How much do you pay per hour?", top_text="Drivers get £14 an hour.").answered


def test_a_kind_of_thing_the_place_does_not_list_among_the_kinds_it_does():
    cars = "Volunteer cars are paid 45p a mile, accessible cars 60p a mile and pool cars 30p a mile."
    assert facts.other_kind("What do you pay for an electric car?", cars) == (
        "electric car", ["accessible cars", "pool cars", "volunteer cars"])
    assert facts.other_kind("What do you pay for a volunteer car?", cars) is None            # a kind it lists
    assert facts.other_kind("What do you pay for an electric car?", "Volunteer cars are paid 45p a mile.") is None
    assert facts.other_kind("can we rent cars?", cars) is None                               # a verb, not a kind
    assert facts.other_kind("what do you pay for an elektric car", cars, is_word=lambda w: w != "elektric") is None
    refused = _decide(kind=facts.AMOUNT, question="What do you pay for an electric car?", top_text=cars,
                      place_text=cars)
    assert not refused.answered and "electric car" in refused.reason
    # The place may say the word in other words: then the model's word pieces decide.
    said = _decide(kind=facts.AMOUNT, question="What do you pay for an electric car?", top_text=cars, place_text=cars,
                   word_match=lambda: (lambda word: 0.9))
    assert said.answered



def test_a_fact_stated_only_for_something_else():
    """The place names Hollins Vale and states caps, but the clause with a three-bedroom cap is
    Ashcombe Central's: the fact asked is another area's."""
    caps = ["3.3 In Hollins Vale the cap is £52 per night for a single room and £88 per night for a "
            "two-bedroom unit.",
            "3.2 In Ashcombe Central the cap is £58 per night for a single room, £95 per night for a "
            "two-bedroom unit and £118 per night for a three-bedroom unit."]
    frame = "Temporary Accommodation\n3. Nightly rate caps"
    weight = lambda term: 1.0  # noqa: E731 - every term alike
    asked = "What is the nightly rate cap for a three-bedroom unit in Hollins Vale?"
    assert facts.stated_apart(asked, facts.AMOUNT, caps, frame, weight) == "Hollins Vale"
    refused = _decide(kind=facts.AMOUNT, question=asked, top_text=caps[0], place_text="\n".join(caps),
                      place_clauses=tuple(caps), place_frame=frame, term_weight=weight)
    assert not refused.answered and "Hollins Vale" in refused.reason
    # The clause that states it names the area: answered; so is a fact both areas have.
    assert facts.stated_apart("What is the cap for a three-bedroom unit in Ashcombe Central?", facts.AMOUNT,
                              caps, frame, weight) is None
    assert facts.stated_apart("What is the cap for a single room in Hollins Vale?", facts.AMOUNT, caps, frame,
                              weight) is None
    # A name in the headings names every clause; a name no clause has is another rule's.
    assert facts.stated_apart(asked, facts.AMOUNT, caps, frame + "\nHollins Vale", weight) is None
    assert facts.stated_apart("What is the cap for a three-bedroom unit in Stourmead?", facts.AMOUNT, caps, frame,
                              weight) is None
    # Labels and financial years are told apart the same way; a yes/no question is not checked.
    rows = ["Band: Band B; Rate: £66.40 per day; Ratio: one to three",
            "Band: Band C; Rate: £98.10 per day; Two-to-one support: £24.50 per hour"]
    assert facts.stated_apart("What is the hourly rate for two-to-one support in Band B?", facts.AMOUNT, rows, "Rates",
                              weight) == "band B"
    assert facts.stated_apart("What is the hourly rate for two-to-one support in Band C?", facts.AMOUNT, rows, "Rates",
                              weight) is None
    assert facts.stated_apart("Is two-to-one support paid in Band B?", facts.YESNO, rows, "Rates", weight) is None



def test_a_round_named_by_its_month_is_told_from_its_sibling():
    """"The November Community Chest round" is named whole by no clause: its words tell it apart.
    The November clause states no date once "November" is read as the round's name, so the only
    date stated is the May round's."""
    rounds = ["4.2.1 The May round of the Community Chest opens on the first working day of May and closes "
              "on 12 June.",
              "4.2.2 Dates for the November round are published on the Council's website at least four weeks "
              "before the round opens."]
    frame = "Grants policy\n4.2 Community Chest rounds"
    weight = lambda term: 1.0  # noqa: E731 - every term alike
    assert facts.stated_apart("When does the November Community Chest round close?", facts.DATE, rounds, frame,
                              weight) == "November"
    assert facts.stated_apart("When does the May Community Chest round close?", facts.DATE, rounds, frame,
                              weight) is None
    # A clause that states the date for the month asked answers, whatever else it names.
    told = rounds + ["4.2.3 The November round closes on 9 December."]
    assert facts.stated_apart("When does the November Community Chest round close?", facts.DATE, told, frame,
                              weight) is None

def test_a_phone_number_asked_is_not_answered_by_an_email_address():
    asked = "what's the phone number for the commissioning team? I'd rather ring than email about it"
    assert facts.channel(asked) == "phone"
    assert facts.channel("who do I ring if a home care agency goes bust?") == "phone"
    assert facts.channel("What is the email address for the grants team?") == "email"
    assert facts.channel("What's the contact number or email for the team?") is None      # either will do
    assert facts.channel("Can I reply by email?") is None                                  # a channel to use
    emailed = "5.1 Contact the commissioning team at commissioning@example.gov.uk."
    refused = _decide(kind=facts.CONTACT, question=asked, top_text=emailed, place_text=emailed)
    assert not refused.answered and "phone number" in refused.reason
    rung = emailed + " Or ring 0114 496 0123, Monday to Friday."
    assert _decide(kind=facts.CONTACT, question=asked, top_text=rung, place_text=rung).answered


def test_a_row_the_table_does_not_have():
    fees = ("Placement type: Independent fostering agency, enhanced; Weekly fee ceiling: £1,400\n"
            "Placement type: Children's home, shared home of two to four beds; Weekly fee ceiling: £6,200")
    asked = "What's the weekly fee ceiling for supported accommodation for a 17-year-old?"
    words, rows = facts.unlisted_row(asked, fees)
    assert "accommodation" in words.split() and len(rows) == 2
    refused = _decide(kind=facts.AMOUNT, question=asked, top_text=fees, place_text=fees)
    assert not refused.answered and "accommodation" in refused.reason
    assert facts.unlisted_row("What's the ceiling for a shared children's home in Kent?", fees) is None  # a row named
    assert facts.unlisted_row("What's the weekly fee ceiling?", fees) is None         # no narrowing word
    bands = "Value: £10,000 to £29,999; Quotes: three\nValue: £1,000 to £9,999; Quotes: one"
    assert facts.unlisted_row("How many quotes for a purchase of £12,000?", bands) is None   # rows keyed by value
    assert facts.unlisted_row("What's the fee for supported lodgings?", "Placement type: Supported lodgings; Fee: £300") \
        is None                                                                          # one row is no table
    # The model's word pieces may find the word said otherwise: then it is not refused.
    said = _decide(kind=facts.AMOUNT, question=asked, top_text=fees, place_text=fees, word_match=lambda: (lambda w: 0.9))
    assert said.answered
    # What a row's parenthesis adds names no row ("(fee per family)"), and the kind asked ("fee")
    # names none: "remand" is still a row this table does not have.
    ifa = ("Placement type: Enhanced - complex needs; Weekly fee to agency: £1,240\n"
           "Placement type: Parent and child (fee per family); Weekly fee to agency: £1,650")
    assert facts.unlisted_row("what's the weekly fee for a remand placement?", ifa)[0] == "remand"
    assert facts.unlisted_row("what's the weekly fee for a parent and child placement?", ifa) is None
    expenses = "Expense: Mileage; Rate: 45p\nExpense: Parking; Rate: actual cost\nExpense: Subsistence; Rate: £5"
    assert facts.unlisted_row("What is the mileage rate for an electric car?", expenses) is None   # a row named


def test_a_name_the_library_never_uses():
    library = {"tender", "english", "harbour", "house", "council", "pays"}.__contains__
    assert facts.unknown_name("How many beds are there at the Harnmoor site?", library) == "Harnmoor"
    assert facts.unknown_name("Can I submit my tender in Welsh?", library) == "Welsh"
    assert facts.unknown_name("Can I submit my tender in English?", library) is None      # the library names it
    assert facts.unknown_name("Harnmoor beds: how many?", library) is None                # opening the message
    assert facts.unknown_name("We run a refuge. Harnmoor is ours. How many beds?", library) is None  # telling, not asking
    assert facts.unknown_name("what does harnmoor get paid?", library) is None            # no capital: maybe a typo
    refused = _decide(question="How many beds are there at the Harnmoor site?", library_word=library)
    assert not refused.answered and "Harnmoor" in refused.reason
    # The raw message is read, not the corrected one: an expanded abbreviation is no name.
    said = _decide(question="Do drivers need a DBS (Disclosure and Barring Service) check?", library_word=library,
                   asked_text="Do drivers need a DBS check?")
    assert said.answered


def test_a_thing_the_place_names_only_to_send_the_reader_elsewhere():
    rules = ("Goods and services up to £4,999: one written quote. These thresholds apply to goods and services. "
             "Works contracts are bought by the Capital Projects team under separate rules.")
    works = "What's the quotation threshold for works contracts?"
    assert facts.set_aside(works, facts.AMOUNT, rules) == "works"
    refused = _decide(kind=facts.AMOUNT, question=works, top_text=rules)
    assert not refused.answered and "works" in refused.reason
    assert facts.set_aside("What's the threshold for goods?", facts.AMOUNT, rules) is None   # named with its sum
    assert facts.set_aside(works, facts.AMOUNT, rules, frame="Works contracts") is None  # the heading's subject
    assert facts.set_aside(works, None, rules) is None                # a question asking for no kind of fact
    # A later sentence may state the fact about the thing named before it: no referral, no refusal.
    cars = "Volunteer drivers are reimbursed for mileage. The rate is 45p a mile."
    assert facts.set_aside("What mileage rate do volunteer drivers get?", facts.AMOUNT, cars) is None
    # Everyday wording is no referral: a sum "excluding VAT", "contact" as a plain verb.
    vat = "The hourly rate is £22.50. All rates are quoted excluding VAT, which is charged separately."
    assert facts.set_aside("hourly rate for home care excluding VAT?", facts.AMOUNT, vat) is None
    notice = "Landlords must give 28 days' notice. Tenants should contact their landlord in writing."
    assert facts.set_aside("How many days notice do tenants get?", facts.DURATION, notice) is None
    lots = "The Charges for Lot 1 and Lot 2 are block payments stated in each Order Form.\nLot 3 sitting: £24.80 an hour"
    assert facts.set_aside("What is the hourly charge for Lot 2?", facts.AMOUNT, lots) == "lot 2"
    assert facts.set_aside("What is the hourly charge for Lot 3?", facts.AMOUNT, lots) is None
    # A part that leaves the thing out answers nothing about it, even when it states a date.
    scope = ("1.3 This document does not cover the NHS Health Checks programme, which will be the subject of a "
             "separate commissioning plan in 2027.")
    assert facts.set_aside("When does the NHS Health Checks contract end?", facts.DATE, scope) == "nhs"
    covered = "1.3 The NHS Health Checks contract ends on 31 March 2028 and will not be extended."
    assert facts.set_aside("When does the NHS Health Checks contract end?", facts.DATE, covered) is None
    # A verb's form says what is asked too: the missing child is left to a protocol, not to the hours.
    duties = ("6.4 Serious incidents involving a child must be reported within twenty-four hours.\n6.6 If a child goes missing, the "
              "provider must inform the council in line with the missing children protocol.")
    asked = "Within how many hours must a home tell the council a child has gone missing?"
    assert facts.set_aside(asked, facts.DURATION, duties) == "missing"
    assert facts.set_aside("Within how many hours must serious incidents be reported?", facts.DURATION, duties) is None

def test_a_count_needs_a_number_of_the_thing_counted():
    assert facts.counted_noun("How many new carers is the service expected to find?") == "carers"
    assert facts.counts_subject("How many new carers a year?", "Target: at least 900 new carers identified")
    assert facts.counts_subject("how many quotes do u need", "Route: Three written quotes (£5,000 to £24,999)")
    assert not facts.counts_subject("How many providers are on the list?", "The list is for adults aged 18 and over.")
    assert not facts.counts_subject("How many providers were appointed?", "The Provider was appointed to one or both Lots")
    # The window is as long as the question's own phrase: its modifiers are the clause's too.
    assert facts.counts_subject("How many additional extra care housing flats will open by 2030?",
                                "open 220 additional extra care housing flats by March 2030")
    assert not facts.counts_subject("How many quotes do I need?", "three suppliers must be asked for written quotes")
    assert facts.counts_subject("How many providers are there?", "within 3 days, from 5 providers")  # a number inside another's window
    assert not facts.counts_subject("How many vans must we run?", "We run cars and 9-seat vans.")
    assert not facts.counts_subject("How many flats are there?", "Each two-bedroom flat has a lift.")  # a hyphen: no count
    # Neither a sum, a share, a label's or a clause's number counts anything, nor one whose words
    # lie in the next cell or sentence; a cell naming the thing and then its number does count.
    grants = "How many Strand 3 young carers grants will the council award?"
    assert not facts.counts_subject(grants, "Strand: Strand 3: Young carers; Grant size: £15,000 to £60,000; "
                                            "Length of grant: Up to 3 years")
    assert facts.counts_subject(grants, "Strand 3: Young carers. The council expects to award 12 grants.")
    assert not facts.counts_subject("How many quotes?", "5.2 Quotations for a Contract Value of £10,000 or more "
                                                        "must be received through the Portal.")
    assert not facts.counts_subject("How many detox placements?", "3.3 Detox placements need approval.")
    assert not facts.counts_subject("How many contracts are awarded?", "At least 15% contracts go to local firms.")
    assert not facts.counts_subject("How many staff transfer?", "7. Staff transfers (TUPE)\nStaff may transfer.")
    assert facts.counts_subject("How many posts do you fund?", "We fund 1.5 posts.")
    assert facts.counts_subject("How many places are there?", "Service: Day care; Places: 20; Weekly fee: £400")
    assert facts.counts_subject("How many providers are appointed?", "Number of providers appointed: 6")
    assert facts.counts_subject("How many quotes?", "Obtain 3 quotes.")        # a verb opening a sentence: no label
    assert facts.counts_subject("How many beds?", "Beds — 40 in total")
    assert not facts.counts_subject("How many staff?", "Age of staff: 18")     # the cell counts ages, not staff
    assert not facts.counts_subject("How many staff?", "Rooms: 40\nStaff on duty: see the rota")   # the next line
    # A bounded measure ("the maximum caseload") needs a number beside its noun, before or after.
    caseload = "What is the maximum caseload for an outreach worker?"
    assert facts.counts_subject(caseload, "An outreach worker's caseload must not exceed 25 open cases.")
    assert not facts.counts_subject(caseload, "An outreach worker visits each family 3 times a week.")
    refused = _decide(kind=facts.COUNT, question="How many providers are on the list?",
                      top_text="The list buys care for adults aged 18 and over.")
    assert not refused.answered and "how many" in refused.reason


def test_how_often_needs_a_frequency_and_how_many_hours_a_near_unit():
    assert facts.fits_time("How often is the policy reviewed?", "The council reviews this policy every 2 years.")
    assert facts.fits_time("how often are review meetings?", "Review meetings are held quarterly.")
    assert not facts.fits_time("How often must staff renew their DBS?", "Staff must have a DBS check before they start.")
    assert not facts.fits_time("How many hours is the course?", "Staff complete the course within three months.")
    assert facts.fits_time("how many days do you take to pay?", "The council pays within two weeks.")
    assert facts.fits_time("how many days do you take to pay?", "The council pays within one month.")
    assert facts.fits_time("How many hours' notice?", "at least twenty-four hours' notice")
    # "How many years" needs a number of some unit: "daily" or "in advance" is no period.
    assert not facts.fits_time("How many years must we keep the records?", "The provider keeps daily records.")
    assert facts.fits_time("how many days do we have to report a death?", "Report a death immediately.")
    refused = _decide(kind=facts.DURATION, question="How often must staff renew their DBS?",
                      top_text="Every member of staff must have a DBS check within 5 days of starting.")
    assert not refused.answered and "how often" in refused.reason


def test_when_is_the_next_asks_a_date_and_a_law_s_year_is_none():
    assert facts.expected("When is the next Meet the Buyer event?") == facts.DATE
    assert facts.expected("When is a parent company guarantee required?") not in facts.CHECKED
    # When a thing opens, closes, starts or ends asks for a date; when a rule applies does not.
    assert facts.expected("When does the Community Chest round close?") == facts.DATE
    assert facts.expected("when does the home care contract end") == facts.DATE
    assert facts.expected("When are the market engagement events held?") == facts.DATE
    assert facts.expected("When will the invitation to tender be published?") == facts.DATE
    assert facts.expected("When does a waiver apply?") not in facts.CHECKED
    assert facts.expected("When do we use the open procedure?") not in facts.CHECKED
    assert not facts.states(facts.DATE, "The list is run under the Procurement Act 2023 and the Care Act 2014.")
    assert facts.states(facts.DATE, "The next event is on 14 May 2027.")
    assert facts.states(facts.DATE, "Rates for 2026/27 apply from April.")


def test_a_label_asked_about_must_not_be_only_another_in_the_place():
    assert facts.other_label("What is the hourly rate for Lot 2 in Upper Dale?", "Part 1 – Lot 1 Rates") == "lot 2"
    assert facts.other_label("band b threshold", "Band A: up to £5,000") == "band B"
    assert facts.other_label("What is the rate for lot 1?", "Lot 1 and Lot 2 rates") is None
    assert facts.other_label("What is the Tier 3 limit?", "A Tier 3 grant is up to £25,000") is None
    # not labels: quantities, the article, a noun the place does not label at all
    assert facts.other_label("paid within 20 days?", "Within 10 days of receipt") is None
    assert facts.other_label("is there a tier a year", "Tier 1 grants") is None
    assert facts.other_label("what about plan b", "Band A contracts") is None
    # a small noun before a number is a label too in a place ("Small Grants round 2"), a small
    # letter is not ("band a" could be the article's)
    rounds = "Round: Small Grants round 1; Closes: 10 July\nRound: Small Grants round 2; Closes: 16 October"
    assert facts.other_label("When does round 3 of the small grants close?", rounds) == "round 3"
    assert facts.other_label("When does round 2 close?", rounds) is None
    assert facts.other_label("band b rate?", "the band a rate applies") is None
    # a letter and a number is a label too ("Band S1"), typed in any case
    bands = "Band S1 – Core Support: £1,150 to £1,450 per week\nBand S2 – Enhanced Support: £1,451 to £1,950"
    assert facts.other_label("what's the weekly fee for a band s3 placement?", bands) == "band S3"
    assert facts.other_label("What is the Band S2 fee?", bands) is None
    # a parent and its children are one family: Band B where the place has Bands B1 and B2
    assert facts.other_label("What is the rate for Band B?", "Band B1: £10\nBand B2: £12") is None
    assert facts.other_label("What is the Band B1 rate?", "Band B: £10") is None
    assert facts.other_label("What is the Lot 1 rate?", "Lot 10 rates") == "lot 1"


def test_a_financial_year_asked_about_must_not_be_only_another_in_the_place():
    assert facts.financial_years("Charge 2026/27: £145.00; from 2027-28 and 2028 to 2029") == {2026, 2027, 2028}
    assert facts.financial_years("Strategy 2026-2030, the Care Act 2014, 2026/29") == set()   # spans and laws
    assert facts.other_year("What is the sleep-in charge for 2027/28?", "Charge 2026/27: £145.00") == "2027/28"
    assert facts.other_year("the sleep-in charge for 2026/27?", "Charge 2026/27: £145.00") is None
    assert facts.other_year("What is the sleep-in charge?", "Charge 2026/27: £145.00") is None   # no year asked
    # a financial year asked about where the place (and its title) names no year at all: the
    # library does not say its figure is that year's ("what was the fee in 2025/26?")
    assert facts.other_year("the charge for 2027/28?", "The charge is £145 a night.") == "2027/28"
    assert facts.other_year("the charge for 2026/27?", "From April 2026 the charge is £145 a night.") is None
    assert facts.other_year("the charge for 2026/27?", "Charges from 1 January 2027: £145 a night.") is None
    assert facts.other_year("When does the 2027 round open?", "The round opens in March.") is None   # calendar: as before
    # calendar years: "the 2027 round" is not the 2026 one; a span names every year in it
    assert facts.other_year("When does the 2027 grants round open?", "Round opens 2 March 2026") == "2027"
    assert facts.other_year("the target by March 2028?", "Strategy 2026 to 2029: raise it to 75%") is None
    assert facts.other_year("the target by March 2027?", "raise it to 75% by March 2029; 62% at 31 March 2026") == "2027"
    assert facts.other_year("Does the Care Act 2014 apply?", "Under the Care Act 2014 the council must") is None
    assert facts.other_year("Is the 2027 charge the same?", "Charge 2026/27: £145.00") is None   # 2026/27 ends in 2027
    # a law's year, typed in any case, and a sum written without a comma are no years asked about
    assert facts.other_year("Does the Social Value Act 2012 apply?", "Policy 2025\nThe Social Value Act 2012 applies") is None
    assert facts.other_year("does the care act 2014 apply?", "Strategy 2024-2027\nUnder the Care Act 2014") is None
    assert facts.other_year("Do I need quotes for a £2000 purchase?", "Guidance 2025\nUnder £5,000: one quote") is None
    # through the decision: the year may sit in the document's title
    assert not _decide(kind=facts.AMOUNT, question="what is the grant for 2028/29?", top_text="Grants are £500.",
                       top_title="Grants Prospectus 2027 to 2028").answered
    assert _decide(kind=facts.AMOUNT, question="what is the grant for 2027/28?", top_text="Grants are £500.",
                   top_title="Grants Prospectus 2027 to 2028").answered


def test_bars_sit_on_the_library_s_own_negatives():
    cal = {"negative_scores": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], "positive_scores": [0.9, 0.95, 0.97]}
    got = calibrate.bars(cal, 0.5, 0.25)
    assert got["sure"] == pytest.approx(0.5) and got["floor"] == pytest.approx(0.3)
    # Never above the lower quartile of the probes that found their own section.
    low = calibrate.bars({**cal, "positive_scores": [0.35, 0.36, 0.37, 0.9]}, 0.9, 0.5)
    assert low["sure"] <= 0.3625 + 1e-9 and low["floor"] <= low["sure"]
    assert calibrate.bars({}, 0.5, 0.25) == {}


def test_probes_are_one_per_section_from_heading_and_first_words():
    ps = [_hit("a", ("Payment",), i, 1.0, str(i)).passage for i in range(3)] + [_hit("b", ("Notice",), 9, 1.0).passage]
    probes = calibrate.make_probes(ps, 10)
    assert [(p.document, p.text) for p in probes] == [("a", "Payment t0"), ("b", "Notice t9")]
    assert len(calibrate.make_probes(ps, 1)) == 1 and calibrate.make_probes(ps, 0) == []


def test_probes_drawn_stay_the_same_when_another_document_goes():
    """An edit or a deletion must not shift which sections are probed elsewhere in the library,
    or an incremental build encodes every probe again (issue 14: a delete in under a second)."""
    library = [_hit(f"doc{d}", (f"Section {s}",), d * 10 + s, 1.0).passage for d in range(20) for s in range(5)]
    before = {(p.document, p.text) for p in calibrate.make_probes(library, 30)}
    after = {(p.document, p.text) for p in calibrate.make_probes([p for p in library if p.document != "doc7"], 30)}
    kept = {x for x in before if x[0] != "doc7"}
    assert len(before) == 30 and not kept - after              # every other probe is drawn again
    assert len(after - before) == len(before) - len(kept)      # only the deleted ones are replaced
    assert len({d for d, _ in before}) >= 12                   # spread through the library


def test_contractions_leave_no_tail_to_search_for():
    assert terms("What's the KPI? We'll see.") == ["kpi", "see"]
    assert terms("it doesn't and we can't") == ["not", "not"]
    assert terms("the council's budget") == ["council", "budget"]


def test_the_evidence_weighs_each_piece_by_its_word_and_skips_the_asking():
    from assistant.search.late import maxsim, piece_weights

    pieces = ["how", "long", "is", "mob", "##ilisation", "'", "s"]
    mask = np.array([False, True, False, True, True, False, True])
    assert list(piece_weights(pieces, mask, {"mobilisation": 5.0}.get)) == [0.0, 5.0, 5.0, 0.0]
    q = np.eye(3, dtype=np.float32)[:2]                      # two query pieces
    flat = np.eye(3, dtype=np.float32)[[0]]                  # one passage holding only the first
    offsets = np.array([0, 1])
    assert maxsim(q, flat, offsets, [0])[0] == pytest.approx(0.5)
    assert maxsim(q, flat, offsets, [0], np.array([1.0, 3.0]))[0] == pytest.approx(0.25)


def test_late_interaction_is_the_plain_formula_on_float16_pieces():
    """Per passage, the mean over query pieces of the best cosine, from float16 pieces widened by
    torch (a passage without pieces scores 0)."""
    from assistant.search.late import maxsim_many

    rng = np.random.default_rng(3)
    lengths = [7, 0, 12, 3, 40, 1]
    flat = rng.standard_normal((sum(lengths), 16)).astype(np.float16)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    query = rng.standard_normal((5, 16)).astype(np.float32)
    rows = [0, 1, 2, 3, 4, 5]
    plain = [float((query @ flat[offsets[r]:offsets[r + 1]].astype(np.float32).T).max(axis=1).mean())
             if lengths[r] else 0.0 for r in rows]
    assert maxsim_many(query, flat, offsets, rows, [None])[0].tolist() == pytest.approx(plain, abs=1e-6)
    # the "best" evidence: the mean of the n best-matched query pieces, all of them when n ≥ pieces
    best2 = [float(np.sort((query @ flat[offsets[r]:offsets[r + 1]].astype(np.float32).T).max(axis=1))[-2:].mean())
             if lengths[r] else 0.0 for r in rows]
    two, five, many = maxsim_many(query, flat, offsets, rows, [2, 5, 50])
    assert two.tolist() == pytest.approx(best2, abs=1e-6)
    assert five.tolist() == pytest.approx(plain, abs=1e-6) and many.tolist() == pytest.approx(plain, abs=1e-6)
    assert all(b >= p - 1e-6 for b, p in zip(best2, plain))
    # per query piece, its best cosine over a whole place's passages (the subject check's matcher)
    from assistant.search.late import piece_best

    place = [0, 2, 3]
    together = np.concatenate([flat[offsets[r]:offsets[r + 1]] for r in place]).astype(np.float32)
    assert piece_best(query, flat, offsets, place).tolist() == pytest.approx((query @ together.T).max(axis=1).tolist(),
                                                                             abs=1e-6)
    assert piece_best(query, flat, offsets, [1]).tolist() == [0.0] * len(query)   # a passage without pieces


def test_the_calibration_s_best_clause_is_the_one_search_ranks_first(shipped_app):
    """The calibration reads only each probe's best clause (`Retriever.best`): it must be the one
    `search(k=1)` puts first, with the very scores the bars are placed on, for every probe of the
    library, with its own document held out and without, for each role."""
    r = shipped_app.retriever
    for role, view in r.views.items():
        visible = set(int(i) for i in view.rows)
        probes = calibrate.make_probes([p for i, p in enumerate(r.passages) if i in visible], 60)
        assert len(probes) >= 30
        for p in probes:
            text = r.normalise(p.text, role).corrected
            enc = r.embedder.encode_query_tokens(text)
            for held_out in (frozenset(), frozenset({p.document})):
                hits = r.search(text, role=role, k=1, encoded=enc, exclude_documents=held_out).hits
                got = r.best(text, role=role, encoded=enc, exclude_documents=held_out,
                             normalised=r.normalise(text, role))
                assert hits and got is not None
                want = hits[0]
                assert (got.passage.document, got.row, got.score, got.late, got.weighted, got.best, got.dense, got.lexical) == \
                       (want.passage.document, want.row, want.score, want.late, want.weighted, want.best, want.dense,
                        want.lexical)
                assert got.passage.document not in held_out
    assert r.best("", role="provider") is None


def test_the_shipped_abbreviations_load_and_a_broken_file_names_its_line(tmp_path):
    from assistant.yamlfile import YamlProblem
    from conftest import ROOT

    shipped = load(ROOT / "knowledge" / "abbreviations.yaml")
    assert shipped.abbreviations["MOU"] == "memorandum of understanding" and "sign off" in shipped.phrases
    assert not {"PA", "EL", "PL", "PI"} & set(shipped.abbreviations)   # ambiguous, taken from a question
    bad = tmp_path / "abbreviations.yaml"
    bad.write_text("abbreviations:\n  MOU: [not, words]\n")
    with pytest.raises(YamlProblem) as err:
        load(bad)
    assert err.value.line >= 1 and "abbreviations" in err.value.message


def test_a_clause_naming_the_label_asked_about_is_lifted_and_leads_its_place():
    from assistant.search.answers import lead_first

    asked = facts.labels("what's the weekly rate for band c?", capitalised=False)
    rows = {1: "Band: Band A; Weekly rate: £612.00", 2: "Band: Band C; Weekly rate: £774.25",
            3: "Rates are reviewed each April", 4: "a band c row in lower case names no label"}
    assert rescore.label_bonus([1, 2, 3, 4], asked, rows.get, 0.03) == {2: 0.03}
    assert rescore.label_bonus([1, 2], {}, rows.get, 0.03) == {}        # a question naming no label
    assert rescore.label_bonus([1, 2], asked, rows.get, 0.0) == {}      # switched off
    hits = [Hit(Passage(id=str(r), document="d", source="d", title="d", section="S", path=("S",), clause=str(r),
                        text=rows[r], audience="public"), 0.5, 0.5, 0.0, r) for r in (1, 2, 3)]
    assert [h.row for h in lead_first(hits, hits[1], asked)] == [2, 1, 3]
    assert [h.row for h in lead_first(hits, hits[1], {})] == [1, 2, 3]     # reading order otherwise
    assert [h.row for h in lead_first(hits, hits[0], facts.labels("Lot 2 rate", capitalised=False))] == [1, 2, 3]


def test_a_message_that_tells_before_it_asks_is_told_apart():
    assert facts.tells_before_asking("Our bookkeeper sent you a bill without an order number. Will you pay it?")
    assert facts.tells_before_asking("Will you pay it? We sent it last week.")
    assert not facts.tells_before_asking("Will you pay a bill without an order number?")
    assert not facts.tells_before_asking("How do I apply? When does it close?")    # two questions
    # one sentence that tells, then asks after a comma; a short lead-in narrows and stays
    told = "we're a tiny firm with six people on the payroll, do we get our money any sooner?"
    assert facts.tells_before_asking(told) and facts.asking_part(told) == "do we get our money any sooner?"
    assert facts.expected("if the council decides it doesn't want our service any more, how much warning do we "
                          "get?") == facts.DURATION
    assert not facts.tells_before_asking("For Band 2 purchases, what is the value range?")
    assert not facts.tells_before_asking("What is the fee, and how do we pay it?")   # no question word after
    assert not facts.tells_before_asking("we're a tiny firm with six people on the payroll, so pay us sooner")
    assert not facts.tells_before_asking("the payment terms for small firms")       # no question mark at all
    assert not facts.tells_before_asking("1.1 This policy sets out how the council commissions.")  # a probe


def test_the_thing_a_question_asks_about_must_be_named_in_the_place():
    assert facts.asked_subject("What interest will the council pay if it settles our invoice late?") == ["interest"]
    assert facts.asked_subject("What is the quorum for the Health and Wellbeing Board?") == ["quorum"]
    assert facts.asked_subject("How much public liability insurance does our group need?") == [
        "public", "liability", "insurance"]
    # words that name a kind of fact are left to the kind rules: a number answers "the limit"
    assert facts.asked_subject("What's the limit on agency staff?") == []
    assert facts.asked_subject("What are the weightings for quality and price?") == []
    assert facts.asked_subject("What is the notice period?") == []
    assert facts.asked_subject("What's the closing date for bids?") == []
    # no noun asked about: "what happens", "how much does it cost", a yes/no or "who" question
    assert facts.asked_subject("What happens if a provider fails?") == []
    assert facts.asked_subject("How much does it cost?") == []
    assert facts.asked_subject("Do we need a licence?") == []
    assert facts.asked_subject("Who approves a waiver?") == []
    # a verb or an adverb after "what" is no thing; nor is a head that names nothing in
    # particular (a way, a route, paperwork whose items a place lists, the point at which)
    assert facts.asked_subject("What makes it different from an ordinary company?") == []
    assert facts.asked_subject("What goes into the annual return?") == []
    assert facts.asked_subject("one provider has 30% of our spend - what now") == []
    assert facts.asked_subject("What is the simplest way to apply?") == []
    assert facts.asked_subject("What paperwork do we need for a £6,000 grant?") == []
    assert facts.asked_subject("At what point do we have to tell you?") == []
    # the phrase runs through "of", stops at the verb, keeps a hyphenated word whole
    assert facts.asked_subject("What share of the council's contracts must go to local firms?") == ["contracts"]
    assert facts.asked_subject("Which taxi firms are currently suspended?") == ["taxi", "firms"]
    assert facts.asked_subject("What staff-to-child ratio do we need?") == ["staff-to-child", "ratio"]
    invoices = frozenset(terms("Payment 14.1 The Council will pay each valid invoice within 30 days."))
    assert facts.missing_subject("What interest will the council pay on a late invoice?", invoices) == "interest"
    assert facts.missing_subject("What invoices does the council pay?", invoices) is None   # plural, stemmed
    assert facts.missing_subject("What is the payment term?", invoices) is None
    # A range of values is a sum the band states ("£5,000 to £24,999"), not a thing to be named.
    bands = frozenset(terms("Value band: Band 2: £5,000 to £24,999; Procurement route: three written quotations"))
    assert facts.missing_subject("For Band 2 purchases, what is the value range?", bands) is None
    assert facts.expected("what is the fee range for Band B?") == facts.AMOUNT
    # through the decision, with the place's own words; a piece of the place matching the word
    # closely (another form of it) counts as naming it
    late_pay = dict(question="What interest will the council pay on a late invoice?",
                    top_text="The Council will pay each valid invoice within 30 days.", place_terms=invoices)
    refused = _decide(**late_pay)
    assert not refused.answered and "interest" in refused.reason
    assert _decide(**late_pay, word_match=lambda: (lambda w: 0.9 if w == "interest" else 0.0)).answered
    assert not _decide(**late_pay, word_match=lambda: (lambda w: 0.4)).answered
    assert _decide(**{**late_pay, "place_terms": invoices | {"interest"}}).answered
    no_subject = Calibration(coverage=0.2, checks=frozenset({"kind", "scope", "evidence", "withheld"}))
    assert _decide(**late_pay, cal=no_subject).answered                             # the check can be switched off


def test_a_label_the_whole_library_names_only_with_other_values_is_refused():
    library = facts.library_labels(["Round: Small Grants round 1; Closes: 10 July", "Small Grants round 2 closes in October",
                                    "Lot 1 – Upper Dale\nLot 2 – Lower Dale"])
    assert library == {"round": frozenset({"1", "2"}), "lot": frozenset({"1", "2"})}
    assert facts.unknown_label("When does round 3 of the small grants close?", library) == "round 3"
    assert facts.unknown_label("When does round 2 close?", library) is None
    assert facts.unknown_label("What is the Lot 3 rate?", library) == "lot 3"
    # a noun the library never labels is none of its labels ("quarter 3", "need 4 employers")
    assert facts.unknown_label("When is the quarter 3 return due?", library) is None
    assert facts.unknown_label("wot insurence do i need 4 employers liabilty", library) is None
    # through the decision: whatever the best place, even one naming no round at all
    general = dict(question="When does round 3 of the small grants close?",
                   top_text="Small grants are for up to £5,000 and close on 16 October.", kind=facts.DEADLINE)
    assert not _decide(**general, library_labels=library).answered
    assert "round 3" in _decide(**general, library_labels=library).reason
    assert _decide(**general, library_labels={"lot": frozenset({"1"})}).answered
    assert _decide(**general).answered


def test_rates_that_run_from_a_date_are_that_financial_year_s():
    """"The weekly rates from 6 April 2026" are 2026/27's: they do not answer for 2025/26."""
    rates = "4.1 The weekly rates from 6 April 2026 are:\nBand: Band B; Residential care: £918.00"
    assert facts.other_year("What was the Band B residential weekly rate in 2025/26?", rates) == "2025/26"
    assert facts.other_year("What is the Band B residential weekly rate in 2026/27?", rates) is None
    assert facts.other_year("What is the Band B rate for 2026/27?", "Rates from 1 January 2027: £918") is None
    # A date that is no start of the figures ("approved on 12 February 2026") names no year.
    approved = "The rates were approved by Cabinet on 12 February 2026. Band B: £918"
    assert facts.other_year("What is the Band B rate in 2026/27?", approved) is None


def test_notice_given_to_the_party_asked_about_is_the_other_party_s_notice():
    """"What notice must the Authority serve?" is not answered by a clause in which the Contractor
    ends the contract by giving the Authority notice, whatever the parties are called; a clause
    stating the Authority's own notice, or notice nobody named gives, answers."""
    theirs = ["9.1 The Contractor may end this Contract by giving the Authority not less than three months' "
              "written notice."]
    asked = "What notice must the Authority serve to end the contract?"
    assert parties.asked_giver(asked) == "authority"
    assert parties.other_party(asked, theirs) == "authority"
    assert parties.other_party("How much notice does the contractor need to give?", theirs) is None
    # the other party's notice beside the asked party's own: the place answers
    both = theirs + ["9.2 The Authority may end this Contract by giving the Contractor one month's notice."]
    assert parties.other_party(asked, both) is None
    # notice given by nobody named, or to a third party: not known to be the other party's
    assert parties.other_party(asked, ["Notice of two months must be given to end the Contract."]) is None
    assert parties.other_party("How much notice does the grantee have to give?",
                               ["7.3 A Partner may withdraw by giving the other Partner twelve months' notice."]) is None
    # a question naming no giver, or only "we": who that is depends on who asks
    assert parties.asked_giver("What is the notice period?") is None
    assert parties.asked_giver("How much notice do we have to give?") is None
    assert parties.asked_giver("How much notice has to be given by the Grantee?") == "grantee"
    # in the decision: a duration question only
    clause = theirs[0]
    refused = _decide(kind=facts.DURATION, question=asked, top_text=clause, place_clauses=(clause,))
    assert not refused.answered and "notice given to the authority" in refused.reason
    assert _decide(kind=facts.DURATION, question="What notice must the Contractor give?", top_text=clause,
                   place_clauses=(clause,)).answered


def test_a_number_for_a_list_of_names_together_is_no_number_for_one_of_them():
    """"How many refuge units are there on the Harnmoor site?" is not answered by "38 refuge units
    on four sites (Stourleigh, Ellerdale, Harnmoor and Linmouth)": that is the four sites' total. A
    number every one of the names has, or one stated for the name asked on its own, answers."""
    together = ["3.1 Lot 1 provides support in 38 refuge units on four sites (Stourleigh, Ellerdale, Harnmoor "
                "and Linmouth) and in 8 dispersed units across the county."]
    asked = "How many refuge units are there on the Harnmoor site?"
    assert facts.counted_together(asked, facts.COUNT, together) == "Harnmoor"
    assert facts.counted_together("How many pharmacies in Stourmead run the needle exchange?", facts.COUNT,
                                  ["Needle exchange runs in at least 6 community pharmacies spread across Ashcombe "
                                   "Central, Hollins Vale and Stourmead."]) == "Stourmead"
    # named on its own, in the clause, beside the list, or in the place's headings
    assert facts.counted_together(asked, facts.COUNT, ["The Harnmoor site has 12 refuge units."]) is None
    assert facts.counted_together(asked, facts.COUNT, together + ["3.2 Harnmoor has 9 of the units."]) is None
    assert facts.counted_together("How many beds does Harnmoor have?", facts.COUNT,
                                  ["Harnmoor has 12 beds, and Stourleigh, Ellerdale and Harnmoor share one list."]) is None
    assert facts.counted_together(asked, facts.COUNT, together, "Refuges\nHarnmoor site") is None
    # every one's number: before the list, joined to it by a verb, for each, or one of several ("or")
    each = {"How many staff must be on duty at Harnmoor?":
            "Homes in Stourleigh, Ellerdale and Harnmoor must have at least 2 staff on duty at night.",
            "How many rooms can be booked on Friday?": "Up to 3 rooms can be booked on Monday, Wednesday and Friday.",
            "How many rooms does the Harnmoor hub have?": "There are 3 rooms per hub at Stourleigh, Ellerdale and Harnmoor.",
            "How many nights can a carer in Harnmoor get?":
            "Carers in Stourleigh, Ellerdale or Harnmoor can get up to 28 nights of respite a year.",
            "How many sessions does Band B include?": "Band A, Band B and Band C include 6 sessions."}
    for question, clause in each.items():
        assert facts.counted_together(question, facts.COUNT, [clause]) is None, clause
    # two names are a pair, not a list; and counts only
    assert facts.counted_together(asked, facts.COUNT, ["There are 12 units on two sites (Harnmoor and Linmouth)."]) is None
    assert facts.counted_together("How much is the Harnmoor rent?", facts.AMOUNT,
                                  ["Rents total £9,000 across Stourleigh, Ellerdale and Harnmoor."]) is None
    # in the decision
    refused = _decide(kind=facts.COUNT, question=asked, top_text=together[0], place_clauses=tuple(together))
    assert not refused.answered and "counts it only together with others" in refused.reason
    assert _decide(kind=facts.COUNT, question="How many refuge units does Lot 1 provide?", top_text=together[0],
                   place_clauses=tuple(together)).answered


def test_band_a_typed_small_is_the_label_where_the_library_has_one():
    """"wats the band a residential rate": typed small, "a" is read as the article unless the
    library labels that noun with the letter A; after "a" or "an" it stays the article."""
    library = {"band": frozenset({"A", "B"}), "lot": frozenset({"A", "1"})}
    typed = facts.typed_letter_labels("wats the band a residential rate", library)
    assert typed == "wats the band A residential rate"
    assert facts.labels(typed, capitalised=False) == {"band": {"A"}}
    assert facts.labels("wats the band a residential rate", capitalised=False) == {}
    assert facts.typed_letter_labels("the tier a year", library) == "the tier a year"        # no Tier A here
    assert facts.typed_letter_labels("is there a lot a group can do", library) == "is there a lot a group can do"
    assert facts.typed_letter_labels("band a", {}) == "band a"
    from assistant.search.normalise import normalise
    from assistant.search.wording import Expander, Wording
    q = normalise("what is the band a rate?", expander=Expander(Wording()), speller=None, labels=library)
    assert q.labels == {"band": {"A"}} and q.corrected == "what is the band A rate?"
