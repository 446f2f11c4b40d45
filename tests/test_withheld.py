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


def test_a_word_only_internal_papers_use_still_finds_them_for_the_check(tmp_path, settings, embedder):
    """A provider's spelling corrector knows only public words, so "recommissioning", a word of
    internal papers alone, is corrected to "commissioning" for the provider's own search. The
    check looks at the whole library as an officer would read the question, not with the
    provider's correction: otherwise the internal briefing it names is never found, and the
    nearest public clause is given as if it answered."""
    from assistant.app import build
    from assistant.index.indexer import build_index

    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "commissioning-guide.md").write_text(
        "---\ntitle: Commissioning Guide\nowner: Head of Commissioning\nversion: \"1.0\"\naudience: public\n---\n\n"
        "# Commissioning Guide\n\n## 1. Day services\n\n1.1 The council commissions day services for adults with "
        "learning disabilities through an open framework.\n\n1.2 Commissioning decisions about day services are "
        "published on the council's website once they are made.\n\n## 2. Transport\n\n2.1 The council arranges "
        "transport to day services for people who cannot travel on their own.\n", encoding="utf-8")
    (lib / "recommissioning-briefing.md").write_text(
        "---\ntitle: Day Services Recommissioning Briefing\nowner: Head of Commissioning\nversion: \"0.3\"\n"
        "audience: internal\n---\n\n# Day Services Recommissioning Briefing\n\n## 1. Recommissioning approval\n\n"
        "1.1 The approver for the day services recommissioning decisions is the Director of Adult Services, "
        "Dr Helen Okafor.\n", encoding="utf-8")
    index = tmp_path / "index"
    build_index(settings, source=lib, index_dir=index, embedder=embedder, show_progress=False)
    app = build(settings, index_dir=index, embedder=embedder)
    q = "Who is approving the day services recommissioning decisions?"
    officer = app.answers.answer(q, role="officer")
    assert officer.answered and officer.quotes[0].passage.audience == "internal"
    result = app.retriever.search(q, role="provider")
    assert "recommissioning" not in result.corrected        # the provider's own correction
    provider = app.answers.answer(q, role="provider")
    assert not provider.answered and "may not read" in provider.reason, provider.reason
    assert "Okafor" not in provider.text
