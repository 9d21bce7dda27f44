"""`flask cards rerender`: entries made before a branding change get cards with the new look.

Real submissions (photo and cards on disk) are made, the configured accent colour changes,
and the command runs as an operator runs it; the cards are then looked at as files, and the
entry page as a visitor gets it.
"""

import io
import re

import numpy
import pytest
from PIL import Image
from sqlalchemy import select, update

from campaign.models import Entry, EntryStatus, Revision, RevisionState
from campaign.submissions import rerender
from campaign.submissions.rerender import Outcome, rerender_entry
from tests.factories import csrf_token, make_edition, new_entry, stored_files

MAGENTA = (255, 0, 255)


def magenta_pixels(path) -> int:
    """How many pixels of a card are near the new accent colour (the photo has none)."""
    pixels = numpy.asarray(Image.open(path).convert("RGB"), dtype=int)
    return int((abs(pixels - MAGENTA).sum(axis=2) < 90).sum())


def entry_row(db, entry_id: int) -> Entry:
    db.session.expire_all()
    return db.session.get(Entry, entry_id)


def edit(client, token: str, statement: str):
    return client.post(
        f"/m/{token}/statement",
        data={"csrf_token": csrf_token(client, f"/m/{token}"), "statement": statement},
    )


def test_cards_made_before_a_new_accent_take_it_under_new_addresses(
    app, db, client, runner, uploads
):
    public, _ = new_entry(client, db, public=True, statement="maps teach me patience.")
    waiting, _ = new_entry(client, db, statement="every bus ride is a lesson.")
    before = {entry.id: (dict(entry.card_keys), entry.version) for entry in (public, waiting)}
    updated = {entry.id: entry.updated_at for entry in (public, waiting)}
    photos = {entry.id: (uploads / entry.photo_key).read_bytes() for entry in (public, waiting)}
    for keys, _version in before.values():
        assert all(magenta_pixels(uploads / key) == 0 for key in keys.values())

    app.config["CARD_ACCENT"] = "#FF00FF"
    result = runner.invoke(args=["cards", "rerender"])

    assert result.exit_code == 0, result.output
    assert "2 made again" in result.output
    for entry_id, (old_keys, old_version) in before.items():
        entry = entry_row(db, entry_id)
        assert set(entry.card_keys) == set(old_keys)
        for fmt, key in entry.card_keys.items():
            assert key != old_keys[fmt]
            assert key.startswith("cards/")
            assert magenta_pixels(uploads / key) > 200, fmt
            assert not (uploads / old_keys[fmt]).exists()
        # The person's photo and words are as they were; retention's clock is not reset.
        assert (uploads / entry.photo_key).read_bytes() == photos[entry_id]
        assert entry.updated_at == updated[entry_id]
        assert entry.version == old_version + 1
    assert entry_row(db, public.id).statement == "maps teach me patience."

    # A visitor's link preview points at the new card, and it is served.
    page = app.test_client().get(f"/e/{public.slug}").get_data(as_text=True)
    image = re.search(r'<meta property="og:image" content="https?://[^/]+([^"]+)"', page)
    card = app.test_client().get(image.group(1))
    assert card.status_code == 200
    assert entry_row(db, public.id).card_keys["landscape"] in image.group(1)
    rendered = Image.open(io.BytesIO(card.data)).convert("RGB")
    assert rendered.size == (1200, 630)


def test_held_cards_stay_held_and_an_edit_waiting_for_a_moderator_gets_new_held_cards(
    app, db, client, runner, uploads
):
    approved, token = new_entry(client, db, public=True, statement="first words.")
    assert edit(client, token, "second words, not yet seen.").status_code == 303
    rejected, _ = new_entry(client, db)
    rejected.status = EntryStatus.REJECTED
    db.session.commit()
    revision = db.session.scalars(select(Revision)).one()
    assert revision.state is RevisionState.PENDING
    old_revision_keys = dict(revision.card_keys)

    app.config["CARD_ACCENT"] = "#FF00FF"
    assert runner.invoke(args=["cards", "rerender"]).exit_code == 0

    revision = db.session.get(Revision, revision.id)
    db.session.refresh(revision)
    assert revision.card_keys.keys() == old_revision_keys.keys()
    for fmt, key in revision.card_keys.items():
        assert key.startswith("held/")
        assert key != old_revision_keys[fmt]
        assert magenta_pixels(uploads / key) > 200
        assert not (uploads / old_revision_keys[fmt]).exists()
    assert all(key.startswith("held/") for key in entry_row(db, rejected.id).card_keys.values())
    # The public keeps the approved words, on the new cards.
    assert entry_row(db, approved.id).statement == "first words."
    assert all(key.startswith("cards/") for key in entry_row(db, approved.id).card_keys.values())


