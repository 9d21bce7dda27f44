"""Automatic flags at submission: blocklisted words, near-duplicate photos, bursts from one
network. They show in the queue and never reject anything by themselves."""

import io
import os
import re

import pytest
from PIL import Image, ImageOps
from sqlalchemy import select, update

from campaign.extensions import db
from campaign.models import Entry, EntryStatus, Role
from campaign.moderation import blocklist, flags
from tests.factories import (
    bulk,
    find_entry,
    make_edition,
    make_user,
    manage_token,
    photo_bytes,
    sign_in,
    submit,
)


def _flags(app) -> dict[str, list[str]]:
    with app.app_context():
        entries = db.session.scalars(select(Entry).order_by(Entry.id)).all()
        return {entry.slug: sorted(flag.kind.value for flag in entry.flags) for entry in entries}


@pytest.fixture
def words(tmp_path):
    folder = tmp_path / "blocklists"
    folder.mkdir()
    (folder / "all.txt").write_text("# every language\ncasino\n", encoding="utf-8")
    (folder / "en.txt").write_text("darn\nbad word\n", encoding="utf-8")
    (folder / "fr.txt").write_text("connard\n", encoding="utf-8")
    (folder / "ar.txt").write_text("غبي\n", encoding="utf-8")
    (folder / "zh.txt").write_text("傻瓜\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("Darn it, I keep learning", "en", ["darn"]),
        ("DARN!", "en", ["darn"]),
        ("I darned my socks and learnt", "en", []),  # whole words only
        ("a BAD   word here", "en", ["bad word"]),
        ("Quel CONNARD ce cours", "fr", ["connard"]),
        ("quel cônnârd", "fr", ["connard"]),  # accents do not hide a word
        ("connard", "en", []),  # French list, English statement
        ("Le CASINO en ligne", "fr", ["casino"]),  # all.txt applies everywhere
        ("هذا غَبِيّ جدا", "ar", ["غبي"]),  # Arabic diacritics ignored
        ("我不是傻瓜我在学习", "zh", ["傻瓜"]),  # no spaces in Chinese: found inside text
        ("学无止境", "zh", []),
    ],
)
def test_blocklist_matching(words, text, language, found):
    assert blocklist.matches(text, language, words) == found


