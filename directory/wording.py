"""How dates and lists are written for people, the same in sentences built by matching and on pages."""
from __future__ import annotations

from datetime import date
from typing import Iterable

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def month_year(day: date | None) -> str:
    """'March 2027'; empty for no date."""
    return f"{MONTHS[day.month - 1]} {day.year}" if day else ""


def long_date(day: date | None) -> str:
    """'31 March 2027'; empty for no date."""
    return f"{day.day} {month_year(day)}" if day else ""


def listed(words: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
