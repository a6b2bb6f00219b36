"""Layers import inwards only: web → service → store → domain; the runtime stands apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.domain.imports import PACKAGE_ROOT, dotted_name, imported, imported_by, is_within, modules_under

# For each layer, the parts of `workshop` it may import (itself included).
ALLOWED = {
    "domain": ("workshop.domain",),
    "store": ("workshop.store", "workshop.domain"),
    "service": ("workshop.service", "workshop.store", "workshop.domain"),
}
LAYER_MODULES = [(layer, path) for layer in ALLOWED for path in modules_under(layer)]


def own_imports(path: Path) -> set[str]:
    """The `workshop.*` names a module imports, leaving out the bare package."""
    return {name for name in imported(path) if is_within(name, "workshop") and name != "workshop"}


@pytest.mark.parametrize(
    "layer, path",
    LAYER_MODULES,
    ids=[str(p.relative_to(PACKAGE_ROOT)) for _, p in LAYER_MODULES],
)
def test_layer_imports_only_inner_layers(layer, path):
    outward = sorted(
        name for name in own_imports(path) if not any(is_within(name, ok) for ok in ALLOWED[layer])
    )
    assert outward == [], f"{dotted_name(path)} ({layer}) imports {outward}"


def test_runtime_imports_nothing_of_the_application():
    """The process runtime stands beside the layers: the web layer takes its pieces through
    `web/hooks.py`, and `workshop/wiring.py` plugs them in."""
    for path in modules_under("runtime"):
        outward = sorted(name for name in own_imports(path) if not is_within(name, "workshop.runtime"))
        assert outward == [], f"{dotted_name(path)} (runtime) imports {outward}"


@pytest.mark.parametrize("layer", [*ALLOWED, "web"])
def test_no_layer_imports_the_runtime(layer):
    for path in modules_under(layer):
        runtime = sorted(name for name in own_imports(path) if is_within(name, "workshop.runtime"))
        assert runtime == [], f"{dotted_name(path)} ({layer}) imports {runtime}: take it through web/hooks.py"


def test_service_never_imports_web():
    for path in modules_under("service"):
        assert not any(is_within(name, "workshop.web") for name in imported(path)), dotted_name(path)


@pytest.mark.parametrize(
    "source, module, is_package, expected",
    [
        ("from ..web import sockets", "workshop.service.cards", False, "workshop.web.sockets"),
        ("from .. import web", "workshop.service.cards", False, "workshop.web"),
        ("from ...web.app import x", "workshop.service.sub.mod", False, "workshop.web.app.x"),
        ("from ..web import app", "workshop.service", True, "workshop.web.app"),
        ("from .rooms import group", "workshop.service.cards", False, "workshop.service.rooms.group"),
        ("import workshop.web.app", "workshop.store.cards", False, "workshop.web.app"),
    ],
)
def test_checker_resolves_imports_to_absolute_names(source, module, is_package, expected):
    assert expected in set(imported_by(source, module=module, is_package=is_package))
