#!/usr/bin/env python3
"""Validate thirtyseventh_council.questions.yaml against the built library.

Checks, for every question:
* the schema (q, role, kind, why; expect only for answerable kinds);
* every expected document exists in ../thirtyseventh_council/;
* every expected section is a heading of that document (as written);
* every expected text occurs (exactly, whitespace-normalised) in that section's own text,
  inside one paragraph or table cell;
* provider questions expect only public documents, officer-only questions expect an
  internal one;
and, for the file: the blind header line, 55 questions, and the mix of kinds.

Section text runs from the heading to the next heading of any level.

    /work/main/.venv/bin/python tests/data/thirtyseventh_council_src/check_questions.py
"""
from __future__ import annotations

import html.parser
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "thirtyseventh_council"
QFILE = HERE.parent / "thirtyseventh_council.questions.yaml"

HEADER = ("# WRITTEN BLIND: these questions were written without reading, running or searching the "
          "assistant's code, data or other test libraries; the only project file consulted was "
          "docs/knowledge-format.md.")
MIX = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
MARKINGS = re.compile(r"^(OFFICIAL|OFFICIAL-SENSITIVE|SECRET|TOP SECRET|OFFICIAL – internal)$")

SEP = "\u241e"  # separates paragraphs / cells so that a quote cannot span two of them


def norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    return re.sub(r"[ \t\r\n]+", " ", s).strip()


class Doc:
    def __init__(self) -> None:
        self.sections: list[tuple[str, list[str]]] = []  # (heading, units of text)
        self.audience = "public"

    def head(self, title: str) -> None:
        self.sections.append((norm(title), []))

    def add(self, text: str) -> None:
        t = norm(text)
        if t and self.sections:
            self.sections[-1][1].append(t)


# --------------------------------------------------------------------------- readers
def front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text


def audience_of(decl: dict, body_lines: list[str]) -> str:
    aud = str(decl.get("audience", "public")).lower()
    for key in ("classification", "protective marking", "security classification"):
        if decl.get(key):
            aud = "internal"
    if any(MARKINGS.match(l.strip()) for l in body_lines):
        aud = "internal"
    return aud


def read_md(p: Path) -> Doc:
    meta, body = front_matter(p.read_text(encoding="utf-8"))
    d = Doc()
    lines = body.splitlines()
    d.audience = audience_of(meta, lines)
    para: list[str] = []

    def flush():
        if para:
            d.add(re.sub(r"\*\*|__", "", " ".join(para)))
            para.clear()

    for line in lines:
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            flush()
            d.head(m.group(2))
        elif line.startswith("|"):
            flush()
            for c in line.strip().strip("|").split("|"):
                if not re.fullmatch(r"\s*:?-{3,}:?\s*", c):
                    d.add(c)
        elif line.startswith("- "):
            flush()
            d.add(line[2:])
        elif not line.strip():
            flush()
        else:
            para.append(line)
    flush()
    return d


def read_txt(p: Path) -> Doc:
    lines = p.read_text(encoding="utf-8").splitlines()
    decl: dict = {}
    i = 0
    while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+: ", lines[i]):
        k, v = lines[i].split(": ", 1)
        decl[k.lower()] = v.strip()
        i += 1
    d = Doc()
    d.audience = audience_of(decl, lines[i:])
    para: list[str] = []

    def flush():
        if para:
            d.add(" ".join(para))
            para.clear()

    body = lines[i:]
    for j, line in enumerate(body):
        s = line.strip()
        nxt = body[j + 1].strip() if j + 1 < len(body) else ""
        numbered = re.match(r"^\d+(\.\d+)*\.?\s+\S", s) and len(s) <= 80 and not s.endswith(".")
        caps = s and re.search(r"[A-Z]{2}", s) and s == s.upper() and len(s) <= 80
        underlined = s and re.fullmatch(r"(=|-){3,}", nxt)
        if re.fullmatch(r"(=|-){3,}", s):
            continue
        if numbered or caps or underlined:
            flush()
            d.head(s)
        elif s.startswith("- "):
            flush()
            d.add(s[2:])
        elif not s:
            flush()
        else:
            para.append(s)
    flush()
    return d


class _HTML(html.parser.HTMLParser):
    BLOCK = {"p", "li", "td", "th", "tr", "div", "ul", "ol", "table", "section", "br"}

    def __init__(self, d: Doc) -> None:
        super().__init__(convert_charrefs=True)
        self.d = d
        self.buf: list[str] = []
        self.in_head: str | None = None
        self.skip = 0
        self.meta: dict = {}

    def flush(self):
        if self.buf:
            self.d.add("".join(self.buf))
            self.buf = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta[a["name"].lower()] = a.get("content", "")
        if tag in ("script", "style"):
            self.skip += 1
        elif re.fullmatch(r"h[1-4]", tag):
            self.flush()
            self.in_head = tag
        elif tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        elif tag == self.in_head:
            self.d.head("".join(self.buf))
            self.buf = []
            self.in_head = None
        elif tag in self.BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)


def read_html(p: Path) -> Doc:
    d = Doc()
    h = _HTML(d)
    h.feed(p.read_text(encoding="utf-8"))
    h.flush()
    d.audience = audience_of(h.meta, [])
    return d


