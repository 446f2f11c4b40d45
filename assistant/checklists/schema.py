"""Checklists as data: the YAML schema, and the whole-graph checks run at load and by `bot.py check`.

A checklist is a small state machine: `choice` steps (buttons), `input` steps (free text stored in
a field), `compute` steps (a value band worked out from an earlier typed amount, with the
thresholds as data) and `end` steps (an outcome). `next` is a step id or a list of `{if: {field: value},
then: step}` with a final `{else: step}`; conditions are plain equality, so they can be checked
statically and can never run anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.library.references import ClauseIndex, ClauseRef
from assistant.yamlfile import YamlProblem, line_of, load_yaml, strip_lines

END = "END"


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    when: dict[str, str] = Field(alias="if")
    then: str

    @field_validator("when", mode="before")
    @classmethod
    def _strings(cls, v):
        if not isinstance(v, dict) or not v:
            raise ValueError("`if` must be a non-empty mapping of field: value")
        return {str(k): _yaml_str(val) for k, val in v.items()}


class Otherwise(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    otherwise: str = Field(alias="else")


Next = Union[str, list[Union[Condition, Otherwise]]]


def _yaml_str(v) -> str:
    """YAML reads yes/no as booleans; a checklist author means the words."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "option"


class _Labelled(BaseModel):
    """A choice shown by its label; its stored value defaults to the label's slug."""

    model_config = ConfigDict(extra="forbid")
    label: str
    value: str = ""

    @field_validator("value", "label", mode="before")
    @classmethod
    def _s(cls, v):
        return _yaml_str(v)

    @model_validator(mode="after")
    def _default_value(self):
        if not self.value:
            self.value = slug(self.label)
        return self


class Option(_Labelled):
    """A button. `pause: true` makes it a "let me ask something" button: the run waits at this
    step while the person asks questions, and carries on from here (Continue or /resume)."""

    next: str | None = None
    pause: bool = False

    @model_validator(mode="after")
    def _pause_has_no_next(self):
        if self.pause and self.next:
            raise ValueError("a `pause` option stays at its step, so it has no `next`")
        return self


class Band(_Labelled):
    """One value band of a compute step: amounts below `below` (the last band has no bound)."""

    below: float | None = None
    next: str


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    id: str
    kind: Literal["choice", "input", "compute", "end"] | None = None
    prompt: str
    why: list[ClauseRef] = Field(default_factory=list)
    options: list[Option] = Field(default_factory=list)
    field: str | None = None
    input: Literal["text", "number", "money", "date"] = "text"
    next: Next | None = None
    outcome: str | None = None
    help: str | None = None
    source: str | None = Field(default=None, alias="from")
    bands: list[Band] = Field(default_factory=list)

    @model_validator(mode="after")
    def _infer_kind(self):
        if self.kind is None:
            self.kind = ("end" if self.outcome is not None else "choice" if self.options
                         else "compute" if self.bands else "input")
        if self.kind == "compute":
            _check_compute(self)
        if self.kind == "choice" and len(self.options) < 2:
            raise ValueError(f"step {self.id}: a choice step needs at least two options")
        if self.kind == "input" and not self.field:
            raise ValueError(f"step {self.id}: an input step needs a `field` to store the answer in")
        if self.kind == "end":
            if not self.outcome:
                raise ValueError(f"step {self.id}: an end step needs an `outcome`")
            if self.options or self.next:
                raise ValueError(f"step {self.id}: an end step has no options or next")
        return self

    @property
    def key(self) -> str:
        """The answers field this step writes."""
        return self.field or self.id


class Checklist(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    version: str
    audience: str = "public"
    summary: str = ""
    start: str | None = None
    subject: str | None = None  # the answer field that names what a record is about (e.g. the service)
    steps: list[Step]

    @field_validator("version", mode="before")
    @classmethod
    def _v(cls, v):
        return str(v)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,40}", v):
            raise ValueError(f"id must be lower-case letters, digits and dashes (at most 41), got {v!r}")
        return v

    @property
    def first(self) -> str:
        return self.start or self.steps[0].id

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)


