"""The OAuth 2.0 authorisation-code flow every provider shares, and what can go wrong in it.

requests-oauthlib does the protocol; this module adds what a web app needs around it:
`state` and the PKCE verifier carried in the signed session between the two requests,
timeouts, and one error type whose message a person can act on.
"""

import hmac
import logging
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import requests
from flask_babel import gettext as _
from oauthlib.oauth2 import OAuth2Error, WebApplicationClient
from requests_oauthlib import OAuth2Session

log = logging.getLogger(__name__)
# requests-oauthlib logs token responses (access tokens included) at DEBUG: tokens never go
# to logs here, whatever level the host application sets for its root logger.
logging.getLogger("requests_oauthlib").setLevel(logging.INFO)
logging.getLogger("oauthlib").setLevel(logging.INFO)

# Errors a provider sends back to the callback when the person says no.
DECLINED = {"access_denied", "user_cancelled_authorize", "user_cancelled_login"}


@dataclass(frozen=True)
class ProviderSettings:
    """What the environment configures for one provider."""

    client_id: str
    client_secret: str
    authorize_url: str
    token_url: str
    api_base: str
    timeout: float = 10.0
    extra: dict = field(default_factory=dict)


class ShareError(Exception):
    """Posting did not happen; `message` says why, for the person, in their language."""

    def __init__(self, kind: str, message: str, *, status: int | None = None) -> None:
        super().__init__(f"{kind} ({status})" if status else kind)
        self.kind = kind
        self.message = message
        self.status = status


