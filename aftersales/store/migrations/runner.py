"""Schema versions, applied once under a write lock even when several desks start together.

Each version is a module `vNNN_<what>.py` with a `migrate(db)` that is idempotent (tables made with
`safe=True`, columns added only when missing), since a new database gets the current models.
"""

from collections.abc import Callable

from peewee import Database, SqliteDatabase

from ..errors import DatabaseRefused
from ..header import APPLICATION_ID
from ..models import Meta
from ..server import MIGRATION_LOCK, is_server, marked_version, refuse_unmarked
from . import (
    v001_core,
    v002_pg_event_errcode,
    v003_directory_and_source,
    v004_penalties,
    v005_remedy_decided_login_failures,
    v006_deliveries_callbacks,
    v007_register_handover,
    v008_sales_documents,
    v009_supervision_visits,
    v010_partners_referrals,
    v011_shop_month_summary,
    v012_escalations,
    v013_repeat_index,
    v014_short_term_search,
    v015_money_entries,
    v016_one_open_review,
    v017_report_summaries,
    v018_register_copies,
    v019_attachments,
    v020_shop_brand,
    v021_quality_signals,
    v022_event_source_address,
)

MIGRATIONS: list[Callable[[Database], None]] = [
    v001_core.migrate,
    v002_pg_event_errcode.migrate,
    v003_directory_and_source.migrate,
    v004_penalties.migrate,
    v005_remedy_decided_login_failures.migrate,
    v006_deliveries_callbacks.migrate,
    v007_register_handover.migrate,
    v008_sales_documents.migrate,
    v009_supervision_visits.migrate,
    v010_partners_referrals.migrate,
    v011_shop_month_summary.migrate,
    v012_escalations.migrate,
    v013_repeat_index.migrate,
    v014_short_term_search.migrate,
    v015_money_entries.migrate,
    v016_one_open_review.migrate,
    v017_report_summaries.migrate,
    v018_register_copies.migrate,
    v019_attachments.migrate,
    v020_shop_brand.migrate,
    v021_quality_signals.migrate,
    v022_event_source_address.migrate,
]
LATEST = len(MIGRATIONS)


def current_version(db: Database, where: str = "") -> int:
    """The schema version of `db`; on PostgreSQL a `meta` table of another application is refused,
    naming the database as `where`."""
    if isinstance(db, SqliteDatabase):
        return int(db.execute_sql("PRAGMA user_version").fetchone()[0])
    return marked_version(db, where or str(db.database))


def _set_version(db: Database, version: int) -> None:
    if isinstance(db, SqliteDatabase):
        db.execute_sql(f"PRAGMA user_version = {int(version)}")
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    else:
        Meta.insert(key="schema_version", value=str(version)).on_conflict(
            conflict_target=[Meta.key], update={Meta.value: str(version)}
        ).execute()


def migrate(db: Database, *, where: str = "", create: bool = True) -> int:
    """Bring the schema to LATEST under the write lock; return the version found before.

    On PostgreSQL a database without our marker is refused unless it is empty and `create` is
    true (see server.refuse_unmarked); `where` names it in that refusal.
    """
    with db.atomic():
        if is_server(db):
            db.execute_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        found = current_version(db, where)
        if found > LATEST:
            raise DatabaseRefused(f"{where or db.database}: made by a newer aftersales (schema {found}, this one knows {LATEST})")
        if found == 0 and is_server(db):
            refuse_unmarked(db, where or str(db.database), create)
        for version in range(found + 1, LATEST + 1):
            MIGRATIONS[version - 1](db)
            _set_version(db, version)
    return found
