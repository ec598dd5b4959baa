"""Schema 17: the reports' summaries (`report_count`, `report_hist`), filled from the complaints a range of
ids at a time with a progress line on big databases, and kept in step by triggers (store/report_summary.py).

An index of each complaint's creation and ending times finds, without reading the complaints, the few whose
deadlines were still running at the moment a report is measured (see services/reports/kept.py).
"""

from peewee import Database

from .. import report_summary
from ..index_progress import index_progress
from ..models import REPORT_SUMMARY_MODELS

SETTLE_INDEX = ("CREATE INDEX IF NOT EXISTS complaint_created_settle ON complaint "
                "(created_at, closed_at, acknowledged_at, resolved_at, id)")


def migrate(db: Database) -> None:
    db.create_tables(REPORT_SUMMARY_MODELS, safe=True)
    db.execute_sql("CREATE INDEX IF NOT EXISTS report_count_dimension_day ON report_count (dimension, day)")
    db.execute_sql(SETTLE_INDEX)
    total = int(db.execute_sql("SELECT count(*) FROM complaint").fetchone()[0])
    report_summary.install(db, index_progress("summaries", total, total))
