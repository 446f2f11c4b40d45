"""Running checklists: start, answer, back, why, cancel, resume; state lives only in SQLite.

Every method takes the user's id and role from the server side and re-checks the run it acts on:
the run must belong to the user, be active, sit at the step the button was made for, and be a
checklist the role may see. Anything else is "expired" and changes nothing.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.ingest.model import Passage
from assistant.checklists.schema import (Checklist, LoadedChecklist, Step, compute_band, load_checklist,
                                                 resolve_next, steps_left)
from assistant.checklists.money import format_money, parse_money
from assistant.library.references import ClauseIndex
from assistant.storage.db import Database, StorageError
from assistant.yamlfile import YamlProblem

log = logging.getLogger(__name__)
NOT_SAVED = ("I couldn't save your decision record, so this checklist isn't finished yet. Nothing is lost: "
             "your answers so far are kept and you are still at this step. Please try again in a moment.")


class Expired(Exception):
    """A stale, forged or foreign button or answer: refused, nothing changed."""


@dataclass(frozen=True)
class Run:
    run_id: int
    user_id: int
    checklist_id: str
    version: str
    step_id: str
    answers: dict[str, str]
    history: list[dict]
    status: str
    started: float


@dataclass(frozen=True)
class StepView:
    run: Run
    checklist: Checklist
    step: Step
    number: int
    total: int = 0          # questions on the way through, asked and to come
    approx: bool = False    # branches still ahead change the total: "about"
    earlier: str = ""       # the answer given before at this step (after Back)

    @property
    def can_go_back(self) -> bool:
        return any(not h.get("computed") for h in self.run.history)

    @property
    def progress(self) -> str:
        """"Step 3 of 9", or "Step 3 of about 9" while branches ahead change the count."""
        return f"Step {self.number} of {'about ' if self.approx else ''}{self.total}" if self.total else f"Step {self.number}"


def make_view(run: Run, checklist: Checklist, step: Step, *, earlier: str = "") -> StepView:
    asked = sum(not h.get("computed") for h in run.history)
    lo, hi = steps_left(checklist, step.id)
    return StepView(run, checklist, step, asked + 1, asked + hi, lo != hi, earlier)


@dataclass(frozen=True)
class Confirm:
    """A typed answer that looks like a button press ("3" where a name was asked): asked back first."""
    view: StepView
    value: str


@dataclass(frozen=True)
class Finished:
    run: Run
    checklist: Checklist
    step: Step
    record_md: str
    record_pdf: Path | None
    record_md_path: Path | None
    relied_on: list[Passage] = field(default_factory=list)


@dataclass(frozen=True)
class Paused:
    """A "let me ask something" button: the run stays at this step, nothing is recorded."""
    view: StepView


@dataclass(frozen=True)
class InvalidInput:
    view: StepView
    message: str


@dataclass(frozen=True)
class RecordNotSaved(InvalidInput):
    """The last answer could not be saved with its decision record (full disk, storage fault):
    the run stays at `view`'s step, unchanged, and the user is asked to try again."""


def _run(r) -> Run:
    return Run(r["run_id"], r["user_id"], r["checklist_id"], r["checklist_version"], r["step_id"],
               json.loads(r["answers"]), json.loads(r["history"]), r["status"], r["started"])


def load_all(folder: Path) -> tuple[dict[str, LoadedChecklist], list[YamlProblem]]:
    """Every checklist in `folder`; a broken one is a problem naming its file and line, and is skipped,
    so one bad file never stops the others (or the bot) from loading."""
    loaded: dict[str, LoadedChecklist] = {}
    problems: list[YamlProblem] = []
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        try:
            lc = load_checklist(path)
        except YamlProblem as p:
            problems.append(p)
            continue
        except Exception as exc:  # a shape the schema did not foresee: still this file's problem only
            problems.append(YamlProblem(path, 1, f"could not read the checklist: {exc.__class__.__name__}: {exc}"))
            continue
        if lc.checklist.id in loaded:
            problems.append(YamlProblem(path, 1, f"checklist id {lc.checklist.id!r} is also used by {loaded[lc.checklist.id].path.name}"))
            continue
        loaded[lc.checklist.id] = lc
    return loaded, problems


