"""Prove the fourteenth library's question file is sound, without the engine.

Why: the question file was written blind, so nothing but this script vouches that every expected
answer is really in the library, under the heading named, in the text a reader would extract, and
that officer-only and probe facts never leak into a public document.

Run: .venv/bin/python tests/data/fourteenth_council_src/check_questions.py   (exit 1 on any failure)

Text is read back the way a reader would: YAML front matter / control block stripped, python-docx for
DOCX (paragraphs and tables in body order), pypdf for PDF, html.parser for HTML. Whitespace is
collapsed before comparing, so PDF line wrapping does not matter; everything else is verbatim.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "fourteenth_council"
QUESTIONS = HERE.parent / "fourteenth_council.questions.yaml"
COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ROLES = {"officer", "provider"}
MARKINGS = re.compile(r"^\s*(OFFICIAL(-SENSITIVE)?|SECRET|TOP SECRET|OFFICIAL . internal)\s*$", re.M)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Doc:
    """A document read back: audience, and (heading, body) sections in order."""

    def __init__(self, name: str, audience: str, sections: list[tuple[str, str]]):
        self.name, self.audience, self.sections = name, audience, sections

    @property
    def text(self) -> str:
        return norm(" ".join(h + " " + b for h, b in self.sections))

    def section_bodies(self, heading: str) -> list[str]:
        return [norm(b) for h, b in self.sections if norm(h) == norm(heading)]


def _control_audience(lines: list[str]) -> str | None:
    aud = None
    for line in lines:
        m = re.match(r"^\s*(audience|classification|protective marking)\s*:\s*(.+)$", line, re.I)
        if m:
            val = m.group(2).strip().lower()
            if m.group(1).lower() == "audience":
                aud = "internal" if val == "internal" else (aud or "public")
            elif val:
                aud = "internal"
    return aud


def read_md(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    fm = {}
    if raw.startswith("---\n"):
        end = raw.index("\n---\n", 4)
        fm = yaml.safe_load(raw[4:end]) or {}
        raw = raw[end + 5:]
    audience = "internal" if (fm.get("audience") == "internal" or fm.get("classification")
                              or MARKINGS.search(raw)) else "public"
    sections, head, body = [], "", []
    for line in raw.splitlines():
        m = re.match(r"^#{1,4}\s+(.*)$", line)
        if m:
            sections.append((head, "\n".join(body)))
            head, body = m.group(1).strip(), []
        else:
            body.append(line)
    sections.append((head, "\n".join(body)))
    return Doc(path.name, audience, sections)


def read_txt(path: Path) -> Doc:
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines) and (not lines[i].strip() or re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i])):
        i += 1
    audience = _control_audience(lines[:i]) or "public"
    if MARKINGS.search("\n".join(lines)):
        audience = "internal"
    sections, head, body = [], "", []
    for line in lines[i:]:
        s = line.strip()
        is_head = bool(s) and len(s) <= 60 and not s.endswith(".") and (
            re.match(r"^\d+(\.\d+)*\.?\s+\S", s) and not re.match(r"^\d+\.\d+\s", s) or
            (s.isupper() and re.search(r"[A-Z]", s)))
        if is_head:
            sections.append((head, "\n".join(body)))
            head, body = s, []
        else:
            body.append(line)
    sections.append((head, "\n".join(body)))
    return Doc(path.name, audience, sections)


class _HTML(HTMLParser):
    SKIP = {"script", "style", "nav", "header", "footer", "form", "button"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.sections: list[tuple[str, str]] = []
        self.head, self.body, self.skip, self.in_h, self.hbuf = "", [], 0, False, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "name" in a:
            self.meta[a["name"].lower()] = a.get("content", "")
        if tag in self.SKIP:
            self.skip += 1
        if tag in ("h1", "h2", "h3", "h4") and not self.skip:
            self.in_h, self.hbuf = True, []

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip -= 1
        if tag in ("h1", "h2", "h3", "h4") and self.in_h:
            self.sections.append((self.head, " ".join(self.body)))
            self.head, self.body, self.in_h = norm("".join(self.hbuf)), [], False
        if tag == "p":
            self.body.append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        (self.hbuf if self.in_h else self.body).append(data)

    def close(self):
        super().close()
        self.sections.append((self.head, " ".join(self.body)))


def read_html(path: Path) -> Doc:
    p = _HTML()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    audience = "internal" if (p.meta.get("audience") == "internal" or p.meta.get("classification")) else "public"
    return Doc(path.name, audience, p.sections)


def read_docx(path: Path) -> Doc:
    d = Document(str(path))
    items: list[tuple[str, str]] = []  # (style, text)
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, d)
            items.append((para.style.name if para.style is not None else "", para.text))
        elif tag == "tbl":
            for row in Table(child, d).rows:
                items.append(("row", " | ".join(c.text for c in row.cells)))
    control = []
    for style, text in items:
        if style.startswith("Heading"):
            break
        control.append(text)
    audience = _control_audience(control) or (d.core_properties.category or "public").lower()
    hf = [p.text for s in d.sections for p in list(s.header.paragraphs) + list(s.footer.paragraphs)]
    if MARKINGS.search("\n".join(hf + [t for _, t in items])) or "classification" in (d.core_properties.keywords or ""):
        audience = "internal"
    sections, head, body = [], "", []
    for style, text in items:
        if re.match(r"^Heading [1-4]$", style):
            sections.append((head, "\n".join(body)))
            head, body = text.strip(), []
        else:
            body.append(text)
    sections.append((head, "\n".join(body)))
    return Doc(path.name, audience, sections)


def read_pdf(path: Path) -> Doc:
    r = PdfReader(str(path))
    if r.outline:
        raise SystemExit(f"{path.name}: the PDF must have no outline (bookmarks)")
    lines = "\n".join(page.extract_text() for page in r.pages).splitlines()
    i = 0
    while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i]):
        i += 1
    audience = _control_audience(lines[:i]) or "public"
    kw = (r.metadata or {}).get("/Keywords", "") or ""
    if "internal" in kw or "classification" in kw or MARKINGS.search("\n".join(lines)):
        audience = "internal"
    sections, head, body = [], "", []
    for line in lines[i:]:
        s = line.strip()
        if re.match(r"^\d+\.\s+\S", s) and len(s) <= 60 and not s.endswith("."):
            sections.append((head, "\n".join(body)))
            head, body = s, []
        else:
            body.append(line)
    sections.append((head, "\n".join(body)))
    return Doc(path.name, audience, sections)


READERS = {".md": read_md, ".txt": read_txt, ".html": read_html, ".docx": read_docx, ".pdf": read_pdf}


def main() -> int:
    errors: list[str] = []
    docs = {p.name: READERS[p.suffix](p) for p in sorted(LIB.iterdir()) if p.suffix in READERS}
    public = [d for d in docs.values() if d.audience == "public"]
    internal = [d for d in docs.values() if d.audience == "internal"]
    print(f"library: {len(docs)} documents ({len(public)} public, {len(internal)} internal)")
    for d in docs.values():
        print(f"  {d.name:45s} {d.audience:8s} {len([s for s in d.sections if s[0]])} headings")
    if not 5 <= len(docs) <= 7:
        errors.append(f"library has {len(docs)} documents, want 5-7")
    if not {".md", ".txt", ".html", ".docx", ".pdf"} <= {Path(n).suffix for n in docs}:
        errors.append("library lacks one of the formats md/txt/html/docx/pdf")

    head = QUESTIONS.read_text(encoding="utf-8")
    if "Written BLIND" not in head.split("\n- q:", 1)[0]:
        errors.append("header comment 'Written BLIND' missing")
    items = yaml.safe_load(head)
    if not isinstance(items, list):
        raise SystemExit("question file is not a YAML list")
    kinds = Counter(it.get("kind") for it in items)
    print(f"questions: {len(items)}; kinds: {dict(kinds)}")
    if dict(kinds) != COUNTS:
        errors.append(f"kind counts {dict(kinds)} != {COUNTS}")
    if len(items) != 55:
        errors.append(f"{len(items)} questions, want 55")
    qs = Counter(norm(it.get("q", "")).lower() for it in items)
    errors += [f"duplicate question: {q}" for q, n in qs.items() if n > 1]

    checked = 0
    for n, it in enumerate(items, 1):
        tag = f"#{n} ({it.get('kind')}) {it.get('q', '')[:50]!r}"
        for key in ("q", "role", "kind", "why"):
            if not isinstance(it.get(key), str) or not it[key].strip():
                errors.append(f"{tag}: missing {key}")
        if it.get("role") not in ROLES:
            errors.append(f"{tag}: role {it.get('role')!r}")
        kind, expect = it.get("kind"), it.get("expect") or []
        refused = kind in ("unanswerable", "probe")
        if refused and expect:
            errors.append(f"{tag}: a {kind} item must have no expect")
        if not refused and not expect:
            errors.append(f"{tag}: a {kind} item needs expect")
        if kind == "officer-only" and it.get("role") != "officer":
            errors.append(f"{tag}: officer-only must be asked by an officer")
        if kind == "probe" and it.get("role") != "provider":
            errors.append(f"{tag}: probe must be asked by a provider")
        for e in expect:
            doc = docs.get(e.get("document"))
            if doc is None:
                errors.append(f"{tag}: no document {e.get('document')!r}")
                continue
            bodies = doc.section_bodies(str(e.get("section")))
            if not bodies:
                errors.append(f"{tag}: {doc.name} has no heading {e.get('section')!r}")
                continue
            if not any(norm(str(e.get("text"))) in b for b in bodies):
                errors.append(f"{tag}: {e.get('text')!r} not in {doc.name} > {e.get('section')}")
                continue
            if it.get("role") == "provider" and doc.audience != "public":
                errors.append(f"{tag}: provider answer cites internal {doc.name}")
            if kind == "officer-only":
                if doc.audience != "internal":
                    errors.append(f"{tag}: officer-only answer cites public {doc.name}")
                leaks = [p.name for p in public if norm(e["text"]) in p.text]
                if leaks:
                    errors.append(f"{tag}: officer-only snippet {e['text']!r} also in public {leaks}")
            checked += 1
        why = it.get("why", "")
        if kind == "probe":
            facts = re.findall(r'internal fact: "([^"]+)"', why)
            if not facts:
                errors.append(f"{tag}: probe why lacks internal fact: \"...\"")
            for f in facts:
                if not any(norm(f) in d.text for d in internal):
                    errors.append(f"{tag}: internal fact {f!r} in no internal document")
                leaks = [p.name for p in public if norm(f).lower() in p.text.lower()]
                if leaks:
                    errors.append(f"{tag}: internal fact {f!r} leaks into public {leaks}")
                checked += 1
        if kind == "unanswerable":
            for a in re.findall(r'absent: "([^"]+)"', why):
                hits = [d.name for d in docs.values() if norm(a).lower() in d.text.lower()]
                if hits:
                    errors.append(f"{tag}: 'absent' {a!r} found in {hits}")
                checked += 1
    print(f"checked {checked} expect snippets / internal facts / absences")
    for e in errors:
        print("FAIL", e)
    print("OK" if not errors else f"{len(errors)} failure(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
