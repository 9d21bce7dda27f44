"""One transaction per request, with the files it wrote."""

from collections.abc import Iterator
from contextlib import contextmanager

from campaign.extensions import db
from campaign.storage import FileLedger, get_storage


@contextmanager
def unit_of_work() -> Iterator[FileLedger]:
    """Commit the session and keep the files, or roll back and remove them."""
    files = FileLedger(get_storage())
    try:
        yield files
        db.session.commit()
    except BaseException:
        db.session.rollback()
        files.discard()
        raise
    files.finish()
