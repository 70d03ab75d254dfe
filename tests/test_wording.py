"""How pledges are said: one wording for the council page, the project page and `diff`."""
from __future__ import annotations

import pytest

from directory.content.models import Pledge
from directory.wording import pledge_words


@pytest.mark.parametrize("pledge, words", [
    (Pledge(money_gbp=5000, days=10), "£5,000 and 10 staff days"),
    (Pledge(money_gbp=12500), "£12,500"),
    (Pledge(days=1), "1 staff day"),
    (Pledge(), ""),
    (None, ""),
])
def test_a_pledge_in_words(pledge, words):
    assert pledge_words(pledge) == words
