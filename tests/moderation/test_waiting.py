"""Moderators see how long entries wait: the oldest waiting entry, each pending entry's wait,
and the median wait before a decision over the last seven days (from the moderation log)."""

import re
from datetime import timedelta

from campaign.dbtypes import utcnow
from campaign.models import EntryStatus
from campaign.moderation.waiting import duration
from tests.factories import act, make_entry


def waiting_line(html: str) -> str:
    line = re.search(r"<p class=\"mod-waiting\"[^>]*>(.*?)</p>", html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip()


def test_the_queue_shows_the_oldest_wait_and_each_entrys_wait(app, moderator):
    now = utcnow()
    make_entry(app, created_at=now - timedelta(days=2, hours=3, minutes=5))
    make_entry(app, created_at=now - timedelta(minutes=40))
    make_entry(app, EntryStatus.APPROVED, created_at=now - timedelta(days=9))  # decided: no wait
    html = moderator.get("/moderate").get_data(as_text=True)
    assert waiting_line(html).startswith("Oldest waiting: 2 d 3 h")
    waits = re.findall(r'<span class="mod-wait">waiting ([^<]+)</span>', html)
    assert waits == ["2 d 3 h", "40 min"]


def test_decisions_record_how_long_the_entries_waited(app, moderator):
    now = utcnow()
    first = make_entry(app, created_at=now - timedelta(hours=3))
    second = make_entry(app, created_at=now - timedelta(hours=1))
    third = make_entry(app, created_at=now - timedelta(hours=5, minutes=30))
    assert act(moderator, first, "approve").status_code == 303
    assert act(moderator, second, "reject", reason_choice="spam").status_code == 303
    assert act(moderator, third, "approve").status_code == 303
    line = waiting_line(moderator.get("/moderate").get_data(as_text=True))
    assert line.startswith("Nothing is waiting")
    assert "last 7 days: 3 h 0 min (3 decisions)" in line


def test_waits_read_as_days_hours_and_minutes():
    assert duration(timedelta(minutes=5, seconds=59)) == "5 min"
    assert duration(timedelta(hours=3, minutes=12)) == "3 h 12 min"
    assert duration(timedelta(days=2, hours=4, minutes=59)) == "2 d 4 h"
    assert duration(None) == "–"
