"""Personal data: masking what people type, and keyed hashes in place of Telegram user ids."""
