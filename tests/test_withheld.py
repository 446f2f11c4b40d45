"""Decide's `withheld` check: a provider whose question is answered best by internal guidance is
refused like a question the library does not answer, not handed the nearest public clause."""

from __future__ import annotations

from dataclasses import replace

from assistant.search.decide import withheld

# Questions written for this test (not from any evaluation set), each answered by the shipped
# officer handbook and, for a provider, nearest a public clause that says something else.
ASKED_OF_INTERNAL = ["what does the council never tell a provider?", "Will you open negotiations at your ceiling rate?"]


def test_the_rule_compares_ranks_only():
    assert withheld([(0.7, False), (0.6, True)])          # internal first, above the best public place
    assert withheld([(0.7, False), (0.69, False)])        # no readable place in the head at all
    assert not withheld([(0.7, True), (0.75, False)])     # the role's own place is first
    assert not withheld([(0.7, False), (0.7, True)])      # a tie is not outranking
    assert not withheld([])


def test_a_provider_asking_what_only_internal_guidance_says_is_refused(shipped_app):
    answers = shipped_app.answers
    internal = [p.text for p in shipped_app.retriever.passages if p.audience == "internal"]
    for q in ASKED_OF_INTERNAL:
        officer = answers.answer(q, role="officer")
        assert officer.answered and officer.quotes[0].passage.audience == "internal", q
        provider = answers.answer(q, role="provider")
        assert not provider.answered, (q, provider.text)
        assert "may not read" in provider.reason
        # the refusal is the ordinary one: public topics only, not a word of the internal place
        assert provider.text.startswith("I can't find that in the policy library")
        assert all(h.passage.audience == "public" for h in provider.sources)
        assert not any(t[:60] in provider.text for t in internal)


def test_without_the_check_the_nearest_public_clause_was_given(shipped_app):
    """The ablation shows what the check changes: the same questions answered from public text."""
    answers = shipped_app.answers
    before = answers.cal
    try:
        answers.cal = replace(before, checks=before.checks - {"withheld"})
        given = [answers.answer(q, role="provider") for q in ASKED_OF_INTERNAL]
    finally:
        answers.cal = before
    assert all(a.answered and a.quotes[0].passage.audience == "public" for a in given)


def test_an_officer_and_a_public_answer_cost_no_second_look(shipped_app):
    """Officers read everything, so nothing is withheld from them; a provider question whose best
    place is public is answered as before."""
    answers = shipped_app.answers
    assert shipped_app.retriever.wider_role("officer") is None
    a = answers.answer("when do you pay invoices?", role="provider")
    assert a.answered and a.quotes[0].passage.audience == "public"