class ChecklistService:
    def __init__(self, checklists: dict[str, LoadedChecklist], db: Database, clauses: ClauseIndex,
                 roles: dict[str, list[str]], records_dir: Path):
        self.checklists = checklists
        self.db = db
        self.clauses = clauses
        self.roles = roles
        self.records_dir = records_dir
        # passage ids -> "updated on" dates for clauses changed recently (core/live.py); none by default
        self.updated_on: Callable[[list[str]], dict[str, str]] = lambda ids: {}
        self.pdf_renderer = None  # None: in process; the Telegram bot uses a worker (checklists/pdf_worker.py)

    # -- reading ---------------------------------------------------------------------------------
    def visible(self, role: str) -> list[Checklist]:
        allowed = set(self.roles.get(role, []))
        return [lc.checklist for lc in self.checklists.values() if lc.checklist.audience in allowed]

    def get(self, checklist_id: str, role: str) -> Checklist:
        lc = self.checklists.get(checklist_id)
        if lc is None or lc.checklist.audience not in set(self.roles.get(role, [])):
            raise Expired(f"no checklist {checklist_id!r} for role {role}")
        return lc.checklist

    def active_run(self, user_id: int) -> Run | None:
        r = self.db.conn().execute(
            "select * from checklist_runs where user_id=? and status='active' order by run_id desc limit 1", (user_id,)).fetchone()
        return _run(r) if r else None

    def why(self, checklist: Checklist, step: Step, role: str) -> list[Passage]:
        allowed = set(self.roles.get(role, []))
        out: list[Passage] = []
        for ref in step.why:
            out.extend(p for p in self.clauses.resolve(ref) if p.audience in allowed)
        return out

    def view(self, run: Run, role: str) -> StepView:
        checklist = self.get(run.checklist_id, role)
        try:
            step = checklist.step(run.step_id)
        except KeyError:
            raise Expired("the checklist changed since this run started") from None
        return make_view(run, checklist, step)

    def resume(self, user_id: int, role: str) -> StepView | None:
        """The step to carry on with, or None when there is no run this role may see here (a run
        that no longer fits its checklist is closed by `close_unusable`, not here: an officer's
        internal run is not lost because they typed /resume in a group)."""
        run = self.active_run(user_id)
        if run is None:
            return None
        try:
            return self.view(run, role)
        except Expired:
            return None

    def usable(self, run: Run, role: str) -> bool:
        """Can this run still be continued and finished by this role? The checklist must still be
        loaded and visible to the role, and its current step and every step answered must exist."""
        try:
            checklist = self.get(run.checklist_id, role)
            checklist.step(run.step_id)
            for h in run.history:
                checklist.step(h["step"])
        except (Expired, KeyError, TypeError):
            return False
        return True

    def close_unusable(self, user_id: int, role: str) -> str | None:
        """Cancel the user's active run if it can no longer be continued (its checklist was
        removed or changed, or the user lost the role it needs), and return its title so the
        user can be told once; None when there was nothing to close. Without this a stale run
        turns every later message into "that button has expired"."""
        run = self.active_run(user_id)
        if run is None or self.usable(run, role):
            return None
        with self.db.tx() as c:
            cur = c.execute("update checklist_runs set status='cancelled', updated=? where run_id=? and status='active'",
                            (time.time(), run.run_id))
            if cur.rowcount != 1:
                return None
        lc = self.checklists.get(run.checklist_id)
        return lc.checklist.title if lc is not None else run.checklist_id

    # -- writing (one transaction each) ------------------------------------------------------------
    def start(self, user_id: int, role: str, checklist_id: str) -> StepView:
        checklist = self.get(checklist_id, role)
        now = time.time()
        with self.db.tx() as c:
            c.execute("update checklist_runs set status='cancelled', updated=? where user_id=? and status='active'", (now, user_id))
            cur = c.execute("""insert into checklist_runs(user_id, checklist_id, checklist_version, step_id, started, updated)
                               values (?,?,?,?,?,?)""", (user_id, checklist.id, checklist.version, checklist.first, now, now))
            run_id = cur.lastrowid
        return self.view(self._load(run_id), role)

    def _load(self, run_id: int) -> Run:
        r = self.db.conn().execute("select * from checklist_runs where run_id=?", (run_id,)).fetchone()
        if not r:
            raise Expired("no such run")
        return _run(r)

    def _check(self, user_id: int, role: str, run_id: int, step_id: str) -> StepView:
        run = self._load(run_id)
        if run.user_id != user_id or run.status != "active" or run.step_id != step_id:
            raise Expired("stale or foreign run")
        return self.view(run, role)

    def choose(self, user_id: int, role: str, run_id: int, step_id: str, value: str, *,
               who: str = "") -> StepView | Finished | Paused:
        view = self._check(user_id, role, run_id, step_id)
        step = view.step
        if step.kind != "choice":
            raise Expired("not a choice step")
        option = next((o for o in step.options if o.value == value), None)
        if option is None:
            raise Expired("no such option")
        if option.pause:
            return Paused(view)
        return self._advance(view, option.value, option.label, option, who=who or f"user {user_id} ({role})")

    def submit_text(self, user_id: int, role: str, text: str, *, who: str = "",
                    confirmed: bool = False) -> StepView | Finished | InvalidInput | Confirm | None:
        """Free text answers the current input step, if the user's active run is at one.

        "#7" is a button number, never an answer; a bare number where words are asked ("Which
        service?") is asked back before it is saved, unless `confirmed`."""
        run = self.active_run(user_id)
        if run is None:
            return None
        try:
            view = self.view(run, role)
        except Expired:  # a run this role cannot see here (an officer's, typed to in a group): a question
            return None
        if view.step.kind != "input":
            return None
        value = " ".join(text.split())[:500]
        if re.fullmatch(r"#\s*\d{1,6}", value):
            return InvalidInput(view, f"There is no button {value.replace(' ', '')} — use the buttons under this "
                                      "step, or type your answer.")
        if view.step.input == "text" and re.fullmatch(r"\d{1,3}", value) and not confirmed:
            return Confirm(view, value)
        problem = _validate_input(view.step.input, value)
        if problem:
            return InvalidInput(view, problem)
        label = value
        if view.step.input == "money":  # stored as a plain number, so a compute step reads it back
            amount = parse_money(value)
            value, label = f"{amount:.2f}".removesuffix(".00"), format_money(amount)
        return self._advance(view, value, label, None, who=who or f"user {user_id} ({role})")

    def confirm_text(self, user_id: int, role: str, run_id: int, step_id: str, value: str, *,
                     who: str = "") -> StepView | Finished | InvalidInput | Confirm | None:
        """The person said yes to saving a typed answer that looked like a button number."""
        self._check(user_id, role, run_id, step_id)
        return self.submit_text(user_id, role, value, who=who, confirmed=True)

    def back(self, user_id: int, role: str, run_id: int, step_id: str) -> StepView:
        view = self._check(user_id, role, run_id, step_id)
        history = list(view.run.history)
        if not history:
            raise Expired("nothing to go back to")
        answers = dict(view.run.answers)
        last = history.pop()
        answers.pop(last["key"], None)
        while last.get("computed") and history:  # a worked-out step is not a place to go back to
            last = history.pop()
            answers.pop(last["key"], None)
        with self.db.tx() as c:
            cur = c.execute("""update checklist_runs set step_id=?, answers=?, history=?, updated=?
                               where run_id=? and status='active' and step_id=?""",
                            (last["step"], json.dumps(answers), json.dumps(history), time.time(), run_id, step_id))
            if cur.rowcount != 1:
                raise Expired("changed meanwhile")
        back = self.view(self._load(run_id), role)
        return replace(back, earlier=last.get("label", "")) if back.step.kind == "input" else back

    def cancel(self, user_id: int, run_id: int | None = None) -> bool:
        with self.db.tx() as c:
            if run_id is None:
                cur = c.execute("update checklist_runs set status='cancelled', updated=? where user_id=? and status='active'",
                                (time.time(), user_id))
            else:
                cur = c.execute("update checklist_runs set status='cancelled', updated=? where run_id=? and user_id=? and status='active'",
                                (time.time(), run_id, user_id))
            return cur.rowcount > 0

    def _advance(self, view: StepView, value: str, label: str, option, *, who: str) -> StepView | Finished | RecordNotSaved:
        run, step = view.run, view.step
        answers = {**run.answers, step.key: value}
        history = [*run.history, {"step": step.id, "key": step.key, "value": value, "label": label, "prompt": step.prompt}]
        target = view.checklist.step(resolve_next(step, answers, option))
        while target.kind == "compute":  # worked out from earlier answers, recorded like an answer
            band = compute_band(target, answers)
            answers[target.key] = band.value
            history.append({"step": target.id, "key": target.key, "value": band.value, "label": band.label,
                            "prompt": target.prompt, "computed": True})
            target = view.checklist.step(band.next)
        nxt = target.id
        if target.kind == "end":
            return self._finish(view, replace(run, step_id=nxt, answers=answers, history=history, status="done"),
                                target, who)
        with self.db.tx() as c:
            cur = c.execute("""update checklist_runs set step_id=?, answers=?, history=?, updated=?
                               where run_id=? and status='active' and step_id=?""",
                            (nxt, json.dumps(answers), json.dumps(history), time.time(), run.run_id, step.id))
            if cur.rowcount != 1:
                raise Expired("changed meanwhile")
        return make_view(self._load(run.run_id), view.checklist, target)

    def _updated(self, passage_ids: list[str]) -> dict[str, str]:
        """Recently changed clauses to mark in the record; a change log that cannot be read marks none."""
        try:
            return self.updated_on(passage_ids)
        except Exception as exc:
            log.error("change log unreadable, record written without 'updated on' marks: %s", exc)
            return {}

    def _finish(self, view: StepView, done: Run, end: Step, who: str) -> Finished | RecordNotSaved:
        """The last answer. The record is written first, under temporary names and with no lock held;
        then one transaction claims the run (still active at this step), renames the record into
        place and stores it. A second press on the same last step (updates are handled concurrently)
        waits for that transaction, finds the run done and is refused before it can overwrite the
        record of the decision acknowledged. If anything fails the run stays where it was, so the
        answer can be given again, and nothing acknowledged is lost."""
        from assistant.checklists.records import remove_record, stage_record

        checklist = view.checklist
        visited = [checklist.step(h["step"]) for h in done.history] + [end]
        relied: list[Passage] = []
        for s in visited:
            for p in self.why(checklist, s, "officer" if checklist.audience != "public" else "provider"):
                if p not in relied:
                    relied.append(p)
        try:
            staged = stage_record(self.records_dir, run=done, checklist=checklist, end=end, relied_on=relied, who=who,
                                  updated=self._updated([p.id for p in relied]), pdf_renderer=self.pdf_renderer)
        except Exception as exc:  # full disk, read-only folder, a renderer that chokes: the run stays put
            log.error("decision record for run %s not written: %s: %s", done.run_id, exc.__class__.__name__, exc)
            return RecordNotSaved(view, NOT_SAVED)
        md, md_path, pdf_path = staged.markdown, staged.md_path, staged.pdf_path
        now = time.time()
        claimed = False
        try:
            with self.db.tx() as c:
                cur = c.execute("""update checklist_runs set step_id=?, answers=?, history=?, status='done', updated=?,
                                   finished=? where run_id=? and status='active' and step_id=?""",
                                (done.step_id, json.dumps(done.answers), json.dumps(done.history), now, now,
                                 done.run_id, view.step.id))
                if cur.rowcount != 1:
                    raise Expired("changed meanwhile")
                claimed = True
                staged.publish()
                c.execute("""insert or replace into decision_records(run_id, user_id, checklist_id, created, markdown, pdf_path)
                             values (?,?,?,?,?,?)""", (done.run_id, done.user_id, checklist.id, now, md, str(pdf_path or "")))
        except (StorageError, OSError) as exc:
            log.error("run %s not marked done: %s", done.run_id, exc)
            if claimed:  # ours to take back: not acknowledged, so no record of a decision that was not saved
                remove_record(md_path, pdf_path)
            return RecordNotSaved(view, NOT_SAVED)
        finally:
            staged.discard()
        return Finished(self._load(done.run_id), checklist, end, md, pdf_path, md_path, relied)


def _validate_input(kind: str, value: str) -> str:
    import re

    value = value.strip()
    if not value:
        return "Please type an answer (or press Back or Cancel)."
    if kind == "money" and parse_money(value) is None:
        return "Please type one amount in pounds, e.g. 45000, £45,000, 45k or 1.2m."
    if kind == "number":
        if not re.fullmatch(r"\d[\d,]*(\.\d+)?", value):
            return "Please type a number, e.g. 12."
    if kind == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", value):
        return "Please type a date, e.g. 2027-03-31 or 31/03/2027."
    return ""