def test_an_edition_a_language_or_entries_can_be_chosen_and_a_dry_run_changes_nothing(
    app, db, client, runner
):
    make_edition(app, "espoo", languages=["en", "fr"], names={"en": "Espoo", "fr": "Espoo"})
    city, _ = new_entry(client, db, path="/c/espoo/join", name="Aino Korhonen")
    french, _ = new_entry(client, db, language="fr", statement="chaque jour m’apprend.")
    english, _ = new_entry(client, db)
    keys = {entry.id: dict(entry.card_keys) for entry in (city, french, english)}

    def changed() -> set[int]:
        return {
            entry_id for entry_id in keys if entry_row(db, entry_id).card_keys != keys[entry_id]
        }

    dry = runner.invoke(args=["cards", "rerender", "--dry-run"])
    assert dry.exit_code == 0
    assert "3 entries' cards would be made again" in dry.output
    assert changed() == set()

    assert runner.invoke(args=["cards", "rerender", "--edition", "espoo"]).exit_code == 0
    assert changed() == {city.id}
    assert runner.invoke(args=["cards", "rerender", "--language", "fr"]).exit_code == 0
    assert changed() == {city.id, french.id}

    one = runner.invoke(args=["cards", "rerender", "--entry", english.slug])
    assert one.exit_code == 0
    assert "1 made again" in one.output
    assert changed() == {city.id, french.id, english.id}

    unknown = runner.invoke(args=["cards", "rerender", "--edition", "nowhere"])
    assert unknown.exit_code == 2
    assert "no city edition is called 'nowhere'" in unknown.output
    unknown = runner.invoke(
        args=["cards", "rerender", "--entry", english.slug, "--entry", "nobody"]
    )
    assert unknown.exit_code == 2
    assert "no entry is called nobody" in unknown.output


def test_an_entry_whose_photo_is_gone_keeps_its_cards_and_the_command_says_so(
    app, db, client, runner, uploads
):
    dropped, _ = new_entry(client, db)
    lost, _ = new_entry(client, db)
    fine, _ = new_entry(client, db)
    kept = {entry.id: dict(entry.card_keys) for entry in (dropped, lost)}
    fine_keys = dict(fine.card_keys)
    # Retention removes a rejected entry's photo and blanks its key; storage can lose one.
    db.session.execute(update(Entry).where(Entry.id == dropped.id).values(photo_key=""))
    db.session.commit()
    (uploads / lost.photo_key).unlink()

    result = runner.invoke(args=["cards", "rerender"])

    assert result.exit_code == 1  # a script running it notices
    assert f"{lost.slug}: photo missing from storage" in result.output
    assert dropped.slug not in result.output
    assert "1 kept as they are: retention removed the photo" in result.output
    for entry_id, keys in kept.items():
        assert entry_row(db, entry_id).card_keys == keys
    assert entry_row(db, fine.id).card_keys != fine_keys


def test_an_unreadable_photo_fails_that_entry_alone_and_leaves_no_file(
    app, db, client, runner, uploads
):
    broken, _ = new_entry(client, db)
    fine, _ = new_entry(client, db)
    broken_slug, broken_keys, fine_keys = broken.slug, dict(broken.card_keys), dict(fine.card_keys)
    (uploads / broken.photo_key).write_bytes(b"not a JPEG any more")
    files_of_broken = {uploads / broken.photo_key, *(uploads / key for key in broken_keys.values())}

    result = runner.invoke(args=["cards", "rerender"])

    assert result.exit_code == 1
    assert f"{broken_slug}: failed, its cards kept" in result.output
    assert "1 made again" in result.output
    assert entry_row(db, broken.id).card_keys == broken_keys
    assert entry_row(db, fine.id).card_keys != fine_keys
    # The broken entry's files are as they were, and no half-made card of it is left.
    fine_files = {uploads / key for key in entry_row(db, fine.id).card_keys.values()}
    fine_files.add(uploads / entry_row(db, fine.id).photo_key)
    assert set(stored_files(uploads)) == files_of_broken | fine_files


@pytest.mark.parametrize("concurrent", ["owner's edit", "erasure"])
def test_a_change_made_meanwhile_wins_and_leaves_no_new_file(
    app, db, client, uploads, monkeypatch, concurrent
):
    entry, _ = new_entry(client, db, statement="my words before.")
    entry_id, old_keys = entry.id, dict(entry.card_keys)
    files_before = stored_files(uploads)
    render = rerender.render_cards

    def render_while_someone_acts(*args, **kwargs):
        cards = render(*args, **kwargs)
        # Another worker commits its change while these cards are being made.
        with db.engine.begin() as other:
            if concurrent == "erasure":
                other.execute(Entry.__table__.delete().where(Entry.id == entry_id))
            else:
                other.execute(
                    update(Entry)
                    .where(Entry.id == entry_id)
                    .values(statement="my words after.", version=Entry.version + 1)
                )
        return cards

    monkeypatch.setattr(rerender, "render_cards", render_while_someone_acts)
    db.session.expunge_all()
    with app.app_context():
        outcome = rerender_entry(entry_id)

    assert outcome is Outcome.CHANGED
    assert stored_files(uploads) == files_before  # the cards made for nothing are removed
    after = entry_row(db, entry_id)
    if concurrent == "erasure":
        assert after is None
    else:
        assert (after.statement, after.card_keys) == ("my words after.", old_keys)
