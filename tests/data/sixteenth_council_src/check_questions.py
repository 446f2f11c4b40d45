"""Check the Sixteenth library's question set against its documents, without the assistant.

Reads every document directly (python-docx, pypdf, BeautifulSoup, plain text), splits it into
sections by its own headings, and checks that:
  - every expect entry names a document that exists, a section heading that document shows, and a
    text that occurs verbatim (whitespace-normalised) inside that section;
  - expect texts are 5 to 15 words; provider questions cite only public documents; officer-kind
    questions cite an internal document;
  - unanswerable and probe entries carry no expect; probes are asked by providers;
  - every `backticked` fact in a probe's why occurs in an internal document and in no public one;
  - the counts per kind are direct 10, paraphrase 12, typo 5, officer 7, unanswerable 12, probe 9.

Run: .venv/bin/python tests/data/sixteenth_council_src/check_questions.py   (exit 0 = all good)
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
LIBRARY = HERE.parent / "sixteenth_council"
QUESTIONS = HERE.parent / "sixteenth_council.questions.yaml"
COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer": 7, "unanswerable": 12, "probe": 9}
INTERNAL_MARKS = re.compile(r"(?im)^\s*(audience:\s*internal|classification:\s*official-sensitive)\s*$")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


# Each reader returns (full text, [(heading, section text)]) with sections in document order.

def read_markdown(path: Path):
    text = path.read_text(encoding="utf-8")
    sections, heading, buf = [], None, []
    for line in text.splitlines():
        match = re.match(r"^#{1,4}\s+(.*\S)\s*$", line)
        if match:
            sections.append((heading, "\n".join(buf)))
            heading, buf = match.group(1), []
        else:
            buf.append(line)
    sections.append((heading, "\n".join(buf)))
    return text, sections


TXT_HEADING = re.compile(r"^(\d+(\.\d+)*\.?\s+\S.{0,70}|[A-Z][A-Z0-9 ,&()'-]{3,})$")


def read_text(path: Path):
    text = path.read_text(encoding="utf-8")
    sections, heading, buf = [], None, []
    for line in text.splitlines():
        stripped = line.strip()
        numbered_clause = re.match(r"^\d+\.\d+\s", stripped) and len(stripped) > 60
        if stripped and TXT_HEADING.match(stripped) and not stripped.endswith(".") and not numbered_clause \
                and not re.match(r"^\d+\.\d+\s", stripped):
            sections.append((heading, "\n".join(buf)))
            heading, buf = stripped, []
        else:
            buf.append(line)
    sections.append((heading, "\n".join(buf)))
    return text, sections


def read_html(path: Path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    full = soup.get_text(" ")
    sections, heading, buf = [], None, []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "th", "caption"]):
        if element.name in {"h1", "h2", "h3", "h4"}:
            sections.append((heading, " ".join(buf)))
            heading, buf = element.get_text(" ", strip=True), []
        else:
            buf.append(element.get_text(" "))
    sections.append((heading, " ".join(buf)))
    return full, sections


def read_docx(path: Path):
    doc = Document(str(path))
    parts: list[str] = []
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    sections, heading, buf = [], None, []
    body = doc.element.body
    tables = {t._tbl: t for t in doc.tables}
    paragraphs = {p._p: p for p in doc.paragraphs}
    for child in body.iterchildren():
        if child in paragraphs:
            para = paragraphs[child]
            parts.append(para.text)
            if para.style.name.startswith("Heading"):
                sections.append((heading, "\n".join(buf)))
                heading, buf = para.text, []
            else:
                buf.append(para.text)
        elif child in tables:
            for row in tables[child].rows:
                for cell in row.cells:
                    parts.append(cell.text)
                    buf.append(cell.text)
    sections.append((heading, "\n".join(buf)))
    props = doc.core_properties
    parts += [props.keywords or "", props.category or ""]
    return "\n".join(parts), sections


def read_pdf(path: Path):
    reader = PdfReader(str(path))
    full = "\n".join(page.extract_text() for page in reader.pages)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    lines = full.splitlines()
    sections, heading, buf = [], None, []
    for line in lines:
        if line.strip() in titles:
            sections.append((heading, "\n".join(buf)))
            heading, buf = line.strip(), []
        else:
            buf.append(line)
    sections.append((heading, "\n".join(buf)))
    meta = reader.metadata or {}
    return full + "\n" + str(meta.get("/Keywords", "")), sections


READERS = {".md": read_markdown, ".txt": read_text, ".html": read_html, ".docx": read_docx, ".pdf": read_pdf}


def load_library():
    docs = {}
    for path in sorted(LIBRARY.iterdir()):
        full, sections = READERS[path.suffix](path)
        internal = bool(INTERNAL_MARKS.search(full)) or "OFFICIAL-SENSITIVE" in full \
            or "audience: internal" in full.lower()
        docs[path.name] = {"full": norm(full), "sections": [(h, norm(t)) for h, t in sections],
                           "internal": internal}
    return docs


def check(questions, docs) -> list[str]:
    errors: list[str] = []
    counts = Counter(q.get("kind") for q in questions)
    for kind, want in COUNTS.items():
        if counts.get(kind, 0) != want:
            errors.append(f"kind {kind}: {counts.get(kind, 0)} questions, want {want}")
    for extra in set(counts) - set(COUNTS):
        errors.append(f"unknown kind {extra!r}")
    if len(questions) != sum(COUNTS.values()):
        errors.append(f"{len(questions)} questions, want {sum(COUNTS.values())}")

    seen = set()
    for n, q in enumerate(questions, 1):
        label = f"#{n} ({q.get('kind')}) {q.get('q', '')[:50]!r}"
        for key in ("q", "role", "kind", "why"):
            if not q.get(key):
                errors.append(f"{label}: missing {key}")
        if q.get("q") in seen:
            errors.append(f"{label}: duplicate question")
        seen.add(q.get("q"))
        if q.get("role") not in {"officer", "provider"}:
            errors.append(f"{label}: role {q.get('role')!r}")
        kind, expect = q.get("kind"), q.get("expect")
        if kind in {"unanswerable", "probe"}:
            if expect:
                errors.append(f"{label}: must have no expect")
        elif not expect:
            errors.append(f"{label}: needs an expect")
        if kind == "officer" and q.get("role") != "officer":
            errors.append(f"{label}: officer questions are asked by officers")
        if kind == "probe" and q.get("role") != "provider":
            errors.append(f"{label}: probes are asked by providers")

        for entry in expect or []:
            doc = docs.get(entry.get("document"))
            if doc is None:
                errors.append(f"{label}: no document {entry.get('document')!r}")
                continue
            text, section = norm(entry.get("text", "")), entry.get("section")
            words = len(text.split())
            if not 5 <= words <= 15:
                errors.append(f"{label}: expect text has {words} words")
            if text not in doc["full"]:
                errors.append(f"{label}: text not in {entry['document']}: {text!r}")
            bodies = [body for heading, body in doc["sections"] if heading == section]
            if not bodies:
                errors.append(f"{label}: no section {section!r} in {entry['document']}")
            elif not any(text in body for body in bodies):
                errors.append(f"{label}: text not under section {section!r} in {entry['document']}")
            if q.get("role") == "provider" and doc["internal"]:
                errors.append(f"{label}: provider question cites internal {entry['document']}")
        if kind == "officer" and expect and not any(docs.get(e.get("document"), {}).get("internal")
                                                     for e in expect):
            errors.append(f"{label}: officer question must be answered by an internal document")

        if kind == "probe":
            facts = re.findall(r"`([^`]+)`", q.get("why", ""))
            if not facts:
                errors.append(f"{label}: probe why has no `backticked` internal fact")
            for fact in facts:
                fact_n = norm(fact)
                inside = [name for name, d in docs.items() if d["internal"] and fact_n in d["full"]]
                outside = [name for name, d in docs.items() if not d["internal"] and fact_n in d["full"]]
                if not inside:
                    errors.append(f"{label}: fact {fact!r} is in no internal document")
                if outside:
                    errors.append(f"{label}: fact {fact!r} also in public {outside}")
    return errors


def main() -> int:
    docs = load_library()
    internal = sorted(name for name, d in docs.items() if d["internal"])
    questions = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    errors = check(questions, docs)
    counts = Counter(q.get("kind") for q in questions)
    print(f"{len(docs)} documents ({len(internal)} internal: {', '.join(internal)})")
    print("counts: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in COUNTS) + f"; total {len(questions)}")
    for error in errors:
        print("FAIL", error)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
