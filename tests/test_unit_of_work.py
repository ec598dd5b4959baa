"""Services own their unit of work: every service function an edge calls opens its own connection."""

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from aftersales.services.complaints.read import list_shops
from aftersales.store.models import database

PACKAGE = Path(__file__).resolve().parent.parent / "aftersales"
EDGES = ("ui", "cli", "bench")
# What the edges call below them: the use cases, and the demo seeding that sits beside them.
CALLED = ("aftersales.services", "aftersales.demo")


def _edge_imports() -> set[tuple[str, str]]:
    """(module, name) of everything ui/, cli/ and bench/ import from aftersales.services and aftersales.demo."""
    found: set[tuple[str, str]] = set()
    for edge in EDGES:
        for path in (PACKAGE / edge).rglob("*.py"):
            package = "aftersales." + ".".join(path.relative_to(PACKAGE).parent.parts)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom):
                    continue
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                if module.startswith(CALLED):
                    found.update((module, alias.name) for alias in node.names)
    return found


def test_every_service_function_an_edge_calls_that_reads_the_database_opens_its_own_connection():
    missing = []
    for module_name, name in sorted(_edge_imports()):
        try:
            value = importlib.import_module(f"{module_name}.{name}")
        except ModuleNotFoundError:
            value = getattr(importlib.import_module(module_name), name)
        functions = (
            [f for n, f in vars(value).items() if inspect.isfunction(f) and not n.startswith("_") and f.__module__ == value.__name__]
            if inspect.ismodule(value) else [value]
        )
        for fn in functions:
            if not inspect.isfunction(fn) or not fn.__module__.startswith(CALLED):
                continue
            if getattr(fn, "__unit_of_work__", False) or not _uses_the_database(fn):
                continue
            missing.append(f"{fn.__module__}.{fn.__name__}")
    assert missing == []


def _uses_the_database(fn: object) -> bool:
    """A function whose body names a model, a query or a transaction (a pure helper does none)."""
    source = inspect.getsource(fn)  # type: ignore[arg-type]
    words = (".select(", "get_or_none", "get_by_id", "write_transaction", ".execute(", "execute_sql", "connection()",
             "_row(", "load_", "rows(", "query")
    return any(word in source for word in words) or re.search(r"\b[A-Z]\w*\.get\(", source) is not None


@pytest.mark.usefixtures("staff")
def test_a_service_read_in_a_thread_without_a_connection_opens_and_closes_its_own(db_target):
    import threading

    seen: dict[str, object] = {}

    def worker() -> None:
        seen["before"] = database.obj.is_closed()
        seen["shops"] = list_shops()
        seen["after"] = database.obj.is_closed()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen["before"] is True and seen["after"] is True
    assert len(seen["shops"]) == 3  # type: ignore[arg-type]


def test_the_check_sees_what_the_edges_take_from_the_demo_seeding():
    assert ("aftersales.demo.marker", "is_demo_database") in _edge_imports()
