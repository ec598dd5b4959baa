"""What a user types to move document numbers, and the views the documents screens and commands show."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from ..schemas import CleanStr, Input
from .enums import DocumentKind, DocumentMove, NumberState


class RangeInput(Input):
    """A move of numbers first..last of one kind (written with or without the kind's prefix)."""

    kind: DocumentKind
    move: DocumentMove
    first: CleanStr = Field(min_length=1, max_length=20)
    last: CleanStr = Field(default="", max_length=20)  # empty: just the first number
    shop_code: CleanStr = Field(default="", max_length=20)
    note: CleanStr = Field(default="", max_length=200)


class View(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class MoveView(View):
    """One recorded move of a range."""

    kind: DocumentKind
    move: DocumentMove
    first: int
    last: int
    written: str
    count: int
    shop_code: str
    shop_name: str
    at: datetime
    actor_code: str
    note: str


class NumberLookup(View):
    """Where one number is now, and every move that touched it, oldest first."""

    kind: DocumentKind
    number: int
    written: str
    state: NumberState
    shop_code: str
    shop_name: str
    since: datetime
    history: list[MoveView]

    @property
    def holder_code(self) -> str:
        """The shop that had the number: the one it was last issued to."""
        issued = [m for m in self.history if m.move is DocumentMove.ISSUE]
        return issued[-1].shop_code if issued else self.shop_code

    @property
    def issued_at(self) -> datetime | None:
        issued = [m for m in self.history if m.move is DocumentMove.ISSUE]
        return issued[-1].at if issued else None


class StockLine(View):
    """Numbers of one kind held by one shop (empty code: the desk's own), by state."""

    kind: DocumentKind
    shop_code: str
    shop_name: str
    counts: dict[NumberState, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())
