"""Quality floors on the dev set and on an untuned second library: a regression fails `make test`.

The floors sit just under the figures measured when they were set (README, "Quality"), so a
change that makes retrieval or the answer/refuse rule worse is caught. Figures are from
`python bot.py eval` (dev set) and `python bot.py eval --source tests/data/other_council ...`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from assistant.services.evaluation import evaluate, load_questions
from conftest import ROOT


def test_dev_set_floors(shipped_app, settings):
    questions = load_questions(ROOT / "eval" / "dev")
    kinds = Counter(q.kind for q in questions)
    assert len(questions) >= 60
    assert kinds["unanswerable"] >= 10 and kinds["officer-only"] >= 8 and kinds["probe"] >= 4
    assert kinds["paraphrase"] >= len(questions) / 4 and kinds["typo"] >= 6
    f = evaluate(questions, shipped_app.answers.answer, settings.roles).figures()
    assert f["provider_leaks"] == 0
    # The acceptance floors for the dev set.
    assert f["recall@3"] >= 0.90, f
    assert f["mrr@10"] >= 0.80, f
    assert f["recall@5"] >= 0.93, f
    assert f["unanswerable_refused"] >= 0.90, f
    assert f["answerable_wrongly_refused"] <= 0.05, f


def test_second_untuned_library_floors(other_index, settings, embedder):
    from assistant.app import build

    app = build(settings, index_dir=other_index, embedder=embedder)
    formats = {p.format for p in app.retriever.passages}
    assert len(formats) >= 3
    questions = load_questions(ROOT / "tests" / "data" / "other_council.questions.yaml")
    f = evaluate(questions, app.answers.answer, settings.roles).figures()
    assert f["provider_leaks"] == 0
    assert f["recall@3"] >= 0.85, f   # the floor for the second library
    assert f["mrr@10"] >= 0.85, f
    # Its unanswerables are mostly on-topic (a mobilisation fee, tenders in another language):
    # the rule fitted on the dev set answers two of eight from the nearest clause (README, Quality).
    assert f["unanswerable_refused"] >= 0.7, f
    assert f["answerable_wrongly_refused"] <= 0.2, f


def test_third_library_written_blind_floors(third_index, settings, embedder):
    from assistant.app import build

    app = build(settings, index_dir=third_index, embedder=embedder)
    assert len({p.format for p in app.retriever.passages}) >= 3
    questions = load_questions(ROOT / "tests" / "data" / "third_council.questions.yaml")
    f = evaluate(questions, app.answers.answer, settings.roles).figures()
    assert f["provider_leaks"] == 0
    assert f["recall@3"] >= 0.85, f
    assert f["mrr@10"] >= 0.85, f
    assert f["unanswerable_refused"] >= 0.75, f
    assert f["answerable_wrongly_refused"] <= 0.15, f


def test_sector_questions_cite_the_sector_document_first(shipped_app):
    questions = load_questions(ROOT / "eval" / "sector-questions.yaml")
    per_doc: Counter = Counter()
    right: Counter = Counter()
    for q in questions:
        want = q.expect[0].document
        per_doc[want] += 1
        a = shipped_app.answers.answer(q.q, role=q.role)
        right[want] += a.answered and a.sources[0].passage.document == want
    assert len(per_doc) == 4 and all(n == 10 for n in per_doc.values())
    assert all(right[d] == 10 for d in per_doc), right  # answered, citing the sector's guide first


def test_blind_sector_questions_find_their_guide(shipped_app, settings):
    """Sector questions written blind from the four guides alone (eval/sector-questions-*.yaml but
    ours; the first set was then used to write the sector words, the new-officer set to shape the
    sector-wording preference, the first-month set was written after all changes, the others were
    only measured), and on-topic sector questions the library does not answer
    (eval/sector-unanswerable-heldout.yaml)."""
    def figures(name):
        return evaluate(load_questions(ROOT / "eval" / name), shipped_app.answers.answer, settings.roles).figures()

    first, second = figures("sector-questions-heldout.yaml"), figures("sector-questions-heldout2.yaml")
    assert first["document@1"] >= 0.93 and first["answerable_wrongly_refused"] <= 0.1, first
    assert second["document@1"] >= 0.925 and second["answerable_wrongly_refused"] <= 0.15, second
    providers = figures("sector-questions-providers.yaml")   # in the provider's voice
    assert providers["document@1"] >= 0.875 and providers["answerable_wrongly_refused"] <= 0.125, providers
    for name in ("sector-questions-newofficer.yaml", "sector-questions-terse.yaml",  # 10 a sector each
                 "sector-questions-firstmonth.yaml"):
        f = figures(name)
        assert f["questions"] == 40 and f["document@1"] >= 0.95 and f["answerable_wrongly_refused"] <= 0.05, (name, f)
    unanswerable = figures("sector-unanswerable-heldout.yaml")
    assert unanswerable["unanswerable_refused"] >= 0.4 and unanswerable["provider_leaks"] == 0, unanswerable
