"""Checklists: every path of every shipped checklist, decision records, forged buttons, crash and resume."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.ingest.loader import load_folder
from assistant.checklists.schema import load_checklist
from assistant.checklists.runs import ChecklistService, Expired, Finished, InvalidInput, StepView, load_all
from assistant.library.references import ClauseIndex
from assistant.storage.db import Database
from conftest import ROOT, chat_app, run_bot, write_config

SAMPLE_INPUT = {"text": "Carers' breaks", "number": "45000", "money": "£45,000", "date": "2027-03-31"}


@pytest.fixture(scope="module")
def library(settings):
    lib = load_folder(ROOT / "knowledge", exclude=settings.ingest.exclude, audiences=settings.ingest.audiences)
    loaded, problems = load_all(ROOT / "knowledge" / "checklists")
    assert not problems, problems
    return ClauseIndex(lib.passages), loaded


def service(tmp_path, settings, library) -> ChecklistService:
    clauses, loaded = library
    return ChecklistService(loaded, Database(tmp_path / "db.sqlite3"), clauses, settings.roles, tmp_path / "records")


def walk_all_paths(svc: ChecklistService, checklist_id: str, role: str):
    """Depth-first over every choice, replaying the prefix each time on a fresh run; yields Finished."""
    def replay(prefix):
        view = svc.start(7, role, checklist_id)
        for answer in prefix:
            view = step(view, answer)
        return view

    def step(view, answer):
        if view.step.kind == "choice":
            return svc.choose(7, role, view.run.run_id, view.step.id, answer)
        return svc.submit_text(7, role, answer)

    stack = [[]]
    while stack:
        prefix = stack.pop()
        view = replay(prefix)
        if isinstance(view, Finished):
            yield prefix, view
            continue
        assert isinstance(view, StepView), view
        if view.step.kind == "choice":
            for o in view.step.options:
                if not o.pause:  # a pause waits at the step: see test_chat_flows
                    stack.append(prefix + [o.value])
        elif view.step.input == "money":  # one amount per band, so every band's end is walked
            for amount in ("9500", "£12,000", "45k", "360k", "1.2m"):
                stack.append(prefix + [amount])
        else:
            stack.append(prefix + [SAMPLE_INPUT[view.step.input]])


def test_at_least_six_checklists_ship_and_providers_see_only_public_ones(library, settings, tmp_path):
    _, loaded = library
    assert len(loaded) >= 6
    svc = service(tmp_path, settings, library)
    provider = {c.id for c in svc.visible("provider")}
    officer = {c.id for c in svc.visible("officer")}
    assert provider < officer
    assert all(loaded[c].checklist.audience == "public" for c in provider)
    internal = officer - provider
    assert internal
    with pytest.raises(Expired):
        svc.start(9, "provider", sorted(internal)[0])


def test_every_path_of_every_checklist_ends_in_a_complete_record(library, settings, tmp_path):
    _, loaded = library
    svc = service(tmp_path, settings, library)
    for cid, lc in loaded.items():
        c = lc.checklist
        role = "provider" if c.audience == "public" else "officer"
        ends = set()
        paths = 0
        for prefix, fin in walk_all_paths(svc, cid, role):
            paths += 1
            ends.add(fin.step.id)
            assert fin.step.kind == "end"
            md = fin.record_md
            assert f"version {c.version}" in md and c.title in md
            assert fin.step.outcome in md
            assert f"user 7 ({role})" in md  # who
            assert len([h for h in fin.run.history if not h.get("computed")]) == len(prefix)
            for h in fin.run.history:  # every answer given, with its question
                assert h["prompt"] in md and h["label"] in md
            for p in fin.relied_on:  # the clauses relied on, quoted
                assert p.text.splitlines()[0] in md
                assert p.audience == "public" or c.audience != "public"
            assert fin.relied_on, f"{cid}: a path relied on no clause"
            assert fin.record_pdf.read_bytes().startswith(b"%PDF")
            assert fin.record_md_path.read_text(encoding="utf-8") == md
        assert paths >= 2, f"{cid}: {paths} paths, ends {ends}"
        assert ends == {s.id for s in c.steps if s.kind == "end"}, f"{cid}: ends never reached"


def test_pdf_record_renders_unicode(library, settings, tmp_path):
    from pypdf import PdfReader

    svc = service(tmp_path, settings, library)
    _, fin = next(walk_all_paths(svc, "choose-route", "provider"))
    text = "".join(page.extract_text() for page in PdfReader(str(fin.record_pdf)).pages)
    assert "Decision record" in text and "Outcome" in text and "Policy relied on" in text
    assert "’" in text or "£" in text or "–" in text  # the Unicode font is embedded and used


def test_back_why_cancel_and_resume(library, settings, tmp_path):
    svc = service(tmp_path, settings, library)
    view = svc.start(5, "officer", "choose-route")
    first = view.step.id
    if view.step.kind == "input":
        view = svc.submit_text(5, "officer", "Day services")
    second = view.step.id
    assert svc.why(view.checklist, view.step, "officer")
    back = svc.back(5, "officer", view.run.run_id, second)
    assert back.step.id == first and back.run.answers == {}
    resumed = svc.resume(5, "officer")
    assert resumed.step.id == first and resumed.step.prompt == back.step.prompt
    assert svc.cancel(5)
    assert svc.resume(5, "officer") is None


def test_stale_forged_and_foreign_actions_change_nothing(library, settings, tmp_path):
    svc = service(tmp_path, settings, library)
    view = svc.start(1, "officer", "choose-route")
    if view.step.kind == "input":
        view = svc.submit_text(1, "officer", "Day services")
    run_id, step_id = view.run.run_id, view.step.id
    option = view.step.options[0].value
    before = svc.active_run(1)
    attempts = [
        lambda: svc.choose(2, "officer", run_id, step_id, option),          # another user's run
        lambda: svc.choose(1, "officer", run_id, "some-other-step", option),  # stale step
        lambda: svc.choose(1, "officer", run_id, step_id, "no-such-option"),  # forged value
        lambda: svc.choose(1, "officer", run_id + 99, step_id, option),       # no such run
        lambda: svc.back(2, "officer", run_id, step_id),
    ]
    for attempt in attempts:
        with pytest.raises(Expired):
            attempt()
    assert svc.active_run(1) == before
    svc.choose(1, "officer", run_id, step_id, option)
    with pytest.raises(Expired):  # pressing the same (now stale) button twice
        svc.choose(1, "officer", run_id, step_id, option)


def test_input_steps_validate_numbers(library, settings, tmp_path):
    from assistant.checklists.runs import _validate_input

    assert _validate_input("money", "£45,000") == ""
    assert _validate_input("money", "lots") != ""
    assert _validate_input("date", "31/03/2027") == ""
    assert _validate_input("text", "   ") != ""


# -- the conversation core: buttons carry opaque tokens only ----------------------------------------
@pytest.fixture()
def core(tmp_path, shipped_app, settings):
    return chat_app(shipped_app, settings, tmp_path / "var")


def test_forged_and_other_users_tokens_are_refused_by_the_core(core):
    from assistant.core.events import Event

    handle = core.core.handle
    core.roles.users.set_role(11, "officer", granted_by="test")
    listing = handle(Event(11, "command", command="checklists"))[0]
    start = handle(Event(11, "button", token=listing.buttons[0][0].token))[0]
    prompt = start.plain
    real = listing.buttons[0][0].token
    for token in ("forged-token-123", "", "x" * 500, real[:-2] + ("zz" if not real.endswith("zz") else "yy")):
        assert "expired" in handle(Event(11, "button", token=token))[0].plain
    # Another user presses a real button of user 11: refused, and user 11's run is untouched.
    assert "expired" in handle(Event(12, "button", token=start.buttons[0][0].token))[0].plain
    assert handle(Event(11, "command", command="resume"))[0].plain == prompt
    # A provider cannot start an internal checklist through a deep link.
    internal = [c.id for c in core.checklists.visible("officer") if c.audience != "public"][0]
    reply = handle(Event(13, "command", command="start", args=f"checklist_{internal}"))
    assert "isn't available" in reply[0].plain


def test_role_is_rechecked_on_every_press(core):
    """A button issued while officer stops working once the role is gone."""
    from assistant.core.events import Event

    handle = core.core.handle
    core.roles.users.set_role(21, "officer", granted_by="test")
    listing = handle(Event(21, "command", command="checklists"))[0]
    internal = [c for c in core.checklists.visible("officer") if c.audience != "public"][0]
    token = [b.token for row in listing.buttons for b in row if b.label == internal.title[:60]][0]
    core.roles.users.set_role(21, "provider", granted_by="test")
    assert "expired" in handle(Event(21, "button", token=token))[0].plain


# -- crash and resume, in a real process -------------------------------------------------------------
class Console:
    """A `bot.py checklist run` subprocess driven line by line through its stdin/stdout."""

    def __init__(self, *args: str, env=None):
        self.p = subprocess.Popen([sys.executable, str(ROOT / "bot.py"), *args], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(ROOT),
                                  env={**os.environ, **(env or {})})
        self.buf = b""

    def read_until_prompt(self, timeout: float = 120) -> str:
        end = time.time() + timeout
        while not self.buf.endswith(b"> "):
            if time.time() > end or self.p.poll() is not None:
                raise AssertionError(f"no prompt; got {self.buf.decode(errors='replace')[-800:]!r}; "
                                     f"stderr {self.p.stderr.read().decode(errors='replace')[-800:] if self.p.poll() is not None else ''}")
            ready, _, _ = select.select([self.p.stdout], [], [], 0.5)
            if ready:
                self.buf += os.read(self.p.stdout.fileno(), 65536)
        out, self.buf = self.buf.decode(), b""
        return out

    def send(self, line: str) -> str:
        self.p.stdin.write((line + "\n").encode())
        self.p.stdin.flush()
        return self.read_until_prompt()

    def kill9(self) -> None:
        os.kill(self.p.pid, signal.SIGKILL)
        self.p.wait(timeout=10)


def last_step(screen: str) -> str:
    """The text of the last step shown (from its title line to the buttons)."""
    return screen[screen.rfind("Choose the route"):].split("> ")[0].strip()


def test_sigkill_mid_checklist_then_resume_at_the_same_step(tmp_path, shipped_index):
    cfg = write_config(tmp_path)
    c = Console("--config", str(cfg), "checklist", "run", "choose-route", "--role", "officer", "--index", str(shipped_index))
    try:
        c.read_until_prompt()
        c.send("Home care for adults")      # step 1: an input step
        screen = c.send("2")                # step 2: press the second option
        shown = last_step(screen)
        assert "Step 3" in shown
    finally:
        c.kill9()
    assert c.p.returncode == -signal.SIGKILL
    again = Console("--config", str(cfg), "checklist", "run", "choose-route", "--role", "officer", "--index",
                    str(shipped_index), "--resume")
    try:
        resumed = last_step(again.read_until_prompt())
        assert resumed == shown
    finally:
        again.kill9()


# -- bot.py check catches broken checklists with file and line --------------------------------------
BROKEN = {
    "unknown-target": ("""id: a
