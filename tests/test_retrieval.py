"""Hybrid retrieval: roles filter inside retrieval, typos are tolerated, top results are distinct places."""

from __future__ import annotations

from assistant.services.fusion import Fusion, fuse
from assistant.services.spelling import SpellCorrector


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
