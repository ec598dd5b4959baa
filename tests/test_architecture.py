"""Imports point downward: domain is pure; store and services never import textual or the UI."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "aftersales"

FORBIDDEN = {
    "domain": ("textual", "peewee", "playhouse", "aftersales.ui", "aftersales.store", "aftersales.services"),
    "store": ("textual", "aftersales.ui", "aftersales.services"),
    "services": ("textual", "aftersales.ui"),
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
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
    relative = PACKAGE / "services" / "intake.py"
    assert "aftersales.store.models" in _imports(relative)


def test_no_module_is_over_400_lines():
    long = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if len(p.read_text().splitlines()) > 400]
    assert long == []