title: A
version: "1"
steps:
  - id: one
    prompt: Pick
    options:
      - {label: "Yes", value: "yes", next: nowhere}
      - {label: "No", value: "no", next: done}
  - id: done
    prompt: Done
    outcome: Finished
""", 5, "unknown step target 'nowhere'"),
    "unreachable": ("""id: b
title: B
version: "1"
steps:
  - id: one
    prompt: Pick
    options:
      - {label: "Yes", value: "yes", next: done}
      - {label: "No", value: "no", next: done}
  - id: orphan
    prompt: Never shown
    options:
      - {label: "Yes", value: "yes", next: done}
      - {label: "No", value: "no", next: done}
  - id: done
    prompt: Done
    outcome: Finished
""", 10, "unreachable"),
    "loop": ("""id: c
title: C
version: "1"
steps:
  - id: one
    prompt: Pick
    options:
      - {label: "Go", value: "go", next: two}
      - {label: "End", value: "end", next: done}
  - id: two
    prompt: Round and round
    options:
      - {label: "Again", value: "a", next: three}
      - {label: "More", value: "b", next: three}
  - id: three
    prompt: Still here
    options:
      - {label: "Back", value: "a", next: two}
      - {label: "Back again", value: "b", next: two}
  - id: done
    prompt: Done
    outcome: Finished
