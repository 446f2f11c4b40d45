"""The conversation core: an event and the server-side role in, replies with buttons out.

It knows nothing of Telegram or terminals. Every button press arrives as an opaque token that is
looked up in storage for this user and re-checked against the current role and run state, so a
forged, stale or foreign payload gets "that button has expired" and changes nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace

from assistant.core.events import Button, Event, Part, Reply, ReplyBuilder, say
from assistant.core.people import ACTIONS as PEOPLE_ACTIONS
from assistant.core.people import PRIVACY_NOTICE, People
from assistant.core.throttle import Throttle
from assistant.search.answers import Answer, AnswerService
from assistant.core.display_mask import mask, shorten
from assistant.search.smalltalk import SmallTalk
from assistant.checklists.runs import ChecklistService, Confirm, Expired, Finished, InvalidInput, Paused, StepView
from assistant.library.roles import Roles
from assistant.library.rules import Catalogue
from assistant.core.ports import ButtonStore, QuestionLog
from assistant.errors import StorageError
from assistant.textnorm import clean

log = logging.getLogger(__name__)

MAX_QUESTION = 2000
EXPIRED = "Sorry, that button has expired. Send /checklists to start again or /resume to carry on."
STORAGE_DOWN = ("Sorry, I can't save anything right now, so I can't do that. Questions still get answers; "
                "please try the rest again later.")

# The command menu per role (channels show it; Telegram sets it with scopes). Officer-only
# commands are also refused by the core for anyone else, whatever the client shows or sends.
COMMANDS = {
    "provider": [("start", "what this assistant does"), ("help", "how to use it"), ("ask", "ask a policy question"),
                 ("rules", "rules that apply to your sector"), ("checklists", "guided checklists"),
                 ("resume", "carry on with your checklist"), ("cancel", "stop the current checklist"),
                 ("whoami", "your role"), ("changes", "what changed in the policy library recently"),
                 ("human", "ask a person in the commissioning team")],
}
OFFICER_ONLY = [("unanswered", "recent questions the library could not answer"),
                ("feedback", "how answers have been rated"),
                ("stats", "content-gap report: what was asked and not answered"),
                ("follow", "get a message when a document or sector changes"), ("unfollow", "stop following")]
COMMANDS["officer"] = COMMANDS["provider"] + OFFICER_ONLY


NOT_PRIVATE = ("Here I answer from public documents only: internal documents and checklists are shown "
               "only in a private chat with me.")


def _with_note(reply: Reply, note: str) -> Reply:
    return replace(reply, parts=(*reply.parts, Part("italic", "\n\n" + note)))


def _who(event: Event, role: str) -> str:
    """How a decision record names the person: their display name (if any), id and role."""
    name = " ".join(event.name.split())[:60]
    return f"{name} (user {event.user_id}, {role})" if name else f"user {event.user_id} ({role})"


def mask_quoted(reason: str, typed: str, masked: str) -> str:
    """`reason` with every word that masking took out of the question (`typed` → `masked`) put
    back as "[masked]": a reason quoting the question must not keep what its masked copy lost."""
    gone = {w.lower() for w in re.findall(r"\w+", typed)} - {w.lower() for w in re.findall(r"\w+", masked)}
    if not gone:
        return reason
    return re.sub(r"\w+", lambda m: "[masked]" if m.group().lower() in gone else m.group(), reason)


class Core:
    def __init__(self, *, answers: AnswerService, checklists: ChecklistService, rules: Catalogue | None, roles: Roles,
                 buttons: ButtonStore, log_store: QuestionLog, throttle: Throttle | None = None,
                 smalltalk: SmallTalk | None = None,
                 people: People, live=None):
        self.answers = answers
        self.smalltalk = smalltalk
        self.checklists = checklists
        self.rules = rules
        self.roles = roles
        self.buttons = buttons
        self.log = log_store
        self.throttle = throttle or Throttle()
        self.people = people  # masking, votes, handoffs, audit, /stats (assistant/core/people.py)
        self.commands: dict[str, Callable[[Event, str], list[Reply]]] = {
            "start": self.cmd_start, "help": self.cmd_help, "ask": self.cmd_ask, "checklists": self.cmd_checklists,
            "checklist": self.cmd_checklists, "resume": self.cmd_resume, "rules": self.cmd_rules,
            "whoami": self.cmd_whoami, "cancel": self.cmd_cancel, "human": self.people.cmd_human,
        }
        self.officer_commands: dict[str, Callable[[Event, str], list[Reply]]] = {
            "unanswered": self.cmd_unanswered, "feedback": self.cmd_feedback, "stats": self.people.cmd_stats,
        }
        self.live = live  # core/live.py: /changes, /follow, "updated on" (None: a library without a change log)
        if live is not None:
            self.commands.update(live.commands)
            self.officer_commands.update(live.officer_commands)

    # -- entry point ---------------------------------------------------------------------------------
    def shared(self, event: Event) -> bool:
        """The sender id speaks for many people (the channel says so, or the id is a listed one)."""
        return event.shared or self.roles.is_shared(event.user_id)

    def stored_role(self, event: Event) -> str:
        """The role granted to the sender; a shared sender never has more than the least one."""
        if self.shared(event):
            return self.roles.least
        try:
            return self.roles.role_of(event.user_id)
        except StorageError:
            return self.roles.least  # who this is cannot be read: the least privilege

    def effective_role(self, event: Event, stored: str | None = None) -> str:
        """What this event is served with. The stored role applies only in a private chat with a
        real person; a group, supergroup, channel or shared sender gets the least-privileged view,
        because everyone who can read the chat reads the reply. Every handler, button press and
        checklist step takes its role from here, so a button pressed in a group is re-checked
        against the group's view too. `stored`: the stored role when the caller has just read it."""
        if event.chat == "private" and not self.shared(event):
            return self.stored_role(event) if stored is None else stored
        return self.roles.least

    def handle(self, event: Event) -> list[Reply]:
        replies = self._handle(event)
        # A person's reply typed at the terminal (`bot.py handoff reply`) reaches its asker here.
        return replies + self.people.deliver_pending(event.user_id) if replies else replies

    def _handle(self, event: Event) -> list[Reply]:
        allowed, first_refusal = self.throttle.allow(event.user_id)
        if not allowed:
            return [say("You're sending messages faster than I can answer. Please wait a moment and try again.")] if first_refusal else []
        stored = self.stored_role(event)
        role = self.effective_role(event, stored)
        replies: list[Reply] = []
        try:
            closed = self.checklists.close_unusable(event.user_id, stored)
        except StorageError as exc:  # the question still gets its answer
            log.error("storage fault: %s", exc)
            closed = None
        if closed:
            replies.append(say(f"Your checklist “{closed}” could no longer be continued (it changed), so I closed it."))
        replies += self._dispatch(event, role, stored)
        if event.kind == "command" and event.command == "start":
            stored = self.stored_role(event)  # asked again: an invite redeemed in a group has just raised it
        if role != stored and event.kind in ("text", "command") and replies:
            replies[-1] = _with_note(replies[-1], NOT_PRIVATE)
        return replies

    def _dispatch(self, event: Event, role: str, stored: str) -> list[Reply]:
        try:
            if event.kind == "command":
                handler = self.commands.get(event.command)
                if handler is None and event.command in self.officer_commands:
                    if role == "officer":
                        handler = self.officer_commands[event.command]
                    elif stored == "officer":
                        return [say(f"/{event.command} works only in a private chat with me.")]
                if handler is None:
                    return [say(f"I don't know the command /{event.command[:40]}. Send /help to see what I can do.")]
                return handler(event, role)
            if event.kind == "button":
                return self.on_button(event, role)
            if event.kind == "text":
                return self.on_text(event, role)
            if event.kind == "document":
                return [say("I can't read files sent to me. Ask your question as a text message, "
                            "or send /help to see what I can do.")]
            return [say("I can only read text messages. Ask me a question about the commissioning policy, "
                        "or send /help.")]
        except Expired:
            return [say(EXPIRED)]
        except StorageError as exc:
            log.error("storage fault: %s", exc)
            return [say(STORAGE_DOWN)]

    # -- text and questions --------------------------------------------------------------------------
    def on_text(self, event: Event, role: str) -> list[Reply]:
        text = (event.text or "").strip()  # blank space pasted around a question is not part of it
        if not clean(text):   # blank, or only invisible characters (zero-width spaces, joiners)
            return [say("Please type a question about the commissioning policy, or send /help.")]
        # A handoff answered in the team chat (by the sender's own role, not the group's view), or
        # the note after "Other (type it)".
        hooked = self.people.team_reply(event, self.stored_role(event)) or self.people.take_note(event)
        if hooked is not None:
            return hooked
        talk = self.smalltalk.kind(text) if self.smalltalk else None
        if talk:  # "hi" or "thanks" is never an answer to a checklist step, nor a policy question
            return self._small_talk(event, role, talk) + self._open_reminder(event.user_id, role)
        try:
            result = self.checklists.submit_text(event.user_id, role, text, who=_who(event, role))
        except StorageError as exc:  # no checklist can run without storage; the question still gets its answer
            log.error("storage fault: %s", exc)
            result = None
        if result is not None:
            return self._checklist_result(event.user_id, role, result)
        if re.fullmatch(r"#?\s*\d{1,6}", text):  # a button number, typed: never a policy question
            n = text.lstrip("#").strip()
            return [say(f"There is no button {n} to press by typing — tap a button under a message, "
                        "or type a question.")] + self._open_reminder(event.user_id, role)
        return self.ask(event.user_id, role, text, event) + self._open_reminder(event.user_id, role)

    def _small_talk(self, event: Event, role: str, kind: str) -> list[Reply]:
        """A person's reply to a greeting, thanks, goodbye or "help": what the assistant can do."""
        if kind == "help":
            return self.cmd_help(event, role)
        first = {"greeting": f"Hello{', ' + event.name if event.name else ''}!",
                 "thanks": "You're welcome.", "goodbye": "Goodbye, and thanks for using me."}[kind]
        return [ReplyBuilder().text(f"{first} I answer questions about the council's commissioning policy by "
                                    "quoting the clause that says it, and I walk you through guided checklists.\n\n"
                                    "Type a question, for example “Who approves a £60,000 contract?”, or send "
                                    "/checklists, /rules or /help.").build()]

    def _open_reminder(self, user_id: int, role: str) -> list[Reply]:
        """After a question asked mid-checklist: say a checklist is still open, with Continue and Cancel."""
        try:
            run = self.checklists.active_run(user_id)
            if run is None:
                return []
            view = self.checklists.view(run, role)
            tokens = self.buttons.issue_many(user_id, [{"a": "cl_show", "run": run.run_id, "step": run.step_id},
                                                       {"a": "cl_cancel", "run": run.run_id}])
        except (Expired, StorageError):
            return []
        b = ReplyBuilder().text(f"You're on {view.progress.lower()} of ").bold(view.checklist.title).text(
            " — carry on when you're ready.")
        return [b.build(buttons=[[Button("▶️ Continue", tokens[0]), Button("✖️ Cancel", tokens[1])]])]

    def _open_line(self, user_id: int, role: str) -> str:
        """"You have a checklist open: …" for /start and /help, or ""."""
        try:
            run = self.checklists.active_run(user_id)
            view = self.checklists.view(run, role) if run else None
        except (Expired, StorageError):
            return ""
        if view is None:
            return ""
        return (f"\n\nYou have a checklist open: {view.checklist.title} ({view.progress.lower()}). "
                "Send /resume to carry on, or /cancel to stop it.")

    def ask(self, user_id: int, role: str, text: str, event: Event | None = None) -> list[Reply]:
        text = text.strip()
        clipped = text[:MAX_QUESTION]
        a = self.answers.answer(clipped, role=role)  # answered from what was typed; only the masked copy is kept
        masked = self.people.mask(clipped)
        if a.reason:   # a refusal's reason may quote the question ("asks about Patel, which…"): kept masked too
            a = replace(a, reason=mask_quoted(a.reason, clipped, masked.text))
        self.log.write(user_id=user_id, role=role, kind="question", text=masked.text, answered=a.answered, detail=a.reason)
        replies = []
        if len(text) > MAX_QUESTION:
            replies.append(say(f"That message is very long, so I read only its first {MAX_QUESTION:,} characters."))
        replies.append(self.render_answer(user_id, a, event or Event(user_id, "text"), role, masked))
        return replies + self.people.masked_notice(user_id, masked)

    def render_answer(self, user_id: int, a: Answer, event: Event | None = None, role: str = "",
                      masked=None) -> Reply:
        event = event or Event(user_id, "text")
        masked = masked or self.people.mask(a.question)
        b = ReplyBuilder()
        if not a.question.strip():
            return say("Please type a question about the commissioning policy, or send /help.")
        if not a.answered:
            b.text("I can't find that in the policy library, so I won't guess.")
            if a.redirect:
                b.text(" " + a.redirect)
            if a.nearby:
                b.text("\n\nThe nearest topics it covers:\n" + "\n".join(f"• {t}" for t in a.nearby))
            b.text("\n\nTry rephrasing, or open one of those topics.")
            # One place per source, so the first sources are the nearby topics, in the same order.
            places = [h.passage for h in a.sources[: len(a.nearby)]]
            try:
                tokens = self.buttons.issue_many(user_id, [{"a": "section", "passage": p.id} for p in places])
                shown = self.people.record_shown(event, role, masked, answered=False,
                                                 passage_ids=[p.id for p in places], reason=a.reason)
                return b.build(buttons=[[Button(f"📖 {p.section[:56]}", t)] for p, t in zip(places, tokens)]
                               + self._sector_rule_buttons(user_id, a.sectors)
                               + [[self.people.ask_person_button(user_id, shown)]])
            except StorageError as exc:  # buttons need storage; the answer does not
                log.error("storage fault, reply sent without buttons: %s", exc)
                return b.build()
        updated = self._updated_on([h.passage.id for h in a.quotes])
        for i, h in enumerate(a.quotes):
            if i == 1:
                b.bold("\n\nAlso relevant\n")
            elif i > 1:
                b.text("\n\n")
            b.quote(h.passage.text)
            b.cite(f"{h.passage.citation()} · {h.passage.provenance()}"
                   + (f" · updated on {updated[h.passage.id]}" if h.passage.id in updated else ""))
        try:
            answer_id = self.people.record_shown(event, role, masked, answered=True,
                                                 passage_ids=[h.passage.id for h in a.quotes], reason=a.reason)
            t_full = self.buttons.issue(user_id, {"a": "full", "answer": answer_id})
            return b.build(buttons=[[Button("📄 Show full clause", t_full)], self.people.answer_buttons(user_id, answer_id)]
                           + self._sector_rule_buttons(user_id, a.sectors))
        except StorageError as exc:  # buttons need storage; the answer does not
            log.error("storage fault, reply sent without buttons: %s", exc)
            return b.build()

    def _updated_on(self, passage_ids: list[str]) -> dict[str, str]:
        """"Updated on DATE" marks (core/live.py); the answer goes out without them if storage fails."""
        if self.live is None:
            return {}
        try:
            return self.live.updated_on(passage_ids)
        except Exception as exc:
            log.error("change log unreadable, answer sent without 'updated on': %s", exc)
            return {}

    def _sector_rule_buttons(self, user_id: int, sectors: tuple[str, ...]) -> list[list[Button]]:
        """A question about a sector also offers that sector's rules (the same flow as /rules)."""
        known = [s for s in sectors if self.rules is not None and s in self.rules.sectors]
        tokens = self.buttons.issue_many(user_id, [{"a": "rules_sector", "sector": s} for s in known])
        return [[Button(f"📋 Rules for {self.rules.sectors[s].name}"[:60], t)] for s, t in zip(known, tokens)]

    # -- commands ------------------------------------------------------------------------------------
    def cmd_start(self, event: Event, role: str) -> list[Reply]:
        payload = event.args.strip()
        replies: list[Reply] = []
        if payload.startswith("inv_") and self.shared(event):
            # Everyone posting under this id (anonymous admins, a channel, a bot) would become an officer.
            replies.append(say("Invites can't be used from this account: it is shared by several people (an "
                               "anonymous group admin, a channel or a bot). Open a private chat with me from your "
                               "own Telegram account and send the invite link there."))
            self.log.write(user_id=event.user_id, role=role, kind="invite", text="refused: shared id")
        elif payload.startswith("inv_"):
            new_role, why = self.roles.redeem(payload, event.user_id)
            if new_role:
                role = self.effective_role(event)
                # The menu follows the role only where the role applies: a private chat.
                replies.append(ReplyBuilder().text(f"Welcome. Your invite worked: you are now signed in as an {new_role}.")
                               .build(menu=new_role if event.private else ""))
                self.log.write(user_id=event.user_id, role=new_role, kind="invite", text="redeemed")
            else:
                replies.append(say("That invite link can't be used (it may have been used already, expired or been "
                                   "withdrawn). Ask your administrator for a new one."))
                self.log.write(user_id=event.user_id, role=role, kind="invite", text=f"refused: {why}")
        elif payload.startswith("checklist_"):
            cid = payload[len("checklist_"):]
            try:
                return [*replies, self._step_reply(event.user_id, self.checklists.start(event.user_id, role, cid))]
            except Expired:
                replies.append(say("That checklist isn't available to you. Here are the ones that are:"))
                return replies + self.cmd_checklists(event, role)
        who = "an officer" if role == "officer" else "a provider"
        b = ReplyBuilder().bold(f"Hello{', ' + event.name if event.name else ''}. ")
        b.text(f"I answer questions about the council's commissioning policy by quoting the exact clause, "
               f"and I walk you through guided checklists. You are using me as {who}.\n\n"
               "Just type a question, for example: “What are the four steps of commissioning?”\n\n"
               "/rules – rules that apply to your sector\n/checklists – guided checklists\n/help – more")
        b.italic("\n\n" + PRIVACY_NOTICE)  # issue 12: said at /start, and again the first time something is masked
        b.text(self._open_line(event.user_id, role))
        # A private /start puts this chat's menu right for the role as it is now: the officer menu
        # for an allowlisted officer or one invited in a group, the plain one for a removed officer.
        replies.append(b.build(menu=role if event.private and not any(r.menu for r in replies) else ""))
        return replies

    def cmd_help(self, event: Event, role: str) -> list[Reply]:
        b = ReplyBuilder().bold("How to use me\n")
        b.text("• Type any question about commissioning policy. I quote the clause that answers it and cite the "
               "document, section and clause. If the policy library doesn't cover it, I say so rather than guess.\n"
               "• /rules – the rules for your sector, by topic\n"
               "• /checklists – step-by-step checklists ending in a decision record\n"
               "• /resume – carry on where you left off; /cancel – stop a checklist\n"
               "• /changes – clauses changed recently (/changes 7 for a week)\n"
               "• /whoami – your role")
        if role == "officer":
            b.text("\n\nFor officers:\n"
                   "• /unanswered – recent questions the library could not answer\n"
                   "• /feedback – how answers were rated, and which were rated not helpful\n"
                   "• /stats – the content-gap report (what was asked and not answered), as a page")
        b.text("\n• /human – ask a person in the commissioning team")
        b.text("\n\nIn the terminal, type a button's number to press it.")
        b.text(self._open_line(event.user_id, role))
        b.italic("\n\n" + PRIVACY_NOTICE)
        return [b.build()]

    def cmd_ask(self, event: Event, role: str) -> list[Reply]:
        if not event.args.strip():
            return [say("Type your question after /ask, or just send it as a message.")]
        return self.ask(event.user_id, role, event.args, event)

    def cmd_whoami(self, event: Event, role: str) -> list[Reply]:
        stored = self.stored_role(event)
        sees = ", ".join(sorted(self.roles.audiences(role)))
        extra = "" if stored == "officer" else "\nOfficers are added by an administrator's invite link."
        if self.shared(event):
            extra = ("\nThis account is shared by several people (an anonymous admin, a channel or a bot), "
                     "so it can never be an officer.")
        where = " here" if role != stored else ""
        return [say(f"You are signed in as: {stored} (user {event.user_id}). You can read {sees} documents{where}.{extra}")]

    def cmd_unanswered(self, event: Event, role: str) -> list[Reply]:
        rows = self.log.recent_unanswered(limit=15)
        if not rows:
            return [say("No unanswered questions recorded yet.")]
        b = ReplyBuilder().bold("Recent questions the library could not answer\n")
        for text, role_asked in rows:
            b.text(f"• {shorten(mask(text))} ({role_asked})\n")
        return [b.build()]

    def cmd_feedback(self, event: Event, role: str) -> list[Reply]:
        return self.people.feedback_summary()

    def cmd_cancel(self, event: Event, role: str) -> list[Reply]:
        if self.checklists.cancel(event.user_id):
            return [say("Checklist cancelled. Nothing more was saved. Send /checklists to start another.")]
        return [say("There is nothing to cancel.")]

    def cmd_checklists(self, event: Event, role: str) -> list[Reply]:
        visible = self.checklists.visible(role)
        if not visible:
            return [say("There are no checklists available to you yet.")]
        tokens = self.buttons.issue_many(event.user_id, [{"a": "cl_start", "id": c.id} for c in visible])
        b = ReplyBuilder().bold("Guided checklists\n")
        for c in visible:
            b.text(f"• {c.title}" + (f" – {c.summary}" if c.summary else "") + "\n")
        b.text("\nPick one to start:")
        return [b.build(buttons=[[Button(c.title[:60], t)] for c, t in zip(visible, tokens)])]

    def cmd_resume(self, event: Event, role: str) -> list[Reply]:
        view = self.checklists.resume(event.user_id, role)
        if view is None:
            return [say("You have no checklist in progress. Send /checklists to start one.")]
        return [self._step_reply(event.user_id, view)]

    def cmd_rules(self, event: Event, role: str) -> list[Reply]:
        if self.rules is None or not self.rules.rules:
            return [say("No rules catalogue is installed.")]
        typed = " ".join(event.args.split())
        if typed:
            sid = self.rules.sector_id(typed)
            if sid and sid in self.rules.sectors:
                return [self._rules_topics(event.user_id, role, sid)]
        return [self._rules_sectors(event.user_id, f"I don't know the sector “{typed[:60]}”. " if typed else "")]

    def _rules_sectors(self, user_id: int, note: str = "") -> Reply:
        sectors = list(self.rules.sectors.items())
        tokens = self.buttons.issue_many(user_id, [{"a": "rules_sector", "sector": sid} for sid, _ in sectors])
        return ReplyBuilder().text(f"{note}Which sector are you in? (You can also type it: /rules charities)").build(
            buttons=[[Button(s.name[:60], t)] for (sid, s), t in zip(sectors, tokens)])

    # -- buttons ------------------------------------------------------------------------------------
    def on_button(self, event: Event, role: str) -> list[Reply]:
        action = self.buttons.lookup(event.token, event.user_id)
        if action is None:
            self.log.write(user_id=event.user_id, role=role, kind="button", text="refused", detail=event.token[:80])
            return [say(EXPIRED)]
        kind = action.get("a")
        if kind == "cl_start":
            return [self._step_reply(event.user_id, self.checklists.start(event.user_id, role, action["id"]))]
        if kind == "cl_choose":
            result = self.checklists.choose(event.user_id, role, action["run"], action["step"], action["value"],
                                            who=_who(event, role))
            return self._checklist_result(event.user_id, role, result)
        if kind == "cl_show":  # Continue after a question or a pause: the step as it is now
            run = self.checklists.active_run(event.user_id)
            if run is None or run.run_id != action["run"] or run.step_id != action["step"]:
                return [say(EXPIRED)]
            return [self._step_reply(event.user_id, self.checklists.view(run, role))]
        if kind == "cl_confirm":
            result = self.checklists.confirm_text(event.user_id, role, action["run"], action["step"], action["value"],
                                                  who=_who(event, role))
            return self._checklist_result(event.user_id, role, result)
        if kind == "rules_home":
            return [self._rules_sectors(event.user_id)] if self.rules is not None else [say(EXPIRED)]
        if kind == "cl_back":
            return [self._step_reply(event.user_id, self.checklists.back(event.user_id, role, action["run"], action["step"]))]
        if kind == "cl_why":
            return [self._why_reply(event.user_id, role, action)]
        if kind == "cl_cancel":
            if self.checklists.cancel(event.user_id, action["run"]):
                return [say("Checklist cancelled. Send /checklists to start another.")]
            return [say(EXPIRED)]
        if kind == "full":
            return [self._full_clause(event, role, action["answer"])]
        if kind == "section":
            return [self._section(role, action["passage"], event)]
        if kind in PEOPLE_ACTIONS:  # votes, "what was wrong?", ask a person
            return self.people.on_button(event, role, action) or [say(EXPIRED)]
        if kind == "rules_sector":
            return [self._rules_topics(event.user_id, role, action["sector"])]
        if kind == "rules":
            return self._rules_list(event.user_id, role, action["sector"], action.get("topic"))
        return [say(EXPIRED)]

    # -- checklists rendering -----------------------------------------------------------------------
    def _checklist_result(self, user_id: int, role: str, result) -> list[Reply]:
        if isinstance(result, InvalidInput):  # a bad answer, or one whose record could not be saved
            try:
                return [say(result.message), self._step_reply(user_id, result.view)]
            except StorageError:  # no new buttons without storage: the step's earlier ones still work
                return [say(result.message)]
        if isinstance(result, Finished):
            return [self._finished_reply(result)]
        if isinstance(result, Paused):
            view = result.view
            tokens = self.buttons.issue_many(user_id, [{"a": "cl_show", "run": view.run.run_id, "step": view.step.id},
                                                       {"a": "cl_cancel", "run": view.run.run_id}])
            b = ReplyBuilder().text("Go ahead: type your question and I'll answer it from the policy. Your place in ")
            b.bold(view.checklist.title).text(f" is kept ({view.progress.lower()}); press Continue when you're ready, "
                                             "or send /resume later.")
            return [b.build(buttons=[[Button("▶️ Continue", tokens[0]), Button("✖️ Cancel", tokens[1])]])]
        if isinstance(result, Confirm):
            view = result.view
            tokens = self.buttons.issue_many(user_id, [
                {"a": "cl_confirm", "run": view.run.run_id, "step": view.step.id, "value": result.value},
                {"a": "cl_show", "run": view.run.run_id, "step": view.step.id}])
            return [ReplyBuilder().text(f"Did you mean “{result.value}” as your answer to “{view.step.prompt[:120]}”? "
                                        "It looks like a button number.").build(
                buttons=[[Button(f"✅ Yes, save “{result.value}”"[:60], tokens[0]), Button("↩️ No, show the step", tokens[1])]])]
        return [self._step_reply(user_id, result)]

    def _step_reply(self, user_id: int, view: StepView) -> Reply:
        step = view.step
        b = ReplyBuilder().bold(f"{view.checklist.title}\n").italic(f"{view.progress}\n\n").text(step.prompt)
        if step.help:
            b.text("\n\n" + step.help)
        if step.kind != "choice":
            if view.earlier:
                b.text("\n\nYour earlier answer: ").bold(view.earlier)
                b.italic("\nType it again, or a new answer.")
            else:
                b.italic("\n\nType your answer as a message.")
        return b.build(buttons=self._step_buttons(user_id, view), awaiting_text=step.kind == "input")

    def _step_buttons(self, user_id: int, view: StepView, *, why: bool = True) -> list[list[Button]]:
        run, step = view.run, view.step
        actions = []
        if step.kind == "choice":
            actions = [{"a": "cl_choose", "run": run.run_id, "step": step.id, "value": o.value} for o in step.options]
        controls = []
        if step.why and why:
            controls.append(("ℹ️ Why?", {"a": "cl_why", "run": run.run_id, "step": step.id}))
        if view.can_go_back:
            controls.append(("⬅️ Back", {"a": "cl_back", "run": run.run_id, "step": step.id}))
        controls.append(("✖️ Cancel", {"a": "cl_cancel", "run": run.run_id}))
        tokens = self.buttons.issue_many(user_id, actions + [a for _, a in controls])
        rows = [[Button(o.label[:60], t)] for o, t in zip(step.options, tokens)] if step.kind == "choice" else []
        rows.append([Button(label, t) for (label, _), t in zip(controls, tokens[len(actions):])])
        return rows

    def _why_reply(self, user_id: int, role: str, action: dict) -> Reply:
        run = self.checklists.active_run(user_id)
        if run is None or run.run_id != action["run"] or run.step_id != action["step"]:
            return say(EXPIRED)
        view = self.checklists.view(run, role)
        passages = self.checklists.why(view.checklist, view.step, role)
        self.people.write_audit(Event(user_id, "button"), role, "why", view.step.id, [p.id for p in passages])
        if not passages:
            return say("This step has no policy clause behind it.")
        b = ReplyBuilder().bold("Why this step\n")
        for p in passages:
            b.quote(p.text).cite(f"{p.citation()} · {p.provenance()}")
        b.italic(f"\n{view.progress} of {view.checklist.title}: " + ("choose below." if view.step.kind == "choice"
                                                                         else "type your answer."))
        return b.build(buttons=self._step_buttons(user_id, view, why=False), awaiting_text=view.step.kind == "input")

    def _finished_reply(self, f: Finished) -> Reply:
        from assistant.core.events import Attachment

        from assistant.checklists.records import record_ref, record_title

        b = ReplyBuilder().bold(f"{record_title(f.run, f.checklist)}: done\n\n").bold("Outcome: ").text(f.step.outcome or "")
        ends = [p for p in f.relied_on if any(p in self.checklists.clauses.resolve(ref) for ref in f.step.why)]
        if ends:  # the outcome's own clauses, quoted, so the route and approver are grounded here too
            b.bold("\n\nFrom the policy\n")
            for p in ends:
                b.quote(p.text).cite(f"{p.citation()} · {p.provenance()}")
        b.text(f"\n\nYour decision record {record_ref(f.run)} lists every answer and the clauses relied on.")
        files = []
        if f.record_pdf:
            files.append(Attachment(f.record_pdf, f.record_pdf.name, f"Decision record: {record_title(f.run, f.checklist)} (PDF)"[:1000]))
        if f.record_md_path:
            files.append(Attachment(f.record_md_path, f.record_md_path.name, "The same record as Markdown"))
        return b.build(files=files)

    # -- answers extras -----------------------------------------------------------------------------
    def _full_clause(self, event: Event, role: str, answer_id: int) -> Reply:
        rec = self.people.owned(event, answer_id)
        if rec is None:
            return say(EXPIRED)
        return self._section(role, rec.passages[0] if rec.passages else "", event)

    def _section(self, role: str, passage_id: str, event: Event | None = None) -> Reply:
        """The whole section a passage sits in, if the role (as it is now) may read it."""
        same = self.answers.section(passage_id, self.roles.audiences(role))
        if not same:
            return say(EXPIRED)
        first = next(p for p in same if p.id == passage_id)
        if event is not None:
            self.people.write_audit(event, role, "section", first.section, [p.id for p in same])
        b = ReplyBuilder().bold(" › ".join(first.heading_path()) + "\n\n")
        for p in same:
            b.text(p.text + "\n\n")
        b.cite(first.provenance())
        return b.build()

    def _rules_topics(self, user_id: int, role: str, sector: str) -> Reply:
        if self.rules is None or sector not in self.rules.sectors:
            return say(EXPIRED)
        rules = self.rules.select(audiences=self.roles.audiences(role), sector=sector, clauses=self.checklists.clauses)
        topics = [t for t, _ in self.rules.by_topic(rules)]
        tokens = self.buttons.issue_many(user_id, [{"a": "rules", "sector": sector, "topic": t} for t in topics]
                                         + [{"a": "rules", "sector": sector}, {"a": "rules_home"}])
        titles = [self.rules.topic_title(t) for t in topics]
        rows = [[Button(t[:60], tok) for t, tok in zip(titles[i:i + 2], tokens[i:i + 2])] for i in range(0, len(topics), 2)]
        rows.append([Button("All topics", tokens[-2]), Button("⬅️ Back to sectors", tokens[-1])])
        return ReplyBuilder().text(f"{self.rules.sectors[sector].name}: which topic?").build(buttons=rows)

    def _rules_list(self, user_id: int, role: str, sector: str, topic: str | None) -> list[Reply]:
        if self.rules is None or sector not in self.rules.sectors:
            return [say(EXPIRED)]
        rules = [r for r in self.rules.select(audiences=self.roles.audiences(role), sector=sector,
                                              clauses=self.checklists.clauses)
                 if topic is None or r.topic == topic]
        back = self.buttons.issue_many(user_id, [{"a": "rules_sector", "sector": sector}])
        buttons = [[Button("⬅️ Back to topics", back[0])]]
        if not rules:
            return [ReplyBuilder().text("No rules match that.").build(buttons=buttons)]
        heading = self.rules.sectors[sector].name + (f" · {self.rules.topic_title(topic)}" if topic else "")
        b = ReplyBuilder().bold(heading + "\n")
        for t, members in self.rules.by_topic(rules):
            if topic is None:  # all topics: one heading each, not one flat list
                b.bold(f"\n{self.rules.topic_title(t)}\n")
            for r in members:
                b.text(f"• {r.rule}\n").cite(f"{r.id} · {r.source}")
                b.text("\n")
        return [b.build(buttons=buttons)]
