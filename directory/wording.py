"""How dates, lists, money and pledges are written for people: the same in sentences built by matching, in
`diff`'s report and on pages. Imports nothing from the stages, so every stage may use it."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterable, Protocol

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def month_year(day: date | None) -> str:
    """'March 2027'; empty for no date."""
    return f"{MONTHS[day.month - 1]} {day.year}" if day else ""


def long_date(day: date | None) -> str:
    """'31 March 2027'; empty for no date."""
    return f"{day.day} {month_year(day)}" if day else ""


def date_as_stated(value: str | None) -> str:
    """A date as precisely as its source gives it (YYYY-MM-DD, YYYY-MM or YYYY): '7 December 2018', 'December
    2018' or '2018'; empty for no date."""
    if not value:
        return ""
    year, month, day = (value.split("-") + ["", ""])[:3]
    return " ".join(part for part in (str(int(day)) if day else "", MONTHS[int(month) - 1] if month else "", year)
                    if part)


def listed(words: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def money(pounds: int | Decimal) -> str:
    """'£5,000'; with its pence where an amount has them: '£48,732.40'."""
    return f"£{int(pounds):,}" if pounds == int(pounds) else f"£{pounds:,.2f}"


def financial_year(first_year: int) -> str:
    """The financial year starting on 1 April of `first_year`, as GOV.UK writes it: '2026 to 2027'."""
    return f"{first_year} to {first_year + 1}"


class Pledged(Protocol):
    """What a pledge says (content.models.Pledge, or a project's pledges added up)."""

    money_gbp: int | None
    days: int | None


def pledge_words(pledge: Pledged | None) -> str:
    """'£5,000 and 10 staff days', '£5,000', '1 staff day'; empty when nothing is pledged. Each part is said
    when the council wrote it, even as 0."""
    if pledge is None:
        return ""
    parts = [] if pledge.money_gbp is None else [money(pledge.money_gbp)]
    if pledge.days is not None:
        parts.append(f"{pledge.days:,} staff day{'' if pledge.days == 1 else 's'}")
    return " and ".join(parts)
