"""Posting the card to LinkedIn: Images API upload, then the Posts API.

Documented at learn.microsoft.com/linkedin: OAuth 2.0 authorisation code (3-legged, no
PKCE for web apps; client id and secret in the token request's body), "Sign In with
LinkedIn using OpenID Connect" for the member's id (the `sub` of the ID token), and the
versioned REST API: POST /rest/images?action=initializeUpload, PUT of the bytes to the
returned uploadUrl, POST /rest/posts whose new URN comes back in `x-restli-id`.
"""

import base64
import json
import logging
import re
from datetime import date

import requests

from campaign.sharing.hashtags import extract_hashtags
from campaign.sharing.oauth.flow import Provider, ShareError

log = logging.getLogger(__name__)

# Reserved by the "little" text format of post commentary; unescaped, LinkedIn truncates
# the post at the first one.
LITTLE_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
URL = re.compile(r"https?://\S+")
# The versioned REST API (YYYYMM). LinkedIn serves each monthly version for about a year and
# answers a sunset one with 426; `flask maintenance check` warns at eleven months.
API_VERSION = "202611"
# How old a version may be before the maintenance check warns (LinkedIn sunsets at ~12).
VERSION_WARN_MONTHS = 11


def escape_little(text: str) -> str:
    """Plain text for LinkedIn commentary, with hashtags kept as hashtags and links intact."""
    pieces = []
    position = 0
    for match in _tokens(text):
        pieces.append(LITTLE_RESERVED.sub(r"\\\1", text[position : match.start()]))
        token = match.group(0)
        if token.startswith("#"):
            tag = LITTLE_RESERVED.sub(r"\\\1", token[1:])
            pieces.append("{hashtag|\\#|" + tag + "}")
        else:
            pieces.append(token)
        position = match.end()
    pieces.append(LITTLE_RESERVED.sub(r"\\\1", text[position:]))
    return "".join(pieces)


def _tokens(text: str):
    tags = set(extract_hashtags(text))
    pattern = "|".join(
        [URL.pattern] + [re.escape("#" + tag) + r"(?![\w])" for tag in sorted(tags, key=len)[::-1]]
    )
    return re.finditer(pattern, text)


class LinkedIn(Provider):
    name = "linkedin"
    label = "LinkedIn"
    # openid gives the ID token whose `sub` is the member id; w_member_social lets us post.
    scopes = ("openid", "w_member_social")
    card_format = "square"
    text_limit = 3000

    def connection(self, token: dict) -> dict:
        member = _sub_from_id_token(token.get("id_token"))
        return {"access_token": token["access_token"], "member": member}

    @property
    def api_version(self) -> str:
        return self.settings.extra.get("api_version") or API_VERSION

    def publish(self, connection: dict, image: bytes, text: str, alt_text: str) -> str:
        http = self.session(connection)
        http.headers["LinkedIn-Version"] = self.api_version
        http.headers["X-Restli-Protocol-Version"] = "2.0.0"
        api = self.settings.api_base.rstrip("/")
        member = connection.get("member") or self._member_from_userinfo(http, api)
        author = f"urn:li:person:{member}"
        initialized = self.call(
            http,
            "POST",
            f"{api}/rest/images",
            params={"action": "initializeUpload"},
            json={"initializeUploadRequest": {"owner": author}},
        )
        upload_url = self.answer(initialized, "value", "uploadUrl")
        image_urn = self.answer(initialized, "value", "image")
        self.call(
            http,
            "PUT",
            upload_url,
            data=image,
            headers={"Content-Type": "application/octet-stream"},
        )
        created = self.call(
            http,
            "POST",
            f"{api}/rest/posts",
            json={
                "author": author,
                "commentary": escape_little(text),
                "visibility": "PUBLIC",
                "distribution": {
                    "feedDistribution": "MAIN_FEED",
                    "targetEntities": [],
                    "thirdPartyDistributionChannels": [],
                },
                "content": {"media": {"id": image_urn, "altText": alt_text[:4086]}},
                "lifecycleState": "PUBLISHED",
                "isReshareDisabledByAuthor": False,
            },
        )
        urn = created.headers.get("x-restli-id")
        if not urn:
            raise self._unavailable(created.status_code)
        return f"https://www.linkedin.com/feed/update/{urn}/"

    def _check(self, response: requests.Response) -> None:
        if response.status_code == 426:
            # Not the person's fault and not theirs to fix: they get the links; the operator
            # gets one line naming the setting.
            log.error(
                "linkedin answered 426: LinkedIn-Version %s is no longer served; set "
                "LINKEDIN_API_VERSION to a current version (YYYYMM)",
                self.api_version,
            )
            raise self._unavailable(426)
        super()._check(response)

    def _member_from_userinfo(self, http, api: str) -> str:
        info = self.answer(self.call(http, "GET", f"{api}/v2/userinfo"))
        sub = info.get("sub") if isinstance(info, dict) else None
        if not sub:
            raise ShareError("refused", self._refused(403).message, status=403)
        return sub


def _sub_from_id_token(id_token: str | None) -> str | None:
    """The member id from the ID token LinkedIn's token endpoint returned to us directly.

    OpenID Connect Core 3.1.3.7: a token received straight from the token endpoint over
    TLS may be trusted without checking its signature, so we only read its claims.
    """
    if not id_token or id_token.count(".") != 2:
        return None
    payload = id_token.split(".")[1]
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return None
    sub = claims.get("sub") if isinstance(claims, dict) else None
    return sub if isinstance(sub, str) and re.fullmatch(r"[A-Za-z0-9_-]{1,64}", sub) else None


def version_age_months(version: str, today: date) -> int | None:
    """How many months old a YYYYMM version is on `today`; None if it is not YYYYMM."""
    if not re.fullmatch(r"\d{6}", version or ""):
        return None
    year, month = int(version[:4]), int(version[4:])
    if not 1 <= month <= 12:
        return None
    return (today.year - year) * 12 + today.month - month


def version_warning(version: str, today: date) -> str | None:
    """What the maintenance check says about the configured LinkedIn-Version, if anything."""
    version = version or API_VERSION
    age = version_age_months(version, today)
    if age is None:
        return f"LINKEDIN_API_VERSION {version!r} is not a YYYYMM version"
    if age >= VERSION_WARN_MONTHS:
        return (
            f"LINKEDIN_API_VERSION {version} is {age} months old: LinkedIn stops serving a "
            "version after about a year (HTTP 426, and posting to LinkedIn fails); set a "
            "current one"
        )
    return None
