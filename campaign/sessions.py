"""The session cookie, encrypted: it holds manage tokens and, while posting, an OAuth token."""

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import Flask
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature


def _fernet(secret: str | bytes, purpose: bytes) -> Fernet:
    secret = secret.encode() if isinstance(secret, str) else secret
    # A key of its own for each purpose, derived from SECRET_KEY, so the key that signs
    # CSRF tokens and invitations never encrypts anything.
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


def signing_keys(app: Flask) -> list[str]:
    """SECRET_KEY and SECRET_KEY_FALLBACKS as itsdangerous takes them: it signs with the last
    and still accepts what the others signed, so links made before a key change keep working."""
    return [*(app.config["SECRET_KEY_FALLBACKS"] or []), app.secret_key]


def encryption(app: Flask, purpose: bytes) -> MultiFernet:
    """Fernet under SECRET_KEY for one purpose; it still decrypts under SECRET_KEY_FALLBACKS."""
    secrets = [app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or [])]
    return MultiFernet([_fernet(secret, purpose) for secret in secrets])


class EncryptedSerializer:
    """itsdangerous' dumps/loads, with Fernet (AES-CBC and HMAC-SHA256) instead of a signature:
    whoever holds the cookie can no longer read what is in it."""

    def __init__(self, secrets: list[str | bytes]):
        self.fernet = MultiFernet([_fernet(secret, b"campaign-session") for secret in secrets])
        self.json = TaggedJSONSerializer()

    def dumps(self, value: dict) -> str:
        return self.fernet.encrypt(self.json.dumps(value).encode()).decode("ascii")

    def loads(self, token: str, max_age: int | None = None) -> dict:
        try:
            plain = self.fernet.decrypt(token.encode("ascii"), ttl=max_age)
        except (InvalidToken, UnicodeEncodeError, TypeError):
            raise BadSignature("the session cookie does not decrypt") from None
        return self.json.loads(plain.decode())


class EncryptedCookieSessionInterface(SecureCookieSessionInterface):
    """Flask's cookie session, encrypted under SECRET_KEY (and SECRET_KEY_FALLBACKS)."""

    def get_signing_serializer(self, app: Flask) -> EncryptedSerializer | None:
        if not app.secret_key:
            return None
        fallbacks = app.config["SECRET_KEY_FALLBACKS"] or []
        return EncryptedSerializer([app.secret_key, *fallbacks])
