"""Imports point downward: domain is pure; store and services never import textual or the UI; demo seeding
sits beside the services (it may use them) and nothing below it imports it; the UI reaches the database
only through services."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "aftersales"

FORBIDDEN = {
    "domain": ("textual", "peewee", "playhouse", "aftersales.ui", "aftersales.store", "aftersales.services",
               "aftersales.demo"),
    "store": ("textual", "aftersales.ui", "aftersales.services", "aftersales.demo"),
    "services": ("textual", "aftersales.ui", "aftersales.demo"),
    "demo": ("textual", "aftersales.ui", "aftersales.cli", "aftersales.bench"),
    "ui": ("aftersales.store", "peewee", "playhouse"),
    # The browser server only starts desk processes: it opens no database and draws no screen.
    "web": ("aftersales.store", "aftersales.services", "aftersales.ui", "peewee", "playhouse", "textual."),
}


def _imports(path: Path, text: str | None = None) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8") if text is None else text)
    names: list[str] = []
    package = "aftersales." + ".".join(path.relative_to(PACKAGE).parent.parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.append(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                names.append(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_import_upward(layer):
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if name.startswith(FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_the_check_sees_relative_imports():
    relative = PACKAGE / "services" / "complaints" / "intake.py"
    assert "aftersales.store.models" in _imports(relative)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _private_imports(source: str) -> list[str]:
    """The `_private` names a module's source imports from other modules (`from x import _y`, `import x._y`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found += [f"{'.' * node.level}{node.module or ''}.{alias.name}" for alias in node.names if _private(alias.name)]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if any(_private(part) for part in alias.name.split("."))]
    return found


def test_no_module_imports_a_private_name_of_another():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in _private_imports(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_private_import_check_sees_every_form():
    source = "from ..complaints.actions import _load, assign\nfrom .x import (\n    a,\n    _b as b,\n)\nimport p._q\n" \
             "from json.encoder import encode_basestring as _quote\nfrom . import __version__\n"
    assert _private_imports(source) == ["..complaints.actions._load", ".x._b", "p._q"]


def test_the_check_sees_a_screen_reaching_into_the_store():
    screen = PACKAGE / "ui" / "screens" / "complaints" / "queue.py"
    found = _imports(screen, "from ....store.db import connection\nfrom peewee import fn\n")
    assert found == ["aftersales.store.db", "peewee"]
    assert all(name.startswith(FORBIDDEN["ui"]) for name in found)


def test_no_module_is_over_400_lines():
    long = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if len(p.read_text().splitlines()) > 400]
    assert long == []


def _module_graph() -> dict[str, set[str]]:
    """Each module of the package → the modules of the package it imports (type-only imports too)."""
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imports(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    return graph


def test_no_module_imports_itself_round_a_circle():
    graph = _module_graph()
    circles = set()
    for start in graph:
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    circles.add(" → ".join(sorted(trail)))
                elif nxt not in seen and not nxt.endswith("__init__"):
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
    assert sorted(circles) == []


SHARED_SERVICES = {
    "__init__", "audit", "changes", "context", "database", "directory_changes", "guard", "maintenance", "unit", "validation",
}


def test_services_and_screens_are_grouped_by_subject():
    loose_services = {p.stem for p in (PACKAGE / "services").glob("*.py")} - SHARED_SERVICES
    loose_screens = {p.stem for p in (PACKAGE / "ui" / "screens").glob("*.py")} - {"__init__", "desk_screen"}
    assert (loose_services, loose_screens) == (set(), set())


def _names_imported(path: Path, text: str | None = None) -> list[str]:
    """Every module and name a module imports, written out in full (`from .. import i18n` → `aftersales.i18n`)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    names = _imports(path, text)
    package = "aftersales." + ".".join(path.relative_to(PACKAGE).parent.parts)
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.extend(f"{module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("layer", ["domain", "services"])
def test_services_and_the_domain_leave_the_wording_to_the_edges(layer):
    """Refusals carry message keys and file writers take their words from the screen or command: nothing
    here imports the catalogs or their translation function."""
    offenders = sorted(
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in (PACKAGE / layer).rglob("*.py")
        for name in _names_imported(path)
        if name == "aftersales.i18n" or name.startswith("aftersales.i18n.")
    )
    assert offenders == []


@pytest.mark.parametrize("line", ["from ...i18n import t", "from ... import i18n", "import aftersales.i18n",
                                  "from aftersales.i18n import label"])
def test_the_wording_check_sees_every_way_of_importing_the_catalogs(line):
    module = PACKAGE / "services" / "complaints" / "intake.py"
    source = module.read_text(encoding="utf-8") + f"\n\ndef later():\n    {line}\n"
    assert any(name == "aftersales.i18n" or name.startswith("aftersales.i18n.")
               for name in _names_imported(module, source))
