"""What every service call needs besides its input: the clock and the SLA policy."""

from dataclasses import dataclass, field

from ..domain.clock import Clock, system_clock
from ..domain.sla import SlaPolicy


@dataclass(frozen=True)
class Desk:
    """The running desk's settings; tests and demos pass a fixed clock."""

    clock: Clock = system_clock
    sla: SlaPolicy = field(default_factory=SlaPolicy)
    # "cli" when a command-line command acts: its audit events say so.
    origin: str = "desk"
