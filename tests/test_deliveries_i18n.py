"""Keys the delivery and call-back screens build at run time exist in both catalogs."""

import pytest

from aftersales import i18n
from aftersales.services.deliveries.runsheet import RUNSHEET_COLUMNS
from aftersales.ui.screens.callbacks.due_table import COLUMNS as DUE_COLUMNS
from aftersales.ui.screens.deliveries.board_table import COLUMNS as BOARD_COLUMNS
from aftersales.ui.widgets.timeline_logistics import _SENTENCE

BUILT = (
    [f"deliveries.column.{name}" for name, _ in BOARD_COLUMNS]
    + [f"callbacks.column.{name}" for name, _ in DUE_COLUMNS]
    + [f"deliveries.runsheet.{name}" for name in RUNSHEET_COLUMNS]
    + [f"deliveries.when.{when}" for when in ("today", "tomorrow", "yesterday")]
    + [f"deliveries.weekday.{day}" for day in range(7)]
    + [f"deliveries.timeline.{name}" for name in [*_SENTENCE.values(), "completed_late"]]
)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_keys_built_at_run_time_exist(language: str) -> None:
    catalog = i18n.catalog(language)
    assert [key for key in BUILT if key not in catalog] == []
