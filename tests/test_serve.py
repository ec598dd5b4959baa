"""`aftersales serve`: where it listens, what it warns, how many tabs it takes, and that each tab's desk
is a process of its own that records its events as coming from the web and ends with its socket."""

import asyncio
import json
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import psutil
import pytest
from aiohttp import ClientSession, WSMsgType, WSServerHandshakeError
from aiohttp.test_utils import TestClient, TestServer

from aftersales.cli import main  # the function: bound before anything imports the cli.main module
from aftersales.cli.serve import page_wording
from aftersales.domain.enums import EventKind
from aftersales.services.audit import WEB, desk_origin
from aftersales.services.staff.auth import login
from aftersales.store.models import Event
from aftersales.web import server as web_server
from aftersales.web.server import is_loopback, remote_address

from .served_desk import desk_server, free_port, terminal_text

DESK_START_SECONDS = 60  # a desk process on a loaded machine (two cores shared by the whole suite)


@pytest.fixture
def own_settings(tmp_path, monkeypatch):
    """The desk processes read a settings folder of their own, not the user's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def not_serving(monkeypatch):
    """`serve` is run up to the point of listening; the hosts it would have listened on are kept."""
    hosts: list[str] = []
    monkeypatch.setattr(web_server.DeskServer, "serve", lambda self, debug=False: hosts.append(self.host))
    return hosts


def _desks_of_this_process() -> list[psutil.Process]:
    return [child for child in psutil.Process().children(recursive=True)
            if "aftersales.cli" in " ".join(child.cmdline())]


def test_every_action_of_a_desk_in_a_browser_names_the_browsers_address(staff, desk):
    from aftersales import i18n
    from aftersales.services.audit import verify_chain
    from aftersales.services.complaints.actions import add_note
    from aftersales.services.complaints.read import timeline
    from aftersales.ui.widgets.timeline import note_text

    from .factories import new_complaint

    address = "2001:db8:85a3::8a2e:370:7334"  # an IPv6 address: wider than the column was before schema 22
    desk_origin(WEB, address)
    try:
        complaint = new_complaint(desk, staff["op01"])
        add_note(desk, staff["lead01"], complaint.id, {"text": "已联系店长"})
    finally:
        desk_origin("")
    note = [event for event in timeline(complaint.id) if event.kind is EventKind.NOTE][0]
    assert note.source == f"web {address}"
    assert note_text(note) == f"已联系店长 (browser at {address})"
    i18n.set_language("zh_CN")
    try:
        assert note_text(note) == f"已联系店长（浏览器 {address}）"
    finally:
        i18n.set_language("en")
    report = verify_chain()  # the address is part of what the chain seals
    assert report.first_broken is None and report.events >= 2, report


def test_serve_listens_on_this_machine_only_by_default():
    from aftersales.cli.main import build_parser

    args = build_parser().parse_args(["serve", "--db", "x.db"])
    assert (args.host, args.port, args.max_sessions) == ("127.0.0.1", 8000, 20)


def test_serve_on_this_machine_warns_of_nothing(staff, db_target, not_serving, capsys):
    assert main(["serve", "--db", db_target]) == 0
    assert not_serving == ["127.0.0.1"]
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "desk.example.com"])
def test_serve_on_another_address_warns_once_that_the_traffic_is_not_encrypted(staff, db_target, not_serving,
                                                                                  capsys, host):
    assert main(["serve", "--db", db_target, "--host", host]) == 0
    assert not_serving == [host]
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert "not encrypted" in lines[0] and "reverse proxy" in lines[0] and "README" in lines[0]


def test_serve_demo_serves_the_demo_database_of_aftersales_demo(staff, db_target, not_serving, monkeypatch):
    served: list[str] = []
    monkeypatch.setattr("aftersales.cli.serve.demo_database", lambda: served.append(db_target) or db_target)
    monkeypatch.setattr(web_server.DeskServer, "serve", lambda self, debug=False: served.append(self.environment["AFTERSALES_DB"]))
    assert main(["serve", "--demo", "--port", "8123"]) == 0
    assert served == [db_target, db_target]


def test_only_loopback_addresses_count_as_this_machine():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost", "LOCALHOST"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.1", "desk.local", ""))


def test_serve_refuses_a_database_it_cannot_open_before_listening(tmp_path, not_serving, capsys):
    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 1
    assert not_serving == []
    assert capsys.readouterr().err.strip()


def test_a_desk_in_a_browser_records_its_events_as_from_the_web_and_its_logins_with_the_address(staff, desk):
    desk_origin(WEB, "203.0.113.7")
    try:
        login(desk, "lead01", "2222")
        with pytest.raises(Exception):  # noqa: B017 - a wrong PIN, refused as any other
            login(desk, "lead01", "9999")
    finally:
        desk_origin("")
    events = list(Event.select().where(Event.kind.in_([EventKind.LOGIN, EventKind.LOGIN_FAILED])).order_by(Event.id))
    assert [(e.kind, e.source, e.note) for e in events] == [
        ("login", "web 203.0.113.7", "remote=203.0.113.7"),
        ("login_failed", "web 203.0.113.7", "remote=203.0.113.7")]
    login(desk, "lead01", "2222")  # a terminal desk again: no source, no address
    last = Event.select().order_by(Event.id.desc()).get()
    assert (last.source, last.note) == ("", "")


async def _read_until(websocket, seen: list[bytes], pattern: str, seconds: float) -> str:
    """Read the tab's terminal until its text matches `pattern`; the text so far."""
    deadline = time.monotonic() + seconds
    while not re.search(pattern, terminal_text(seen)):
        left = deadline - time.monotonic()
        assert left > 0, f"{pattern!r} never showed; the terminal said: {terminal_text(seen)[-8000:]!r}"
        try:
            message = await websocket.receive(timeout=left)
        except TimeoutError:
            continue
        if message.type == WSMsgType.BINARY:
            seen.append(message.data)
        elif message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.CLOSING):
            break
    return terminal_text(seen)


