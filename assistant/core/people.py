"""The parts of a conversation that are about people rather than policy (issue 12): masking what
they type before anything keeps it, votes and "what was wrong?", asking a person (handoff to the
team chat or the terminal queue, and the reply back), the audit trail, and `/stats`.

`Core` calls in here from a few marked hooks; everything it stores passes `mask` first and names
people by pseudonym only. Pure of transport: replies for another chat carry `Reply.chat`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.core.display_mask import shorten
from assistant.core.events import Attachment, Button, Event, Reply, ReplyBuilder, say
from assistant.privacy.masking import Masked, Masker, describe
from assistant.privacy.ids import Pseudonyms
from assistant.core.ports import AnswersShown, AuditTrail, ButtonStore, HandoffQueue, NoticeStore, ShownAnswer
from assistant.errors import StorageError

log = logging.getLogger(__name__)

PRIVACY_NOTICE = ("Please don't send personal details (names, phone numbers, e-mail or home addresses, "
                  "NI or bank numbers): any I spot are masked before anything is stored.")
REASONS = {"wrong_clause": "Wrong clause", "out_of_date": "Out of date", "not_asked": "Not what I asked",
           "other": "Other (type it)"}
HANDOFF_MARK = re.compile(r"Handoff #(\d+)\b")
ACTIONS = frozenset({"vote", "why_down", "human"})


@dataclass(frozen=True)
class PeopleSettings:
    team_chat: int | None = None
    reply_within: str = "2 working days"
    index_version: str = ""


def _chat(event: Event) -> str:
    return event.chat if event.chat_id else "terminal"


@dataclass(kw_only=True, eq=False)
class People:
    masker: Masker
    pseudonyms: Pseudonyms
    answers: AnswersShown
    audit: AuditTrail
    handoffs: HandoffQueue
    notices: NoticeStore
    buttons: ButtonStore
    settings: PeopleSettings
    cite: Callable[[str], str | None]
    audience_of: Callable[[str], str]
    stats: Callable[[str], tuple[str, object]] | None = None

    # -- masking ------------------------------------------------------------------------------------
    def mask(self, text: str) -> Masked:
        return self.masker.mask(text)

    def masked(self, text: str) -> str:
        return self.masker.mask(text).text

    def of(self, user_id: int) -> str:
        return self.pseudonyms.of(user_id)

    def masked_notice(self, user_id: int, m: Masked) -> list[Reply]:
        """Said once per person: the first time something they typed was masked."""
        try:
            if not m.changed or not self.notices.first_time(self.of(user_id), "masked"):
                return []
        except StorageError:  # a full disk: the answer goes out; the notice is said next time
            return []
        return [say(f"Note: I masked {describe(m.kinds)} in your message before storing it. I answered from what you "
                    "typed, but please don't send personal details.")]

    # -- what was shown -----------------------------------------------------------------------------
    def record_shown(self, event: Event, role: str, question: Masked, *, answered: bool, passage_ids: list[str],
                     reason: str = "") -> int:
        """The answer or refusal as shown (for votes and handoffs), and its audit entry."""
        self.write_audit(event, role, "question", question.text, passage_ids, answered=answered)
        return self.answers.record(user_hash=self.of(event.user_id), role=role, chat_type=_chat(event),
                                   question=question.text, answered=answered, passages=passage_ids,
                                   index_version=self.settings.index_version, reason=reason)

    def write_audit(self, event: Event, role: str, kind: str, text: str, passage_ids: list[str], *,
                    answered: bool | None = None) -> None:
        try:
            self.audit.write(user_hash=self.of(event.user_id), role=role, chat_type=_chat(event),
                             kind=kind, text=self.masked(text),
                             passages=[{"id": p, "audience": self.audience_of(p)} for p in passage_ids],
                             answered=answered)
        except Exception:  # the audit trail must not take the answer down with it (a full disk)
            log.exception("could not write the audit entry")

    def answer_buttons(self, user_id: int, answer_id: int) -> list[Button]:
        t_up, t_down = self.buttons.issue_many(user_id, [{"a": "vote", "answer": answer_id, "v": "up"},
                                                         {"a": "vote", "answer": answer_id, "v": "down"}])
        return [Button("👍 Helpful", t_up), Button("👎 Not helpful", t_down)]

    def ask_person_button(self, user_id: int, answer_id: int) -> Button:
        return Button("🙋 Ask a person", self.buttons.issue(user_id, {"a": "human", "answer": answer_id}))

    def owned(self, event: Event, answer_id) -> ShownAnswer | None:
        rec = self.answers.get(answer_id) if isinstance(answer_id, int) else None
        return rec if rec is not None and rec.user_hash == self.of(event.user_id) else None

    # -- buttons ------------------------------------------------------------------------------------
    def on_button(self, event: Event, role: str, action: dict) -> list[Reply] | None:
        """None: the press is not valid (the core says the button has expired)."""
        rec = self.owned(event, action.get("answer"))
        if rec is None:
            return None
        kind = action["a"]
        if kind == "vote" and action.get("v") in ("up", "down"):
            return self._vote(event, rec, action["v"])
        if kind == "why_down" and action.get("r") in REASONS:
            return self._reason(event, rec, action["r"])
        if kind == "human":
            return self.hand_off(event, role, rec)
        return None

    def _vote(self, event: Event, rec: ShownAnswer, vote: str) -> list[Reply]:
        outcome = self.answers.vote(rec.answer_id, self.of(event.user_id), vote)
        thumb = "👍" if vote == "up" else "👎"
        if outcome == "same":
            return [say(f"You've already rated this answer {thumb}; it counts once.")]
        if vote == "up":
            return [say("Thanks for the feedback." if outcome == "new" else "Thanks: changed your rating to 👍.")]
        actions = [{"a": "why_down", "answer": rec.answer_id, "r": r} for r in REASONS]
        tokens = self.buttons.issue_many(event.user_id, actions)
        rows = [[Button(REASONS[a["r"]], t) for a, t in zip(actions[i:i + 2], tokens[i:i + 2])] for i in (0, 2)]
        rows.append([self.ask_person_button(event.user_id, rec.answer_id)])
        lead = "Thanks, noted." if outcome == "new" else "Thanks: changed your rating to 👎."
        return [ReplyBuilder().text(f"{lead} What was wrong? (optional) Or ask a person in the commissioning team.")
                .build(buttons=rows)]

    def _reason(self, event: Event, rec: ShownAnswer, reason: str) -> list[Reply] | None:
        who = self.of(event.user_id)
        if not self.answers.set_reason(rec.answer_id, who, reason=reason):
            return None  # no down-vote of theirs on this answer (any more)
        if reason == "other":
            self.answers.await_note(who, rec.answer_id)
            return [say("Type what was wrong in your next message (personal details are masked).")]
        return [say(f"Thanks, noted: {REASONS[reason].lower()}. The policy owners read these.")]

    def take_note(self, event: Event) -> list[Reply] | None:
        """The message after "Other (type it)" is the note, not a question."""
        who = self.of(event.user_id)
        try:
            answer_id = self.answers.take_note_slot(who)
        except StorageError:
            return None  # answered as a question instead
        if answer_id is None:
            return None
        m = self.mask(event.text or "")
        self.answers.set_reason(answer_id, who, note=m.text.strip())
        return [say("Thanks, noted. The policy owners read these."), *self.masked_notice(event.user_id, m)]

    # -- asking a person ----------------------------------------------------------------------------
    def cmd_human(self, event: Event, role: str) -> list[Reply]:
        text = event.args.strip()
        if text:
            m = self.mask(text)
            rec_id = self.record_shown(event, role, m, answered=False, passage_ids=[], reason="asked for a person")
            return self.hand_off(event, role, self.answers.get(rec_id)) + self.masked_notice(event.user_id, m)
        rec = self.answers.latest(self.of(event.user_id))
        if rec is None:
            return [say("Type your question after /human, for example: /human can we extend a contract twice? "
                        "I'll pass it to a person in the commissioning team.")]
        return self.hand_off(event, role, rec)

    def hand_off(self, event: Event, role: str, rec: ShownAnswer) -> list[Reply]:
        telegram = bool(event.chat_id)
        already = self.handoffs.open_for(rec.answer_id, rec.user_hash)
        if already is not None:
            return [say(f"This question is already with a person in the commissioning team (request "
                        f"#{already.handoff_id}); expect a reply within {self.settings.reply_within}.")]
        # The reply goes to the person's private chat with the bot, never into a group.
        h = self.handoffs.open(user_id=event.user_id, chat_id=event.user_id,
                               user_hash=rec.user_hash, role=role, channel="telegram" if telegram else "terminal",
                               question=rec.question, passages=rec.passages, answer_id=rec.answer_id)
        self.write_audit(event, role, "handoff", rec.question, rec.passages)
        where = "here" if event.private or not telegram else "in a private chat with me (start one if you have not)"
        told = say(f"I've passed your question to a person in the commissioning team (request #{h.handoff_id}). "
                   f"Expect a reply within {self.settings.reply_within}; it will come {where}, marked as from a person.")
        # The team chat's copy first: the core adds any note for this chat to the last reply.
        return ([self._team_message(h, rec, role)] if telegram and self.settings.team_chat else []) + [told]

    def _team_message(self, h, rec: ShownAnswer, role: str) -> Reply:
        b = ReplyBuilder().bold(f"🙋 Handoff #{h.handoff_id}").text(f" · asked by a{'n' if role[:1] in 'aeiou' else ''} "
                                                                   f"{role}{' (refused)' if not rec.answered else ''}\n\n")
        b.quote(rec.question or "(no question text)")
        cites = [c for c in (self.cite(p) for p in rec.passages) if c]
        b.text("\nClauses shown: " + ("; ".join(cites) if cites else "none") + "\n\n")
        b.italic("Reply to this message to answer: your reply goes to the person, marked as from a person.")
        r = b.build()
        return Reply(r.parts, chat=int(self.settings.team_chat))

    def team_reply(self, event: Event, role: str) -> list[Reply] | None:
        """An officer's reply (in the team chat) to a forwarded handoff: delivered to the person."""
        team = self.settings.team_chat
        if not team or event.chat_id != team or not event.reply_to_bot:
            return None
        m = HANDOFF_MARK.search(event.reply_to_bot)
        if not m:
            return None
        if role != "officer":
            return [say("Only officers can answer handoffs.")]
        text = (event.text or "").strip()
        if not text:
            return [say("Type the answer as a reply to the handoff message.")]
        h = self.handoffs.reply(int(m.group(1)), self.masked(text), by=self.of(event.user_id), delivered=True)
        if h is None:
            return [say(f"Handoff #{m.group(1)} has been answered already (or does not exist).")]
        return [self._delivery(h, text, chat=h.chat_id),
                say(f"Sent to the person who asked (handoff #{h.handoff_id}).")]

    @staticmethod
    def _delivery(h, text: str, *, chat: int = 0) -> Reply:
        b = ReplyBuilder().bold("💬 A reply from a person in the commissioning team").text(
            f" (not the assistant), to your question (request #{h.handoff_id}):\n")
        b.quote(h.question).text("\n" + text)
        r = b.build()
        return Reply(r.parts, chat=chat)

    def deliver_pending(self, user_id: int) -> list[Reply]:
        """Replies typed at the terminal (`bot.py handoff reply`) for this person, shown once."""
        out = []
        try:
            for h in self.handoffs.undelivered(user_id=user_id):
                if self.handoffs.mark_delivered(h.handoff_id):
                    out.append(self._delivery(h, h.reply))
        except StorageError:  # delivered next time
            log.warning("could not read pending handoff replies", exc_info=True)
        return out

    def outbox(self, channel: str = "telegram") -> list[Reply]:
        """Replies typed at the terminal for people on a chat channel, each addressed to its chat."""
        out = []
        for h in self.handoffs.undelivered(channel=channel):
            if self.handoffs.mark_delivered(h.handoff_id):
                out.append(self._delivery(h, h.reply, chat=h.chat_id))
        return out

    # -- officers' views ----------------------------------------------------------------------------
    def feedback_summary(self) -> list[Reply]:
        counts = self.answers.counts()
        b = ReplyBuilder().text(f"Answers rated helpful: {counts.get('up', 0)}; not helpful: {counts.get('down', 0)}.")
        down = self.answers.recent_down(limit=8)
        if down:
            b.bold("\n\nRecently rated not helpful\n")
            for q, reason, note, shown in down:
                extra = " · ".join(x for x in (REASONS.get(reason, "").lower(), shorten(note)) if x)
                b.text(f"• “{shorten(q)}”" + (f" ({extra})" if extra else "") + "\n")
                first = self.cite(shown[0]) if shown else None
                b.cite(f"answered with {first}" if first else "answered with a clause no longer in the library")
                b.text("\n")
        b.italic("\nThe full content-gap report: /stats")
        return [b.build()]

    def cmd_stats(self, event: Event, role: str) -> list[Reply]:
        if self.stats is None:
            return [say("The report is not available here.")]
        summary, html_path = self.stats(event.args.strip())
        files = [Attachment(html_path, html_path.name, "Content-gap report (open in a browser)")] if html_path else []
        return [ReplyBuilder().text(summary).build(files=files)]
