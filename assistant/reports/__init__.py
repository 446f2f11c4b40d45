"""What the assistant reports about itself: the content-gap report policy owners read (stats.py)
and the scores of retrieval and the answer/refuse rule on question sets (evaluation.py)."""
