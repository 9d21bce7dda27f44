"""Making entries' cards again with today's designs and branding (`flask cards rerender`).

A card is rendered when its entry is made or edited, with the branding of that moment: a new
campaign line (CARD_CAMPAIGN_LINES), colour or logo, an edition's new logo, or a design
changed in a release reaches the entries already made only through this.

Each entry is its own transaction. Its cards (and those of an edit waiting for a moderator)
are rendered from the stored photo, framed as before, and written under new names, so no
cache or network shows the old ones; the entry points at them and the old files go once
that is committed. The entry's version goes up, as with any change, but not its updated_at,
which retention counts from: whoever acted on the entry meanwhile (its owner, a moderator)
keeps their change, and this entry is reported as changed, to be run again.
"""

import enum
import logging
from collections.abc import Iterator, Sequence

from sqlalchemy import select, update

from campaign import cardfiles
from campaign.branding import branding_for
from campaign.extensions import db
from campaign.models import Edition, Entry, Revision
from campaign.storage import FileLedger
from campaign.submissions.service import render_cards
from campaign.unit_of_work import unit_of_work


class Outcome(enum.Enum):
    DONE = "made again"
    GONE = "erased meanwhile"
    PHOTO_DROPPED = "kept as they are: retention removed the photo"
    CHANGED = "changed meanwhile: run the command again"  # left as its owner or a moderator made it
    PHOTO_MISSING = "photo missing from storage (see `flask maintenance check`)"
    FAILED = "failed, its cards kept (the error is logged above)"

    @property
    def is_problem(self) -> bool:
        return self in (Outcome.CHANGED, Outcome.PHOTO_MISSING, Outcome.FAILED)


log = logging.getLogger(__name__)


class _Changed(Exception):
    """The entry's version moved on while its cards were rendered."""


def entries_to_rerender(
    edition: Edition | None = None, language: str | None = None, slugs: Sequence[str] = ()
) -> list[tuple[int, str]]:
    """The id and slug of each entry to make again, oldest first (only those of `slugs` when
    some are given)."""
    query = select(Entry.id, Entry.slug).order_by(Entry.id)
    if slugs:
        query = query.where(Entry.slug.in_(slugs))
    if edition is not None:
        query = query.where(Entry.edition_id == edition.id)
    if language is not None:
        query = query.where(Entry.language == language)
    return [(entry_id, slug) for entry_id, slug in db.session.execute(query)]


def rerender_all(entries: list[tuple[int, str]]) -> Iterator[tuple[str, Outcome]]:
    """Each entry's slug and outcome as it is done; one that changed meanwhile is tried once
    more."""
    for entry_id, slug in entries:
        try:
            outcome = rerender_entry(entry_id)
            if outcome is Outcome.CHANGED:
                outcome = rerender_entry(entry_id)
        except Exception:
            # One unreadable photo (or a storage hiccup) does not stop the other entries.
            log.exception("the cards of entry %s could not be made again", slug)
            outcome = Outcome.FAILED
        yield slug, outcome


def rerender_entry(entry_id: int) -> Outcome:
    """Make one entry's cards again and commit; its new files are removed if it cannot."""
    try:
        with unit_of_work() as files:
            entry = db.session.get(Entry, entry_id)
            if entry is None:
                return Outcome.GONE
            if not entry.photo_key:
                return Outcome.PHOTO_DROPPED
            if not files.storage.exists(entry.photo_key):
                return Outcome.PHOTO_MISSING
            _replace_cards(entry, files)
    except _Changed:
        return Outcome.CHANGED
    return Outcome.DONE


def _replace_cards(entry: Entry, files: FileLedger) -> None:
    branding = branding_for(entry.edition)
    rendered = render_cards(files.storage, entry, entry.statement, branding)
    public = cardfiles.cards_public(entry.status)
    keys = cardfiles.save_cards(rendered, files, public=public)
    claimed = db.session.execute(
        update(Entry)
        .where(Entry.id == entry.id, Entry.version == entry.version)
        .values(card_keys=keys, version=entry.version + 1, updated_at=Entry.updated_at),
        execution_options={"synchronize_session": False},
    )
    if claimed.rowcount != 1:
        raise _Changed
    for key in entry.card_keys.values():
        files.delete_after_commit(key)
    waiting = entry.open_revision
    if waiting is not None:
        # An edit a moderator has yet to see: its cards stay out of public reach.
        rendered = render_cards(files.storage, entry, waiting.statement, branding)
        db.session.execute(
            update(Revision)
            .where(Revision.id == waiting.id)
            .values(card_keys=cardfiles.save_cards(rendered, files, public=False)),
            execution_options={"synchronize_session": False},
        )
        for key in waiting.card_keys.values():
            files.delete_after_commit(key)
