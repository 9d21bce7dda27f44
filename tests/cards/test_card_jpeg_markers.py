"""The cards' JPEG files as encoded, read from the files' own markers: a progressive og:image
(whose Huffman tables are optimised), baseline downloads with the standard tables (encoded
in a third of the time, for a few per cent more bytes the networks re-encode anyway)."""

import struct

from campaign.cards import render_all
from campaign.cards.samples import sample_content

SOF0, SOF2, DHT, SOS = 0xC0, 0xC2, 0xC4, 0xDA
# The example DC luminance table of the JPEG standard (Annex K.3): the code counts per
# length that an encoder writes when it does not optimise its tables.
STANDARD_DC_LUMINANCE = bytes([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0])


def markers(data: bytes) -> list[tuple[int, bytes]]:
    """The (marker, payload) segments of a JPEG up to its first scan."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    segments, at = [], 2
    while at < len(data):
        assert data[at] == 0xFF, f"no marker at byte {at}"
        marker = data[at + 1]
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        segments.append((marker, data[at + 4 : at + 2 + length]))
        if marker == SOS:
            break
        at += 2 + length
    return segments


def huffman_tables(segments) -> dict[int, bytes]:
    """Code counts per length of each Huffman table, by its class and id byte."""
    tables = {}
    for marker, payload in segments:
        at = 0
        while marker == DHT and at < len(payload):
            counts = payload[at + 1 : at + 17]
            tables[payload[at]] = counts
            at += 17 + sum(counts)
    return tables


def test_downloads_are_baseline_with_standard_tables_and_the_og_image_progressive(photo):
    cards = render_all(photo, sample_content("fr"))
    expected = {"landscape": SOF2, "square": SOF0, "story": SOF0}
    for name, frame in expected.items():
        segments = markers(cards[name])
        frames = [marker for marker, _ in segments if marker in (SOF0, SOF2)]
        assert frames == [frame], f"{name}: frame markers {[hex(m) for m in frames]}"
        tables = huffman_tables(segments)
        assert tables, f"{name}: no Huffman table before the first scan"
        if frame == SOF0:
            assert tables[0x00] == STANDARD_DC_LUMINANCE, f"{name}: optimised, not standard"
        else:  # a progressive file's tables come scan by scan, each optimised for its scan
            assert tables[0x00] != STANDARD_DC_LUMINANCE, f"{name}: standard, not optimised"
