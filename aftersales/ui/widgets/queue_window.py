"""The slice of the queue held in memory: a few pages around the cursor, never the whole table."""

from dataclasses import dataclass, field

from ...domain.schemas import QueueRow
from ...services.complaints.queue import QueueSort, cursor_of

# Three pages of 50: enough to scroll smoothly, small enough for a million-row queue.
WINDOW_CAP = 150


@dataclass
class QueueWindow:
    """Rows currently loaded, and whether more exist before and after them."""

    rows: list[QueueRow] = field(default_factory=list)
    more_before: bool = False
    more_after: bool = False
    cap: int = WINDOW_CAP

    def replace(self, rows: list[QueueRow], *, more_before: bool, more_after: bool) -> None:
        """Start over with `rows` (first page, last page, a refresh or a new filter)."""
        self.rows = list(rows)
        self.more_before = more_before
        self.more_after = more_after

    def append(self, rows: list[QueueRow], more: bool) -> int:
        """Add the page that follows; return how many rows were dropped from the top."""
        self.rows.extend(rows)
        self.more_after = more
        dropped = max(0, len(self.rows) - self.cap)
        if dropped:
            del self.rows[:dropped]
            self.more_before = True
        return dropped

    def prepend(self, rows: list[QueueRow], more: bool) -> int:
        """Add the page that precedes; return how many rows were dropped from the bottom."""
        self.rows[:0] = rows
        self.more_before = more
        dropped = max(0, len(self.rows) - self.cap)
        if dropped:
            del self.rows[-dropped:]
            self.more_after = True
        return dropped

    def index_of(self, complaint_id: int) -> int | None:
        for index, row in enumerate(self.rows):
            if row.id == complaint_id:
                return index
        return None

    def after_last(self, sort: QueueSort, searching: bool) -> tuple[int, ...] | None:
        """Keyset cursor of the last loaded row, to fetch what follows it."""
        return cursor_of(self.rows[-1], sort, searching) if self.rows else None

    def before_first(self, sort: QueueSort, searching: bool) -> tuple[int, ...] | None:
        """Keyset cursor of the first loaded row, to fetch what precedes it (with from_end)."""
        return cursor_of(self.rows[0], sort, searching) if self.rows else None

    def anchor(self, sort: QueueSort, searching: bool, descending: bool) -> tuple[int, ...] | None:
        """A cursor just before the first row, so a refresh reloads the window including that row.

        The id is the last key of every sort, so nudging it by one step makes the strict
        keyset comparison include the first row itself.
        """
        if not self.rows or not self.more_before:
            return None
        keys = cursor_of(self.rows[0], sort, searching)
        return (*keys[:-1], keys[-1] + (1 if descending else -1))
