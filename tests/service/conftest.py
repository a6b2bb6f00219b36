"""Fixtures the service tests share: the two groups of the default workshop and its people."""

from __future__ import annotations

import pytest

from tests.factories import join_as


@pytest.fixture
def groups(store):
    finance, design = (g.id for g in store.groups.all())
    return finance, design


@pytest.fixture
def ada(ctx, store, groups):
    return join_as(ctx, store, name="Ada", group=groups[0])


@pytest.fixture
def bob(ctx, store, groups):
    return join_as(ctx, store, name="Bob", group=groups[0])


@pytest.fixture
def dana(ctx, store, groups):
    return join_as(ctx, store, name="Dana", group=groups[1])
