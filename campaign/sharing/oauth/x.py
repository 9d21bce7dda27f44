"""Posting the card to X: OAuth 2.0 with PKCE, media upload, then the post.

Documented at docs.x.com: authorisation code with PKCE (S256) at /i/oauth2/authorize, the
token at /2/oauth2/token (confidential clients authenticate with HTTP Basic, public clients
send their client_id), POST /2/media/upload (multipart `media`, `media_category`), then
POST /2/tweets with the media id. Scopes as the endpoints list them: tweet.read,
tweet.write and users.read to post, media.write to upload; no offline.access, since the
token is used once and dropped.
"""

from requests.auth import HTTPBasicAuth

from campaign.sharing.oauth.flow import Provider


class X(Provider):
    name = "x"
    label = "X"
    scopes = ("tweet.read", "tweet.write", "users.read", "media.write")
    pkce = True
    card_format = "landscape"
    text_limit = 280

    def token_request_kwargs(self) -> dict:
        if self.settings.client_secret:
            return {
                "auth": HTTPBasicAuth(self.settings.client_id, self.settings.client_secret),
            }
        return {"include_client_id": True}

    def publish(self, connection: dict, image: bytes, text: str, alt_text: str) -> str:
        http = self.session(connection)
        api = self.settings.api_base.rstrip("/")
        uploaded = self.call(
            http,
            "POST",
            f"{api}/2/media/upload",
            files={"media": ("card.jpg", image, "image/jpeg")},
            data={"media_category": "tweet_image", "media_type": "image/jpeg"},
        )
        media_id = str(self.answer(uploaded, "data", "id"))
        created = self.call(
            http,
            "POST",
            f"{api}/2/tweets",
            json={"text": text, "media": {"media_ids": [media_id]}},
        )
        return f"https://x.com/i/web/status/{self.answer(created, 'data', 'id')}"