async def _type(websocket, seen: list[bytes], keys: str, echo: str) -> None:
    """Type `keys` and wait until the terminal shows `echo` (a human's pace: a key typed before the
    field it is meant for has the focus goes to another)."""
    since = len(seen)
    await websocket.send_str(json.dumps(["stdin", keys]))
    deadline = time.monotonic() + DESK_START_SECONDS
    while not re.search(echo, terminal_text(seen[since:])):
        assert time.monotonic() < deadline, f"{keys!r} never showed {echo!r}: {terminal_text(seen)[-2000:]!r}"
        message = await websocket.receive(timeout=DESK_START_SECONDS)
        if message.type == WSMsgType.BINARY:
            seen.append(message.data)
    await asyncio.sleep(0.5)


async def _until(check, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline
        await asyncio.sleep(0.2)


@pytest.mark.real_clock  # the desk processes run on the real clock
async def test_each_tab_gets_its_own_desk_which_ends_with_the_socket_and_the_tab_past_the_limit_is_refused(
        staff, db_target, own_settings):
    served = desk_server(db_target, max_sessions=1)
    before = {p.pid for p in _desks_of_this_process()}
    async with TestClient(TestServer(await served.web_app())) as client:
        page = await client.get("/")
        assert page.status == 200
        tab = await client.ws_connect("/ws?width=100&height=30")
        seen: list[bytes] = []
        await _read_until(tab, seen, r"Staff code", DESK_START_SECONDS)
        desks = [p for p in _desks_of_this_process() if p.pid not in before]
        assert len(desks) == 1
        # The second tab: first its page, then (had it raced past the page) its socket, are refused.
        refused = await client.get("/")
        assert refused.status == 503
        assert "at most 1 browser desks at once" in await refused.text()
        second = await client.ws_connect("/ws")
        told = await second.receive(timeout=10)
        assert told.type == WSMsgType.BINARY and b"at most 1 browser desks" in told.data
        closed = await second.receive(timeout=10)
        assert (closed.type, closed.data) == (WSMsgType.CLOSE, web_server.FULL_CLOSE_CODE)
        assert [p for p in _desks_of_this_process() if p.pid not in before] == desks
        # The first tab logs in: its desk writes the login as coming from the web and from this address.
        await _type(tab, seen, "lead01", r"lead01")
        await _type(tab, seen, "\r", r"4–12 digits")  # the PIN field takes the focus
        await _type(tab, seen, "2222", r"•")
        await tab.send_str(json.dumps(["stdin", "\r"]))
        await _read_until(tab, seen, r"Dashboard", DESK_START_SECONDS)
        await _until(lambda: Event.select().where(Event.kind == "login").exists(), DESK_START_SECONDS)
        event = Event.select().where(Event.kind == "login").get()
        assert (event.source, event.note) == ("web 127.0.0.1", "remote=127.0.0.1")
        await tab.close()
        gone, alive = psutil.wait_procs(desks, timeout=30)
        assert alive == [] and len(gone) == 1
        # The session is free again once the server has seen its desk go.
        for _ in range(50):
            if (await client.get("/")).status == 200:
                break
            await asyncio.sleep(0.2)
        assert (await client.get("/")).status == 200
    assert [p for p in _desks_of_this_process() if p.pid not in before] == []


@pytest.mark.real_clock
async def test_a_desk_that_does_not_quit_when_its_socket_closes_is_ended(monkeypatch):
    monkeypatch.setattr(web_server, "QUIT_SECONDS", 0.5)
    stuck = [sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
             "print('__GANGLION__', flush=True); time.sleep(120)"]
    served = web_server.DeskServer(stuck, {}, page_wording("en"), host="127.0.0.1", port=0, max_sessions=2)
    async with TestClient(TestServer(await served.web_app())) as client:
        tab = await client.ws_connect("/ws")
        await _until(lambda: any(desk.pid for desk in served.desks.values()), 10)
        process = psutil.Process(next(iter(served.desks.values())).pid)
        assert "__GANGLION__" in " ".join(process.cmdline())
        await tab.close()
        gone, alive = await asyncio.to_thread(psutil.wait_procs, [process], 10)
        assert alive == []  # it ignored the quit and SIGTERM: it was killed


async def test_the_page_asks_nothing_of_the_internet():
    """Every address of the page is on this server: its fonts, script and styles are served here."""
    served = desk_server("unused.db")
    async with TestClient(TestServer(await served.web_app())) as client:
        response = await client.get("/")
        page = await response.text()
        here = f"{client.host}:{client.port}"
        addresses = re.findall(r"(?:https?|wss?):/+[^\s\"'<>)]+", page)
        assert addresses and {urlparse(a).netloc for a in addresses} == {here}
        for local in re.findall(r'(?:href|src)="([^"]+)"|url\("([^"]+)"\)', page):
            path = "".join(local)
            assert not urlparse(path).netloc
            assert (await client.get("/" + path.lstrip("/"))).status == 200, path
    assert "static/fonts/RobotoMono" in page and "static/js/textual.js" in page


def _readme_proxy_recipe() -> str:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    recipes = re.findall(r"```nginx\n(.*?)```", readme, re.S)
    assert len(recipes) == 1
    return recipes[0]


def test_the_readme_proxy_recipe_terminates_tls_and_passes_the_socket_and_the_address_on():
    recipe = _readme_proxy_recipe()
    assert "listen 443 ssl;" in recipe and "return 301 https://" in recipe
    assert "proxy_pass http://127.0.0.1:8000;" in recipe
    for header in ("Upgrade $http_upgrade", "Connection $connection_upgrade", "Host $http_host",
                   "X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto $scheme"):
        assert f"proxy_set_header {header};" in recipe
    assert recipe.count("{") == recipe.count("}")


@pytest.mark.real_clock
@pytest.mark.sqlite_only  # the proxy does not care which engine the desk is on
async def test_the_readme_proxy_recipe_passes_nginx_and_serves_the_desk_over_tls(tmp_path, own_settings, db_target):
    """`nginx -t` accepts the recipe as written (paths and ports made local), and a desk is reached through it."""
    nginx, openssl = shutil.which("nginx") or "/usr/sbin/nginx", shutil.which("openssl")
    if not Path(nginx).exists() or openssl is None:
        pytest.skip("nginx or openssl is not installed (apt-get install nginx-light openssl)")
    cert, key = tmp_path / "desk.pem", tmp_path / "desk.key"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-subj", "/CN=localhost", "-days", "2"], check=True, capture_output=True)
    served = desk_server(db_target)
    tls, plain = free_port(), free_port()
    recipe = (_readme_proxy_recipe()
              .replace("/etc/ssl/certs/desk.example.com.pem", str(cert))
              .replace("/etc/ssl/private/desk.example.com.key", str(key))
              .replace("listen 443 ssl;", f"listen 127.0.0.1:{tls} ssl;")
              .replace("listen 80;", f"listen 127.0.0.1:{plain};")
              .replace("127.0.0.1:8000", f"127.0.0.1:{served.port}"))
    temp = " ".join(f"{kind}_temp_path {tmp_path}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = tmp_path / "nginx.conf"
    config.write_text(f"error_log {tmp_path}/error.log;\npid {tmp_path}/nginx.pid;\nevents {{}}\n"
                      f"http {{\naccess_log off;\n{temp}\n{recipe}\n}}\n", encoding="utf-8")
    checked = subprocess.run([nginx, "-t", "-c", str(config), "-p", str(tmp_path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    proxy = subprocess.Popen([nginx, "-c", str(config), "-p", str(tmp_path), "-g", "daemon off;"],
                             stderr=subprocess.PIPE)
    try:
        async with TestServer(await served.web_app(), host="127.0.0.1", port=served.port), ClientSession() as client:
            await _until(lambda: _listening(tls), 10)
            async with client.get(f"https://127.0.0.1:{tls}/", ssl=False) as page:
                assert page.status == 200
                assert f'data-session-websocket-url="wss://127.0.0.1:{tls}/ws"' in await page.text()
            async with client.get(f"http://127.0.0.1:{plain}/", allow_redirects=False) as moved:
                assert moved.status == 301 and moved.headers["Location"].startswith("https://")
            tab = await client.ws_connect(f"wss://127.0.0.1:{tls}/ws?width=100&height=30", ssl=False)
            await _read_until(tab, [], r"Staff code", DESK_START_SECONDS)
            await tab.close()
    finally:
        proxy.terminate()
        proxy.wait(10)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


async def test_a_page_of_another_site_cannot_open_a_desk():
    served = desk_server("unused.db")
    async with TestClient(TestServer(await served.web_app())) as client:
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", headers={"Origin": "https://elsewhere.example"})
        assert refused.value.status == 403
    assert served.desks == {}


@pytest.mark.parametrize(("peer", "forwarded", "address"), [
    ("127.0.0.1", "", "127.0.0.1"),
    ("127.0.0.1", "198.51.100.4", "198.51.100.4"),  # the proxy on this machine says whom it forwarded
    ("127.0.0.1", "10.9.9.9, 198.51.100.4", "198.51.100.4"),  # the entry the proxy appended, not the browser's claim
    ("203.0.113.7", "198.51.100.4", "203.0.113.7"),  # a browser's own header is not believed
])
def test_the_address_audited_is_the_browsers_as_the_proxy_on_this_machine_saw_it(peer, forwarded, address):
    request = SimpleNamespace(remote=peer, headers={"X-Forwarded-For": forwarded} if forwarded else {})
    assert remote_address(request) == address
