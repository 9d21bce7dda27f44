"""One transaction per request, with the files it wrote."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from campaign.extensions import db
from campaign.storage import FileLedger, get_storage, pending_deletions

log = logging.getLogger(__name__)


@contextmanager
def unit_of_work() -> Iterator[FileLedger]:
    """Commit the session and keep the files, or roll back and remove them."""
    storage = get_storage()
    pending = pending_deletions()
    # Files an earlier unit of work could not remove while storage was away.
    pending.retry(storage)
    files = FileLedger(storage, pending)
    try:
        yield files
        db.session.commit()
    except BaseException:
        try:
            db.session.rollback()
        except Exception:  # a dead connection: the transaction is gone with it
            log.warning("rollback failed", exc_info=True)
        finally:
            files.discard()
        raise
    files.finish()
