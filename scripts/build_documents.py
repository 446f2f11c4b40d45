"""Regenerate the PDF and DOCX documents of the library from their Markdown sources.

The PDF and DOCX files under `knowledge/` are outputs: an edit is made once, in `knowledge/src/*.md`,
and this script writes the binary file beside the other documents. Each source names its output
in front matter (`output: pdf` or `output: docx`, optional `output_name:`).

    python scripts/build_documents.py [--src knowledge/src] [--out knowledge]

The Markdown read here is the small subset the library uses: `#` headings, paragraphs, `-` and
`1.` lists, and pipe tables. Metadata goes both into the file's properties and into a visible
document-control block at the top, which is what the ingester trusts first.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
CONTROL_KEYS = (("title", "Title"), ("owner", "Owner"), ("version", "Version"),
                ("review_date", "Review date"), ("audience", "Audience"))


@dataclass
class Block:
    kind: str  # heading | para | bullets | numbers | table
    text: str = ""
    level: int = 0
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    if not text.startswith("---"):
        raise SystemExit(f"{path}:1: a source needs YAML front matter")
    end = text.find("\n---", 3)
    meta = yaml.safe_load(text[3:end]) or {}
    return meta, text[end + 4:].lstrip("\n")


def parse_blocks(body: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(s.strip() for s in para)))
            para.clear()

    for line in body.splitlines():
        s = line.rstrip()
        if not s.strip():
            flush()
            continue
        if m := re.match(r"^(#{1,4})\s+(.*)$", s):
            flush()
            blocks.append(Block("heading", m.group(2).strip(), level=len(m.group(1))))
        elif m := re.match(r"^\s*[-*]\s+(.*)$", s):
            flush()
            if not blocks or blocks[-1].kind != "bullets":
                blocks.append(Block("bullets"))
            blocks[-1].items.append(m.group(1).strip())
        elif m := re.match(r"^\s*\d+[.)]\s+(.*)$", s):
            flush()
            if not blocks or blocks[-1].kind != "numbers":
                blocks.append(Block("numbers"))
            blocks[-1].items.append(m.group(1).strip())
        elif s.lstrip().startswith("|"):
            flush()
            cells = [c.strip() for c in s.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                continue
            if not blocks or blocks[-1].kind != "table":
                blocks.append(Block("table"))
            blocks[-1].rows.append(cells)
        elif blocks and blocks[-1].kind in ("bullets", "numbers") and not para and line.startswith("  "):
            blocks[-1].items[-1] += " " + s.strip()
        else:
            para.append(s)
    flush()
    return blocks


def plain(text: str) -> str:
    """Strip the inline Markdown the sources use (bold, italics, code) for binary outputs."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?<!\w)\*(.+?)\*(?!\w)", r"\1", text)
    return text.replace("`", "")


def write_docx(meta: dict, blocks: list[Block], out: Path) -> None:
    from docx import Document

    doc = Document()
    props = doc.core_properties
    props.title = str(meta.get("title", ""))
    props.author = str(meta.get("owner", ""))
    props.category = str(meta.get("audience", ""))
    props.subject = f"version {meta.get('version', '')}"
    for key, label in CONTROL_KEYS:
        if meta.get(key) is not None:
            doc.add_paragraph(f"{label}: {meta[key]}")
    for b in blocks:
        if b.kind == "heading":
            doc.add_heading(plain(b.text), level=b.level)
        elif b.kind == "para":
            doc.add_paragraph(plain(b.text))
        elif b.kind in ("bullets", "numbers"):
            style = "List Bullet" if b.kind == "bullets" else "List Number"
            for item in b.items:
                doc.add_paragraph(plain(item), style=style)
        elif b.kind == "table":
            table = doc.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(b.rows):
                for c, cell in enumerate(row[: len(b.rows[0])]):
                    table.cell(r, c).text = plain(cell)
    doc.save(str(out))


def write_pdf(meta: dict, blocks: list[Block], out: Path) -> None:
    from assistant.assets.pdf import new_pdf

    pdf = new_pdf(margin=20, bottom=18)
    pdf.set_title(str(meta.get("title", "")))
    pdf.set_author(str(meta.get("owner", "")))
    pdf.set_subject(f"version {meta.get('version', '')}")
    pdf.set_keywords(f"audience: {meta.get('audience', '')}")
    pdf.set_creator("Commissioning Assistant scripts/build_documents.py")
    pdf.add_page()
    pdf.set_font("DejaVu", "", 9)
    for key, label in CONTROL_KEYS:
        if meta.get(key) is not None:
            pdf.multi_cell(0, 5, f"{label}: {meta[key]}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    sizes = {1: 16, 2: 13, 3: 11.5, 4: 10.5}
    for b in blocks:
        if b.kind == "heading":
            pdf.start_section(plain(b.text), level=b.level - 1)
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", sizes[b.level])
            pdf.multi_cell(0, sizes[b.level] * 0.55, plain(b.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif b.kind == "para":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5.2, plain(b.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b.kind in ("bullets", "numbers"):
            pdf.set_font("DejaVu", "", 10)
            for i, item in enumerate(b.items, 1):
                mark = "•" if b.kind == "bullets" else f"{i}."
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(0, 5.2, f"{mark} {plain(item)}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b.kind == "table":
            pdf.set_font("DejaVu", "", 9)
            width = len(b.rows[0])
            with pdf.table(first_row_as_headings=True, line_height=5) as table:
                for row in b.rows:
                    cells = (row + [""] * width)[:width]
                    table.row([plain(c) for c in cells])
            pdf.ln(3)
    pdf.output(str(out))


def build(src: Path, out_dir: Path) -> list[Path]:
    written = []
    for path in sorted(src.glob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"), path)
        kind = meta.pop("output", None)
        if kind not in ("pdf", "docx"):
            raise SystemExit(f"{path}:1: front matter needs output: pdf or output: docx")
        name = meta.pop("output_name", path.stem)
        out = out_dir / f"{name}.{kind}"
        (write_pdf if kind == "pdf" else write_docx)(meta, parse_blocks(body), out)
        written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=root / "knowledge" / "src")
    ap.add_argument("--out", type=Path, default=root / "knowledge")
    args = ap.parse_args(argv)
    for out in build(args.src, args.out):
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
