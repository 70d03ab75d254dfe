"""How pledges and dates as stated are said: one wording for the council page, the project page and `diff`."""
from __future__ import annotations

import pytest

from directory.content.models import Pledge
from directory.wording import date_as_stated, pledge_words


@pytest.mark.parametrize("pledge, words", [
    (Pledge(money_gbp=5000, days=10), "£5,000 and 10 staff days"),
    (Pledge(money_gbp=12500), "£12,500"),
    (Pledge(days=1), "1 staff day"),
    (Pledge(), ""),
    (None, ""),
])
def test_a_pledge_in_words(pledge, words):
    assert pledge_words(pledge) == words


@pytest.mark.parametrize("stated, words", [
    ("2018-12-07", "7 December 2018"), ("2019-09", "September 2019"), ("2021", "2021"), (None, ""), ("", ""),
])
def test_a_date_as_precisely_as_its_source_gives_it(stated, words):
    assert date_as_stated(stated) == words
