"""References checked on PostgreSQL the way `PRAGMA foreign_key_check` checks them on SQLite.

The models, not the server's constraints, say what must hold: a constraint dropped or disabled by
hand would otherwise hide the very rows it no longer guards.
"""

from typing import Any

from peewee import ForeignKeyField

from .models import ALL_MODELS, database


def server_reference_problems(limit: int = 20) -> list[str]:
    """Rows pointing at a parent row that does not exist, as "table row N → missing parent"."""
    db: Any = database.obj
    out: list[str] = []
    for model in ALL_MODELS:
        table = model._meta.table_name
        row_key = model._meta.primary_key.column_name
        for field in model._meta.sorted_fields:
            if not isinstance(field, ForeignKeyField) or len(out) >= limit:
                continue
            parent = field.rel_model._meta.table_name
            key = field.rel_field.column_name
            rows = db.execute_sql(
                f"SELECT c.{row_key} FROM {table} c LEFT JOIN {parent} p ON p.{key} = c.{field.column_name} "
                f"WHERE c.{field.column_name} IS NOT NULL AND p.{key} IS NULL ORDER BY c.{row_key} "
                f"LIMIT {int(limit - len(out))}"
            ).fetchall()
            out.extend(f"{table} row {row[0]} → missing {parent}" for row in rows)
    return out
