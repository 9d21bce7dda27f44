"""A local stand-in for LinkedIn and X, served on 127.0.0.1 by the tests.

It implements the endpoints the app uses the way each network documents them, checks
what the app sends (client authentication, PKCE verifier, scopes, bearer tokens, the image
bytes, the post) and can be told to fail at any step in any of the ways a real one does.

LinkedIn: GET /oauth/v2/authorization, POST /oauth/v2/accessToken (client id and secret
in the body; the ID token's `sub` names the member), POST /rest/images?action=
initializeUpload, PUT <uploadUrl>, POST /rest/posts (the new URN in `x-restli-id`).
X: GET /i/oauth2/authorize (PKCE S256 required), POST /2/oauth2/token (HTTP Basic client
authentication, code_verifier checked), POST /2/media/upload, POST /2/tweets.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from flask import Flask, abort, jsonify, redirect, request
from werkzeug.serving import make_server

from campaign.sharing.hashtags import extract_hashtags
from campaign.sharing.links import X_LIMIT, x_post_length
from campaign.sharing.oauth.linkedin import version_age_months

LINKEDIN = {"client_id": "li-client", "client_secret": "li-secret", "member": "abc123XYZ"}
X = {"client_id": "x-client", "client_secret": "x-secret"}
LINKEDIN_SCOPES = {"openid", "w_member_social"}
X_SCOPES = {"tweet.read", "tweet.write", "users.read", "media.write"}
SLOW = 1.5  # seconds a "timeout" failure waits: longer than the app's timeout in the tests


@dataclass
class Record:
    """What the provider saw: requests in order, and what was posted."""

    authorize: list[dict] = field(default_factory=list)
    token_requests: list[dict] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    posts: list[dict] = field(default_factory=list)
    api_headers: list[dict] = field(default_factory=list)


class FakeProvider:
    def __init__(self) -> None:
        self.app = self._build()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.reset()

    def start(self) -> "FakeProvider":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        self.failures: dict[tuple[str, str], str] = {}
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.pending_uploads: dict[str, str] = {}
        self.record = Record()

    def fail(self, network: str, step: str, kind: str) -> None:
        """Make `step` ("authorize", "token", "upload", "upload_put", "post") fail as `kind`:
        decline, expired, 4xx, 5xx, garbage (a 200 that is not the API's answer), timeout or
        rate_limit."""
        self.failures[(network, step)] = kind

    def settings(self) -> dict:
        """App settings that point both providers here."""
        return {
            "LINKEDIN_CLIENT_ID": LINKEDIN["client_id"],
            "LINKEDIN_CLIENT_SECRET": LINKEDIN["client_secret"],
            "LINKEDIN_AUTHORIZE_URL": self.base_url + "/oauth/v2/authorization",
            "LINKEDIN_TOKEN_URL": self.base_url + "/oauth/v2/accessToken",
            "LINKEDIN_API_BASE": self.base_url,
            "X_CLIENT_ID": X["client_id"],
            "X_CLIENT_SECRET": X["client_secret"],
            "X_AUTHORIZE_URL": self.base_url + "/i/oauth2/authorize",
            "X_TOKEN_URL": self.base_url + "/2/oauth2/token",
            "X_API_BASE": self.base_url,
            "SHARE_HTTP_TIMEOUT": 0.5,
        }

    # --- failures --------------------------------------------------------------------

    def _injected(self, network: str, step: str):
        kind = self.failures.get((network, step))
        if kind == "timeout":
            time.sleep(SLOW)
            return jsonify(error="too late"), 504
        if kind == "5xx":
            return "<html><body>Service Unavailable</body></html>", 503
        if kind == "garbage":  # a proxy's page where the API's JSON should be
            return "<html><body>Welcome to nginx!</body></html>", 200
        if kind == "4xx":
            return jsonify(status=403, message="Not enough permissions to access this"), 403
        if kind == "rate_limit":
            headers = (
                {"x-rate-limit-reset": str(int(time.time()) + 600), "x-rate-limit-remaining": "0"}
                if network == "x"
                else {"Retry-After": "300"}
            )
            return jsonify(status=429, title="Too Many Requests"), 429, headers
        return None

    # --- the two providers -----------------------------------------------------------

    def _build(self) -> Flask:  # noqa: C901 (one route table per network, read top to bottom)
        app = Flask("fake_provider")
        fake = self

        def authorize(network: str, config: dict, scopes: set, separator: str):
            args = request.args
            fake.record.authorize.append(dict(args))
            if args.get("response_type") != "code" or args.get("client_id") != config["client_id"]:
                abort(400)
            if set(args.get("scope", "").split(separator)) != scopes:
                abort(400, "unexpected scopes")
            if network == "x" and (
                args.get("code_challenge_method") != "S256" or not args.get("code_challenge")
            ):
                abort(400, "PKCE required")
            back = args["redirect_uri"]
            if fake.failures.get((network, "authorize")) == "decline":
                error = "access_denied" if network == "x" else "user_cancelled_authorize"
                query = {
                    "error": error,
                    "error_description": "The user cancelled",
                    "state": args["state"],
                }
                return redirect(back + "?" + urlencode(query))
            code = secrets.token_urlsafe(16)
            fake.codes[code] = {
                "network": network,
                "redirect_uri": back,
                "challenge": args.get("code_challenge"),
                "scopes": scopes,
            }
            return redirect(back + "?" + urlencode({"code": code, "state": args["state"]}))

        def exchange(network: str, form: dict):
            fake.record.token_requests.append(
                {**form, "authorization": request.headers.get("Authorization")}
            )
            injected = fake._injected(network, "token")
            if injected:
                return injected
            code = fake.codes.pop(form.get("code", ""), None)
            if fake.failures.get((network, "token")) == "expired" or code is None:
                return jsonify(
                    error="invalid_grant", error_description="The authorization code expired"
                ), 400
            if (
                form.get("grant_type") != "authorization_code"
                or form.get("redirect_uri") != code["redirect_uri"]
            ):
                return jsonify(error="invalid_request"), 400
            if network == "x":
                verifier = form.get("code_verifier", "")
                digest = hashlib.sha256(verifier.encode()).digest()
                if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != code["challenge"]:
                    return jsonify(
                        error="invalid_grant", error_description="PKCE verification failed"
                    ), 400
            access = secrets.token_urlsafe(24)
            fake.tokens[access] = {"network": network, "scopes": code["scopes"]}
            body = {
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": 7200,
                "scope": " ".join(sorted(code["scopes"])),
            }
            if network == "linkedin":
                body["id_token"] = _jwt(
                    {"sub": LINKEDIN["member"], "iss": "https://www.linkedin.com/oauth"}
                )
            return jsonify(body)

        def bearer(network: str, scope: str) -> None:
            header = request.headers.get("Authorization", "")
            token = fake.tokens.get(header.removeprefix("Bearer "))
            if not token or token["network"] != network:
                abort(401)
            if scope not in token["scopes"]:
                abort(403)
            fake.record.api_headers.append(dict(request.headers))

        @app.get("/oauth/v2/authorization")
        def linkedin_authorize():
            return authorize("linkedin", LINKEDIN, LINKEDIN_SCOPES, " ")

        @app.post("/oauth/v2/accessToken")
        def linkedin_token():
            form = request.form.to_dict()
            if (form.get("client_id"), form.get("client_secret")) != (
                LINKEDIN["client_id"],
                LINKEDIN["client_secret"],
            ):
                return jsonify(error="invalid_client"), 401
            return exchange("linkedin", form)

        @app.post("/rest/images")
        def linkedin_initialize_upload():
            bearer("linkedin", "w_member_social")
            if request.args.get("action") != "initializeUpload":
                abort(400)
            # As LinkedIn does: a missing, unknown or sunset version (about a year old) is 426.
            age = version_age_months(request.headers.get("LinkedIn-Version", ""), date.today())
            if age is None or age >= 12 or age < 0:
                return jsonify(status=426, code="NONEXISTENT_VERSION"), 426
            if request.headers.get("X-Restli-Protocol-Version") != "2.0.0":
                abort(400)
            injected = fake._injected("linkedin", "upload")
            if injected:
                return injected
            owner = request.get_json()["initializeUploadRequest"]["owner"]
            if owner != f"urn:li:person:{LINKEDIN['member']}":
                abort(403)
            image_id = "C4E10AQ" + secrets.token_hex(6)
            fake.pending_uploads[image_id] = owner
            return jsonify(
                value={
                    "uploadUrlExpiresAt": int(time.time() * 1000) + 3_600_000,
                    "uploadUrl": f"{fake.base_url}/dms-uploads/{image_id}?ca=vector_feedshare",
                    "image": f"urn:li:image:{image_id}",
                }
            )

        @app.put("/dms-uploads/<image_id>")
        def linkedin_upload(image_id: str):
            bearer("linkedin", "w_member_social")
            injected = fake._injected("linkedin", "upload_put")
            if injected:
                return injected
            if image_id not in fake.pending_uploads:
                abort(404)
            fake.record.uploads[f"urn:li:image:{image_id}"] = request.get_data()
            return "", 201

        @app.post("/rest/posts")
        def linkedin_post():
            bearer("linkedin", "w_member_social")
            injected = fake._injected("linkedin", "post")
            if injected:
                return injected
            post = request.get_json()
            if post["author"] != f"urn:li:person:{LINKEDIN['member']}":
                abort(403)
            if post["content"]["media"]["id"] not in fake.record.uploads:
                return jsonify(message="media not found"), 422
            if post.get("lifecycleState") != "PUBLISHED" or post.get("visibility") != "PUBLIC":
                abort(422)
            fake.record.posts.append({"network": "linkedin", **post})
            urn = f"urn:li:share:{7000000000000000000 + len(fake.record.posts)}"
            return "", 201, {"x-restli-id": urn}

        @app.get("/i/oauth2/authorize")
        def x_authorize():
            return authorize("x", X, X_SCOPES, " ")

        @app.post("/2/oauth2/token")
        def x_token():
            if request.authorization is None or (
                request.authorization.username,
                request.authorization.password,
            ) != (X["client_id"], X["client_secret"]):
                return jsonify(error="unauthorized_client"), 401
            return exchange("x", request.form.to_dict())

        @app.post("/2/media/upload")
        def x_media():
            bearer("x", "media.write")
            injected = fake._injected("x", "upload")
            if injected:
                return injected
            media = request.files.get("media")
            if media is None or request.form.get("media_category") != "tweet_image":
                return jsonify(errors=[{"message": "media required"}]), 400
            media_id = str(1880000000000000000 + len(fake.record.uploads))
            fake.record.uploads[media_id] = media.read()
            return jsonify(
                data={"id": media_id, "media_key": f"3_{media_id}", "expires_after_secs": 86400}
            )

        @app.post("/2/tweets")
        def x_post():
            bearer("x", "tweet.write")
            injected = fake._injected("x", "post")
            if injected:
                return injected
            post = request.get_json()
            if x_post_length(post["text"]) > X_LIMIT:
                return jsonify(detail="Your Tweet text is too long."), 400
            for media_id in post.get("media", {}).get("media_ids", []):
                if media_id not in fake.record.uploads:
                    return jsonify(detail="media not found"), 400
            fake.record.posts.append(
                {"network": "x", **post, "hashtags": extract_hashtags(post["text"])}
            )
            tweet_id = str(1890000000000000000 + len(fake.record.posts))
            return jsonify(data={"id": tweet_id, "text": post["text"]}), 201

        return app


def _jwt(claims: dict) -> str:
    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.{part({'sig': 'x'})}"
