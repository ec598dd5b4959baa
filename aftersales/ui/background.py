"""Service calls off the event loop: the one way a screen, widget or dialog reaches the database.

`run_in_background` runs a call in a thread worker (the services open their own connection) and
posts what it returns, a typed message, to the widget that asked. A call that raises comes back as
a failure message whose text is already in the desk's language: a DeskError's own line, else the
owner's "could not …" line with the cause filled in. A worker replaced by a newer one of its group
(or whose owner went away) delivers nothing.
"""

from collections.abc import Callable

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker, get_current_worker

from .. import i18n
from .messages import LoadFailed

Failure = Callable[[str, Exception], Message]


def error_detail(exc: BaseException) -> str:
    """Why `exc` happened, in the desk's language where the catalogs know it (a DeskError's line, a
    storage cause such as a full disk); the exception's own words only when nothing translates it."""
    from ..domain.errors import DeskError  # loaded with the first failure, not before the login screen

    if isinstance(exc, DeskError):
        return i18n.error_text(exc)
    from ..services.database import storage_cause  # the store loads after the login screen, not for it

    code = storage_cause(exc)
    if code is not None:
        return i18n.t(f"error.cause.{code}")
    return " ".join(str(exc).split()) or type(exc).__name__


def failure_text(exc: BaseException, failed: str) -> str:
    """The line that says why a call failed: a DeskError's own message, else the catalog line `failed`
    with the cause in its `{error}` (or `{reason}`) field."""
    from ..domain.errors import DeskError

    if isinstance(exc, DeskError):
        return i18n.error_text(exc)
    detail = error_detail(exc)
    return i18n.t(failed, error=detail, reason=detail)


def run_in_background(
    owner: DOMNode,
    call: Callable[[], Message | None],
    *,
    group: str,
    failed: str | None,
    failure: Failure = LoadFailed,
) -> Worker[None]:
    """Run `call` in a thread worker of `owner` and post the message it returns (None: nothing) to `owner`.

    `failed` is the catalog key of the owner's line for a call that raised something other than a
    DeskError (it gets the cause as `{error}`); `failure(text, error)` makes the message posted then.
    With `failed=None` a failure is dropped quietly (a badge or a hint waits for the next change).
    Starting another call of the same `group` on the same owner cancels this one: it then posts nothing.
    """

    def work() -> None:
        worker = get_current_worker()
        message: Message | None
        try:
            message = call()
        except Exception as exc:  # every failure comes back as a message; none may end the desk
            message = None if failed is None else failure(failure_text(exc, failed), exc)
        if message is not None and not worker.is_cancelled:
            owner.post_message(message)

    return owner.run_worker(work, name=group, group=group, thread=True, exclusive=True, exit_on_error=False)
