"""Personal data: masking what people type (masking.py), keyed hashes in place of Telegram user ids
(ids.py), and how long what was asked is kept (retention.py)."""
