"""Leak sweep: a provider asks for every clause of every internal document through every path, and
sees none of it.

Paths: `bot.py ask` (the answer service for volume, plus a real subprocess), chat text and /ask
through the real core, every button of every reply (two levels down), /rules for every sector and
topic, every checklist a provider can open with every branch, Back and "Why?", deep links to the
internal ones, refusals and their nearest topics, and group chats. Questions are each clause's own
words and mechanical paraphrases of them (tests/leakcheck.py), never hand-written per clause.
What counts as a leak is defined once, in tests/leakcheck.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pytest

from assistant.core.events import Event, Reply
from conftest import run_bot
from leakcheck import LeakDetector, Said, clause_probes, reply_texts

PROVIDER = 5001
SAMPLE_INPUT = {"text": "Carers' breaks", "number": "45000", "money": "£45,000", "date": "2027-03-31"}
TOTAL: dict[str, int] = {}


# -- fixtures --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def app(tmp_path_factory, shipped_app, settings):
    """The real core on the shipped index, with its own SQLite state (no throttle: one user sends hundreds)."""
    from assistant.app import App, wire_conversation

    s = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("leak-sweep") / "var"})
    a = App(settings=s, embedder=shipped_app.embedder, retriever=shipped_app.retriever, answers=shipped_app.answers)
    wire_conversation(a, throttle=False)
    return a


@pytest.fixture(scope="module")
def detector(app) -> LeakDetector:
    return LeakDetector.for_app(app)


@pytest.fixture(scope="module")
def internal(app):
    passages = [p for p in app.retriever.passages if p.audience != "public"]
    assert len(passages) >= 20, "the shipped library should hold an internal document"
    return passages


@pytest.fixture(scope="module")
def probes(internal) -> list[tuple[str, str]]:
    """(clause id, question): each internal clause's own words and two paraphrases; each section title."""
    out = []
    for i, p in enumerate(internal):
        own, para = clause_probes(p, i)
        out += [(p.id, q) for q in own + para]
    for section in dict.fromkeys(p.section for p in internal):
        out.append((section, f"What does the guidance say about {section.split(' ', 1)[-1].lower()}?"))
    return out


@pytest.fixture(scope="module", autouse=True)
def _report_total():
    yield
    print(f"\nleak sweep: {sum(TOTAL.values())} provider probes in all ({', '.join(f'{k} {v}' for k, v in TOTAL.items())})")


# -- helpers ----------------------------------------------------------------------------------------------
class Sweep:
    """Sends events as one user, checks every reply, presses buttons, counts probes."""

    def __init__(self, app, detector: LeakDetector, user: int, name: str, *, chat: dict | None = None):
        self.app, self.detector, self.user, self.name = app, detector, user, name
        self.chat = chat or {}
        self.probes = 0
        self.leaks: list[str] = []
        self.seen: set = set()
        self.said = Said()

    def event(self, kind: str, **kw) -> Event:
        return Event(self.user, kind, name=self.name, **kw, **self.chat)

    def send(self, event: Event, where: str, *, remember: bool = False) -> list[Reply]:
        """Send one event and check its replies. What the user sent counts as theirs (not a leak)
        in the replies to this event only; a typed checklist answer (`remember`), which the
        decision record repeats later, and the display name count for the rest of the session."""
        self.probes += 1
        self.said.add(event.name)
        if remember:
            self.said.add(event.text)
        replies = self.app.core.handle(event)
        assert replies, f"no reply to {where}"
        for r in replies:
            self.check(reply_texts(r), where, said=[event.text, event.args])
        return replies

    def check(self, texts: Iterable[str], where: str, *, said: Iterable[str] = ()) -> None:
        said = [t for t in said if t]
        for leak in self.detector.leaks(texts, said=self.said.plus(said) if said else self.said):
            self.leaks.append(f"{where}: {leak}")

    def ask(self, text: str, *, command: bool, where: str) -> list[Reply]:
        e = self.event("command", command="ask", args=text) if command else self.event("text", text=text)
        return self.send(e, f"{where} ({'/ask' if command else 'text'})")

    def command(self, command: str, args: str = "") -> list[Reply]:
        return self.send(self.event("command", command=command, args=args), f"/{command} {args}".strip())

    def press(self, token: str, where: str) -> list[Reply]:
        return self.send(self.event("button", token=token), where)

    def press_all(self, replies: list[Reply], where: str, depth: int = 2) -> None:
        """Press every button of every reply; go `depth` levels down, once per distinct reply."""
        for r in replies:
            for row in r.buttons:
                for b in row:
                    if not b.token:
                        continue
                    got = self.press(b.token, f"{where} › [{b.label}]")
                    for g in got:
                        key = (g.plain, tuple(x.label for row_ in g.buttons for x in row_))
                        if depth > 1 and g.buttons and key not in self.seen:
                            self.seen.add(key)
                            self.press_all([g], f"{where} › [{b.label}]", depth - 1)

    def verdict(self, what: str) -> None:
        TOTAL[what] = TOTAL.get(what, 0) + self.probes
        print(f"\n{what}: {self.probes} probes, {len(self.leaks)} leaks")
        assert not self.leaks, f"{len(self.leaks)} leaks in {self.probes} probes ({what}):\n" + "\n".join(self.leaks[:30])


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return []


