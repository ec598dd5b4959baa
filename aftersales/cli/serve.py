"""`aftersales serve`: the desk in a browser, one desk process per tab, for leads and managers away
from the counter. It listens on this machine only unless --host says otherwise."""

import argparse
import sys
from typing import TYPE_CHECKING

from .. import i18n
from ..i18n import t
from ..store.db import close_database
from . import common
from .common import CliFailure, Commands, count_arg, lazy, target_of
from .desk import demo_database

if TYPE_CHECKING:
    from ..web.server import Wording

LOCAL_HOST = "127.0.0.1"


def register(commands: Commands) -> None:
    serve = commands.add("serve", _serve, "serve the desk to web browsers")
    serve.add_argument("--host", default=LOCAL_HOST, help=f"address to listen on (default {LOCAL_HOST})")
    serve.add_argument("--port", type=count_arg, default=8000, help="port to listen on (default 8000)")
    serve.add_argument("--max-sessions", type=count_arg, default=20, help="browser tabs at once (default 20)")
    serve.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="serve a demo database")


def _serve(args: argparse.Namespace) -> int:
    if args.max_sessions < 1:
        raise CliFailure(t("serve.no_sessions"), 2)
    target = demo_database() if getattr(args, "demo", False) else target_of(args)
    # One clear refusal here, before any browser waits on a desk that cannot open its database.
    common.open_database(target)
    close_database()
    lazy("web.server", "DeskServer")  # one line, not a traceback, where textual-serve is missing
    from ..web import server

    if not server.is_loopback(args.host):
        print(t("serve.unencrypted", host=args.host), file=sys.stderr)
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    desk_server = server.DeskServer(
        server.desk_command(args.lang), server.desk_environment(target), page_wording(args.lang),
        host=args.host, port=args.port, max_sessions=args.max_sessions,
        ready_line=t("serve.ready", url=f"http://{shown_host}:{args.port}/", count=args.max_sessions),
    )
    desk_server.serve()
    return 0


def page_wording(lang: str | None) -> "Wording":
    """The served page's words: in --lang, else in both languages (Chinese first)."""
    from ..web.server import Wording

    languages = [i18n.normalise_language(lang) or "zh_CN"] if lang else ["zh_CN", "en"]

    def words(key: str) -> str:
        return " / ".join(i18n.catalog(language)[f"serve.page.{key}"] for language in languages)

    return Wording(
        lang="zh-CN" if languages[0] == "zh_CN" else "en", title=words("title"), starting=words("starting"),
        start=words("start"), ended=words("ended"), again=words("again"), full_title=words("full_title"),
        full=words("full"),
    )
