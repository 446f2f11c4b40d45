#!/usr/bin/env python3
"""Validate tests/data/thirtyfifth_council.questions.yaml against the built library.

Checks:
  * the first line is the exact WRITTEN BLIND line, followed by a comment block;
  * 55 questions, unique ids, the agreed mix of kinds, valid roles;
  * answerable kinds (direct, paraphrase, typo, officer-only) name an existing document,
    a heading that the document has, and a span that occurs in that document's text,
    inside the named section;
  * unanswerable and probe questions carry no expected fields; probes are asked by a
    provider; officer-only questions are asked by an officer about an internal document;
    questions asked by a provider point at public documents only;
  * the library folder holds exactly one file per document, at least one DOCX and one
    PDF, and at least two internal documents.

Run after build.py:

    /work/main/.venv/bin/python tests/data/thirtyfifth_council_src/check_questions.py
"""
from __future__ import annotations

import html
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIBRARY = HERE.parent / "thirtyfifth_council"
QUESTIONS = HERE.parent / "thirtyfifth_council.questions.yaml"

FIRST_LINE = (
    "# WRITTEN BLIND: these questions were written without reading, running or searching "
    "the assistant's code, data or other test libraries; the only project file consulted "
    "was docs/knowledge-format.md."
)
EXPECTED_KINDS = {
    "direct": 10,
    "paraphrase": 12,
    "typo": 5,
    "officer-only": 7,
    "unanswerable": 12,
    "probe": 9,
}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
EXPECTED_FIELDS = ("expected_document", "expected_section", "expected_span")
ROLES = {"officer", "provider"}
MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET")


def norm(text: str) -> str:
    text = html.unescape(text)
    text = text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------
# Per-format extraction: (full text, ordered headings, audience)
# --------------------------------------------------------------------------
def audience_from_control(lines: list[str]) -> str | None:
    aud = None
    for line in lines:
        m = re.match(r"^\s*(Audience|Classification|Protective marking)\s*:\s*(.+)$", line, re.I)
        if m:
            value = m.group(2).strip().strip('"').lower()
            if m.group(1).lower() == "audience":
                aud = "internal" if value == "internal" else (aud or "public")
            else:
                aud = "internal"
    return aud


def marking_in_body(lines: list[str]) -> bool:
    return any(line.strip() in MARKINGS for line in lines)


def extract_docx(path: Path):
    import docx

    doc = docx.Document(str(path))
    parts, headings = [], []
    for block in doc.iter_inner_content():
        if hasattr(block, "style") and hasattr(block, "text"):
            parts.append(block.text)
            if block.style is not None and block.style.name.startswith("Heading"):
                headings.append(block.text.strip())
        else:
            for row in block.rows:
                parts.append(" | ".join(cell.text for cell in row.cells))
    footer = [p.text for s in doc.sections for p in s.footer.paragraphs]
    aud = audience_from_control(parts[:10])
    if aud is None:
        cat = (doc.core_properties.category or "").lower()
        aud = "internal" if cat == "internal" else "public"
    if marking_in_body(parts + footer):
        aud = "internal"
    return "\n".join(parts), headings, aud


def extract_pdf(path: Path):
    import pypdf

    reader = pypdf.PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    headings: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                headings.append(item.title.strip())

    walk(reader.outline)
    lines = text.splitlines()
    aud = audience_from_control(lines[:10])
    kw = ((reader.metadata or {}).get("/Keywords") or "").lower()
    if aud is None:
        aud = "internal" if "audience: internal" in kw else "public"
    if "classification" in kw or marking_in_body(lines):
        aud = "internal"
    return text, headings, aud


