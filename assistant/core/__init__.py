"""The conversation core: an Event and the server-side role in, Replies with buttons out.

    conversation.py  Core.handle: commands, questions, button presses, checklist input
    people.py        masking before storage, votes, "ask a person", the audit trail, /stats
    live.py          /changes, /follow, "updated on DATE", followers' messages
    events.py        Event, Reply, Button: the types channels speak
    ports.py         the stores the core is handed, as protocols (it imports no storage)
    throttle.py, display_mask.py   per-user rate limit; masking in what is shown

No transport and no storage class: app.py injects the services and stores.
"""
