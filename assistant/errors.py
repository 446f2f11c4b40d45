"""The two errors every layer may raise or catch, kept apart so none has to import another to name them.

`UserError` is what the person at the terminal can fix (the CLI prints it as one line, exit code
2); the Telegram channel raises it at start-up too. `StorageError` is a storage fault with a
message a person can act on (assistant/storage/db.py raises it; the core catches it so an answer
still goes out when a write fails).
"""


class UserError(Exception):
    """A problem the person at the terminal can fix; printed as one line, exit code 2."""


class StorageError(Exception):
    """The data folder or database cannot be used; the message says which and what to do."""
