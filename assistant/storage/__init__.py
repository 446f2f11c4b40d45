"""Storage: SQLite (db.py migrations; repos.py users, invites, buttons, the question log; people.py
answers, votes, audit, handoffs; changes.py the change log and follows) and the files of a built
index (index_files.py). It imports nothing above it."""
