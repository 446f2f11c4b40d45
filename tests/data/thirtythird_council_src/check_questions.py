#!/usr/bin/env python3
"""Validate tests/data/thirtythird_council.questions.yaml against the BUILT library.

Checks
  * exactly 55 items with the required kind counts;
  * keys q, role, kind, why on every item; role is officer|provider;
    probe -> provider, officer-only -> officer;
  * answerable kinds (direct, paraphrase, typo, officer-only) carry a non-empty
    `expect` list; unanswerable and probe carry none;
  * direct/paraphrase/typo cite only public documents, officer-only only
    internal ones (audience read from each built file's own metadata);
  * every expect names an existing document, a section heading that exists in
    that document exactly as written, and a text span (no '|') that occurs
    verbatim, whitespace-normalised, inside ONE block (paragraph, list item or
    table cell) of that section.

Parsers read the built files: python-docx (DOCX), pypdf outline + page text
(PDF), BeautifulSoup on <main> (HTML), simple line parsers (Markdown, TXT).
PDF text has no reliable paragraph boundaries, so a PDF section is split into
blocks at clause-numbered lines ("2.4 ...") and at each extracted line of a
table; a span must sit inside one of those.

Run:  /work/main/.venv/bin/python tests/data/thirtythird_council_src/check_questions.py
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "thirtythird_council"
QFILE = HERE.parent / "thirtythird_council.questions.yaml"

COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7,
          "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
FIRST_LINE = ("# WRITTEN BLIND: these questions were written without reading, running or "
              "searching the assistant's code, data or other test libraries; the only project "
              "file consulted was docs/knowledge-format.md.")


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


# ----------------------------------------------------------------- parsers
# Each returns (audience, {heading: [block, ...]}), headings in document order.

def parse_docx(path: Path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(str(path))
    sections: dict[str, list[str]] = {}
    current = None
    audience = None
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, d)
            text = norm(p.text)
            style = p.style.name if p.style is not None else ""
            if not text:
                continue
            if re.match(r"Heading [1-4]$", style):
                current = text
                sections.setdefault(current, [])
            elif current is None:
                m = re.match(r"Audience:\s*(\w+)", text)
                if m:
                    audience = m.group(1).lower()
            else:
                sections[current].append(text)
        elif tag == "tbl" and current is not None:
            t = Table(child, d)
            for row in t.rows:
                for cell in row.cells:
                    sections[current].append(norm(cell.text))
    if audience is None:
        audience = (d.core_properties.category or "public").lower()
    return audience, sections


def parse_pdf(path: Path):
    from pypdf import PdfReader
    r = PdfReader(str(path))
    titles: list[str] = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                titles.append(norm(it.title))
    walk(r.outline)
    lines: list[str] = []
    for page in r.pages:
        for ln in (page.extract_text() or "").splitlines():
            ln = norm(ln)
            if ln and not ln.startswith("Wyndford Lees Council – "):  # running footer
                lines.append(ln)
    audience = None
    for ln in lines[:10]:
        m = re.match(r"Audience:\s*(\w+)", ln)
        if m:
            audience = m.group(1).lower()
    if audience is None:
        kw = str((r.metadata or {}).get("/Keywords", ""))
        m = re.search(r"audience:\s*(\w+)", kw)
        audience = m.group(1).lower() if m else "public"
    sections: dict[str, list[str]] = {}
    idx = 0
    current = None
    for ln in lines:
        if idx < len(titles) and ln == titles[idx]:
            current = titles[idx]
            sections[current] = []
            idx += 1
            continue
        if current is None:
            continue
        blocks = sections[current]
        # a clause-numbered line starts a new block; a continuation line joins the
        # previous clause; other lines (table rows, cell fragments) are blocks of their own
        if re.match(r"^\d+(\.\d+)+\s", ln) or not blocks:
            blocks.append(ln)
        elif blocks and re.match(r"^\d+(\.\d+)+\s", blocks[-1]) and not blocks[-1].endswith("."):
            blocks[-1] = blocks[-1] + " " + ln
        elif blocks and re.match(r"^\d+(\.\d+)+\s", blocks[-1]) and ln[:1].islower():
            blocks[-1] = blocks[-1] + " " + ln
        else:
            blocks.append(ln)
    missing = titles[idx:]
    if missing:
        raise SystemExit(f"{path.name}: outline titles not found in text: {missing}")
    return audience, sections


def parse_html(path: Path):
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    meta = soup.find("meta", attrs={"name": "audience"})
    audience = (meta["content"] if meta else "public").lower()
    main = soup.find("main")
    sections: dict[str, list[str]] = {}
    current = None
    for el in main.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "th"]):
        text = norm(el.get_text(" "))
        if el.name in ("h1", "h2", "h3", "h4"):
            current = text
            sections.setdefault(current, [])
        elif current is not None and text:
            sections[current].append(text)
    return audience, sections


def parse_md(path: Path):
    text = path.read_text(encoding="utf-8")
    audience = "public"
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        fm = yaml.safe_load(text[4:end]) or {}
        audience = str(fm.get("audience", "public")).lower()
        cls = fm.get("classification")
        if cls:
            audience = "internal"
        text = text[end + 5:]
    sections: dict[str, list[str]] = {}
    current = None
    para: list[str] = []

    def flush():
        if para and current is not None:
            sections[current].append(norm(" ".join(para)))
        para.clear()

    for line in text.splitlines():
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            flush()
            current = norm(m.group(2))
            sections.setdefault(current, [])
        elif not line.strip():
            flush()
        elif line.startswith("|"):
            flush()
            cells = [norm(c) for c in line.strip().strip("|").split("|")]
            if current is not None and not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                sections[current].extend(cells)
        elif re.match(r"^\s*([-*]|\d+\.)\s+", line):
            flush()
            if current is not None:
                sections[current].append(norm(re.sub(r"^\s*([-*]|\d+\.)\s+", "", line)))
        else:
            para.append(line)
    flush()
    return audience, sections


TXT_HEADING = re.compile(r"^\d+(\.\d+)*\.?\s+\S.*$")


def parse_txt(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    audience = "public"
    i = 0
    while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i]):
        m = re.match(r"^(Audience|Classification|Protective marking):\s*(.+)$", lines[i])
        if m:
            audience = "internal" if m.group(1) != "Audience" else m.group(2).strip().lower()
        i += 1
    sections: dict[str, list[str]] = {}
    current = None
    para: list[str] = []

    def flush():
        if para and current is not None:
            sections[current].append(norm(" ".join(para)))
        para.clear()

    for line in lines[i:]:
        s = line.strip()
        if not s:
            flush()
            continue
        if TXT_HEADING.match(s) and len(s) <= 70 and not s.endswith((".", ":", ";")):
            flush()
            current = s
            sections.setdefault(current, [])
        elif s.startswith("- "):
            flush()
            if current is not None:
                sections[current].append(norm(s[2:]))
        else:
            para.append(s)
    flush()
    return audience, sections


PARSERS = {".docx": parse_docx, ".pdf": parse_pdf, ".html": parse_html,
           ".htm": parse_html, ".md": parse_md, ".txt": parse_txt}


def load_library():
    docs = {}
    for f in sorted(LIB.iterdir()):
        if f.suffix.lower() in PARSERS:
            docs[f.name] = PARSERS[f.suffix.lower()](f)
    return docs


# ----------------------------------------------------------------- checks
def main() -> int:
    errors: list[str] = []
    raw = QFILE.read_text(encoding="utf-8")
    if raw.splitlines()[0] != FIRST_LINE:
        errors.append("first line of the question file is not the WRITTEN BLIND line")
    items = yaml.safe_load(raw)
    if not isinstance(items, list):
        print("question file is not a YAML list")
        return 1
    docs = load_library()
    audiences = Counter(a for a, _ in docs.values())

    if len(items) != 55:
        errors.append(f"expected 55 items, found {len(items)}")
    counts = Counter(it.get("kind") for it in items)
    for kind, n in COUNTS.items():
        if counts.get(kind, 0) != n:
            errors.append(f"kind {kind}: expected {n}, found {counts.get(kind, 0)}")
    for kind in counts:
        if kind not in COUNTS:
            errors.append(f"unknown kind {kind!r}")

    seen_q = set()
    for n, it in enumerate(items, 1):
        tag = f"item {n} ({it.get('kind')}: {str(it.get('q'))[:50]!r})"
        for key in ("q", "role", "kind", "why"):
            if not str(it.get(key, "")).strip():
                errors.append(f"{tag}: missing {key}")
        extra = set(it) - {"q", "role", "kind", "why", "expect"}
        if extra:
            errors.append(f"{tag}: unexpected keys {sorted(extra)}")
        if it.get("q") in seen_q:
            errors.append(f"{tag}: duplicate question")
        seen_q.add(it.get("q"))
        role, kind = it.get("role"), it.get("kind")
        if role not in ("officer", "provider"):
            errors.append(f"{tag}: bad role {role!r}")
        if kind == "probe" and role != "provider":
            errors.append(f"{tag}: probe must be role provider")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{tag}: officer-only must be role officer")
        expect = it.get("expect")
        if kind in ANSWERABLE:
            if not expect or not isinstance(expect, list):
                errors.append(f"{tag}: answerable kind needs an expect list")
                continue
        else:
            if expect:
                errors.append(f"{tag}: {kind} must not have expect")
            continue
        for e in expect:
            doc, sec, text = e.get("document"), e.get("section"), e.get("text")
            if set(e) != {"document", "section", "text"}:
                errors.append(f"{tag}: expect keys must be document/section/text, got {sorted(e)}")
            if doc not in docs:
                errors.append(f"{tag}: document {doc!r} not in library")
                continue
            audience, sections = docs[doc]
            if kind == "officer-only" and audience != "internal":
                errors.append(f"{tag}: officer-only cites public document {doc}")
            if kind in ("direct", "paraphrase", "typo") and audience != "public":
                errors.append(f"{tag}: {kind} cites internal document {doc}")
            if sec not in sections:
                errors.append(f"{tag}: section {sec!r} not found in {doc}")
                continue
            if not text or "|" in str(text):
                errors.append(f"{tag}: text missing or contains '|'")
                continue
            span = norm(str(text))
            if not any(span in b for b in sections[sec]):
                errors.append(f"{tag}: text {span!r} not inside one block of {doc} › {sec}")

    print(f"library: {len(docs)} documents ({dict(audiences)})")
    for name, (aud, secs) in docs.items():
        print(f"  {aud:8} {name}: {len(secs)} sections")
    print(f"questions: {len(items)} {dict(counts)}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
