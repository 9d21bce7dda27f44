"""What a hostile request must get back: a message for a person."""

import json


def human_message(body: str) -> bool:
    """A page (or JSON error) meant for a person: a sentence, no traceback or raw error."""
    if body.lstrip().startswith("{"):
        return bool(json.loads(body).get("message"))
    return "<h1" in body and "Traceback" not in body and "Internal Server Error" not in body
