"""What every service call needs besides its input: the clock and the sections' policies."""

from dataclasses import dataclass, field

from ..domain.clock import Clock, system_clock
from ..domain.penalties.policy import PenaltyPolicy
from ..domain.sla import SlaPolicy


@dataclass(frozen=True)
class Desk:
    """The running desk's settings; tests and demos pass a fixed clock."""

    clock: Clock = system_clock
    sla: SlaPolicy = field(default_factory=SlaPolicy)
    penalties: PenaltyPolicy = field(default_factory=PenaltyPolicy)
