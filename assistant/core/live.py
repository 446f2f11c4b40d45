"""The live library in the chat: /changes, /follow, /unfollow, "updated on DATE" under a quote,
and the messages followers get when a newly loaded index changed what they follow.

Every list is filtered by the role as the core sees it *now* (a provider never reads an internal
change; a follower who stopped being an officer is sent nothing).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant.core.events import Event, Reply, ReplyBuilder, say
from assistant.library import follow as following
from assistant.library.changes import RECENT_DAYS, by_document, day, recent_since, where
from assistant.storage.changes import Change, ChangeLog, Follows

MAX_LISTED = 25          # changes listed in one /changes reply (the rest: `bot.py changes`)
MAX_DAYS = 366
QUOTE = 280              # characters of a clause's old or new text shown in a list
FOLLOW_ROLE = "officer"


class LiveLibrary:
    def __init__(self, *, changes: ChangeLog, follows: Follows, roles, documents: Callable[[], dict[str, str]],
                 catalogue: Callable[[], object | None], clock: Callable[[], float] = time.time):
        self.changes = changes
        self.follows = follows
        self.roles = roles
        self.documents = documents      # file name -> title, of the index being served
        self.catalogue = catalogue      # the rules catalogue (sectors), if any
        self.clock = clock
        self.commands = {"changes": self.cmd_changes}
        self.officer_commands = {"follow": self.cmd_follow, "unfollow": self.cmd_unfollow}

    # -- under every quote ---------------------------------------------------------------------------
    def updated_on(self, passage_ids: list[str]) -> dict[str, str]:
        """Passages reworded or added in the last RECENT_DAYS days -> the date to show."""
        got = self.changes.updated_on(passage_ids, recent_since(RECENT_DAYS, self.clock()))
        return {pid: day(ts) for pid, ts in got.items()}

    # -- /changes [DAYS] -----------------------------------------------------------------------------
    def cmd_changes(self, event: Event, role: str) -> list[Reply]:
        arg = event.args.strip()
        days = 30
        if arg:
            try:
                days = float(arg)
            except ValueError:
                days = -1
            if not 0 < days <= MAX_DAYS:
                return [say(f"Send /changes, or /changes followed by a number of days from 1 to {MAX_DAYS} "
                            "(for example /changes 7).")]
        listed = self.changes.since(recent_since(days, self.clock()), audiences=self.roles.audiences(role))
        span = f"{days:g} day" + ("" if days == 1 else "s")
        if not listed:
            return [say(f"No clauses of the policy library you can read have changed in the last {span}.")]
        b = ReplyBuilder().bold(f"Changes to the policy library in the last {span}\n")
        render_changes(b, sorted(listed, key=lambda c: -c.ts)[:MAX_LISTED])
        if len(listed) > MAX_LISTED:
            b.italic(f"\n\n…and {len(listed) - MAX_LISTED} more. Send /changes with fewer days to narrow it down.")
        return [b.build()]

    # -- /follow, /unfollow --------------------------------------------------------------------------
    def _usage(self, user_id: int) -> Reply:
        docs, cat = self.documents(), self.catalogue()
        mine = self.follows.of(user_id)
        b = ReplyBuilder()
        if mine:
            b.bold("You follow\n").text("".join(f"• {following.name_of(f, docs, cat)}\n" for f in mine)).text("\n")
        b.text("Send /follow followed by a document or a provider sector to get a message when its clauses change, "
               "for example /follow " + (next(iter(docs), "provider-faq.txt")) + ".")
        if cat is not None and getattr(cat, "sectors", None):
            b.text("\nSectors: " + ", ".join(cat.sectors) + ".")
        b.text("\n/unfollow NAME stops one; /unfollow all stops them all.")
        return b.build()

    def cmd_follow(self, event: Event, role: str) -> list[Reply]:
        if not event.args.strip():
            return [self._usage(event.user_id)]
        found = following.resolve(event.args[:200], self.documents(), self.catalogue())
        if not found:
            return [say(f"I don't know a document or sector called “{event.args.strip()[:80]}”."), self._usage(event.user_id)]
        if len(found) > 1:
            return [say("That matches several documents; be more exact:\n"
                        + "\n".join(f"• {t.id} ({t.name})" for t in found[:10]))]
        t = found[0]
        new = self.follows.add(event.user_id, t.kind, t.id)
        what = f"the {t.name} sector" if t.kind == "sector" else t.name
        return [say(f"{'You now follow' if new else 'You already follow'} {what}. I'll send you a message when "
                    f"its clauses change (reworded, added or removed). /unfollow {t.id} stops it.")]

    def cmd_unfollow(self, event: Event, role: str) -> list[Reply]:
        arg = event.args.strip()
        if not arg:
            return [self._usage(event.user_id)]
        if arg.lower() == "all":
            n = self.follows.remove(event.user_id)
            return [say(f"You no longer follow anything ({n} stopped)." if n else "You weren't following anything.")]
        mine = self.follows.of(event.user_id)
        found = following.resolve(arg[:200], self.documents(), self.catalogue())
        gone = 0
        for t in found:
            gone += self.follows.remove(event.user_id, t.kind, t.id)
        if not gone:  # a document no longer in the library can still be unfollowed by its file name
            gone = sum(self.follows.remove(event.user_id, f.kind, f.target) for f in mine if f.target.lower() == arg.lower())
        return [say("Stopped. You won't get messages about it any more." if gone else
                    "You don't follow that. Send /follow to see what you follow.")]

    # -- after a reload ------------------------------------------------------------------------------
    def notices(self, build_id: str) -> list[tuple[int, Reply]]:
        """One message per follower whose documents or sectors the build changed; claimed once per
        build across processes, so a follower is told once even with two bots on one data store."""
        changes = self.changes.of_build(build_id)
        if not changes or not self.changes.claim_notices(build_id):
            return []
        docs, cat = self.documents(), self.catalogue()
        by_user: dict[int, list] = {}
        for f in self.follows.all():
            by_user.setdefault(f.user_id, []).append(f)
        out = []
        for user_id, follows in by_user.items():
            if getattr(self.roles, "is_shared", lambda _uid: False)(user_id):
                continue  # an id many people use is never sent internal news
            role = self.roles.role_of(user_id)
            if role != FOLLOW_ROLE:
                continue
            allowed = self.roles.audiences(role)
            mine = [c for c in changes if c.audience in allowed and any(following.affects(f, c, cat) for f in follows)]
            if not mine:
                continue
            names = sorted({following.name_of(f, docs, cat) for f in follows
                            if any(following.affects(f, c, cat) for c in mine)})
            b = ReplyBuilder().bold(f"The policy library changed ({day(mine[0].ts)})\n")
            b.text(f"You follow {', '.join(names)}.\n")
            render_changes(b, mine[:MAX_LISTED])
            if len(mine) > MAX_LISTED:
                b.italic(f"\n\n…and {len(mine) - MAX_LISTED} more: send /changes 1.")
            out.append((user_id, b.build()))
        return out


def render_changes(b: ReplyBuilder, changes: list[Change]) -> None:
    for doc, items in by_document(changes).items():
        b.bold(f"\n{items[0].title}\n")
        for c in items:
            b.text(f"• {c.kind.capitalize()} on {day(c.ts)}: {where(c)}\n")
            if c.kind == "reworded":
                b.italic("was: ").text(_short(c.old_text) + "\n").italic("now: ").quote(_short(c.new_text))
            elif c.kind == "added":
                b.quote(_short(c.new_text))
            else:
                b.italic("was: ").text(_short(c.old_text) + "\n")
        b.cite(doc)


def _short(text: str) -> str:
    return text if len(text) <= QUOTE else text[:QUOTE - 1].rsplit(" ", 1)[0] + "…"
