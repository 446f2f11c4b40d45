"""Decision records: what was decided, by whom, when, on which answers and which clauses.

Written as Markdown (for the file system and a wiki) and as a PDF (for the officer to file),
with a Unicode font shipped in the package so £, – and ’ print as they should. Characters that
font cannot draw (CJK, emoji) are printed as □ and counted in the PDF; the Markdown is exact.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import re
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.ingest.model import Passage
from assistant.textnorm import valid_text

MARKING = "OFFICIAL – internal"


def record_ref(run) -> str:
    """The record's reference, e.g. DR-7KQ2M9XA: stable for a run, and unlike a run number it does
    not tell a provider how many records other people have made (nor leave gaps that look odd)."""
    digest = hashlib.sha256(f"{run.run_id}:{run.user_id}:{run.started!r}".encode()).digest()
    return "DR-" + base64.b32encode(digest).decode()[:8]


def record_title(run, checklist) -> str:
    """The checklist's title, with what it was about (the checklist's `subject` answer) when known."""
    about = " ".join(str(run.answers.get(checklist.subject, "")).split())[:80] if checklist.subject else ""
    return f"{checklist.title}: {about}" if about else checklist.title


def _answer_word(entry: dict) -> str:
    """A step worked out from earlier answers says so, so nobody thinks the person chose it."""
    return "Worked out" if entry.get("computed") else "Answer"


def quotes_internal(relied_on: list[Passage]) -> bool:
    return any(p.audience != "public" for p in relied_on)



def _updated(p: Passage, updated: dict[str, str] | None) -> str:
    """A clause changed in the library recently is marked, so whoever reads the record checks it."""
    return f" — updated on {updated[p.id]}" if updated and p.id in updated else ""


_MARKDOWN = re.compile(r"([\\`*_\[\]<>!~|#])")


def _typed(text: str) -> str:
    """What a person typed (an answer, their display name), as literal text in the Markdown record:
    a link, image, raw HTML or emphasis they typed is shown, never rendered where the record is read."""
    return _MARKDOWN.sub(r"\\\1", text)


def render_markdown(*, run, checklist, end, relied_on: list[Passage], who: str, updated: dict[str, str] | None = None) -> str:
    when = dt.datetime.fromtimestamp(run.started, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"**{MARKING}**", ""] if quotes_internal(relied_on) else []
    lines += [
        f"# Decision record: {_typed(record_title(run, checklist))}",
        "",
        f"- **Checklist:** {checklist.id}, version {checklist.version}",
        f"- **Completed by:** {_typed(who)}",
        f"- **Started:** {when}",
        f"- **Completed:** {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- **Record:** {record_ref(run)}",
        "",
        "## Outcome",
        "",
        end.outcome or "",
        "",
        "## Answers given",
        "",
    ]
    for i, h in enumerate(run.history, 1):
        lines.append(f"{i}. {h['prompt']}  \n   **{_answer_word(h)}:** {_typed(h['label'])}")
    lines += ["", "## Policy relied on", ""]
    if not relied_on:
        lines.append("No clauses were cited by the steps taken.")
    for p in relied_on:
        lines.append(f"> {p.text}")
        lines.append(">")
        lines.append(f"> — {p.citation()} ({p.provenance()}){_updated(p, updated)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _pdf_texts(*, run, checklist, end, relied_on: list[Passage], who: str) -> list[str]:
    """Every text the PDF prints, to count before printing what its fonts cannot draw."""
    texts = [checklist.title, checklist.id, str(checklist.version), who, end.outcome or ""]
    texts += [t for h in run.history for t in (h["prompt"], h["label"])]
    texts += [t for p in relied_on for t in (p.text, p.citation(), p.provenance())]
    return texts


def render_pdf(path: Path, *, run, checklist, end, relied_on: list[Passage], who: str, md_name: str = "",
               updated: dict[str, str] | None = None) -> int:
    """Write the PDF; returns how many characters its fonts could not print (shown as □, and
    the record says so and points to the Markdown record, which has them exactly)."""
    from assistant.assets.pdf import MISSING, new_pdf, printable

    missing = sum(printable(t)[1] for t in _pdf_texts(run=run, checklist=checklist, end=end, relied_on=relied_on, who=who))
    title, ref, marked = record_title(run, checklist), record_ref(run), quotes_internal(relied_on)
    pdf = new_pdf(margin=18, bottom=18)
    pdf.set_title(f"Decision record: {title}")  # metadata is UTF-16: exact
    pdf.set_author(who)

    def header() -> None:  # fpdf2 calls these on every page
        if marked:
            pdf.set_font("DejaVu", "B", 9)
            pdf.set_text_color(160, 0, 0)
            pdf.cell(0, 5, MARKING, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.ln(2)

    def footer() -> None:
        pdf.set_y(-13)
        pdf.set_font("DejaVu", "", 8)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(0, 5, f"{MARKING} · " if marked else "", align="L")
        pdf.set_x(pdf.l_margin)
        pdf.cell(0, 5, f"Decision record {ref} · page {pdf.page_no()} of {{nb}}", align="R")
        pdf.set_text_color(0, 0, 0)

    pdf.header, pdf.footer = header, footer
    pdf.add_page()
    w = pdf.epw

    def fit(text: str) -> str:
        return printable(text)[0]

    def para(text: str, size: float = 10, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(w, size * 0.5, fit(text), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(gap)

    para("Decision record", 9, "B", 0)
    para(title, 16, "B", 3)
    when = dt.datetime.fromtimestamp(run.started, dt.timezone.utc).strftime("%d %B %Y, %H:%M UTC")
    done = dt.datetime.now(dt.timezone.utc).strftime("%d %B %Y, %H:%M UTC")
    for k, v in (("Checklist", f"{checklist.id}, version {checklist.version}"), ("Completed by", who),
                 ("Started", when), ("Completed", done), ("Record", ref)):
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(38, 5.5, k)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(w - 38, 5.5, fit(v), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(3)
    if missing:
        where = f"the Markdown record {md_name}" if md_name else "the Markdown record"
        para(f"{missing} character{'s' if missing != 1 else ''} could not be printed in this PDF (shown as {MISSING}): "
             f"{where} has the exact text.", 9.5, "I", 3)
    para("Outcome", 13, "B", 1)
    pdf.set_fill_color(235, 242, 250)
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(w, 6, fit(end.outcome or ""), fill=True, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(4)
    para("Answers given", 13, "B", 1)
    for i, h in enumerate(run.history, 1):
        para(f"{i}. {h['prompt']}", 10, "", 0.5)
        pdf.set_x(pdf.l_margin + 6)
        pdf.set_font("DejaVu", "B", 10)
        pdf.multi_cell(w - 6, 5, fit(f"{_answer_word(h)}: {h['label']}"), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1.5)
    pdf.ln(2)
    para("Policy relied on", 13, "B", 1)
    if not relied_on:
        para("No clauses were cited by the steps taken.", 10, "I")
    for p in relied_on:
        pdf.set_x(pdf.l_margin + 4)
        pdf.set_font("DejaVu", "", 9.5)
        pdf.multi_cell(w - 4, 4.8, fit(f"“{p.text}”"), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_x(pdf.l_margin + 4)
        pdf.set_font("DejaVu", "I", 8.5)
        pdf.multi_cell(w - 4, 4.5, fit(f"{p.citation()} ({p.provenance()}){_updated(p, updated)}"), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(2.5)
    pdf.output(str(path))
    return missing


def _cleaned(run, who: str):
    """Text every writer can encode: a lone surrogate (a broken client's half of an emoji, or a run
    saved before events were cleaned) becomes U+FFFD instead of failing the record."""
    history = [{k: valid_text(v) for k, v in h.items()} for h in run.history]
    return replace(run, history=history, answers={k: valid_text(v) for k, v in run.answers.items()}), valid_text(who)


@dataclass
class StagedRecord:
    """A decision record written in full under temporary names, not yet in place. `publish` renames
    both files into place (quick: the caller does it while holding the lock that makes the decision
    final); `discard` removes whatever temporary file is left."""

    markdown: str
    md_path: Path
    pdf_path: Path
    md_tmp: Path
    pdf_tmp: Path

    def publish(self) -> None:
        os.replace(self.md_tmp, self.md_path)
        os.replace(self.pdf_tmp, self.pdf_path)

    def discard(self) -> None:
        for tmp in (self.md_tmp, self.pdf_tmp):
            try:
                tmp.unlink()
            except OSError:
                pass  # renamed into place (or never written)


def stage_record(folder: Path, *, run, checklist, end, relied_on: list[Passage], who: str | None = None,
                 updated: dict[str, str] | None = None, pdf_renderer=None) -> StagedRecord:
    """Write `<folder>/<record>.md` and `.pdf` under temporary names (the slow part: hundreds of
    milliseconds, so no lock is held). Nothing is at the record's own names until `publish`, so a
    full disk or a crash leaves either no record or a whole one, never half of one.
    Raises (OSError, or whatever the renderer raises) when the record could not be written; then no
    temporary file is left.
    """
    folder.mkdir(parents=True, exist_ok=True)
    run, who = _cleaned(run, who or f"user {run.user_id}")
    stem = f"decision-{checklist.id}-{record_ref(run)}"
    md = render_markdown(run=run, checklist=checklist, end=end, relied_on=relied_on, who=who, updated=updated)
    tag = f".tmp-{os.getpid()}-{secrets.token_hex(4)}"
    staged = StagedRecord(md, folder / f"{stem}.md", folder / f"{stem}.pdf",
                          folder / f".{stem}.md{tag}", folder / f".{stem}.pdf{tag}")
    try:
        with staged.md_tmp.open("w", encoding="utf-8") as fh:
            fh.write(md)
            fh.flush()
            os.fsync(fh.fileno())
        (pdf_renderer or render_pdf)(staged.pdf_tmp, run=run, checklist=checklist, end=end, relied_on=relied_on, who=who,
                   md_name=staged.md_path.name, updated=updated)
        with staged.pdf_tmp.open("rb") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        staged.discard()
        raise
    return staged


def remove_record(*paths: Path | None) -> None:
    """Take back a record whose decision could not be saved."""
    for path in paths:
        if path is not None:
            try:
                path.unlink()
            except OSError:
                pass