def _check_compute(step: Step) -> None:
    """A compute step reads one earlier amount and sorts it into bands in ascending order; the
    last band has no upper bound, so every amount lands in exactly one; and it cites its clause."""
    if not step.source:
        raise ValueError(f"step {step.id}: a compute step needs `from`: the field of the earlier amount")
    if len(step.bands) < 2:
        raise ValueError(f"step {step.id}: a compute step needs at least two `bands`")
    if step.options or step.outcome:
        raise ValueError(f"step {step.id}: a compute step has `bands`, not options or an outcome")
    bounds = [b.below for b in step.bands]
    if bounds[-1] is not None:
        raise ValueError(f"step {step.id}: the last band must have no `below`, so every amount has a band")
    if any(b is None for b in bounds[:-1]):
        raise ValueError(f"step {step.id}: every band but the last needs `below`")
    if any(a >= b for a, b in zip(bounds[:-2], bounds[1:-1])):
        raise ValueError(f"step {step.id}: band bounds must rise: {', '.join(f'{b:g}' for b in bounds[:-1])}")
    if len({b.value for b in step.bands}) != len(step.bands):
        raise ValueError(f"step {step.id}: two bands share a value")
    if not step.why:
        raise ValueError(f"step {step.id}: a compute step must cite (`why`) the clause its thresholds come from")


def compute_band(step: Step, answers: dict[str, str]) -> Band:
    """The band the amount stored in `step.source` falls in (pure; validated at load)."""
    from assistant.checklists.money import parse_money

    amount = parse_money(answers.get(step.source or "", ""))
    if amount is None:
        raise ValueError(f"step {step.id}: no amount in field {step.source!r}")
    return next(b for b in step.bands if b.below is None or amount < b.below)


@dataclass(frozen=True)
class LoadedChecklist:
    checklist: Checklist
    path: Path
    step_lines: dict[str, int]


def targets(step: Step) -> list[str]:
    out = [o.next for o in step.options if o.next] + [b.next for b in step.bands]
    if isinstance(step.next, str):
        out.append(step.next)
    elif isinstance(step.next, list):
        for c in step.next:
            out.append(c.then if isinstance(c, Condition) else c.otherwise)
    return out


def resolve_next(step: Step, answers: dict[str, str], chosen: Option | None = None) -> str:
    """The step after `step`, given the answers so far (pure; the graph was validated at load)."""
    if chosen is not None and chosen.next:
        return chosen.next
    if isinstance(step.next, str):
        return step.next
    for c in step.next or []:
        if isinstance(c, Condition):
            if all(answers.get(k) == v for k, v in c.when.items()):
                return c.then
        else:
            return c.otherwise
    raise ValueError(f"step {step.id} has nowhere to go")


def steps_left(checklist: Checklist, step_id: str) -> tuple[int, int]:
    """(fewest, most) questions still to be asked from `step_id` (itself included) to an end, over
    every path: "Step 3 of 9" when they agree, "of about 9" when branches change it. Computed
    and end steps are not questions. A loop (which must have an exit) is walked once."""
    memo: dict[str, tuple[int, int]] = {}

    def walk(sid: str, stack: frozenset) -> tuple[int, int]:
        if sid in memo:
            return memo[sid]
        step = checklist.step(sid)
        if step.kind == "end":
            return (0, 0)
        here = 0 if step.kind == "compute" else 1
        nexts = [t for t in targets(step) if t not in stack]
        if not nexts:
            return (here, here)
        spans = [walk(t, stack | {sid}) for t in nexts]
        out = (here + min(lo for lo, _ in spans), here + max(hi for _, hi in spans))
        memo[sid] = out
        return out

    return walk(step_id, frozenset())


def load_checklist(path: Path) -> LoadedChecklist:
    """Parse and validate one checklist file; raises YamlProblem with the line of the first problem."""
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise YamlProblem(path, 1, "a checklist file must be a mapping with id, title, version, steps")
    steps_raw = raw.get("steps") if isinstance(raw.get("steps"), list) else []
    step_lines = {s.get("id"): line_of(s) for s in steps_raw if isinstance(s, dict)}
    for s in steps_raw:
        if isinstance(s, dict):
            try:
                Step.model_validate(strip_lines(s))
            except ValidationError as exc:
                raise YamlProblem(path, line_of(s), _msg(exc, s)) from None
    try:
        checklist = Checklist.model_validate(strip_lines(raw))
    except ValidationError as exc:
        raise YamlProblem(path, line_of(raw, str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else None),
                          _msg(exc, raw)) from None
    problems = graph_problems(checklist, path, step_lines, raw)
    if problems:
        raise problems[0]
    return LoadedChecklist(checklist, path, step_lines)


def _msg(exc: ValidationError, raw: dict) -> str:
    e = exc.errors()[0]
    where = ".".join(str(x) for x in e["loc"])
    sid = raw.get("id", "?") if isinstance(raw, dict) else "?"
    msg = e["msg"].removeprefix("Value error, ")
    return f"step {sid}: {where}: {msg}" if where else msg


