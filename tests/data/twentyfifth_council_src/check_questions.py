"""Check tests/data/twentyfifth_council.questions.yaml against the generated library.

Checks: schema and kind counts; every expect document exists; every expect text occurs verbatim
(whitespace-normalised) in the extracted text of its document, and also inside the named section.
Extraction: Markdown/text raw; HTML tags stripped with html.parser; DOCX python-docx paragraphs and
table cells in body order; PDF pypdf.

Run: /work/main/.venv/bin/python tests/data/twentyfifth_council_src/check_questions.py
"""
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "twentyfifth_council"
QFILE = HERE.parent / "twentyfifth_council.questions.yaml"

COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
INTERNAL_DOCS = {"placements-budget-negotiation-plan-2026-27.md", "provider-risk-register.docx"}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5:]
    return text


# Each extractor returns list of (heading, text) pairs; heading None for preamble.
def sections_md(path):
    out, cur, buf = [], None, []
    for line in strip_front_matter(path.read_text(encoding="utf-8")).splitlines():
        m = re.match(r"^#{1,4}\s+(.+?)\s*$", line)
        if m:
            out.append((cur, "\n".join(buf)))
            cur, buf = m.group(1), []
        else:
            buf.append(line)
    out.append((cur, "\n".join(buf)))
    return out


def sections_txt(path):
    lines = strip_front_matter(path.read_text(encoding="utf-8")).splitlines()
    out, cur, buf = [], None, []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        is_head = bool(re.match(r"^\d+\. [A-Z][^.]{0,70}$", line.strip())) or (
            line.strip() and re.match(r"^[=-]{3,}$", nxt.strip()))
        if re.match(r"^[=-]{3,}$", line.strip()):
            continue
        if is_head:
            out.append((cur, "\n".join(buf)))
            cur, buf = line.strip(), []
        else:
            buf.append(line)
    out.append((cur, "\n".join(buf)))
    return out


class _HTMLSections(HTMLParser):
    SKIP = {"script", "style", "title", "head"}

    def __init__(self):
        super().__init__()
        self.out, self.cur, self.buf = [], None, []
        self.in_head, self.skip, self.hbuf = False, 0, None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in ("h1", "h2", "h3", "h4"):
            self.hbuf = []
        else:
            self.buf.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip -= 1
        elif tag in ("h1", "h2", "h3", "h4") and self.hbuf is not None:
            self.out.append((self.cur, "".join(self.buf)))
            self.cur, self.buf, self.hbuf = norm("".join(self.hbuf)), [], None
        else:
            self.buf.append(" ")

    def handle_data(self, data):
        if self.skip:
            return
        (self.hbuf if self.hbuf is not None else self.buf).append(data)


def sections_html(path):
    p = _HTMLSections()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p.out + [(p.cur, "".join(p.buf))]


def sections_docx(path):
    doc = Document(str(path))
    out, cur, buf = [], None, []
    for el in doc.element.body.iterchildren():
        tag = el.tag.split("}")[-1]
        if tag == "p":
            para = Paragraph(el, doc)
            if para.style is not None and para.style.name.startswith("Heading"):
                out.append((cur, "\n".join(buf)))
                cur, buf = para.text.strip(), []
            else:
                buf.append(para.text)
        elif tag == "tbl":
            for row in Table(el, doc).rows:
                buf.append(" | ".join(c.text for c in row.cells))
    out.append((cur, "\n".join(buf)))
    return out


def sections_pdf(path):
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    out, cur, buf = [], None, []
    for line in text.splitlines():
        if re.match(r"^\d+\. [A-Z][^.]{0,70}$", line.strip()):
            out.append((cur, "\n".join(buf)))
            cur, buf = line.strip(), []
        else:
            buf.append(line)
    out.append((cur, "\n".join(buf)))
    return out


EXTRACTORS = {".md": sections_md, ".txt": sections_txt, ".html": sections_html,
              ".docx": sections_docx, ".pdf": sections_pdf}


def main() -> int:
    errors = []
    items = yaml.safe_load(QFILE.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        print("questions file is not a list")
        return 1
    cache = {}
    counts = {k: 0 for k in COUNTS}
    for n, it in enumerate(items, 1):
        where = f"item {n} ({str(it.get('q'))[:50]!r})"
        for key in ("q", "role", "kind", "why"):
            if not it.get(key):
                errors.append(f"{where}: missing {key}")
        kind, role = it.get("kind"), it.get("role")
        if kind not in COUNTS:
            errors.append(f"{where}: bad kind {kind!r}")
            continue
        counts[kind] += 1
        if role not in ("provider", "officer"):
            errors.append(f"{where}: bad role {role!r}")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{where}: officer-only must have role officer")
        if kind == "probe":
            if role != "provider":
                errors.append(f"{where}: probe must have role provider")
            if "`" not in it.get("why", ""):
                errors.append(f"{where}: probe why needs the internal fact in backticks")
        if kind in ANSWERABLE:
            exp = it.get("expect") or []
            if not exp:
                errors.append(f"{where}: answerable kind without expect")
            for e in exp:
                doc = e.get("document")
                path = LIB / str(doc)
                if not path.is_file():
                    errors.append(f"{where}: document {doc!r} not found")
                    continue
                if kind == "officer-only" and doc not in INTERNAL_DOCS:
                    errors.append(f"{where}: officer-only answer should be in an internal document")
                if kind != "officer-only" and doc in INTERNAL_DOCS:
                    errors.append(f"{where}: {kind} answer points at an internal document")
                if doc not in cache:
                    cache[doc] = [(h, norm(t)) for h, t in EXTRACTORS[path.suffix](path)]
                secs = cache[doc]
                text = norm(str(e.get("text", "")))
                full = norm(" ".join(t for _, t in secs))
                if text not in full:
                    errors.append(f"{where}: text not found verbatim in {doc}: {text!r}")
                    continue
                named = [t for h, t in secs if h == e.get("section")]
                if not named:
                    errors.append(f"{where}: section {e.get('section')!r} not a heading of {doc}; "
                                  f"headings: {[h for h, _ in secs if h]}")
                elif not any(text in t for t in named):
                    errors.append(f"{where}: text not under section {e.get('section')!r} in {doc}")
        elif it.get("expect"):
            errors.append(f"{where}: {kind} must not have expect")
    for k, want in COUNTS.items():
        if counts[k] != want:
            errors.append(f"count {k}: {counts[k]} (want {want})")
    if len(items) != sum(COUNTS.values()):
        errors.append(f"total {len(items)} (want {sum(COUNTS.values())})")
    total_sections = 0
    for f in sorted(LIB.iterdir()):
        if f.suffix in EXTRACTORS:
            total_sections += sum(1 for h, _ in EXTRACTORS[f.suffix](f) if h)
    for e in errors:
        print("FAIL", e)
    print(f"{len(items)} questions, counts {counts}, {total_sections} headings in library")
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
