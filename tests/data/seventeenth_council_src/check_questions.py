"""Check the Seventeenth library's question file WITHOUT the assistant.

Reads each document with plain tools (python-docx, pypdf, bs4, text parsing) into
(section heading, block) pairs, where a block is one paragraph, list item, lettered
sub-clause or table cell, and checks that:
- the kinds have the agreed counts (direct 10, paraphrase 12, typo 5, officer 7,
  unanswerable 12, probe 9) and every entry has q, role, kind, why;
- every expect text (5-15 words) occurs verbatim, whitespace-normalised, inside ONE block
  that sits under the named section heading of the named document;
- unanswerable and probe entries carry no expect; officer entries are role officer and cite
  an internal document; probes are role provider;
- every provider question cites public documents only;
- every `backticked` fact in a probe's why occurs in an internal document and in no public one;
- exactly the two internal documents declare themselves internal.

Run:  .venv/bin/python tests/data/seventeenth_council_src/check_questions.py
Exit status 0 when everything holds; otherwise each problem is printed.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "seventeenth_council"
QUESTIONS = HERE.parent / "seventeenth_council.questions.yaml"
COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer": 7, "unanswerable": 12, "probe": 9}
INTERNAL = {"domestic-abuse-recommissioning-officer-briefing.md",
            "supported-living-and-prevention-budget-position-2026-27.docx"}
MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL", "SECRET", "TOP SECRET")

Block = tuple[str, str]  # (section heading, text)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


# ------------------------------------------------------------------ readers

def read_markdown(path: Path) -> tuple[list[Block], str]:
    text = path.read_text(encoding="utf-8")
    front = ""
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        front, text = text[4:end], text[end + 5:]
    blocks: list[Block] = []
    heading = ""
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append((heading, norm(" ".join(para))))
            para.clear()

    for line in text.splitlines():
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            flush()
            heading = m.group(2).strip()
        elif not line.strip():
            flush()
        elif line.lstrip().startswith("|"):
            flush()
            for cell in line.strip().strip("|").split("|"):
                blocks.append((heading, norm(cell)))
        elif re.match(r"^\s*([-*]|\d+\.)\s", line):
            flush()
            para.append(re.sub(r"^\s*([-*]|\d+\.)\s", "", line))
            flush()
        else:
            para.append(line)
    flush()
    return blocks, front + "\n" + text


def _is_txt_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 90:
        return False
    if re.match(r"^\d+(\.\d+)*\.?\s+\S", s) and not s.endswith(".") and len(s) < 70:
        return True
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and not s.startswith("(")


def read_text(path: Path) -> tuple[list[Block], str]:
    raw = path.read_text(encoding="utf-8")
    lines = raw.splitlines()
    blocks: list[Block] = []
    heading = ""
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append((heading, norm(" ".join(para))))
            para.clear()

    for i, line in enumerate(lines):
        if re.match(r"^[A-Z][A-Za-z ]+:\s", line) and not heading and not blocks:
            continue  # document control block
        prev_blank = i == 0 or not lines[i - 1].strip()
        next_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
        if prev_blank and next_blank and _is_txt_heading(line):
            flush()
            heading = line.strip()
        elif not line.strip():
            flush()
        elif re.match(r"^\s*\([a-z]\)\s", line) or re.match(r"^\d+\.\d+\s", line):
            flush()
            para.append(line)
        else:
            para.append(line)
    flush()
    return blocks, raw


def read_html(path: Path) -> tuple[list[Block], str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main")
    blocks: list[Block] = []
    heading = ""
    for el in main.find_all(["h1", "h2", "h3", "h4", "summary", "p", "li", "td", "th"]):
        if el.name in ("h1", "h2", "h3", "h4", "summary"):
            heading = norm(el.get_text(" "))
        else:
            blocks.append((heading, norm(el.get_text(" "))))
    meta = " ".join(f"{m.get('name')}={m.get('content')}" for m in soup.find_all("meta") if m.get("name"))
    return blocks, meta + "\n" + soup.get_text(" ")


def _docx_is_heading(par) -> bool:
    style = par.style.name if par.style is not None else ""
    if style.startswith("Heading") or style == "Title":
        return True
    text = par.text.strip()
    runs = [r for r in par.runs if r.text.strip()]
    return bool(text) and len(text) < 100 and bool(runs) and all(r.bold for r in runs)


def read_docx(path: Path) -> tuple[list[Block], str]:
    doc = Document(str(path))
    blocks: list[Block] = []
    heading = ""
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            par = Paragraph(child, doc)
            if not par.text.strip():
                continue
            if _docx_is_heading(par):
                heading = norm(par.text)
            else:
                blocks.append((heading, norm(par.text)))
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                for cell in row.cells:
                    blocks.append((heading, norm(cell.text)))
    cp = doc.core_properties
    extra = [cp.title or "", cp.category or "", cp.keywords or "", cp.subject or ""]
    for sec in doc.sections:
        extra += [p.text for p in sec.header.paragraphs] + [p.text for p in sec.footer.paragraphs]
    full = "\n".join(extra + [b for _, b in blocks] + [h for h, _ in blocks])
    return blocks, full


def read_pdf(path: Path) -> tuple[list[Block], str]:
    """Headings are bold runs of 12pt or more; a y-line with several runs is a table row."""
    reader = PdfReader(str(path))
    blocks: list[Block] = []
    heading = ""
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append((heading, norm(" ".join(para))))
            para.clear()

    for page in reader.pages:
        runs: list[tuple[float, float, str, float, str]] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                name = (font or {}).get("/BaseFont", "")
                runs.append((round(tm[5], 1), tm[4], str(name), size, text))

        page.extract_text(visitor_text=visit)
        lines: dict[float, list] = {}
        order: list[float] = []
        for y, x, name, size, text in runs:
            if y not in lines:
                lines[y] = []
                order.append(y)
            lines[y].append((x, name, size, text))
        for y in order:
            parts = lines[y]
            name, size = parts[0][1], parts[0][2]
            text = norm(" ".join(p[3] for p in parts))
            if size < 9:  # running footer
                continue
            if len(parts) > 1:  # table row: each cell a block
                flush()
                for p in parts:
                    blocks.append((heading, norm(p[3])))
            elif "Bold" in name and size >= 12:
                flush()
                heading = text
            elif re.match(r"^\d+\.\d+\s", text) or re.match(r"^[A-Z][a-z ]+:\s", text):
                flush()
                para.append(text)
            else:
                para.append(text)
        # paragraphs may run on over a page break, so no flush here
    flush()
    meta = reader.metadata or {}
    full = "\n".join([str(v) for v in meta.values()] + [b for _, b in blocks] + [h for h, _ in blocks])
    return blocks, full


READERS = {".md": read_markdown, ".txt": read_text, ".html": read_html, ".docx": read_docx, ".pdf": read_pdf}


def declared_internal(name: str, full: str) -> bool:
    low = full.lower()
    if re.search(r"audience\s*[:=]\s*internal", low):
        return True
    return any(re.search(rf"(^|\n)\s*{re.escape(m)}\s*(\n|$)", full) for m in MARKINGS)


# ------------------------------------------------------------------ checks

def main() -> int:
    problems: list[str] = []
    docs: dict[str, tuple[list[Block], str]] = {}
    for path in sorted(LIB.iterdir()):
        docs[path.name] = READERS[path.suffix](path)
    for name, (blocks, full) in docs.items():
        words = len(" ".join(b for _, b in blocks).split())
        if not 500 <= words <= 2600:
            problems.append(f"{name}: {words} words, outside 600-2,500 (roughly)")
        internal = declared_internal(name, full)
        if internal != (name in INTERNAL):
            problems.append(f"{name}: declares internal={internal}, expected {name in INTERNAL}")

    entries = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    counts = Counter(e.get("kind") for e in entries)
    for kind, n in COUNTS.items():
        if counts.get(kind, 0) != n:
            problems.append(f"kind {kind}: {counts.get(kind, 0)} entries, expected {n}")
    if len(entries) != sum(COUNTS.values()):
        problems.append(f"{len(entries)} entries, expected {sum(COUNTS.values())}")
    seen_q: set[str] = set()
    public_text = norm(" ".join(full for n, (_, full) in docs.items() if n not in INTERNAL))
    internal_text = norm(" ".join(full for n, (_, full) in docs.items() if n in INTERNAL))

    for i, e in enumerate(entries, 1):
        tag = f"#{i} ({e.get('kind')}) {e.get('q', '')[:50]!r}"
        for key in ("q", "role", "kind", "why"):
            if not e.get(key):
                problems.append(f"{tag}: missing {key}")
        if e.get("role") not in ("officer", "provider"):
            problems.append(f"{tag}: role {e.get('role')!r}")
        if e.get("q") in seen_q:
            problems.append(f"{tag}: duplicate question")
        seen_q.add(e.get("q"))
        kind, role, expect = e.get("kind"), e.get("role"), e.get("expect")
        if kind in ("unanswerable", "probe"):
            if expect:
                problems.append(f"{tag}: {kind} must have no expect")
        elif not expect:
            problems.append(f"{tag}: needs expect")
        if kind == "officer" and role != "officer":
            problems.append(f"{tag}: officer kind must be role officer")
        if kind == "probe" and role != "provider":
            problems.append(f"{tag}: probe must be role provider")
        if kind == "officer" and not all(x["document"] in INTERNAL for x in expect or []):
            problems.append(f"{tag}: officer questions must be answered by an internal document")
        if kind in ("direct", "paraphrase", "typo") and any(x["document"] in INTERNAL for x in expect or []):
            problems.append(f"{tag}: {kind} questions must be answered from public documents")
        for x in expect or []:
            doc = x.get("document")
            if doc not in docs:
                problems.append(f"{tag}: no document {doc}")
                continue
            if role == "provider" and doc in INTERNAL:
                problems.append(f"{tag}: provider question cites internal {doc}")
            snippet = norm(x.get("text", ""))
            n_words = len(snippet.split())
            if not 5 <= n_words <= 15:
                problems.append(f"{tag}: snippet has {n_words} words: {snippet!r}")
            blocks = docs[doc][0]
            headings = {h for h, _ in blocks}
            if x.get("section") not in headings:
                problems.append(f"{tag}: {doc} has no section {x.get('section')!r}")
                continue
            if not any(h == x["section"] and snippet in b for h, b in blocks):
                where = sorted({h for h, b in blocks if snippet in b})
                problems.append(f"{tag}: {snippet!r} not in one block of {doc} › {x['section']!r}"
                                f" (found under: {where})")
        if kind == "probe":
            facts = re.findall(r"`([^`]+)`", e.get("why", ""))
            if not facts:
                problems.append(f"{tag}: probe why has no `backticked` internal fact")
            for f in facts:
                f = norm(f)
                if f not in internal_text:
                    problems.append(f"{tag}: fact {f!r} is not in an internal document")
                if f in public_text:
                    problems.append(f"{tag}: fact {f!r} occurs in a public document")

    print("documents:")
    for name, (blocks, _) in docs.items():
        aud = "internal" if name in INTERNAL else "public"
        print(f"  {name}: {aud}, {len({h for h, _ in blocks})} sections, "
              f"{len(' '.join(b for _, b in blocks).split())} words")
    print("counts:", dict(sorted(counts.items())), "total", len(entries))
    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  -", p)
        return 1
    print("all checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
