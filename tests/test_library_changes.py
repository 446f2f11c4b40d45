"""What changed: the clause-level diff between builds, /changes, /follow, "updated on", hot reload
in-process, `bot.py check` notes and decision-record marks. (Telegram end to end: test_live_e2e.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.core.events import Event
from assistant.ingest.model import Passage
from assistant.library.changes import diff
from conftest import ROOT
from test_incremental_index import LIBRARY, NEW_EMERGENCY, OLD_EMERGENCY, POLICY, copy_build

OFFICER, PROVIDER = 501, 502


def P(text: str, clause: str = "1.1", path=("Doc", "1. Scope"), document="a.md", audience="public") -> Passage:
    return Passage(id=f"{document}|{clause}|{text}"[:60], document=document, source=f"/k/{document}", title="Doc",
                   section=path[-1], path=tuple(path), clause=clause, text=text, audience=audience)


# -- the diff ---------------------------------------------------------------------------------------
def test_diff_finds_reworded_added_and_removed_clauses():
    old = [P("1.1 Contracts last three years."), P("1.2 Officers sign off.", "1.2"), P("1.3 Old rule.", "1.3")]
    new = [P("1.1 Contracts last five years."), P("1.2 Officers sign off.", "1.2"), P("1.4 New rule here.", "1.4")]
    got = {(c.kind, c.clause, c.old_text, c.new_text) for c in diff(old, new)}
    assert got == {("reworded", "1.1", "1.1 Contracts last three years.", "1.1 Contracts last five years."),
                   ("added", "1.4", "", "1.4 New rule here."), ("removed", "1.3", "1.3 Old rule.", "")}


def test_diff_ignores_moves_and_pairs_renumbered_clauses_by_similarity():
    text = "The council pays providers within 30 days of a valid invoice being received by the finance team."
    old = [P("Intro paragraph that stays.", "¶1"), P(text, "4.2", ("Doc", "4. Pay"))]
    new = [P("A new opening paragraph.", "¶1"), P("Intro paragraph that stays.", "¶2"),
           P(text.replace("30", "20"), "5.1", ("Doc", "5. Payment"))]
    got = [(c.kind, c.clause) for c in diff(old, new)]
    assert sorted(got) == [("added", "¶1"), ("reworded", "5.1")]


def test_diff_reports_an_audience_change_as_removed_and_added():
    old = [P("1.1 The ceiling is £25.40 an hour.", audience="public")]
    new = [P("1.1 The ceiling is £25.40 an hour.", audience="internal")]
    got = sorted((c.kind, c.audience) for c in diff(old, new))
    assert got == [("added", "internal"), ("removed", "public")]


def test_diff_of_a_deleted_document_removes_every_clause():
    old = [P("x one", "1"), P("x two", "2"), P("other", "1", document="b.md")]
    got = diff(old, [P("other", "1", document="b.md")])
    assert [(c.kind, c.document) for c in got] == [("removed", "a.md"), ("removed", "a.md")]


# -- a library edited under a running app -----------------------------------------------------------
INTERNAL_DOC = "market-notes.md"


def add_internal_document(lib: Path) -> None:
    (lib / INTERNAL_DOC).write_text(
        "---\ntitle: Market Notes\nowner: Market Team\nversion: '1'\nreview_date: 2027-01-01\naudience: internal\n---\n"
        "# Market Notes\n\n## 1. Home care market\n\n1.1 The council meets home care providers every quarter to "
        "discuss rates and capacity.\n", encoding="utf-8")


@pytest.fixture()
def live(tmp_path, settings, embedder, third_index):
    """An app serving a copy of the third library; returns (app, lib, index_dir, settings)."""
    from assistant.app import build

    lib = tmp_path / "library"
    shutil.copytree(LIBRARY, lib)
    idx = tmp_path / "idx"
    copy_build(third_index, idx)
    s = settings.model_copy(update={"data_dir": tmp_path / "var", "knowledge_dir": lib,
                                    "telegram": settings.telegram.model_copy(update={"officers": [OFFICER]})})
    app = build(s, index_dir=idx, embedder=embedder, conversation=True)
    return app, lib, idx, s


def rebuild(s, lib: Path, idx: Path, embedder):
    from assistant.index.indexer import build_index

    return build_index(s, source=lib, index_dir=idx, embedder=embedder, show_progress=False)


def text_of(replies) -> str:
    return "\n".join(r.plain for r in replies)


def cmd(app, user: int, command: str, args: str = "") -> str:
    return text_of(app.core.handle(Event(user, "command", command=command, args=args)))


def ask(app, user: int, text: str) -> str:
    return text_of(app.core.handle(Event(user, "text", text=text)))


def test_reload_changes_follow_and_updated_on(live, embedder):
    from assistant.app import make_reloader

    app, lib, idx, s = live
    sent: list = []
    reloader = make_reloader(app, 0, deliver=sent.extend)
    assert "16 weeks" not in ask(app, PROVIDER, "How long can an emergency contract last?")
    assert "You now follow" in cmd(app, OFFICER, "follow", "Harrowfold Commissioning and Procurement Policy")
    assert "don't know the command" in cmd(app, PROVIDER, "follow", POLICY).lower()  # officers only
    before = app.core.answers  # a question in flight holds this

    policy = lib / POLICY
    policy.write_text(policy.read_text(encoding="utf-8").replace(OLD_EMERGENCY, NEW_EMERGENCY), encoding="utf-8")
    add_internal_document(lib)
    report = rebuild(s, lib, idx, embedder)
    assert {(c.kind, c.document) for c in report.changes} == {("reworded", POLICY), ("added", INTERNAL_DOC)}
    assert reloader.check() and not reloader.check()

    # The old index still answers a question that started on it; the next question reads the new one.
    assert NEW_EMERGENCY not in before.answer("How long can an emergency contract last?", role="provider").text
    answer = ask(app, PROVIDER, "How long can an emergency contract last?")
    assert NEW_EMERGENCY in answer and "updated on" in answer

    # /changes is role-filtered: the provider sees the public rewording, never the internal document.
    provider_view, officer_view = cmd(app, PROVIDER, "changes"), cmd(app, OFFICER, "changes", "7")
    assert OLD_EMERGENCY in provider_view and NEW_EMERGENCY in provider_view
    assert "Market Notes" not in provider_view and "home care providers every quarter" not in provider_view
    assert "Market Notes" in officer_view and NEW_EMERGENCY in officer_view
    assert "number of days" in cmd(app, PROVIDER, "changes", "lots")

    # The follower is told once, about what they follow only.
    assert [uid for uid, _ in sent] == [OFFICER]
    notice = sent[0][1].plain
    assert NEW_EMERGENCY in notice and "Market Notes" not in notice
    other = make_reloader(app, 0, deliver=sent.extend)  # a second bot on the same data store
    other._after_swap(app.retriever.build)
    assert len(sent) == 1

    assert "Stopped" in cmd(app, OFFICER, "unfollow", POLICY)
    assert "don't follow" in cmd(app, OFFICER, "unfollow", POLICY)


def test_a_broken_new_build_keeps_the_old_one_serving(live, embedder):
    from assistant.app import make_reloader
    from assistant.storage.index_files import current_dir

    app, lib, idx, s = live
    reloader = make_reloader(app, 0)
    (lib / "provider-handbook-faq.md").unlink()
    rebuild(s, lib, idx, embedder)
    (current_dir(idx) / "passages.jsonl").write_text("{broken", encoding="utf-8")
    served = app.retriever.build
    assert not reloader.check()
    assert app.retriever.build == served
    assert "insurance" in ask(app, PROVIDER, "What insurance must providers hold?").lower()


def test_check_notes_rules_and_checklists_quoting_a_changed_clause(tmp_path, settings):
    """A rule and a checklist step quote local-commissioning-policy.md clause 3.1.1 (shipped library)."""
    from assistant.cli import _changed_sources
    from assistant.checklists.runs import load_all
    from assistant.library.rules import load_catalogue
    from assistant.storage.changes import Change, ChangeLog
    from assistant.storage.db import Database

    cat, _ = load_catalogue(ROOT / "knowledge" / "rules.yaml")
    loaded, _ = load_all(ROOT / "knowledge" / "checklists")
    rule = cat.rules[0]
    step_ref = next(ref for lc in loaded.values() for st in lc.checklist.steps for ref in st.why)
    s = settings.model_copy(update={"data_dir": tmp_path / "var"})
    assert _changed_sources(s, None, 30) == []
    log = ChangeLog(Database(tmp_path / "var" / "assistant.sqlite3"))
    import time

    changes = [Change("reworded", ref.document, "T", ref.section or "S", ("T", ref.section or "S"), ref.clause,
                      "public", "old words", "new words", "pid") for ref in (rule.source, step_ref)]
    log.record("build-x", "build-w", time.time(), changes)
    notes = _changed_sources(s, None, 30)
    assert any(f"rule {rule.id} quotes" in n and "new words" in n for n in notes)
    assert any("checklist" in n and "step" in n for n in notes)


def test_a_decision_record_marks_a_clause_updated_recently():
    from types import SimpleNamespace

    from assistant.checklists.records import render_markdown

    p = P("1.1 Contracts last five years.")
    run = SimpleNamespace(started=0.0, run_id=7, history=[], user_id=1, answers={})
    cl = SimpleNamespace(title="T", id="t", version="1", subject="")
    md = render_markdown(run=run, checklist=cl, end=SimpleNamespace(outcome="ok"), relied_on=[p], who="me",
                         updated={p.id: "1 December 2026"})
    assert "updated on 1 December 2026" in md
    assert "updated on" not in render_markdown(run=run, checklist=cl, end=SimpleNamespace(outcome="ok"),
                                               relied_on=[p], who="me")