def read_docx(p: Path) -> Doc:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = docx.Document(str(p))
    d = Doc()
    decl: dict = {"audience": doc.core_properties.category or "public"}
    started = False
    texts: list[str] = []
    for el in doc.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(el, doc)
            style = para.style.name if para.style is not None else ""
            texts.append(para.text)
            if style.startswith("Heading"):
                started = True
                d.head(para.text)
            elif not started:
                m = re.match(r"^([A-Z][A-Za-z ]+): (.*)$", para.text)
                if m:
                    decl[m.group(1).lower()] = m.group(2)
            else:
                d.add(para.text)
        elif tag == "tbl":
            for row in Table(el, doc).rows:
                for cell in row.cells:
                    d.add(cell.text)
    for sec in doc.sections:
        texts += [q.text for q in sec.header.paragraphs] + [q.text for q in sec.footer.paragraphs]
    d.audience = audience_of(decl, texts)
    return d


def read_pdf(p: Path) -> Doc:
    import pypdf

    r = pypdf.PdfReader(str(p))
    titles: list[str] = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                titles.append(it.title)

    walk(r.outline)
    if not titles:
        raise SystemExit(f"{p.name}: PDF has no outline")
    pages = [pg.extract_text() or "" for pg in r.pages]
    full = "\n".join(pages)
    decl: dict = {}
    kw = (r.metadata or {}).get("/Keywords", "") or ""
    for part in kw.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            decl[k.strip().lower()] = v.strip()
    first = full.splitlines()
    for line in first:
        m = re.match(r"^(Title|Owner|Version|Review date|Audience|Classification): (.*)$", line.strip())
        if m:
            decl[m.group(1).lower()] = m.group(2)
    d = Doc()
    d.audience = audience_of(decl, first)
    # locate each outline title in the text, in order
    flat = norm(full)
    pos = 0
    spans = []
    for t in titles:
        k = flat.find(norm(t), pos)
        if k < 0:
            raise SystemExit(f"{p.name}: outline entry {t!r} not found in the page text")
        spans.append((t, k, k + len(norm(t))))
        pos = k + len(norm(t))
    for idx, (t, _, end) in enumerate(spans):
        stop = spans[idx + 1][1] if idx + 1 < len(spans) else len(flat)
        d.head(t)
        # PDF text has no reliable paragraph marks: the section is one unit, which the
        # whitespace normalisation makes comparable with the quotes.
        d.add(flat[end:stop])
    return d


READERS = {".md": read_md, ".txt": read_txt, ".html": read_html, ".htm": read_html,
           ".docx": read_docx, ".pdf": read_pdf}


# --------------------------------------------------------------------------- checks
def main() -> int:
    errors: list[str] = []
    raw = QFILE.read_text(encoding="utf-8")
    if raw.splitlines()[0] != HEADER:
        errors.append("first line is not the WRITTEN BLIND header")
    qs = yaml.safe_load(raw)
    if not isinstance(qs, list):
        print("questions file is not a YAML list")
        return 1
    if len(qs) != 55:
        errors.append(f"expected 55 questions, found {len(qs)}")
    kinds = Counter(q.get("kind") for q in qs)
    if dict(kinds) != MIX:
        errors.append(f"kind mix {dict(kinds)} != {MIX}")

    files = sorted(f for f in LIB.iterdir() if f.is_file())
    stems = Counter(f.stem for f in files)
    for s, n in stems.items():
        if n > 1:
            errors.append(f"library holds {n} files for document {s!r}")
    docs = {f.name: READERS[f.suffix](f) for f in files}
    if not any(d.audience == "internal" for d in docs.values()):
        errors.append("no internal document in the library")
    for name, d in docs.items():
        print(f"  {name}: {d.audience}, {len(d.sections)} sections")

    seen_q = set()
    for n, q in enumerate(qs, 1):
        tag = f"Q{n} ({q.get('kind')}): {str(q.get('q'))[:60]!r}"
        for key in ("q", "role", "kind", "why"):
            if not q.get(key):
                errors.append(f"{tag}: missing {key}")
        if q.get("q") in seen_q:
            errors.append(f"{tag}: duplicate question")
        seen_q.add(q.get("q"))
        role, kind = q.get("role"), q.get("kind")
        if role not in ("provider", "officer"):
            errors.append(f"{tag}: bad role {role!r}")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{tag}: officer-only question must have role officer")
        if kind == "probe" and role != "provider":
            errors.append(f"{tag}: probe must have role provider")
        if kind in ANSWERABLE:
            exp = q.get("expect")
            if not exp:
                errors.append(f"{tag}: answerable question without expect")
                continue
            for e in exp:
                doc = docs.get(e.get("document"))
                if doc is None:
                    errors.append(f"{tag}: document {e.get('document')!r} not in library")
                    continue
                if role == "provider" and doc.audience != "public":
                    errors.append(f"{tag}: provider question expects internal document {e['document']}")
                if kind == "officer-only" and doc.audience != "internal":
                    errors.append(f"{tag}: officer-only question expects public document {e['document']}")
                sec = norm(str(e.get("section", "")))
                matches = [units for h, units in doc.sections if h == sec]
                if not matches:
                    errors.append(f"{tag}: section {e.get('section')!r} is not a heading of {e['document']}")
                    continue
                text = norm(str(e.get("text", "")))
                if not text:
                    errors.append(f"{tag}: empty text")
                elif not any(text in u for units in matches for u in units):
                    errors.append(f"{tag}: text {e.get('text')!r} not in section {e.get('section')!r}")
        elif "expect" in q:
            errors.append(f"{tag}: {kind} question must not carry expect")

    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  - " + e)
        return 1
    print(f"OK: {len(qs)} questions, kinds {dict(kinds)}, {len(docs)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
