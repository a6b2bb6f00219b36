"""Which key opens what: a facilitator key one workshop, the owner key all of them."""

from __future__ import annotations

import pytest

from tests.factories import OWNER_KEY, make_workshop
from workshop.domain.errors import WorkshopError
from workshop.service import access


def test_facilitator_key_opens_its_own_workshop_only(ctx):
    first, first_key = make_workshop(ctx)
    second, second_key = make_workshop(ctx)
    assert access.opens(ctx, first, first_key) is True
    assert access.opens(ctx, second, second_key) is True
    assert access.opens(ctx, first, second_key) is False
    assert access.opens(ctx, second, first_key) is False


@pytest.mark.parametrize("key", [None, "", "wrong", "owner-key-for-test", OWNER_KEY + "x"])
def test_wrong_or_missing_key_does_not_open_a_workshop(ctx, store, key):
    assert access.opens(ctx, store, key) is False


def test_hash_of_the_key_does_not_open_the_workshop(ctx, store):
    assert access.opens(ctx, store, store.facilitator_key_hash()) is False


def test_owner_key_opens_every_workshop(ctx):
    workshops = [make_workshop(ctx)[0] for _ in range(3)]
    assert all(access.opens(ctx, store, OWNER_KEY) for store in workshops)


def test_facilitator_key_is_not_the_owner_key(ctx):
    _, key = make_workshop(ctx)
    assert access.is_owner_key(ctx, key) is False
    assert access.is_owner_key(ctx, OWNER_KEY) is True


@pytest.mark.parametrize("key, code", [(None, "missing_key"), ("", "missing_key"), ("nope", "bad_key")])
def test_require_key_refuses_with_the_exact_code(ctx, store, key, code):
    with pytest.raises(WorkshopError) as caught:
        access.require_key(ctx, store, key)
    assert (caught.value.code, caught.value.status) == (code, 401)


def test_require_key_accepts_facilitator_and_owner_keys(ctx):
    store, key = make_workshop(ctx)
    access.require_key(ctx, store, key)
    access.require_key(ctx, store, OWNER_KEY)


@pytest.mark.parametrize("key, code", [(None, "missing_key"), ("nope", "bad_key")])
def test_require_owner_refuses_with_the_exact_code(ctx, key, code):
    with pytest.raises(WorkshopError) as caught:
        access.require_owner(ctx, key)
    assert caught.value.code == code


def test_facilitator_key_is_not_accepted_as_owner_key(ctx):
    _, key = make_workshop(ctx)
    with pytest.raises(WorkshopError) as caught:
        access.require_owner(ctx, key)
    assert caught.value.code == "bad_key"
    access.require_owner(ctx, OWNER_KEY)


def test_key_that_is_not_valid_unicode_opens_nothing(ctx, store):
    # Socket.IO auth is parsed with `json`, which turns "\\ud800" into a lone surrogate.
    assert access.opens(ctx, store, "\ud800") is False
    with pytest.raises(WorkshopError) as caught:
        access.require_key(ctx, store, "\ud800")
    assert caught.value.code == "bad_key"