def buttons(reply: Reply) -> dict[str, str]:
    return {b.label: b.token for row in reply.buttons for b in row if b.token}


def step_reply(replies: list[Reply]) -> Reply:
    return replies[-1]  # an invalid typed answer comes first as its own message


# -- the detector can fire -------------------------------------------------------------------------------
def test_the_detector_flags_internal_text_and_nothing_public(app, detector, internal):
    """A sweep that cannot find a leak proves nothing: the same questions from an officer surface
    internal text for nearly every clause, and no public passage counts as a leak."""
    public = [p for p in app.retriever.passages if p.audience == "public"]
    assert detector.leaks([p.text for p in public] + [p.citation() for p in public]) == []
    assert detector.leaks([internal[0].title]) and detector.leaks([internal[-1].text])
    figures = [f for p in internal for f in detector.leaks([p.text]) if f.kind == "figure"]
    assert figures, "the internal document states figures no public document does"
    flagged = 0
    for p in internal:
        a = app.answers.answer(p.text, role="officer")
        flagged += bool(detector.leaks([a.text] + [h.passage.text for h in a.sources]))
    assert flagged >= 0.9 * len(internal), f"officer answers flagged for only {flagged} of {len(internal)} clauses"
    # …and the sweep's own plumbing (core, buttons, records) sees them when an officer asks.
    officer = Sweep(app, detector, PROVIDER - 1, "")
    app.roles.users.set_role(officer.user, "officer", granted_by="leak sweep control")
    for p in internal[:3]:
        officer.press_all(officer.ask(p.text, command=False, where=p.id), p.id, depth=1)
    assert len({leak.split(":")[0] for leak in officer.leaks}) >= 3, officer.leaks


# -- bot.py ask -------------------------------------------------------------------------------------------
def test_ask_answer_service_every_clause_and_paraphrase(app, detector, probes):
    """The `bot.py ask --json` output, built by the same function, for every probe."""
    from assistant.search.answers import answer_json

    sweep = Sweep(app, detector, PROVIDER, "")
    for cid, q in probes:
        sweep.probes += 1
        a = app.answers.answer(q, role="provider")
        out = answer_json(a)
        assert all(s["audience"] == "public" for s in out["sources"]), cid
        sweep.check(strings(out), f"ask {cid}: {q[:60]!r}", said=[q])
    sweep.verdict("bot.py ask (answer service)")


def test_ask_cli_subprocess(app, detector, probes, shipped_index, tmp_path):
    """A handful through the real `bot.py ask`: one question per internal section, JSON and plain."""
    by_section: dict[str, str] = {}
    passages = {p.id: p for p in app.retriever.passages}
    for cid, q in probes:
        if cid in passages:
            by_section.setdefault(passages[cid].section, q)
    questions = list(by_section.values())[:10]
    qfile = tmp_path / "questions.txt"
    qfile.write_text("\n".join(" ".join(q.split()) for q in questions) + "\n", encoding="utf-8")
    sweep = Sweep(app, detector, PROVIDER, "")
    r = run_bot("ask", "--index", str(shipped_index), "--role", "provider", "--json", "--questions", str(qfile))
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    assert len(lines) == len(questions)
    for row in lines:
        assert {"question", "answered", "answer", "sources"} <= set(row)
        sweep.probes += 1
        sweep.check(strings(row), f"bot.py ask --json {row['question'][:60]!r}", said=questions)
    r = run_bot("ask", "--index", str(shipped_index), questions[0])  # the default role is the least privilege
    assert r.returncode == 0, r.stderr
    sweep.probes += 1
    sweep.check([r.stdout], f"bot.py ask {questions[0][:60]!r}", said=questions[:1])
    sweep.verdict("bot.py ask (subprocess)")


# -- the chat core ----------------------------------------------------------------------------------------
def test_chat_text_and_ask_with_every_button(app, detector, probes):
    """Each probe goes through the core as chat text or /ask (alternating, so every clause takes both
    paths), then every button of the reply is pressed, two levels down (full clause, sections,
    sector rules and their topics, votes)."""
    sweep = Sweep(app, detector, PROVIDER + 1, "Pat")
    by_clause: dict[str, int] = {}
    for cid, q in probes:
        n = by_clause[cid] = by_clause.get(cid, -1) + 1
        replies = sweep.ask(q, command=n % 2 == 1, where=f"{cid}: {q[:60]!r}")
        sweep.press_all(replies, f"{cid}")
    sweep.verdict("core: chat text, /ask and buttons")


def test_rules_every_sector_and_topic(app, detector):
    sweep = Sweep(app, detector, PROVIDER + 2, "")
    listing = sweep.command("rules")
    sectors = buttons(listing[0])
    assert app.rules is not None and len(sectors) == len(app.rules.sectors)
    for label, token in sectors.items():
        topics = sweep.press(token, f"/rules › {label}")
        assert "All topics" in buttons(topics[0])
        for t_label, t_token in buttons(topics[0]).items():
            sweep.press(t_token, f"/rules › {label} › {t_label}")
    for sid in app.rules.sectors:  # the sector and topic as typed text never reach internal rules either
        sweep.ask(f"what rules apply to {app.rules.sectors[sid].name}?", command=False, where=f"rules {sid}")
    sweep.verdict("/rules")


