"""PostgreSQL specifics: the advisory locks that serialise the desk's writers, and its marker."""

from peewee import Database, PostgresqlDatabase

from .errors import DatabaseRefused

# Transaction-scoped advisory lock keys (pg_advisory_xact_lock): released at COMMIT or ROLLBACK.
MIGRATION_LOCK = 4190417
CHAIN_LOCK = 4190418
# Channel on which every commit that appended an audit event is announced to the other desks.
CHANGE_CHANNEL = "aftersales_change"

_USER_RELATIONS = """
    SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname !~ '^pg_(toast|temp)'
"""


def is_server(db: Database) -> bool:
    return isinstance(db, PostgresqlDatabase)


def lock_chain(db: Database) -> None:
    """Hold the audit chain until this transaction ends: one appender at a time reads its head."""
    db.execute_sql(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK})")


def refuse_unmarked(db: Database, where: str, create: bool) -> None:
    """For a server database without our marker: refuse it unless it is empty and `create` was asked.

    Called under the migration lock, so a desk creating the schema right now is waited for, not
    mistaken for another application.
    """
    if int(db.execute_sql(_USER_RELATIONS).fetchone()[0]):
        raise DatabaseRefused(
            f"{where}: holds tables of another application (no aftersales marker); "
            "use an empty database for the desk"
        )
    if not create:
        raise DatabaseRefused(f"{where}: no aftersales database here (create one with `aftersales init --db URL`)")