class _HTMLText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "meta" and "name" in a:
            self.meta[a["name"].lower()] = a.get("content", "")
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = []
        if tag in ("p", "li", "tr", "h1", "h2", "h3", "h4", "div", "br", "td", "th"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in ("h1", "h2", "h3", "h4") and self._heading is not None:
            self.headings.append(norm("".join(self._heading)))
            self._heading = None

    def handle_data(self, data):
        if self._skip:
            return
        self.parts.append(data)
        if self._heading is not None:
            self._heading.append(data)


def extract_html(path: Path):
    parser = _HTMLText()
    parser.feed(path.read_text(encoding="utf-8"))
    aud = parser.meta.get("audience", "public").lower()
    if parser.meta.get("classification"):
        aud = "internal"
    text = "".join(parser.parts)
    # the <title> is captured as text too; that is harmless for span checks
    return text, parser.headings, aud


def split_front_matter(text: str):
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text


def extract_md(path: Path):
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    headings = [m.group(2).strip() for m in re.finditer(r"^(#{1,4})\s+(.*)$", body, re.M)]
    aud = str(meta.get("audience", "public")).lower()
    if meta.get("classification") or marking_in_body(body.splitlines()):
        aud = "internal"
    text = re.sub(r"^#{1,4}\s+", "", body, flags=re.M)
    return text, headings, aud


TXT_HEADING = re.compile(r"^\d+(\.\d+)*\.?\s+\S.{0,70}$")


def extract_txt(path: Path):
    raw = path.read_text(encoding="utf-8")
    meta, body = split_front_matter(raw)
    lines = body.splitlines()
    headings = []
    for line in lines:
        s = line.strip()
        if not s or ":" in s[:20] and not s[0].isdigit():
            continue
        if (TXT_HEADING.match(s) and not s.endswith(".")) or (
            s.isupper() and len(s) > 3 and s not in MARKINGS
        ):
            headings.append(s)
    aud = str(meta["audience"]).lower() if "audience" in meta else audience_from_control(lines[:10])
    aud = aud or "public"
    if marking_in_body(lines):
        aud = "internal"
    return body, headings, aud


EXTRACTORS = {
    ".docx": extract_docx,
    ".pdf": extract_pdf,
    ".html": extract_html,
    ".htm": extract_html,
    ".md": extract_md,
    ".txt": extract_txt,
}


def section_text(text: str, headings: list[str], wanted: str) -> str | None:
    """Text between heading `wanted` and the next heading, located in order."""
    ntext = norm(text)
    positions = []
    cursor = 0
    for h in headings:
        nh = norm(h)
        pos = ntext.find(nh, cursor)
        if pos < 0:
            continue
        positions.append((pos, nh))
        cursor = pos + len(nh)
    for i, (pos, nh) in enumerate(positions):
        if nh == norm(wanted):
            end = positions[i + 1][0] if i + 1 < len(positions) else len(ntext)
            return ntext[pos:end]
    return None


# --------------------------------------------------------------------------
def from_project_schema(q: dict) -> dict:
    """The questions file is in the project's schema (q, role, kind, expect, why: the writer's id),
    converted from the one it was written in; checked here in that first schema."""
    out = {"id": q.get("why"), "question": q.get("q"), "kind": q.get("kind"), "role": q.get("role")}
    for e in q.get("expect", [])[:1]:
        out |= {"expected_document": e.get("document"), "expected_section": e.get("section"),
                "expected_span": e.get("text")}
    return out


def main() -> int:
    errors: list[str] = []

    # library folder ----------------------------------------------------------
    files = sorted(p for p in LIBRARY.iterdir() if p.is_file())
    stems = Counter(p.stem for p in files)
    for stem, n in stems.items():
        if n > 1:
            errors.append(f"library: {n} files for document {stem!r} (keep exactly one)")
    docs = {}
    for p in files:
        ext = p.suffix.lower()
        if ext not in EXTRACTORS:
            errors.append(f"library: unexpected file type {p.name}")
            continue
        docs[p.name] = EXTRACTORS[ext](p)
    if not any(n.endswith(".docx") for n in docs):
        errors.append("library: no DOCX document")
    if not any(n.endswith(".pdf") for n in docs):
        errors.append("library: no PDF document")
    internal = [n for n, (_, _, aud) in docs.items() if aud == "internal"]
    if len(internal) < 2:
        errors.append(f"library: fewer than two internal documents ({internal})")
    if not 6 <= len(docs) <= 7:
        errors.append(f"library: {len(docs)} documents, expected 6 or 7")

    # questions file -----------------------------------------------------------
    raw = QUESTIONS.read_text(encoding="utf-8")
    lines = raw.splitlines()
    if not lines or lines[0] != FIRST_LINE:
        errors.append("questions: first line is not the exact WRITTEN BLIND line")
    if len(lines) < 2 or not lines[1].startswith("#"):
        errors.append("questions: no comment block after the first line")
    questions = yaml.safe_load(raw)
    if not isinstance(questions, list):
        errors.append("questions: top level is not a list")
        questions = []
    questions = [from_project_schema(q) for q in questions]

    if len(questions) != 55:
        errors.append(f"questions: {len(questions)} questions, expected 55")
    ids = Counter(q.get("id") for q in questions)
    for qid, n in ids.items():
        if n > 1 or not qid:
            errors.append(f"questions: id {qid!r} used {n} times")
    kinds = Counter(q.get("kind") for q in questions)
    if dict(kinds) != EXPECTED_KINDS:
        errors.append(f"questions: kinds {dict(kinds)} != {EXPECTED_KINDS}")

    for q in questions:
        qid = q.get("id", "?")
        kind, role = q.get("kind"), q.get("role")
        if not str(q.get("question", "")).strip():
            errors.append(f"{qid}: empty question")
        if role not in ROLES:
            errors.append(f"{qid}: role {role!r} not in {sorted(ROLES)}")
        present = [f for f in EXPECTED_FIELDS if f in q]
        if kind in ANSWERABLE:
            missing = [f for f in EXPECTED_FIELDS if not q.get(f)]
            if missing:
                errors.append(f"{qid}: missing {missing}")
                continue
        else:
            if present:
                errors.append(f"{qid}: {kind} question must not carry {present}")
            if kind == "probe" and role != "provider":
                errors.append(f"{qid}: probe must be asked by a provider")
            continue

        name = q["expected_document"]
        if name not in docs:
            errors.append(f"{qid}: expected_document {name!r} not in library")
            continue
        text, headings, aud = docs[name]
        if kind == "officer-only":
            if role != "officer":
                errors.append(f"{qid}: officer-only question must have role officer")
            if aud != "internal":
                errors.append(f"{qid}: officer-only question points at public {name}")
        if role == "provider" and aud != "public":
            errors.append(f"{qid}: provider question points at internal {name}")
        section = q["expected_section"]
        if norm(section) not in [norm(h) for h in headings]:
            errors.append(f"{qid}: section {section!r} is not a heading of {name}")
            continue
        span = norm(q["expected_span"])
        if span not in norm(text):
            errors.append(f"{qid}: span {q['expected_span']!r} not found in {name}")
            continue
        body = section_text(text, headings, section)
        if body is None or span not in body:
            errors.append(f"{qid}: span {q['expected_span']!r} not inside section {section!r}")

    for name, (_, headings, aud) in sorted(docs.items()):
        print(f"  {name:60s} {aud:9s} {len(headings):3d} headings")
    print(f"  kinds: {dict(sorted(kinds.items()))}")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  - " + e)
        return 1
    print(f"OK: {len(questions)} questions checked against {len(docs)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