class Provider:
    """A network we can post to. Subclasses say how; this class runs the OAuth flow."""

    name = ""
    label = ""
    scopes: tuple[str, ...] = ()
    pkce = False
    card_format = "square"
    text_limit = 3000

    def __init__(self, settings: ProviderSettings) -> None:
        self.settings = settings

    # --- the authorisation-code flow -------------------------------------------------

    def begin(self, redirect_uri: str) -> tuple[str, dict]:
        """The URL to send the person to, and what to keep in the session until they return."""
        oauth = OAuth2Session(self.settings.client_id, redirect_uri=redirect_uri, scope=self.scopes)
        pending: dict = {}
        extra = {}
        if self.pkce:
            client = WebApplicationClient(self.settings.client_id)
            verifier = client.create_code_verifier(64)
            pending["verifier"] = verifier
            extra = {
                "code_challenge": client.create_code_challenge(verifier, "S256"),
                "code_challenge_method": "S256",
            }
        url, state = oauth.authorization_url(self.settings.authorize_url, **extra)
        pending["state"] = state
        return url, pending

    def finish(self, redirect_uri: str, args: dict, pending: dict) -> dict:
        """Check the callback and exchange its code for a token (kept by the caller only)."""
        error = args.get("error")
        if error:
            if error in DECLINED:
                raise ShareError(
                    "declined",
                    _(
                        "You did not allow the campaign to post on %(network)s, so nothing was "
                        "posted. You can still share with the links below.",
                        network=self.label,
                    ),
                )
            raise ShareError(
                "refused",
                _(
                    "%(network)s did not let you sign in (%(error)s). Nothing was posted.",
                    network=self.label,
                    error=error[:60],
                ),
            )
        state = args.get("state") or ""
        if not pending.get("state") or not hmac.compare_digest(state, pending["state"]):
            raise ShareError(
                "state",
                _(
                    "This sign-in did not start from your page here, so we stopped it. "
                    "Please try again."
                ),
            )
        code = args.get("code")
        if not code:
            raise ShareError(
                "refused",
                _("%(network)s sent no authorisation. Please try again.", network=self.label),
            )
        oauth = OAuth2Session(self.settings.client_id, redirect_uri=redirect_uri, scope=self.scopes)
        oauth.register_compliance_hook("access_token_response", self._check_token_response)
        kwargs = self.token_request_kwargs()
        if self.pkce:
            kwargs["code_verifier"] = pending.get("verifier", "")
        try:
            token = oauth.fetch_token(
                self.settings.token_url, code=code, timeout=self.settings.timeout, **kwargs
            )
        except ShareError:
            raise
        except OAuth2Error as error:
            if error.error == "insecure_transport":
                log.error("%s token URL is not HTTPS: refused", self.name)
                raise self._unavailable(None) from None
            if error.error == "missing_token":
                # A 200 without a token in it: not the network's own answer (a proxy's page).
                log.warning("%s token endpoint answered without a token", self.name)
                raise self._unavailable(None) from None
            if error.error == "invalid_grant":
                raise ShareError(
                    "expired",
                    _(
                        "The sign-in with %(network)s expired before it finished. "
                        "Please try again.",
                        network=self.label,
                    ),
                    status=error.status_code,
                ) from None
            raise self._refused(error.status_code or 400) from None
        except requests.Timeout:
            raise self._timeout() from None
        except (requests.RequestException, ValueError):
            raise self._unavailable(None) from None
        return token

    def token_request_kwargs(self) -> dict:
        """How this provider wants the client to authenticate at the token endpoint."""
        return {"include_client_id": True, "client_secret": self.settings.client_secret}

    # --- posting ------------------------------------------------------------------------

    def publish(self, connection: dict, image: bytes, text: str, alt_text: str) -> str:
        """Upload the image, create the post, return the post's URL. Subclasses implement."""
        raise NotImplementedError

    def connection(self, token: dict) -> dict:
        """What to keep from the token response until the post is done (the bare minimum)."""
        return {"access_token": token["access_token"]}

    def session(self, connection: dict) -> requests.Session:
        """An HTTP session that sends the person's token, and nothing of it anywhere else."""
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {connection['access_token']}"
        return http

    def call(self, http: requests.Session, method: str, url: str, **kwargs) -> requests.Response:
        """One API request; any failure becomes a ShareError."""
        try:
            response = http.request(method, url, timeout=self.settings.timeout, **kwargs)
        except requests.Timeout:
            raise self._timeout() from None
        except requests.RequestException:
            raise self._unavailable(None) from None
        self._check(response)
        return response

    def answer(self, response: requests.Response, *path: str):
        """What the API answered, at path in its JSON; ShareError when the answer is not the
        API's (a proxy's page, a changed format) rather than a KeyError, so the person gets
        the usual message and the links."""
        try:
            value = response.json()
            for key in path:
                value = value[key]
        except (ValueError, KeyError, TypeError, IndexError):
            log.warning(
                "%s answered %s without what it should hold", self.name, response.status_code
            )
            raise self._unavailable(response.status_code) from None
        return value

    # --- what went wrong ----------------------------------------------------------------

    def _check_token_response(self, response: requests.Response) -> requests.Response:
        if response.status_code == 429 or response.status_code >= 500:
            self._check(response)
        return response

    def _check(self, response: requests.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        # The body may hold the person's data: log the status only.
        log.warning("%s answered %s", self.name, status)
        if status == 429:
            raise ShareError(
                "rate_limited",
                _(
                    "%(network)s says too many posts were sent just now. Please try again in "
                    "%(minutes)d minutes.",
                    network=self.label,
                    minutes=retry_minutes(response),
                ),
                status=status,
            )
        if status >= 500:
            raise self._unavailable(status)
        if status == 401:
            raise ShareError(
                "expired",
                _(
                    "Your sign-in with %(network)s is no longer valid. Please try again.",
                    network=self.label,
                ),
                status=status,
            )
        raise self._refused(status)

    def _refused(self, status: int) -> ShareError:
        return ShareError(
            "refused",
            _(
                "%(network)s refused the post (error %(status)d). Nothing was posted; you can "
                "still download your card or share with the links below.",
                network=self.label,
                status=status,
            ),
            status=status,
        )

    def _unavailable(self, status: int | None) -> ShareError:
        return ShareError(
            "unavailable",
            _(
                "%(network)s is not answering properly right now. Nothing was posted; please try "
                "again later, or share with the links below.",
                network=self.label,
            ),
            status=status,
        )

    def _timeout(self) -> ShareError:
        return ShareError(
            "timeout",
            _(
                "%(network)s took too long to answer. Nothing was posted; please try again in "
                "a moment.",
                network=self.label,
            ),
        )


def retry_minutes(response: requests.Response) -> int:
    """Minutes to wait, from Retry-After or X's x-rate-limit-reset (at least 1)."""
    now = time.time()
    seconds = 15 * 60.0
    retry_after = response.headers.get("Retry-After")
    reset = response.headers.get("x-rate-limit-reset")
    try:
        if retry_after and retry_after.strip().isdigit():
            seconds = float(retry_after)
        elif retry_after:
            seconds = parsedate_to_datetime(retry_after).timestamp() - now
        elif reset:
            seconds = float(reset) - now
    except (TypeError, ValueError):
        pass
    return max(1, int(-(-seconds // 60)))
