"""Direct posting of the card through each network's OAuth 2.0 flow.

One module per network (linkedin, x) on top of the common flow. Facebook has no module:
its API no longer lets apps post to a person's own timeline, so it gets the share dialog.
"""

from flask import current_app

from campaign.sharing.oauth.flow import Provider, ProviderSettings, ShareError
from campaign.sharing.oauth.linkedin import LinkedIn
from campaign.sharing.oauth.x import X

PROVIDERS: dict[str, type[Provider]] = {"linkedin": LinkedIn, "x": X}

__all__ = ["Provider", "ShareError", "configured_providers", "get_provider"]


def configured_providers() -> dict[str, Provider]:
    """The networks this site can post to: those with a client id (and secret where needed)."""
    config = current_app.config
    providers = {}
    for name, provider_class in PROVIDERS.items():
        prefix = name.upper()
        client_id = config[f"{prefix}_CLIENT_ID"]
        secret = config[f"{prefix}_CLIENT_SECRET"]
        # LinkedIn has no public clients: without a secret there is no token exchange.
        if not client_id or (name == "linkedin" and not secret):
            continue
        providers[name] = provider_class(
            ProviderSettings(
                client_id=client_id,
                client_secret=secret,
                authorize_url=config[f"{prefix}_AUTHORIZE_URL"],
                token_url=config[f"{prefix}_TOKEN_URL"],
                api_base=config[f"{prefix}_API_BASE"],
                timeout=float(config["SHARE_HTTP_TIMEOUT"]),
                extra={"api_version": config["LINKEDIN_API_VERSION"]},
            )
        )
    return providers


def get_provider(name: str) -> Provider | None:
    """A configured provider by name, or None."""
    return configured_providers().get(name)
