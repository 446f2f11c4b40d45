"""The knowledge folder as data: reading it, checking it, and what it says beyond the documents.

    load.py        read the folder the way the settings say (one call for indexing, checks, tools)
    check.py       `bot.py check`: every problem in the library as `file:line: what`
    references.py  clause references (`document › section › clause`) and their resolution
    rules.py       the provider rules catalogue (rules.yaml)
    roles.py       who is an officer: allowlist, signed invites, shared sender ids
    changes.py     what changed between two builds, clause by clause
    follow.py      following a document or a provider sector, and which changes reach it
"""