def test_every_checklist_branch_with_why_and_back(app, detector):
    """Every checklist a provider can open, every branch to its end, with "Why?" and Back at every
    step and the decision record at the end; deep links to every checklist, internal ones included."""
    sweep = Sweep(app, detector, PROVIDER + 3, "Pat")
    svc = app.checklists
    listing = sweep.command("checklists")[0]
    visible = buttons(listing)
    assert visible and len(visible) == len(svc.visible("provider")) < len(svc.checklists)
    ends = 0

    def apply(reply: Reply, action: str, where: str) -> Reply:
        if reply.awaiting_text:
            return step_reply(sweep.send(sweep.event("text", text=action), f"{where} typed {action!r}", remember=True))
        return step_reply(sweep.press(buttons(reply)[action], f"{where} [{action}]"))

    def next_actions() -> list[str] | None:
        """What can be done at the step the run is at: None once it has ended (the service says,
        so that buttons other than a step's options never count as branches)."""
        run = svc.active_run(sweep.user)
        if run is None:
            return None
        step = svc.view(run, "provider").step
        if step.kind == "input":
            return [SAMPLE_INPUT[step.input]]
        return [o.label[:60] for o in step.options]

    for title, token in visible.items():
        stack: list[list[str]] = [[]]
        while stack:
            prefix = stack.pop()
            assert len(prefix) < 40, f"checklist {title!r}: a path of 40 steps"
            where = f"checklist {title!r}"
            reply = step_reply(sweep.press(token, where))
            for depth, action in enumerate(prefix):
                reply = apply(reply, action, where)
                if depth == len(prefix) - 1 and "⬅️ Back" in buttons(reply):
                    back = step_reply(sweep.press(buttons(reply)["⬅️ Back"], f"{where} [Back]"))
                    reply = apply(back, action, where)
            actions = next_actions()
            if actions is None:
                assert reply.files, f"{where}: the run ended without a decision record"
                ends += 1
                continue
            if "ℹ️ Why?" in buttons(reply):
                sweep.press(buttons(reply)["ℹ️ Why?"], f"{where} [Why?]")
            stack += [prefix + [a] for a in actions]
        first = step_reply(sweep.press(token, f"checklist {title!r}"))
        sweep.command("resume")
        sweep.press(buttons(first)["✖️ Cancel"], f"checklist {title!r} [Cancel]")
    assert ends >= 2 * len(visible)
    for cid in svc.checklists:
        sweep.command("start", f"checklist_{cid}")
    sweep.verdict("checklists")


def test_refusals_and_their_nearest_topics(app, detector, internal):
    """Questions the library refuses (out-of-scope topics, internal section titles) show nearest
    topics and buttons; none of them is internal. Other commands too."""
    import yaml

    sweep = Sweep(app, detector, PROVIDER + 4, "")
    topics = yaml.safe_load(app.settings.path(app.settings.out_of_scope).read_text(encoding="utf-8"))["topics"]
    for t in topics:
        for q in t["examples"][:2]:
            sweep.press_all(sweep.ask(q, command=False, where=f"out of scope {t['topic']}"), t["topic"], depth=1)
    for title in dict.fromkeys([internal[0].title, *(p.section for p in internal)]):
        replies = sweep.ask(title, command=False, where=f"title {title!r}")
        sweep.press_all(replies, title, depth=1)
    for cmd in ("start", "help", "whoami", "unanswered", "feedback", "resume", "cancel", "checklist", "nosuch"):
        sweep.command(cmd)
    sweep.verdict("refusals and commands")


# -- group chats --------------------------------------------------------------------------------------------
def test_group_chats_show_officers_nothing_internal(app, detector, internal):
    """In a group the audience is not known to be officers: an officer's question, /ask, /checklists,
    /rules and every button get the provider view. A provider in a group too."""
    officer = PROVIDER + 10
    app.roles.users.set_role(officer, "officer", granted_by="leak sweep")
    for who, chat in ((officer, "group"), (PROVIDER + 11, "supergroup")):
        sweep = Sweep(app, detector, who, "Sam", chat={"chat": chat})
        for i, p in enumerate(internal):
            own, para = clause_probes(p, i)
            replies = sweep.ask(own[0], command=i % 2 == 1, where=f"group {p.id}")
            if who == officer:  # (a provider's buttons are the same in a group as in private, swept above)
                sweep.press_all(replies, f"group {p.id}", depth=1)
                sweep.ask(para[-1], command=i % 2 == 0, where=f"group {p.id} paraphrase")
        for reply in sweep.command("checklists") + sweep.command("rules"):
            sweep.press_all([reply], "group", depth=2)
        sweep.verdict(f"{chat} chat ({'officer' if who == officer else 'provider'})")
