"""PostgreSQL answers a search through its GIN index, never by reading the whole wall.

Left to itself the planner walks ix_entries_wall newest first, computing to_tsvector for
each row until a page is full: for a word whose entries are few, or all far down the wall,
that is every row (about 1 s at 100,000 entries). The search may look through a bounded
number of the newest rows (search.RECENT_WINDOW), then asks the index.
"""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from campaign import search
from campaign.models import Entry, EntryStatus
from tests.factories import START, entry_values

ENTRIES = 2000


def _seed(db, statement_of) -> None:
    rows = [
        entry_values(
            EntryStatus.APPROVED,
            name=f"Learner {n}",
            statement=statement_of(n),
            photo_key="photos/plan.jpg",
            card_keys={},
            created_at=START + timedelta(minutes=n),
            updated_at=START + timedelta(minutes=n),
        )
        for n in range(ENTRIES)
    ]
    db.session.execute(sa.insert(Entry.__table__), rows)
    db.session.commit()
    db.session.execute(sa.text("ANALYZE entries"))
    db.session.commit()


def _plans_of(app, url: str) -> tuple[int, list[str]]:
    """The status of GET url, and EXPLAIN ANALYZE of every wall query it ran."""
    captured = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "created_at DESC" in statement:
            captured.append((statement, parameters))

    with app.app_context():
        engine = app.extensions["sqlalchemy"].engine
        sa.event.listen(engine, "before_cursor_execute", capture)
        try:
            status = app.test_client().get(url).status_code
        finally:
            sa.event.remove(engine, "before_cursor_execute", capture)
        plans = []
        with engine.connect() as connection:
            for statement, parameters in captured:
                result = connection.exec_driver_sql(
                    "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + statement, parameters
                )
                plans.append("\n".join(row[0] for row in result))
    return status, plans


@pytest.mark.parametrize(
    ("case", "statement_of"),
    [
        # A word that 15 % of entries use, all of them old: the statistics say "common".
        ("old", lambda n: "I restore harpsichords" if n < 300 else f"entry {n} loves books"),
        # A word on one entry only.
        ("rare", lambda n: "I restore harpsichords" if n == 7 else f"entry {n} loves books"),
    ],
)
def test_a_search_uses_the_gin_index_and_never_reads_the_whole_wall(app, db, case, statement_of):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL plan; SQLite's search always goes through its FTS5 table")
    _seed(db, statement_of)
    for url in ("/wall?q=harpsichord", "/api/entries?q=harpsichord", "/wall.atom?q=harpsichord"):
        status, plans = _plans_of(app, url)
        assert status == 200, url
        everything = "\n\n".join(plans)
        assert "ix_entries_search" in everything, f"{url} did not use the GIN index:\n{everything}"
        removed = [int(n) for n in re.findall(r"Rows Removed by Filter: (\d+)", everything)]
        assert max(removed, default=0) <= search.RECENT_WINDOW, f"{url} read:\n{everything}"


def test_a_common_word_fills_the_page_from_the_newest_rows(app, db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL plan; SQLite's search always goes through its FTS5 table")
    _seed(db, lambda n: f"entry {n} loves books")
    status, plans = _plans_of(app, "/api/entries?q=books&limit=10")
    assert status == 200
    assert len(plans) == 1, "one bounded look, no second query"
    assert "Rows Removed by Filter" not in plans[0]
