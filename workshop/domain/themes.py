"""Rules for themes: a name of their own, and which cards a theme can gather."""

from __future__ import annotations

from . import texts
from .entities import Card, Theme
from .errors import NotYourGroup


def theme_name(name: str) -> str:
    """A theme's name, trimmed: 1 to 60 characters."""
    return texts.required_text(name, field="name", limit=texts.THEME_NAME_MAX, what="A theme name")


def check_card_fits(card: Card, theme: Theme) -> None:
    """A card joins only a theme of its own group."""
    if theme.group_id != card.group_id:
        raise NotYourGroup("A card can only join a theme of its own group.", field="theme_id")
