"""The owner's notice: trimmed, never empty, short enough to read at a glance."""

from __future__ import annotations

import pytest

from workshop.domain.commands import SendNotice
from workshop.domain.errors import EmptyText, TextTooLong
from workshop.domain.notices import notice
from workshop.domain.texts import NOTICE_MAX


def test_a_notice_is_its_trimmed_text_and_its_time():
    assert notice(SendNotice("  Plenary in the main hall at 15:00  "), 1_700.5) == {
        "text": "Plenary in the main hall at 15:00",
        "at": 1_700.5,
    }


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_an_empty_notice_is_refused(text):
    with pytest.raises(EmptyText) as refused:
        notice(SendNotice(text), 0)
    assert refused.value.field == "text"


def test_a_notice_longer_than_a_glance_is_refused():
    assert notice(SendNotice("x" * NOTICE_MAX), 0)["text"] == "x" * NOTICE_MAX
    with pytest.raises(TextTooLong):
        notice(SendNotice("x" * (NOTICE_MAX + 1)), 0)
