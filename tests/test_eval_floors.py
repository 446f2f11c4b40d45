"""Quality floors on every library of eval/libraries.yaml, at issue 11's values: a regression
fails `make test`.

On every library, through the same code as `bot.py eval --all`: Recall@3 ≥ 0.88, MRR@10 ≥ 0.80,
on-topic unanswerables refused ≥ 0.80, provider probes refused ≥ 0.80, answerables wrongly
refused ≤ 0.08, no provider leak. One test per library and measure, so a measure that holds is
enforced even where another does not yet. The ones not yet reached are marked xfail (strict, so
reaching one fails until its mark is removed) with the figure measured, in GAPS below and in the
README's per-library table.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from assistant.reports.evaluation import evaluate, load_libraries, load_questions
from conftest import ROOT

LIBRARIES = load_libraries(ROOT / "eval" / "libraries.yaml")
FLOORS = {"recall@3": (">=", 0.88), "mrr@10": (">=", 0.80), "on_topic_unanswerable_refused": (">=", 0.80),
          "provider_probes_refused": (">=", 0.80), "answerable_wrongly_refused": ("<=", 0.08), "provider_leaks": ("<=", 0)}
# (library, measure): figure measured with `bot.py eval --all` when the floors were set.
GAPS: dict[tuple[str, str], float] = {
    ("fourth_council", "on_topic_unanswerable_refused"): 0.75,
    ("fifth_council", "on_topic_unanswerable_refused"): 0.727,
    ("sixth_council", "on_topic_unanswerable_refused"): 0.583, ("sixth_council", "answerable_wrongly_refused"): 0.088,
    ("seventh_council", "on_topic_unanswerable_refused"): 0.583,
    ("seventh_council", "answerable_wrongly_refused"): 0.088,
    ("eighth_council", "on_topic_unanswerable_refused"): 0.75, ("eighth_council", "provider_probes_refused"): 0.778,
    ("eighth_council", "answerable_wrongly_refused"): 0.088,
    ("ninth_council", "on_topic_unanswerable_refused"): 0.75,
    ("tenth_council", "on_topic_unanswerable_refused"): 0.75, ("tenth_council", "answerable_wrongly_refused"): 0.147,
    ("eleventh_council", "on_topic_unanswerable_refused"): 0.583,
    ("twelfth_council", "answerable_wrongly_refused"): 0.088,
    ("thirteenth_council", "answerable_wrongly_refused"): 0.206,
    ("fourteenth_council", "on_topic_unanswerable_refused"): 0.75,
    ("fourteenth_council", "answerable_wrongly_refused"): 0.118,
    ("fifteenth_council", "on_topic_unanswerable_refused"): 0.667,
    ("fifteenth_council", "provider_probes_refused"): 0.778, ("fifteenth_council", "answerable_wrongly_refused"): 0.147,
    ("sixteenth_council", "recall@3"): 0.853, ("sixteenth_council", "on_topic_unanswerable_refused"): 0.667,
    ("seventeenth_council", "on_topic_unanswerable_refused"): 0.583,
    ("eighteenth_council", "on_topic_unanswerable_refused"): 0.583,
    ("nineteenth_council", "on_topic_unanswerable_refused"): 0.75,
    ("nineteenth_council", "answerable_wrongly_refused"): 0.147,
    ("twentieth_council", "on_topic_unanswerable_refused"): 0.583,
    ("twentieth_council", "provider_probes_refused"): 0.778,
    ("twentyfirst_council", "on_topic_unanswerable_refused"): 0.75,
    ("twentyfirst_council", "provider_probes_refused"): 0.778,
    ("twentyfirst_council", "answerable_wrongly_refused"): 0.147,
    ("twentysecond_council", "on_topic_unanswerable_refused"): 0.667,
    ("twentysecond_council", "answerable_wrongly_refused"): 0.147,
    ("twentythird_council", "on_topic_unanswerable_refused"): 0.417,
    ("twentythird_council", "answerable_wrongly_refused"): 0.206,
    ("twentyfourth_council", "recall@3"): 0.794, ("twentyfourth_council", "mrr@10"): 0.756,
    ("twentyfourth_council", "provider_probes_refused"): 0.778,
    ("twentyfourth_council", "answerable_wrongly_refused"): 0.235,
    ("twentyfifth_council", "on_topic_unanswerable_refused"): 0.583,
    ("twentyfifth_council", "answerable_wrongly_refused"): 0.088,
    ("twentysixth_council", "on_topic_unanswerable_refused"): 0.333,
    ("twentyseventh_council", "on_topic_unanswerable_refused"): 0.75,
    ("twentyeighth_council", "on_topic_unanswerable_refused"): 0.667,
    ("twentyeighth_council", "provider_probes_refused"): 0.778,
    ("twentyeighth_council", "answerable_wrongly_refused"): 0.147,
    ("twentyninth_council", "recall@3"): 0.824, ("twentyninth_council", "mrr@10"): 0.775,
    ("twentyninth_council", "on_topic_unanswerable_refused"): 0.75,
    ("twentyninth_council", "provider_probes_refused"): 0.778,
    ("twentyninth_council", "answerable_wrongly_refused"): 0.088,
    ("thirtieth_council", "on_topic_unanswerable_refused"): 0.417,
    ("thirtieth_council", "provider_probes_refused"): 0.667,
    ("thirtieth_council", "answerable_wrongly_refused"): 0.088,
    ("thirtyfirst_council", "answerable_wrongly_refused"): 0.118,
    ("thirtysecond_council", "recall@3"): 0.853, ("thirtysecond_council", "mrr@10"): 0.761,
    ("thirtysecond_council", "on_topic_unanswerable_refused"): 0.583,
    ("thirtysecond_council", "provider_probes_refused"): 0.778,
    ("thirtysecond_council", "answerable_wrongly_refused"): 0.176,
    ("thirtythird_council", "recall@3"): 0.853, ("thirtythird_council", "mrr@10"): 0.794,
    ("thirtythird_council", "on_topic_unanswerable_refused"): 0.667,
    ("thirtyfourth_council", "on_topic_unanswerable_refused"): 0.5,
    ("thirtyfourth_council", "answerable_wrongly_refused"): 0.206,
    ("thirtyfifth_council", "on_topic_unanswerable_refused"): 0.75,
    ("thirtyfifth_council", "answerable_wrongly_refused"): 0.176,
    ("thirtysixth_council", "provider_probes_refused"): 0.778,
    ("thirtysixth_council", "answerable_wrongly_refused"): 0.088,
    ("thirtyseventh_council", "on_topic_unanswerable_refused"): 0.667,
    ("thirtyseventh_council", "answerable_wrongly_refused"): 0.088,
}


@pytest.fixture(scope="session")
def library_figures(settings, embedder, library_indexes):
    """Each library scored once, on the indexes built once for the run."""
    from assistant.app import build

    out = {}
    for lib in LIBRARIES:
        app = build(settings, index_dir=library_indexes[lib.name], embedder=embedder)
        out[lib.name] = evaluate(load_questions(lib.questions), app.answers.answer, settings.roles).figures()
    return out


def test_an_answer_quotes_a_close_clause_the_decision_did_not_judge(settings, embedder, library_indexes):
    """On a blind library: "who can apply" scores "3.3 Individual carers cannot apply" first and
    "3.1 Registered charities … can apply" at less than MERGE_RATIO of it. The answer quotes 3.1
    first (it is shown, in reading order), while the decision read 3.3 alone."""
    from assistant.app import build

    app = build(settings, index_dir=library_indexes["fifteenth_council"], embedder=embedder)
    question = "Who can apply for a Carers' Breaks Grant?"
    answer = app.answers.answer(question, role="provider")
    assert answer.answered and [h.passage.clause for h in answer.quotes][:2] == ["3.1", "3.3"], answer.text
    result = app.retriever.search(question, role="provider")
    assert "constituted community groups" in result.hits[0].passage.text
    assert "constituted community groups" not in app.answers.inputs(result, "provider")["top_text"]


def _cases():
    for lib in LIBRARIES:
        for measure in FLOORS:
            gap = GAPS.get((lib.name, measure))
            marks = [pytest.mark.xfail(strict=True, reason=f"measured {gap}: not yet at the floor")] if gap is not None else []
            yield pytest.param(lib.name, measure, marks=marks, id=f"{lib.name}-{measure}")


@pytest.mark.parametrize("library, measure", list(_cases()))
def test_every_library_meets_the_issue_floors(library_figures, library, measure):
    op, floor = FLOORS[measure]
    value = library_figures[library][measure]
    assert (value >= floor) if op == ">=" else (value <= floor), (library, measure, value, library_figures[library])


def test_every_library_has_the_questions_the_measures_need():
    """Each set holds answerables, on-topic unanswerables and provider probes, so no measure is
    vacuous; ours also keeps its paraphrases and typos."""
    for lib in LIBRARIES:
        kinds = Counter(q.kind for q in load_questions(lib.questions))
        assert kinds["unanswerable"] >= 2 and kinds["probe"] >= 2, (lib.name, kinds)
        assert sum(n for k, n in kinds.items() if k not in ("unanswerable", "probe")) >= 20, (lib.name, kinds)
    dev = Counter(q.kind for q in load_questions(ROOT / "eval" / "dev"))
    assert dev["paraphrase"] >= 15 and dev["typo"] >= 6 and dev["officer-only"] >= 8


def test_the_second_and_third_libraries_hold_several_formats(other_index, third_index, settings, embedder):
    from assistant.app import build

    for index in (other_index, third_index):
        app = build(settings, index_dir=index, embedder=embedder)
        assert len({p.format for p in app.retriever.passages}) >= 3


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
    # The first blind set is the one the sector words were once lifted from ("one person", "tiny
    # firm", "council next door"); with those words removed (issue 11) it measures 0.917 / 0.208.
    assert first["document@1"] >= 0.9 and first["answerable_wrongly_refused"] <= 0.21, first
    assert second["document@1"] >= 0.925 and second["answerable_wrongly_refused"] <= 0.15, second
    providers = figures("sector-questions-providers.yaml")   # in the provider's voice
    assert providers["document@1"] >= 0.875 and providers["answerable_wrongly_refused"] <= 0.125, providers
    for name in ("sector-questions-newofficer.yaml", "sector-questions-terse.yaml",  # 10 a sector each
                 "sector-questions-firstmonth.yaml"):
        f = figures(name)
        assert f["questions"] == 40 and f["document@1"] >= 0.95 and f["answerable_wrongly_refused"] <= 0.05, (name, f)
    unanswerable = figures("sector-unanswerable-heldout.yaml")
    assert unanswerable["unanswerable_refused"] >= 0.4 and unanswerable["provider_leaks"] == 0, unanswerable
