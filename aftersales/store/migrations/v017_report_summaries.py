"""Schema 17: the reports' summaries (`report_count`, `report_hist`), filled from the complaints a range of
ids at a time with a progress line on big databases, and `report_event` from the call-backs, escalations and
money entries, all kept in step by triggers (store/report_summary.py, store/report_events.py).

Indexes of open complaints and of the moments work ended find, without reading the others, the few
complaints whose deadlines were still running at the moment a report is measured (services/reports/kept_sla.py).
"""

from peewee import Database

from .. import report_events, report_summary
from ..index_progress import index_progress
from ..models import REPORT_SUMMARY_MODELS

# Open complaints by receipt (a partial index), and complaints by the moment work on them ended: together
# they find the complaints whose deadlines were still running at a moment without reading the others.
RUNNING_INDEXES = [
    "CREATE INDEX IF NOT EXISTS complaint_open_created ON complaint (created_at) WHERE closed_at IS NULL",
    "CREATE INDEX IF NOT EXISTS complaint_closed_created ON complaint (closed_at, created_at)",
    "CREATE INDEX IF NOT EXISTS complaint_acknowledged_created ON complaint (acknowledged_at, created_at)",
    "CREATE INDEX IF NOT EXISTS complaint_resolved_created ON complaint (resolved_at, created_at)",
]


# The complaints paid on in a period, counted from the index alone.
PAID_INDEX = "CREATE INDEX IF NOT EXISTS money_entry_day_kind_complaint ON money_entry (day, kind, complaint_id)"


def migrate(db: Database) -> None:
    db.create_tables(REPORT_SUMMARY_MODELS, safe=True)
    db.execute_sql("CREATE INDEX IF NOT EXISTS report_count_dimension_day ON report_count (dimension, day)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS report_event_source_day ON report_event (source, day)")
    for sql in RUNNING_INDEXES:
        db.execute_sql(sql)
    total = int(db.execute_sql("SELECT count(*) FROM complaint").fetchone()[0])
    report_summary.install(db, index_progress("summaries", total, total))
    db.execute_sql(PAID_INDEX)
    report_events.install(db)
