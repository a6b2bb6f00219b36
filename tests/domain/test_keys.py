"""Secrets are kept only as hashes and compared against them."""

from __future__ import annotations

from workshop.domain import keys


def test_new_secrets_are_long_url_safe_and_different():
    made = {keys.new_secret() for _ in range(50)}
    assert len(made) == 50
    for secret in made:
        assert len(secret) >= 32
        assert all(ch.isalnum() or ch in "-_" for ch in secret)


def test_hash_is_not_the_secret():
    secret = keys.new_secret()
    stored = keys.hash_secret(secret)
    assert stored != secret
    assert secret not in stored


def test_hash_is_sha256_hex_and_stable():
    assert keys.hash_secret("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert keys.hash_secret("abc") == keys.hash_secret("abc")


def test_secret_matches_its_hash():
    secret = keys.new_secret()
    assert keys.matches(secret, keys.hash_secret(secret)) is True


def test_other_secret_does_not_match():
    stored = keys.hash_secret(keys.new_secret())
    assert keys.matches(keys.new_secret(), stored) is False
    assert keys.matches("", stored) is False


def test_the_hash_itself_does_not_open_anything():
    secret = keys.new_secret()
    stored = keys.hash_secret(secret)
    assert keys.matches(stored, stored) is False
