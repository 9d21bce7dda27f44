"""The approval notice: one e-mail, when a card waiting for a moderator becomes public.

`addresses.py` keeps the address a person gives on their share page (and only as long as it
is needed), `message.py` writes the notice in the entry's language, `sending.py` sends the
notices that are due after the moderator's change is committed, `cli.py` is
`flask notices send`, which sends those an SMTP outage left waiting.
"""