def graph_problems(c: Checklist, path: Path, lines: dict[str, int], raw: dict) -> list[YamlProblem]:
    """Ids unique, targets exist, conditions well-formed, every step reachable and able to end."""
    out: list[YamlProblem] = []
    ids = [s.id for s in c.steps]
    seen: set[str] = set()
    for s in c.steps:
        if s.id in seen:
            out.append(YamlProblem(path, lines.get(s.id, 1), f"checklist {c.id}: duplicate step id {s.id!r}"))
        seen.add(s.id)
    if c.start and c.start not in seen:
        out.append(YamlProblem(path, line_of(raw, "start"), f"checklist {c.id}: start step {c.start!r} does not exist"))
    fields: dict[str, set[str] | None] = {}
    for s in c.steps:
        fields[s.key] = ({o.value for o in s.options if not o.pause} if s.kind == "choice" else
                         {b.value for b in s.bands} if s.kind == "compute" else None)
    amounts = {s.key for s in c.steps if s.kind == "input" and s.input in ("money", "number")}
    for s in c.steps:
        line = lines.get(s.id, 1)
        if s.kind == "compute" and s.source not in amounts:
            out.append(YamlProblem(path, line, f"step {s.id}: `from: {s.source}` must name the field of an input "
                                               f"step with `input: money` or `number`"))
        if s.kind == "compute" and s.next:
            out.append(YamlProblem(path, line, f"step {s.id}: a compute step goes on by its bands' `next`, not `next`"))
        if s.kind == "choice" and all(o.pause for o in s.options):
            out.append(YamlProblem(path, line, f"step {s.id}: every option pauses, so the step can never go on"))
        if s.kind == "choice" and any(not o.next and not o.pause for o in s.options) and not s.next:
            out.append(YamlProblem(path, line, f"step {s.id}: an option has no `next` and the step has none"))
        if s.kind == "input" and not s.next:
            out.append(YamlProblem(path, line, f"step {s.id}: an input step needs `next`"))
        for t in targets(s):
            if t not in seen:
                out.append(YamlProblem(path, line, f"step {s.id}: unknown step target {t!r}"))
        if isinstance(s.next, list):
            if not s.next or not isinstance(s.next[-1], Otherwise):
                out.append(YamlProblem(path, line, f"step {s.id}: conditional `next` must end with an `else`"))
            for cond in s.next:
                if isinstance(cond, Condition):
                    for f, v in cond.when.items():
                        if f not in fields:
                            out.append(YamlProblem(path, line, f"step {s.id}: condition on unknown field {f!r}"))
                        elif fields[f] is not None and v not in fields[f]:
                            out.append(YamlProblem(path, line, f"step {s.id}: {f!r} can never be {v!r} "
                                                               f"(options: {', '.join(sorted(fields[f]))})"))
    if c.subject and c.subject not in {s.key for s in c.steps if s.kind == "input"}:
        out.append(YamlProblem(path, line_of(raw, "subject"), f"checklist {c.id}: `subject: {c.subject}` must name "
                                                               f"the field of an input step"))
    if out:
        return out
    by_id = {s.id: s for s in c.steps}
    reach = {c.first}
    todo = [c.first]
    while todo:
        for t in targets(by_id[todo.pop()]):
            if t not in reach:
                reach.add(t)
                todo.append(t)
    for s in c.steps:
        if s.id not in reach:
            out.append(YamlProblem(path, lines.get(s.id, 1), f"step {s.id}: unreachable from the start step {c.first!r}"))
    can_end = {s.id for s in c.steps if s.kind == "end"}
    changed = True
    while changed:
        changed = False
        for s in c.steps:
            if s.id not in can_end and any(t in can_end for t in targets(s)):
                can_end.add(s.id)
                changed = True
    for s in c.steps:
        if s.id in reach and s.id not in can_end:
            out.append(YamlProblem(path, lines.get(s.id, 1), f"step {s.id}: a loop with no exit (no end step can be reached)"))
    if not any(s.kind == "end" for s in c.steps):
        out.append(YamlProblem(path, 1, f"checklist {c.id}: has no end step"))
    return out


def reference_problems(loaded: LoadedChecklist, clauses: ClauseIndex) -> list[YamlProblem]:
    """Every `why` reference resolves, and a public checklist never leans on internal text."""
    out = []
    c = loaded.checklist
    for s in c.steps:
        for ref in s.why:
            found = clauses.resolve(ref)
            line = loaded.step_lines.get(s.id, 1)
            if not found:
                out.append(YamlProblem(loaded.path, line, f"step {s.id}: dangling clause reference {ref}"))
            elif c.audience == "public" and any(p.audience != "public" for p in found):
                out.append(YamlProblem(loaded.path, line, f"step {s.id}: a public checklist cites an internal clause ({ref})"))
    return out
