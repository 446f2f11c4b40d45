"""Decision records: what was decided, by whom, when, on which answers and which clauses.

Written as Markdown (for the file system and a wiki) and as a PDF (for the officer to file),
with a Unicode font shipped in the package so £, – and ’ print as they should.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from dataclasses import replace
from pathlib import Path

from assistant.ingest.model import Passage



def render_markdown(*, run, checklist, end, relied_on: list[Passage], who: str) -> str:
    when = dt.datetime.fromtimestamp(run.started, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# Decision record: {checklist.title}",
        "",
        f"- **Checklist:** {checklist.id}, version {checklist.version}",
        f"- **Completed by:** {who}",
        f"- **Started:** {when}",
        f"- **Completed:** {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- **Record number:** {run.run_id}",
        "",
        "## Outcome",
        "",
        end.outcome or "",
        "",
        "## Answers given",
        "",
    ]
    for i, h in enumerate(run.history, 1):
        lines.append(f"{i}. {h['prompt']}  \n   **Answer:** {h['label']}")
    lines += ["", "## Policy relied on", ""]
    if not relied_on:
        lines.append("No clauses were cited by the steps taken.")
    for p in relied_on:
        lines.append(f"> {p.text}")
        lines.append(f">")
        lines.append(f"> — {p.citation()} ({p.provenance()})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_pdf(path: Path, *, run, checklist, end, relied_on: list[Passage], who: str) -> None:
    from assistant.assets.pdf import new_pdf

    pdf = new_pdf(margin=18, bottom=16)
    pdf.set_title(f"Decision record: {checklist.title}")
    pdf.set_author(who)
    pdf.add_page()
    w = pdf.epw

    def para(text: str, size: float = 10, style: str = "", gap: float = 1.5) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(w, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(gap)

    para("Decision record", 9, "B", 0)
    para(checklist.title, 16, "B", 3)
    when = dt.datetime.fromtimestamp(run.started, dt.timezone.utc).strftime("%d %B %Y, %H:%M UTC")
    done = dt.datetime.now(dt.timezone.utc).strftime("%d %B %Y, %H:%M UTC")
    for k, v in (("Checklist", f"{checklist.id}, version {checklist.version}"), ("Completed by", who),
                 ("Started", when), ("Completed", done), ("Record number", str(run.run_id))):
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(38, 5.5, k)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(w - 38, 5.5, v, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(3)
    para("Outcome", 13, "B", 1)
    pdf.set_fill_color(235, 242, 250)
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(w, 6, end.outcome or "", fill=True, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(4)
    para("Answers given", 13, "B", 1)
    for i, h in enumerate(run.history, 1):
        para(f"{i}. {h['prompt']}", 10, "", 0.5)
        pdf.set_x(pdf.l_margin + 6)
        pdf.set_font("DejaVu", "B", 10)
        pdf.multi_cell(w - 6, 5, f"Answer: {h['label']}", new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1.5)
    pdf.ln(2)
    para("Policy relied on", 13, "B", 1)
    if not relied_on:
        para("No clauses were cited by the steps taken.", 10, "I")
    for p in relied_on:
        pdf.set_x(pdf.l_margin + 4)
        pdf.set_font("DejaVu", "", 9.5)
        pdf.multi_cell(w - 4, 4.8, f"“{p.text}”", new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_x(pdf.l_margin + 4)
        pdf.set_font("DejaVu", "I", 8.5)
        pdf.multi_cell(w - 4, 4.5, f"{p.citation()} ({p.provenance()})", new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(2.5)
    pdf.output(str(path))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text):
    """Text every writer can encode: a lone surrogate (a broken client's half of an emoji) becomes
    U+FFFD instead of failing the record."""
    return _SURROGATE.sub("\ufffd", text) if isinstance(text, str) else text


def _cleaned(run, who: str):
    history = [{k: _clean(v) for k, v in h.items()} for h in run.history]
    return replace(run, history=history, answers={k: _clean(v) for k, v in run.answers.items()}), _clean(who)


def write_record(folder: Path, *, run, checklist, end, relied_on: list[Passage], who: str | None = None):
    """Write `<folder>/<record>.md` and `.pdf`; returns (markdown, md path, pdf path).

    Each file is written under a temporary name and renamed into place only when both are
    complete, so a full disk or a crash leaves either no record or a whole one, never half of one.
    Raises (OSError, or whatever the renderer raises) when the record could not be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    run, who = _cleaned(run, who or f"user {run.user_id}")
    stem = f"decision-{run.run_id:05d}-{checklist.id}"
    md = render_markdown(run=run, checklist=checklist, end=end, relied_on=relied_on, who=who)
    md_path, pdf_path = folder / f"{stem}.md", folder / f"{stem}.pdf"
    tag = f".tmp-{os.getpid()}-{secrets.token_hex(4)}"
    md_tmp, pdf_tmp = folder / f".{stem}.md{tag}", folder / f".{stem}.pdf{tag}"
    try:
        with md_tmp.open("w", encoding="utf-8") as fh:
            fh.write(md)
            fh.flush()
            os.fsync(fh.fileno())
        render_pdf(pdf_tmp, run=run, checklist=checklist, end=end, relied_on=relied_on, who=who)
        with pdf_tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(md_tmp, md_path)
        os.replace(pdf_tmp, pdf_path)
    finally:
        for tmp in (md_tmp, pdf_tmp):
            try:
                tmp.unlink()
            except OSError:
                pass  # renamed into place (or never written)
    return md, md_path, pdf_path


def remove_record(*paths: Path | None) -> None:
    """Take back a record whose decision could not be saved."""
    for path in paths:
        if path is not None:
            try:
                path.unlink()
            except OSError:
                pass
