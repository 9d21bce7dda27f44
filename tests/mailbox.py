"""A real SMTP server on 127.0.0.1 for the tests that send e-mail (aiosmtpd)."""

import email
import email.message
import socket

from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int | None = None) -> tuple[Controller, Inbox]:
    """An SMTP server listening on 127.0.0.1 (on `port` when given); stop() it after."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    return controller, inbox


def smtp_settings(port: int) -> dict:
    """The app's settings for that server (no TLS, no sign-in, a short timeout)."""
    return {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_SECURITY": "none",
        "SMTP_FROM": "campaign@learning.example",
        "SMTP_TIMEOUT": 2,
    }
