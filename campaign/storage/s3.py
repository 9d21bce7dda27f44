"""Files in S3-compatible object storage (AWS S3, MinIO, Garage, Ceph, R2, ...), for several hosts.

Credentials come the way boto3 always finds them (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,
an instance role, ~/.aws); the endpoint is configurable for S3-compatible services.
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from campaign.storage.base import (
    StorageUnavailable,
    StoredFile,
    check_key,
    content_type,
    is_public_key,
)

ONE_YEAR = 365 * 24 * 3600
MISSING = {"404", "NoSuchKey", "NotFound"}


@contextmanager
def _outage_as_unavailable(*, missing_is_an_answer: bool = False):
    """Connection failures, timeouts, 5xx (after boto3's retries) and refusals (403, no
    such bucket) are storage being unavailable; a missing object is an answer, not that."""
    try:
        yield
    except BotoCoreError as error:
        raise StorageUnavailable(f"object storage: {error}") from error
    except ClientError as error:
        if missing_is_an_answer and error.response.get("Error", {}).get("Code") in MISSING:
            raise
        raise StorageUnavailable(f"object storage: {error}") from error


class S3Storage:
    """Objects under `prefix/` in one bucket; cards get public or pre-signed URLs."""

    def __init__(
        self,
        *,
        bucket: str,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        public_url: str = "",
        url_expires: int = 7 * 24 * 3600,
        connect_timeout: float = 2,
        read_timeout: float = 5,
        max_attempts: int = 3,
    ) -> None:
        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        self.endpoint_url = endpoint_url
        self.region = region
        self.public_url = public_url.rstrip("/")
        self.url_expires = url_expires
        # A hung or unreachable service must cost a bounded time, well inside gunicorn's
        # timeout: at most max_attempts × (connect + read timeout) plus the standard
        # mode's backoff (under a second or two) per call; a failed write stops the rest.
        self.config = Config(
            signature_version="s3v4",
            retries={"max_attempts": max_attempts, "mode": "standard"},
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
        )
        self._local = threading.local()

    @property
    def client(self):
        # One client per process and thread: a client made before gunicorn forks must not
        # be shared by the workers, and creating one per request would be slow.
        cached = getattr(self._local, "client", None)
        if cached is None or cached[0] != os.getpid():
            client = boto3.session.Session().client(
                "s3",
                endpoint_url=self.endpoint_url,
                region_name=self.region,
                config=self.config,
            )
            cached = (os.getpid(), client)
            self._local.client = cached
        return cached[1]

    def object_name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def save(self, key: str, data: bytes) -> None:
        """One PUT: an object appears whole or not at all."""
        caching = f"public, max-age={ONE_YEAR}, immutable"
        with _outage_as_unavailable():
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.object_name(key),
                Body=data,
                ContentType=content_type(key),
                # Cards have content-hashed names, so they never change; photos never cached.
                CacheControl=caching if is_public_key(key) else "private, no-store",
            )

    def read(self, key: str) -> bytes:
        with _outage_as_unavailable(missing_is_an_answer=True):
            response = self.client.get_object(Bucket=self.bucket, Key=self.object_name(key))
            with response["Body"] as body:
                return body.read()

    def delete(self, key: str) -> None:
        with _outage_as_unavailable():
            self.client.delete_object(Bucket=self.bucket, Key=self.object_name(key))

    def exists(self, key: str) -> bool:
        try:
            with _outage_as_unavailable(missing_is_an_answer=True):
                self.client.head_object(Bucket=self.bucket, Key=self.object_name(key))
        except ClientError:
            return False
        return True

    def url(self, key: str) -> str:
        """A URL a browser or a social network fetches the card from; photos have none."""
        if not is_public_key(key):
            raise ValueError(f"photos are never served: {key!r}")
        if self.public_url:
            return f"{self.public_url}/{self.object_name(key)}"
        return self.client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self.bucket, "Key": self.object_name(key)},
            ExpiresIn=self.url_expires,
        )

    def keys(self) -> Iterator[str]:
        for stored in self.listing():
            yield stored.key

    def listing(self) -> Iterator[StoredFile]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix):
            for item in page.get("Contents", []):
                key = item["Key"].removeprefix(self.prefix)
                try:
                    check_key(key)
                except ValueError:
                    continue
                yield StoredFile(key, item["LastModified"])

    def leftovers(self, older_than: datetime) -> list[str]:
        """None: a PUT is atomic, so an interrupted write leaves nothing to sweep."""
        return []

    def delete_leftover(self, name: str) -> None:
        raise ValueError(f"nothing to sweep in object storage: {name!r}")
