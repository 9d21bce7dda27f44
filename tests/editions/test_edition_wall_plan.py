"""An edition's wall, and the global wall filtered by edition, read ix_entries_wall_edition:
a range of the index in the wall's order, never the whole table (both databases)."""

from datetime import timedelta

import sqlalchemy as sa

from campaign.models import Entry, EntryKind, EntryStatus
from tests.factories import START, entry_values, make_edition

ENTRIES, EDITIONS = 2000, 20


def _seed(app, db) -> None:
    ids = [make_edition(app, f"city-{n}") for n in range(EDITIONS)]
    rows = [
        entry_values(
            EntryStatus.APPROVED,
            kind=EntryKind.LEARNER,
            name=f"Learner {n}",
            focal_x=0.5,
            focal_y=0.5,
            featured=False,
            created_at=START + timedelta(minutes=n),
            updated_at=START + timedelta(minutes=n),
            version=1,
            # One in ten entries is global; the others spread over the editions.
            edition_id=None if n % 10 == 0 else ids[n % EDITIONS],
        )
        for n in range(ENTRIES)
    ]
    db.session.execute(sa.insert(Entry.__table__), rows)
    db.session.commit()
    db.session.execute(sa.text("ANALYZE entries" if _postgres(db) else "ANALYZE"))
    db.session.commit()


def _postgres(db) -> bool:
    return db.engine.dialect.name == "postgresql"


def _plans(app, db, url: str) -> list[str]:
    captured = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "created_at DESC" in statement and "edition_id" in statement:
            captured.append((statement, parameters))

    engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", capture)
    try:
        assert app.test_client().get(url).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", capture)
    explain = "EXPLAIN (COSTS OFF) " if _postgres(db) else "EXPLAIN QUERY PLAN "
    plans = []
    with engine.connect() as connection:
        for statement, parameters in captured:
            result = connection.exec_driver_sql(explain + statement, parameters)
            plans.append("\n".join(str(row[-1]) for row in result))
    return plans


def test_edition_walls_read_their_index(app, db):
    _seed(app, db)
    for url in ("/c/city-3/wall", "/wall?edition=city-3"):
        plans = _plans(app, db, url)
        assert plans, url
        for plan in plans:
            assert "ix_entries_wall_edition" in plan, plan
            assert "SCAN entries\n" not in plan + "\n", plan  # SQLite's whole-table scan
            assert "Seq Scan" not in plan, plan