def test_an_edited_blocklist_file_is_used_at_once(words):
    assert blocklist.matches("what a heck", "en", words) == []
    path = words / "en.txt"
    path.write_text("heck\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert blocklist.matches("what a heck", "en", words) == ["heck"]


def test_the_shipped_blocklists_load_for_every_language():
    for language in ("en", "fr", "es", "ar", "zh"):
        assert blocklist.matches("I learn every day.", language) == []
    assert blocklist.matches("Visit my CASINO", "es") == ["casino"]


@pytest.mark.parametrize("settings", [{"MODERATION_BLOCKLIST_DIR": None}])
def test_a_blocklisted_statement_is_flagged_not_rejected(app, client, settings, words):
    app.config["MODERATION_BLOCKLIST_DIR"] = str(words)
    submit(client, statement="learning beats the casino every time.")
    [(slug, kinds)] = _flags(app).items()
    assert kinds == ["blocklist"]
    with app.app_context():
        entry = db.session.scalars(select(Entry)).one()
        assert entry.status is EntryStatus.PENDING
        assert entry.flags[0].detail == "Blocklist: casino"


def test_an_edit_that_adds_a_blocklisted_word_raises_the_flag(app, client):
    token = manage_token(submit(client))
    html = client.get(f"/m/{token}").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    client.post(
        f"/m/{token}/statement", data={"csrf_token": csrf, "statement": "buy now at the casino"}
    )
    assert list(_flags(app).values()) == [["blocklist"]]


def _variant(data: bytes, size: tuple[int, int], quality: int) -> bytes:
    image = Image.open(io.BytesIO(data))
    image = image.convert("RGB").resize(size)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def test_the_same_photo_sent_again_is_flagged_as_a_near_duplicate(app):
    original = photo_bytes()
    submit(app.test_client(), photo=original)
    submit(app.test_client(), photo=_variant(original, (1000, 750), 70))  # smaller, recompressed
    mirrored = io.BytesIO()
    ImageOps.mirror(Image.open(io.BytesIO(original)).convert("RGB")).save(mirrored, "JPEG")
    submit(app.test_client(), photo=mirrored.getvalue())
    kinds = list(_flags(app).values())
    assert kinds == [[], ["duplicate_photo"], []]
    with app.app_context():
        first, second, _ = db.session.scalars(select(Entry).order_by(Entry.id)).all()
        assert second.flags[0].detail == f"Same photo as {first.slug}"
        assert flags.hamming(first.photo_hash, second.photo_hash) <= 3


def _from_address(app, address: str, number: int) -> None:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    # Different photos, so only the burst can raise a flag.
    image = Image.new("RGB", (900, 900), (number * 40 % 255, 120, 200 - number * 30))
    image.paste((250, 250, 250), (number * 100, 0, number * 100 + 200, 900))
    out = io.BytesIO()
    image.save(out, "JPEG")
    submit(client, photo=out.getvalue(), name=f"Sender {number}")


@pytest.mark.parametrize("settings", [{"IP_BURST_COUNT": 3, "IP_BURST_MINUTES": 10}])
def test_many_entries_from_one_network_in_a_short_time_are_flagged(app):
    for number in range(3):
        _from_address(app, "203.0.113.5", number)
    _from_address(app, "2001:db8:1:2::1", 3)
    _from_address(app, "2001:db8:1:2::99", 4)  # the same /64: one household
    kinds = list(_flags(app).values())
    assert kinds == [[], [], ["ip_burst"], [], []]


def test_the_sender_address_is_stored_only_as_a_keyed_hash(app, client):
    submit(client)
    with app.app_context():
        entry = db.session.scalars(select(Entry)).one()
        values = [str(getattr(entry, column.key)) for column in Entry.__table__.columns]
        assert not any("127.0.0.1" in value for value in values)
        assert len(entry.ip_hash) == 32
        assert entry.ip_hash == flags.hash_ip("127.0.0.1")
        assert flags.hash_ip("2001:db8::1") == flags.hash_ip("2001:db8::ffff")
        assert flags.hash_ip("2001:db8::1") != flags.hash_ip("2001:db9::1")
        assert flags.hash_ip("not an address") is None


def test_flags_show_in_the_queue_and_can_be_filtered(app, moderator):
    original = photo_bytes()
    submit(app.test_client(), photo=original)
    submit(app.test_client(), photo=original)
    html = moderator.get("/moderate?flag=duplicate_photo").get_data(as_text=True)
    assert html.count('class="mod-item') == 1
    assert "Duplicate photo: the same as" in html
    assert "duplicate photo (1)" in html


def test_a_photo_hash_is_split_into_four_indexed_quarters():
    # Two hashes within 3 bits share a quarter, so the lookup by quarter misses none of them.
    assert flags._bands("ffff0000ffff0000") == [0, 0xFFFF, 0, 0xFFFF]


def test_a_duplicate_flag_opens_the_entry_with_the_same_photo(app, moderator):
    original = photo_bytes()
    make_edition(app, "tampere", city=("Tampere", "FI"))
    submit(app.test_client(), photo=original, name="First Sender")
    submit(app.test_client(), path="/c/tampere/join", photo=original, name="Second Sender")
    first = find_entry(app, name="First Sender")

    html = moderator.get("/moderate?flag=duplicate_photo").get_data(as_text=True)
    link = re.search(rf'<a href="([^"]+)">{first.slug}</a>', html)
    assert link, "the flag names the other entry with a link to it"
    opened = moderator.get(link.group(1))
    assert opened.status_code == 302
    assert "First Sender" in moderator.get(opened.headers["Location"]).get_data(as_text=True)
    assert moderator.get("/moderate/entries/by-slug/nobody").status_code == 404

    # A city moderator sees the flag on their edition's entry; the other entry is not theirs.
    make_user(
        app,
        "cm@tampere.example",
        Role.CITY_MODERATOR,
        edition_id=find_entry(app, name="Second Sender").edition_id,
    )
    city_moderator = app.test_client()
    assert sign_in(city_moderator, "cm@tampere.example").status_code == 303
    assert city_moderator.get(link.group(1)).status_code == 404


@pytest.mark.parametrize("settings", [{"IP_BURST_COUNT": 3, "IP_BURST_MINUTES": 10}])
def test_a_burst_flag_shows_that_networks_entries_to_reject_them_at_once(app, moderator):
    for number, address in enumerate(["203.0.113.5", "198.51.100.7", "203.0.113.5"]):
        _from_address(app, address, number)
    _from_address(app, "203.0.113.5", 3)  # the third from one network: flagged

    queue = moderator.get("/moderate?flag=ip_burst").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)">Show them</a>', queue)
    assert link, "the burst flag leads to the network's entries"
    page = moderator.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "Only the entries sent from the same network" in page
    shown = re.findall(r"Sender \d", page)
    assert sorted(set(shown)) == ["Sender 0", "Sender 2", "Sender 3"]

    # The whole page rejected at once: the other network's entry waits on.
    page_ids = re.findall(r'name="page_ids" value="([^"]+)"', page)
    response = bulk(moderator, "reject", scope="page", page_ids=page_ids, reason_choice="spam")
    assert response.status_code == 303
    statuses = {
        number: find_entry(app, name=f"Sender {number}").status.value for number in range(4)
    }
    assert statuses == {0: "rejected", 1: "pending", 2: "rejected", 3: "rejected"}


def test_the_network_filter_shows_nothing_once_the_address_hash_is_gone(app, moderator):
    _from_address(app, "203.0.113.5", 0)
    _from_address(app, "198.51.100.7", 1)
    with app.app_context():
        db.session.execute(update(Entry).values(ip_hash=None))  # retention dropped them
        db.session.commit()
    first = find_entry(app, name="Sender 0")
    page = moderator.get(f"/moderate?status=all&network={first.id}").get_data(as_text=True)
    assert "Sender" not in page
    assert "Nothing here." in page
