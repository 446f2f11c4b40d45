"""Prove the fifteenth library's question file without the engine.

Reads every document back the way a reader (or a plain library) sees it: python-docx for the DOCX
(every w:p in document order, including those inside block content controls and table cells, with
Word's automatic numbers worked out from numbering.xml), pypdf for the PDF, html.parser for the
HTML, and plain text for Markdown and text. Then checks that the YAML parses, the kinds add up,
every expect names an existing document, an existing section heading (substring of a heading as
a reader sees it) and a snippet that occurs verbatim in that section, that officer-only answers
come only from the internal document, answerable provider questions only from public ones, and
that probe facts and officer-only snippets occur in no public document.

Run: .venv/bin/python tests/data/fifteenth_council_src/check_questions.py  (exit 0 = pass)
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import yaml
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "fifteenth_council"
QUESTIONS = HERE.parent / "fifteenth_council.questions.yaml"
KINDS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


# ------------------------------------------------------------------ readers: -> (audience, [(heading, text)])
def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
            (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _fmt(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + n - 1)
    if fmt == "upperLetter":
        return chr(ord("A") + n - 1)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


def read_docx(path: Path):
    doc = docx.Document(str(path))
    numbering = doc.part.numbering_part.element
    abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    levels = {}
    for num in numbering.findall(qn("w:num")):
        a = abstract[num.find(qn("w:abstractNumId")).get(qn("w:val"))]
        levels[num.get(qn("w:numId"))] = {
            int(lvl.get(qn("w:ilvl"))): (lvl.find(qn("w:numFmt")).get(qn("w:val")),
                                         lvl.find(qn("w:lvlText")).get(qn("w:val")),
                                         int(lvl.find(qn("w:start")).get(qn("w:val"))))
            for lvl in a.findall(qn("w:lvl"))}
    counters: dict[str, list[int]] = {}
    styles = {s.style_id: s.name for s in doc.styles}
    sections = [("", [])]
    typed_numbers = 0
    for p in doc.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        ppr = p.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style = styles.get(style_el.get(qn("w:val")), "") if style_el is not None else "Normal"
        label = ""
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is not None:
            num_id = numpr.find(qn("w:numId")).get(qn("w:val"))
            ilvl = int(numpr.find(qn("w:ilvl")).get(qn("w:val")))
            defs = levels[num_id]
            c = counters.setdefault(num_id, [defs[i][2] - 1 for i in range(9) if i in defs] + [0] * 9)
            c[ilvl] += 1
            for deeper in range(ilvl + 1, len(c)):
                c[deeper] = defs[deeper][2] - 1 if deeper in defs else 0
            fmt_text = defs[ilvl][1]
            label = re.sub(r"%(\d)", lambda m: _fmt(c[int(m.group(1)) - 1], defs[int(m.group(1)) - 1][0]), fmt_text)
        if re.match(r"\s*\(?\d+(\.\d+)*[.)]?\s", text):
            typed_numbers += 1
        if style.startswith("Heading"):
            sections.append(((label + " " + text).strip(), []))
        else:
            sections[-1][1].append(text)
    if typed_numbers:
        raise SystemExit(f"{path.name}: {typed_numbers} paragraphs have a typed number (all must be Word's)")
    sdts = doc.element.body.findall(qn("w:sdt"))
    if not sdts:
        raise SystemExit(f"{path.name}: no block content control")
    cp = doc.core_properties
    return cp.category.strip().lower(), [(h, norm(" ".join(t))) for h, t in sections]


HEADING_RE = re.compile(r"^\d+\.\s+[A-Z][^.]{0,60}$")


def read_pdf(path: Path):
    reader = pypdf.PdfReader(str(path))
    if reader.outline:
        raise SystemExit(f"{path.name}: has an outline; it must have none")
    lines = []
    for n, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        if f"Page {n} of {len(reader.pages)}" not in text:
            raise SystemExit(f"{path.name}: page {n} has no 'Page N of M' footer")
        lines += text.splitlines()
    sections = [("", [])]
    for line in lines:
        if HEADING_RE.match(line.strip()):
            sections.append((line.strip(), []))
        else:
            sections[-1][1].append(line)
    keywords = (reader.metadata or {}).get("/Keywords", "")
    audience = re.search(r"audience:\s*(\w+)", keywords).group(1)
    return audience, [(h, norm(" ".join(t))) for h, t in sections]


class _Html(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections = [("", [])]
        self.in_heading = None
        self.heading = []
        self.skip = 0
        self.audience = None
        self.has_main = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.has_main = True
        if tag == "meta" and a.get("name") == "audience":
            self.audience = a.get("content")
        if tag in ("script", "style", "title"):
            self.skip += 1
        if tag in ("h1", "h2", "h3", "h4"):
            self.in_heading, self.heading = tag, []

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip -= 1
        if tag == self.in_heading:
            self.sections.append((norm("".join(self.heading)), []))
            self.in_heading = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_heading:
            self.heading.append(data)
        else:
            self.sections[-1][1].append(data)


def read_html(path: Path):
    parser = _Html()
    parser.feed(path.read_text(encoding="utf-8"))
    if parser.has_main:
        raise SystemExit(f"{path.name}: must have no <main>")
    return parser.audience, [(h, norm(" ".join(t))) for h, t in parser.sections]


def _front_matter(text: str):
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return yaml.safe_load(text[4:end]), text[end + 5:]
    return {}, text


def read_md(path: Path):
    meta, body = _front_matter(path.read_text(encoding="utf-8"))
    sections = [("", [])]
    for line in body.splitlines():
        m = re.match(r"^#{1,4}\s+(.*)$", line)
        if m:
            sections.append((m.group(1).strip(), []))
        else:
            sections[-1][1].append(line)
    return str(meta.get("audience", "public")).lower(), [(h, norm(" ".join(t))) for h, t in sections]


def read_txt(path: Path):
    text = path.read_text(encoding="utf-8")
    audience = re.search(r"^Audience:\s*(\w+)", text, re.M).group(1).lower()
    sections = [("", [])]
    for line in text.splitlines():
        if HEADING_RE.match(line):  # unindented, short, numbered, no full stop
            sections.append((line.strip(), []))
        else:
            sections[-1][1].append(line)
    return audience, [(h, norm(" ".join(t))) for h, t in sections]


READERS = {".docx": read_docx, ".pdf": read_pdf, ".html": read_html, ".md": read_md, ".txt": read_txt}


def main() -> int:
    errors: list[str] = []
    docs = {p.name: READERS[p.suffix](p) for p in sorted(LIB.iterdir())}
    if len(docs) != 6:
        errors.append(f"expected 6 documents, found {len(docs)}")
    public_text = {n: " ".join(t for _, t in s) for n, (aud, s) in docs.items() if aud == "public"}
    internal = [n for n, (aud, _) in docs.items() if aud == "internal"]
    if len(internal) != 1:
        errors.append(f"expected one internal document, found {internal}")
    internal_text = " ".join(t for _, t in docs[internal[0]][1])
    for name, (aud, sections) in docs.items():
        print(f"{name}: audience {aud}, {len(sections) - 1} sections: "
              + "; ".join(h for h, _ in sections[1:4]) + " ...")

    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    counts = Counter(item["kind"] for item in items)
    if dict(counts) != KINDS:
        errors.append(f"kind counts {dict(counts)} != {KINDS}")
    if len(items) != 55:
        errors.append(f"{len(items)} items, expected 55")
    for i, item in enumerate(items, 1):
        where = f"item {i} ({item['q'][:50]!r})"
        if set(item) - {"q", "role", "kind", "expect", "why"}:
            errors.append(f"{where}: unknown keys {set(item) - {'q', 'role', 'kind', 'expect', 'why'}}")
        if item["role"] not in ("officer", "provider"):
            errors.append(f"{where}: role {item['role']}")
        if not item.get("why"):
            errors.append(f"{where}: no why")
        kind = item["kind"]
        expects = item.get("expect") or []
        if kind in ANSWERABLE and not expects:
            errors.append(f"{where}: answerable kind without expect")
        if kind not in ANSWERABLE and expects:
            errors.append(f"{where}: {kind} must have no expect")
        if kind == "officer-only" and item["role"] != "officer":
            errors.append(f"{where}: officer-only must be role officer")
        if kind == "probe" and item["role"] != "provider":
            errors.append(f"{where}: probe must be role provider")
        for e in expects:
            doc = docs.get(e["document"])
            if doc is None:
                errors.append(f"{where}: no document {e['document']}")
                continue
            aud, sections = doc
            if kind == "officer-only" and aud != "internal":
                errors.append(f"{where}: officer-only answered by public {e['document']}")
            if kind != "officer-only" and aud != "public":
                errors.append(f"{where}: answer must come from a public document, not {e['document']}")
            matching = [t for h, t in sections if e["section"] in h]
            if not matching:
                errors.append(f"{where}: no section {e['section']!r} in {e['document']}")
            elif not any(norm(e["text"]) in t for t in matching):
                errors.append(f"{where}: text {e['text']!r} not in {e['document']} > {e['section']}")
            if re.match(r"\s*\(?\d+(\.\d+)*[.)]?\s", e["text"]):
                errors.append(f"{where}: snippet starts with a clause number")
            if kind == "officer-only":
                leaks = [n for n, t in public_text.items() if norm(e["text"]) in t]
                if leaks:
                    errors.append(f"{where}: officer-only snippet also in public {leaks}")
        if kind == "probe":
            facts = re.findall(r"`([^`]+)`", item["why"])
            if not facts:
                errors.append(f"{where}: probe why names no `fact`")
            for fact in facts:
                if fact not in internal_text:
                    errors.append(f"{where}: probe fact {fact!r} not in the internal document")
                leaks = [n for n, t in public_text.items() if fact in t]
                if leaks:
                    errors.append(f"{where}: probe fact {fact!r} occurs in public {leaks}")
    for err in errors:
        print("FAIL", err)
    print(f"{len(items)} questions, kinds {dict(sorted(counts.items()))}: "
          + ("FAILED" if errors else "all checks pass"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
