"""textual-serve's Server and AppService, made to serve the desk.

Each websocket (a browser tab) runs its own desk process, started without a shell, which records its
events as coming from `web` and from the tab's address (passed in its environment). When the socket
closes, the process is asked to quit and, if it has not gone a few seconds later, ended. A tab beyond
`max_sessions` gets a page (or, when it raced past the page, a line on its terminal) saying so. The page
is this package's own template: its fonts, script and styles come from this server, never the internet.
"""

import asyncio
import ipaddress
import logging
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("aftersales.web")

TEMPLATES = Path(__file__).parent / "templates"
QUIT_SECONDS = 5.0  # a desk asked to quit gets this long before it is terminated, then as long again before kill
FULL_CLOSE_CODE = 4029  # the socket of a tab beyond --max-sessions closes with this; the page then says why
WEB_SOURCE = "web"  # the `source` of the desk's events (services.audit.WEB, not imported: it loads the store)


@dataclass(frozen=True)
class Wording:
    """The page's words, in the served language (or both, `zh / en`, when none was chosen)."""

    lang: str
    title: str
    starting: str
    start: str
    ended: str
    again: str
    full_title: str
    full: str


def remote_address(request: web.Request) -> str:
    """The browser's address: the peer's, or, when the peer is a proxy on this machine, the address
    the proxy says it forwarded (the last X-Forwarded-For entry, which the proxy itself appended)."""
    peer = request.remote or ""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and is_loopback(peer):
        return forwarded.split(",")[-1].strip()[:64] or peer
    return peer


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1): only this machine reaches them."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class DeskProcess(AppService):
    """One tab's desk process: started from an argument list with the desk's environment, and ended for sure."""

    def __init__(self, argv: Sequence[str], environment: dict[str, str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self.environment = environment

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment.update(self.environment)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        # No shell between: a database path or URL is never parsed by one, and the process is the desk.
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,  # its own process group: ending it ends whatever it started too
        )
        self._process = process
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the desk to quit; terminate it if it is still there after QUIT_SECONDS, kill it after twice that."""
        try:
            await asyncio.wait_for(super().stop(), QUIT_SECONDS)
        except (TimeoutError, ConnectionError, RuntimeError):
            pass
        process = self._process
        if process is None or process.returncode is not None:
            return
        for end in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, end)
                await asyncio.wait_for(process.wait(), QUIT_SECONDS)
                return
            except ProcessLookupError:
                return
            except TimeoutError:
                continue


class DeskServer(Server):
    """textual-serve's Server for the desk: relative addresses, the session limit, the tab's origin."""

    def __init__(self, argv: Sequence[str], environment: dict[str, str], wording: Wording, *,
                 host: str, port: int, max_sessions: int, ready_line: str = "") -> None:
        super().__init__(" ".join(argv), host=host, port=port, title=wording.title, templates_path=TEMPLATES)
        self.argv = list(argv)
        self.environment = environment
        self.wording = wording
        self.max_sessions = max_sessions
        self.ready_line = ready_line
        self.desks: dict[int, DeskProcess] = {}  # id(websocket) → its desk, while the socket is open
        self.ending: set[asyncio.Future[None]] = set()  # desks being stopped after their socket closed

    async def web_app(self) -> web.Application:
        """The aiohttp application that `serve` runs (tests run it on their own loop)."""
        return await self._make_app()

    def initialize_logging(self) -> None:
        logging.basicConfig(level="DEBUG" if self.debug else "WARNING", format="%(name)s: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print yet: the ready line waits until the port is listening (serve)."""

    def serve(self, debug: bool = False) -> None:
        """Serve until ctrl+c (or SIGTERM); the ready line is printed once browsers can connect."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(stop, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=lambda *_: print(self.ready_line, flush=True) if self.ready_line else None)

    def full(self) -> bool:
        return len(self.desks) >= self.max_sessions

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The desk's page, or the page saying that every session is taken."""
        words = self.wording
        if self.full():
            text = words.full.format(count=self.max_sessions)
            page = {"lang": words.lang, "title": words.full_title, "text": text}
            return aiohttp_jinja2.render_template("full.html", request, page, status=503)
        # Addresses relative to the page, so a TLS proxy in front serves it as https/wss unchanged.
        scheme = "wss" if request.headers.get("X-Forwarded-Proto", request.scheme) == "https" else "ws"
        context = {
            "lang": words.lang, "title": words.title, "starting": words.starting, "start": words.start,
            "ended": words.ended, "again": words.again, "static": "static/",
            "full": words.full.format(count=self.max_sessions), "full_code": FULL_CLOSE_CODE,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "websocket_url": f"{scheme}://{request.host}{request.path.rstrip('/')}/ws",
        }
        return aiohttp_jinja2.render_template("desk.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: its own desk process for as long as its socket is open."""
        origin = request.headers.get("Origin")
        if origin and urlparse(origin).netloc != request.host:
            # Another site's page in the same browser may not drive a desk (cross-site websocket).
            raise web.HTTPForbidden()
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.full():
            # The tab got past the page while the last session was being taken.
            text = self.wording.full.format(count=self.max_sessions)
            await websocket.send_bytes(f"\r\n  {text}\r\n".encode())
            await websocket.close(code=FULL_CLOSE_CODE)
            return websocket
        environment = {**self.environment, "AFTERSALES_EVENT_SOURCE": WEB_SOURCE,
                       "AFTERSALES_REMOTE_ADDR": remote_address(request)}
        desk = DeskProcess(self.argv, environment, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                           close=websocket.close, download_manager=self.download_manager, debug=self.debug)
        self.desks[id(websocket)] = desk
        try:
            await desk.start(to_int(request.query.get("width", "80"), 80), to_int(request.query.get("height", "24"), 24))
            await self._process_messages(websocket, desk)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            self.desks.pop(id(websocket), None)
            # Its own task: the server may cancel this handler when the socket drops, never the ending.
            ending = asyncio.ensure_future(desk.stop())
            self.ending.add(ending)
            ending.add_done_callback(self.ending.discard)
            await asyncio.shield(ending)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """The server stops: every desk still open is asked to quit, then ended."""
        stopping = [desk.stop() for desk in list(self.desks.values())]
        await asyncio.gather(*stopping, *list(self.ending), return_exceptions=True)


def desk_command(language: str | None) -> list[str]:
    """The command that runs one desk on the database named by AFTERSALES_DB (a URL's password stays
    out of the process list), in this interpreter, with this package first on its path."""
    import sys

    argv = [sys.executable, "-c", "import sys; from aftersales.cli import main; sys.exit(main(sys.argv[1:]))"]
    return argv + (["--lang", language] if language else [])


def desk_environment(target: str) -> dict[str, str]:
    """The desk's environment beside textual-serve's: the database, and this package ahead on the path."""
    package_root = str(Path(__file__).resolve().parent.parent.parent)
    path = os.environ.get("PYTHONPATH", "")
    return {"AFTERSALES_DB": target, "PYTHONPATH": os.pathsep.join(p for p in (package_root, path) if p)}
