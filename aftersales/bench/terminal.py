"""A program run on a pseudo-terminal, as a user's terminal runs it: what it writes, when, and keys typed into it.

The benchmark times the real `aftersales` command this way (and a bare Textual app beside it): from
starting the process until a text of its first screen has been written, and from a key to the
text of the screen it opens.
"""

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence

# Control sequences a full-screen program writes between its texts: CSI (colours, cursor moves),
# OSC (titles, colour queries) and two-character escapes.
_CONTROLS = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


class TerminalTimeout(Exception):
    """The awaited text did not appear in time."""


class TerminalSession:
    """`command` running on a pty of `size` (columns, rows); close() ends it (and its process group)."""

    def __init__(self, command: Sequence[str], size: tuple[int, int] = (120, 36),
                 env: Mapping[str, str] | None = None) -> None:
        columns, rows = size
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows),
                       **(env or {})}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(command), stdin=slave, stdout=slave, stderr=slave, env=environment, start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.written = bytearray()  # everything the program wrote, controls removed
        self._pending = b""  # the tail of the last read that may be half a control sequence

    def wait_for(self, text: str, timeout: float = 30.0, *, since: int = 0) -> float:
        """Seconds on the perf_counter clock at which `text` had been written (after byte `since`)."""
        wanted = text.encode()
        deadline = time.monotonic() + timeout
        while wanted not in self.written[since:]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TerminalTimeout(f"{text!r} not shown within {timeout:g} s")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if not ready:
                if self.process.poll() is not None:
                    raise TerminalTimeout(f"the program ended (status {self.process.returncode}) before {text!r}")
                continue
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError as exc:  # the other side closed: the program ended
                raise TerminalTimeout(f"the program ended before {text!r}") from exc
            self._take(chunk)
        return time.perf_counter()

    def _take(self, chunk: bytes) -> None:
        data = self._pending + chunk
        cut = data.rfind(b"\x1b")
        # Keep back a trailing escape that is not complete yet; it is cleaned with the next read.
        if cut != -1 and not _CONTROLS.match(data, cut):
            data, self._pending = data[:cut], data[cut:]
        else:
            self._pending = b""
        self.written += _CONTROLS.sub(b"", data)

    def mark(self) -> int:
        """Where the output is now, for `wait_for(..., since=)`: only text written after this counts."""
        return len(self.written)

    def drain(self, seconds: float) -> None:
        """Read (and keep) what the program writes for `seconds`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self._take(os.read(self.master, 1 << 16))
                except OSError:
                    return

    def type(self, keys: str) -> float:
        """Send `keys` as typed; returns the perf_counter time they were sent."""
        os.write(self.master, keys.encode())
        return time.perf_counter()

    def close(self) -> None:
        """End the program (it is asked first, then its whole process group is killed)."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait()
        os.close(self.master)

    def __enter__(self) -> "TerminalSession":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
