"""Channels: turn a Telegram update or a typed line into a core Event and render the Replies.

They hold no state and no policy, import only the core's types (and assistant/errors.py), and
are handed a built Core by app.py.
"""