""", 10, "loop with no exit"),
    "dangling": ("""id: d
title: D
version: "1"
steps:
  - id: one
    prompt: Pick
    why:
      - {document: local-commissioning-policy.md, clause: "99.99"}
    options:
      - {label: "Yes", value: "yes", next: done}
      - {label: "No", value: "no", next: done}
  - id: done
    prompt: Done
    outcome: Finished
""", 5, "dangling clause reference"),
    "broken-yaml": ("""id: e
title: E
steps:
  - id: one
    prompt: [unclosed
""", 6, "broken YAML"),
    "compute-bands-fall": ("""id: h
title: F
version: "1"
steps:
  - id: value
    prompt: How much?
    field: value
    input: money
    next: band
  - id: band
    prompt: The band
    why:
      - {document: local-commissioning-policy.md, section: "Decision levels", clause: "5.1"}
    from: value
    bands:
      - {below: 25000, label: Low, next: done}
      - {below: 10000, label: Mid, next: done}
      - {label: High, next: done}
  - id: done
    prompt: Done
    outcome: Finished
""", 10, "band bounds must rise"),
    "compute-from-text": ("""id: i
title: G
version: "1"
steps:
  - id: name
    prompt: Which service?
    field: service
    next: band
  - id: band
    prompt: The band
    why:
      - {document: local-commissioning-policy.md, section: "Decision levels", clause: "5.1"}
    from: service
    bands:
      - {below: 10000, label: Low, next: done}
      - {label: High, next: done}
  - id: done
    prompt: Done
    outcome: Finished
""", 9, "must name the field of an input step with `input: money`"),
    "numeric-key": ("""id: f
title: F
version: "1"
steps:
  - id: one
    prompt: Pick
    1: a number where a word belongs
    options:
      - {label: "Yes", value: "yes", next: done}
      - {label: "No", value: "no", next: done}
  - id: done
    prompt: Done
    outcome: Finished
""", 7, "key '1' is read as a number"),
    "duplicate-key": ("""id: g
title: G
version: "1"
steps:
  - id: one
    prompt: Pick
    options:
      - {label: "Yes", value: "yes", next: done}
      - {label: "No", value: "no", next: done}
    prompt: Pick again
  - id: done
    prompt: Done
    outcome: Finished
""", 10, "duplicate key 'prompt' (first at line 6)"),
}


def test_check_reports_each_broken_checklist_with_file_and_line(tmp_path):
    import shutil

    kb = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", kb, ignore=shutil.ignore_patterns("src"))
    for name, (text, _, _) in BROKEN.items():
        (kb / "checklists" / f"{name}.yaml").write_text(text)
    out = run_bot("check", "--source", str(kb))
    assert out.returncode == 1
    for name, (_, line, why) in BROKEN.items():
        expected = f"{kb / 'checklists' / name}.yaml:"
        hits = [l for l in out.stdout.splitlines() if l.startswith(expected)]
        assert hits, f"{name} not reported:\n{out.stdout}"
        assert any(why in l for l in hits), hits
        if name != "unreachable":
            assert any(l.startswith(f"{expected}{line}:") for l in hits), hits


def test_one_broken_checklist_is_skipped_with_a_warning_and_the_bot_starts(tmp_path, shipped_app, settings, caplog):
    import logging
    import shutil

    kb = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", kb, ignore=shutil.ignore_patterns("src"))
    (kb / "checklists" / "numeric-key.yaml").write_text(BROKEN["numeric-key"][0])
    with caplog.at_level(logging.WARNING):
        # wiring raised TypeError: keywords must be strings, and the bot did not start
        app = chat_app(shipped_app, settings, tmp_path / "var", knowledge_dir=kb)
    ids = {c.id for c in app.checklists.visible("officer")}
    assert "f" not in ids and len(ids) == len(list((ROOT / "knowledge" / "checklists").glob("*.yaml")))
    assert any("numeric-key.yaml:7" in r.getMessage() for r in caplog.records), caplog.text


def test_shipped_checklists_load_with_their_lines():
    for path in sorted((ROOT / "knowledge" / "checklists").glob("*.yaml")):
        lc = load_checklist(path)
        assert all(line > 1 for line in lc.step_lines.values())


def test_refusal_offers_the_nearest_topics_as_buttons_rechecked_by_role(core):
    from assistant.core.events import Event

    handle = core.core.handle
    refusal = handle(Event(31, "text", text="how do I renew my parking permit?"))[0]
    assert "can't find" in refusal.plain
    assert "parking" in refusal.plain and "council's website" in refusal.plain  # where to go instead
    buttons = [b for row in refusal.buttons for b in row]
    topics = [b for b in buttons if b.label.startswith("📖")]
    assert 1 <= len(topics) <= 3 and [b.label for b in buttons[len(topics):]] == ["🙋 Ask a person"]
    opened = handle(Event(31, "button", token=topics[0].token))[0]
    assert "expired" not in opened.plain and len(opened.plain) > 40
    # An officer's topic button on an internal section stops working once the role is gone.
    core.roles.users.set_role(32, "officer", granted_by="test")
    probe = handle(Event(32, "text", text="who do I ring out of hours about a provider failing?"))[0]
    internal = [h for h in core.answers.retriever.search("escalation contacts duty line", role="officer").hits
                if h.passage.audience == "internal"][0].passage
    token = core.core.buttons.issue(32, {"a": "section", "passage": internal.id})
    assert "expired" not in handle(Event(32, "button", token=token))[0].plain
    core.roles.users.set_role(32, "provider", granted_by="test")
    assert "expired" in handle(Event(32, "button", token=token))[0].plain
    assert probe.parts  # answered or refused, never a crash


def test_a_question_about_a_sector_offers_that_sectors_rules(core):
    """Asking about a charity answers from the voluntary sector guide and offers its rules."""
    from assistant.core.events import Event

    handle = core.core.handle
    reply = handle(Event(41, "text", text="Do we pay a charity's grant upfront or after the work is done?"))[0]
    assert "Working with the Voluntary and Community Sector" in reply.plain
    rules = [b for row in reply.buttons for b in row if b.label.startswith("📋")]
    assert [b.label for b in rules] == ["📋 Rules for Voluntary and community sector"]
    topics = handle(Event(41, "button", token=rules[0].token))[0]
    assert "Voluntary and community sector: which topic?" in topics.plain
    assert "expired" in handle(Event(42, "button", token=rules[0].token))[0].plain  # only for who asked
    plain = handle(Event(41, "text", text="How quickly does the council pay an invoice?"))[0]
    assert not [b for row in plain.buttons for b in row if b.label.startswith("📋")]


# -- a run that can no longer be continued -------------------------------------------------------------
STALE = "could no longer be continued (it changed), so I closed it"
QUESTION = "what are the four steps of commissioning?"


def _core_over(tmp_path, shipped_app, settings, checklists: Path):
    """A fresh core (a restart) over the same data dir, with checklists loaded from `checklists`."""
    import shutil

    knowledge = tmp_path / "knowledge"
    if knowledge.exists():
        shutil.rmtree(knowledge)
    knowledge.mkdir()
    shutil.copytree(checklists, knowledge / "checklists")
    shutil.copy(ROOT / "knowledge" / "rules.yaml", knowledge / "rules.yaml")
    return chat_app(shipped_app, settings, tmp_path / "var", knowledge_dir=knowledge)


def _edited_checklists(tmp_path, name: str, edit) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for f in (ROOT / "knowledge" / "checklists").glob("*.y*ml"):
        text = f.read_text(encoding="utf-8")
        new = edit(f.name, text)
        if new is not None:
            (folder / f.name).write_text(new, encoding="utf-8")
    return folder


def _answered_after_notice(replies, title: str) -> None:
    assert STALE in replies[0].plain and title in replies[0].plain, [r.plain for r in replies]
    assert "expired" not in " ".join(r.plain for r in replies).lower()
    assert "Local Commissioning Policy" in replies[-1].plain  # the question itself was answered


@pytest.mark.parametrize("change", ["file removed", "step renamed", "user demoted"])
def test_a_stale_run_is_closed_once_and_the_question_answered(tmp_path, shipped_app, settings, change):
    import re

    from assistant.core.events import Event

    user = 61
    internal = change == "user demoted"
    cid = "provider-due-diligence" if internal else "choose-route"
    before = _core_over(tmp_path, shipped_app, settings, ROOT / "knowledge" / "checklists")
    if internal:
        before.roles.users.set_role(user, "officer", granted_by="test")
    handle = before.core.handle
    first = handle(Event(user, "command", command="start", args=f"checklist_{cid}"))[0]
    title = before.checklists.checklists[cid].checklist.title
    assert title in first.plain
    if cid == "choose-route":  # the first step is typed: now the run sits at the second one
        second = handle(Event(user, "text", text="Carers' breaks"))[-1]
        assert "Step 2" in second.plain

    if change == "file removed":
        folder = _edited_checklists(tmp_path, "removed", lambda name, text: None if name.startswith(cid) else text)
    elif change == "step renamed":
        folder = _edited_checklists(tmp_path, "renamed", lambda name, text: re.sub(
            r"\bown-project\b", "own-project-2", text) if name.startswith(cid) else text)
    else:
        folder = ROOT / "knowledge" / "checklists"
        before.roles.users.set_role(user, "provider", granted_by="test")
    after = _core_over(tmp_path, shipped_app, settings, folder).core.handle  # a restart

    _answered_after_notice(after(Event(user, "text", text=QUESTION)), title if change != "file removed" else cid)
    again = after(Event(user, "text", text=QUESTION))
    assert STALE not in " ".join(r.plain for r in again), "told twice"
    assert "Local Commissioning Policy" in again[-1].plain
    assert "no checklist in progress" in after(Event(user, "command", command="resume"))[0].plain


def test_a_renamed_answered_step_makes_a_run_unusable(library, settings, tmp_path):
    """A run is only usable if every step it answered still exists (finishing re-reads them)."""
    from dataclasses import replace

    svc = service(tmp_path, settings, library)
    view = svc.start(3, "provider", "choose-route")
    view = svc.submit_text(3, "provider", "Carers' breaks")
    run = svc.active_run(3)
    assert svc.usable(run, "provider")
    assert not svc.usable(replace(run, history=[{**run.history[0], "step": "gone"}]), "provider")
    assert not svc.usable(run, "nobody")
    assert svc.close_unusable(3, "provider") is None and svc.active_run(3) is not None
    assert svc.close_unusable(3, "nobody") == "Choose the route for a new service"
    assert svc.active_run(3) is None
    assert view.step.id == "own-project"


def test_characters_the_pdf_font_lacks_are_counted_in_the_record_not_dropped(library, settings, tmp_path):
    """CJK and emoji in a typed answer: the Markdown keeps them exactly; the PDF shows □ for each
    and says how many it could not print and where the exact text is."""
    from pypdf import PdfReader

    svc = service(tmp_path, settings, library)
    typed = "会议室 breaks 🙂 Zoë"
    view = svc.start(8, "provider", "choose-route")
    who = "Zoë 李 (user 8, provider)"
    result = svc.submit_text(8, "provider", typed, who=who)
    while not isinstance(result, Finished):
        if result.step.kind == "input":
            result = svc.submit_text(8, "provider", SAMPLE_INPUT[result.step.input], who=who)
        else:
            result = svc.choose(8, "provider", result.run.run_id, result.step.id, result.step.options[-1].value, who=who)
    assert typed in result.record_md and "李" in result.record_md
    text = "".join(page.extract_text() for page in PdfReader(str(result.record_pdf)).pages)
    assert "5 characters could not be printed in this PDF" in text, text[:600]
    assert result.record_md_path.name in text
    assert "□□□ breaks □ Zoë" in text and "Zoë □" in text
    assert view.step.kind == "input"


# -- finishing is atomic: the record first, then "done", in one transaction --------------------------
def _last_step(svc, checklist_id: str, role: str, user: int = 7):
    """A fresh run at the last step of the first path through `checklist_id`, and that last answer."""
    prefix, _ = next(walk_all_paths(svc, checklist_id, role))
    view = svc.start(user, role, checklist_id)
    for answer in prefix[:-1]:
        view = (svc.choose(user, role, view.run.run_id, view.step.id, answer) if view.step.kind == "choice"
                else svc.submit_text(user, role, answer))
    return view, prefix[-1]


def _answer(svc, view, answer, role: str, user: int = 7, who: str = ""):
    if view.step.kind == "choice":
        return svc.choose(user, role, view.run.run_id, view.step.id, answer, who=who)
    return svc.submit_text(user, role, answer, who=who)


def _records(svc, run_id: int) -> int:
    return svc.db.conn().execute("select count(*) from decision_records where run_id=?", (run_id,)).fetchone()[0]


def _files(tmp_path, run_id: int, svc) -> list[str]:
    """The record files of one run (named by its DR- reference, not its run number)."""
    from assistant.checklists.records import record_ref

    ref = record_ref(svc._load(run_id))
    return sorted(p.name for p in (tmp_path / "records").iterdir() if ref in p.name)


def test_a_full_disk_while_writing_the_record_leaves_the_run_at_its_last_step(library, settings, tmp_path, monkeypatch):
    import errno

    from assistant.checklists import records

    svc = service(tmp_path, settings, library)
    view, last = _last_step(svc, "choose-route", "provider")
    before = svc.active_run(7)

    def disk_full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(records, "render_pdf", disk_full)
    result = _answer(svc, view, last, "provider")
    assert isinstance(result, InvalidInput) and "couldn't save your decision record" in result.message
    assert result.view.step.id == view.step.id  # shown the same step again, to try again
    now = svc.active_run(7)
    assert now is not None and now.step_id == before.step_id and now.answers == before.answers  # nothing lost
    run_id = view.run.run_id
    assert _records(svc, run_id) == 0
    assert _files(tmp_path, run_id, svc) == [], "no half-written record is left behind"
    monkeypatch.undo()
    done = _answer(svc, view, last, "provider")  # space again: the same answer finishes it
    assert isinstance(done, Finished) and done.run.status == "done" and _records(svc, run_id) == 1
    assert done.record_md_path.read_text(encoding="utf-8") == done.record_md
    assert _files(tmp_path, run_id, svc) == sorted([done.record_md_path.name, done.record_pdf.name])


def test_a_database_that_cannot_save_the_finish_keeps_the_run_and_no_record(library, settings, tmp_path):
    from assistant.storage.db import StorageError

    svc = service(tmp_path, settings, library)
    view, last = _last_step(svc, "choose-route", "provider")
    real_tx = svc.db.tx

    class FullTx:
        def __enter__(self):
            raise StorageError("could not save: database or disk is full")

        def __exit__(self, *exc):
            return False

    svc.db.tx = lambda: FullTx()
    result = _answer(svc, view, last, "provider")
    svc.db.tx = real_tx
    assert isinstance(result, InvalidInput) and "try again" in result.message
    assert svc.active_run(7).step_id == view.step.id and _records(svc, view.run.run_id) == 0
    assert _files(tmp_path, view.run.run_id, svc) == []  # the record written first was taken back
    assert isinstance(_answer(svc, view, last, "provider"), Finished)


def test_lone_surrogates_in_a_name_or_typed_answer_still_make_a_record(library, settings, tmp_path):
    svc = service(tmp_path, settings, library)
    view = svc.start(8, "provider", "choose-route")
    assert view.step.kind == "input"
    view = svc.submit_text(8, "provider", "Carers\ud800 breaks")
    prefix, _ = next(walk_all_paths(svc, "choose-route", "provider"))
    for answer in prefix[1:]:
        view = _answer(svc, view, answer, "provider", user=8, who="Ann\udc00 (user 8, provider)")
    assert isinstance(view, Finished), view
    assert view.run.status == "done" and _records(svc, view.run.run_id) == 1
    md = view.record_md_path.read_text(encoding="utf-8")
    assert "Carers\ufffd breaks" in md and "Ann\ufffd" in md
    assert view.record_pdf.read_bytes().startswith(b"%PDF")


def _last_step_with_two_endings(svc, role: str, user: int = 7):
    """A fresh run at a last choice step where two options end the checklist differently, and those
    two options' values: the first such step on a path through the checklists `role` may see."""
    for c in svc.visible(role):
        for prefix, done in walk_all_paths(svc, c.id, role):
            last = c.step(done.run.history[-1]["step"])
            if last.kind != "choice":
                continue
            endings = {}
            for o in last.options:
                if o.next and not o.pause and c.step(o.next).kind == "end":
                    endings.setdefault(o.next, o.value)
            if len(endings) >= 2:
                view = svc.start(user, role, c.id)
                for answer in prefix[:-1]:
                    view = _answer(svc, view, answer, role, user)
                assert view.step.id == last.id
                first, second = list(endings.values())[:2]
                return view, first, second
    raise AssertionError("no shipped checklist ends two ways at one choice step")


def test_two_presses_on_the_last_step_leave_the_record_of_the_decision_acknowledged(library, settings, tmp_path,
                                                                                       monkeypatch):
    """Telegram updates are handled concurrently: two different options pressed on the last step
    both read the run as active. The first finishes it; the second is refused, and the record
    files on disk must still be the first decision's, the one the user was shown."""
    import threading

    from assistant.checklists import records

    svc = service(tmp_path, settings, library)
    view, first_value, second_value = _last_step_with_two_endings(svc, "provider")
    second_rendering, first_done = threading.Event(), threading.Event()
    render = records.render_pdf

    def interleaved(*a, **k):  # the first press waits until the second has read the run, and vice versa
        if threading.current_thread().name == "first":
            assert second_rendering.wait(30)
        else:
            second_rendering.set()
            assert first_done.wait(30)
        return render(*a, **k)

    monkeypatch.setattr(records, "render_pdf", interleaved)
    out: dict[str, object] = {}

    def press(name: str, value: str) -> None:
        try:
            out[name] = _answer(svc, view, value, "provider")
        except Expired as exc:
            out[name] = exc
        finally:
            if name == "first":
                first_done.set()

    threads = [threading.Thread(target=press, args=(n, v), name=n) for n, v in (("first", first_value),
                                                                                 ("second", second_value))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    first, second = out["first"], out["second"]
    assert isinstance(first, Finished) and isinstance(second, Expired), out
    stored = svc.db.conn().execute("select markdown from decision_records where run_id=?", (view.run.run_id,)).fetchone()
    assert stored[0] == first.record_md
    assert first.record_md_path.read_text(encoding="utf-8") == first.record_md, "the refused press overwrote the record"
    assert not [p for p in (tmp_path / "records").iterdir() if p.name.startswith(".")]


def test_records_are_rendered_by_the_pdf_worker_process_and_still_made_after_it_dies(library, settings, tmp_path):
    """The Telegram bot renders record PDFs in a child process (not a multiprocessing pool, whose
    resource tracker is one more process); when the child has died, the next record is still made."""
    from pypdf import PdfReader

    from assistant.checklists.pdf_worker import PdfWorker

    worker = PdfWorker()
    worker.warm()
    try:
        svc = service(tmp_path, settings, library)
        svc.pdf_renderer = worker.render
        _, fin = next(walk_all_paths(svc, "choose-route", "provider"))
        text = "".join(page.extract_text() for page in PdfReader(str(fin.record_pdf)).pages)
        assert "Decision record" in text and "Policy relied on" in text
        child = worker._proc
        assert child is not None and child.poll() is None and child.pid != os.getpid()
        child.kill()
        child.wait(timeout=10)
        svc2 = service(tmp_path / "after", settings, library)
        svc2.pdf_renderer = worker.render
        _, fin2 = next(walk_all_paths(svc2, "choose-route", "provider"))
        assert fin2.record_pdf.read_bytes().startswith(b"%PDF")
    finally:
        worker.close()
