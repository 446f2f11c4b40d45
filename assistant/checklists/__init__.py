"""Step-by-step decision checklists: the YAML schema, running them, and the records they leave.

    schema.py      the checklist schema and its whole-graph checks
    runs.py        start, answer, back, why, cancel, resume; state only in SQLite
    money.py       reading a typed sum of money ("360k", "£360,000")
    records.py     decision records as Markdown and PDF
    pdf_worker.py  rendering record PDFs in a helper process
"""
