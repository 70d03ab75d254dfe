"""Atom feeds of profile changes: one for the whole directory, one per capability; and one of the reorganisation
programme's changes, an entry per area dated by its latest fact (`as_of`).

A change is a council confirming its profile: its `reviewed` date. That is the only dated fact about a
profile in the content itself, so the feeds are the same on every build of the same content. (Git history
is not in every build, such as a shallow clone or an archive, and the build's own clock would make each
build differ.) A profile its council has never confirmed has no date, and is in no feed.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from ..content import vocabulary
from ..content.models import Capability, Council, Directory, PartialDate, Reorganisation, StackEntry
from ..derive.indexes import Derived, recently_reviewed
from ..derive.records import Usage
from ..site.addresses import Addresses
from ..wording import date_as_stated, long_date

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 100  # the most recent changes; the full record is in api/councils.json
NO_CHANGE_YET = "1970-01-01T00:00:00Z"  # a feed's <updated> before any profile in it has been confirmed

FEED_FIELDS = (
    ("feed/id", "The feed's own address."),
    ("feed/title", "What the feed follows."),
    ("feed/subtitle", "What counts as a change."),
    ("feed/updated", f"The newest entry's date; {NO_CHANGE_YET[:10]} while the feed has no entries."),
    ("feed/author/name", "The directory's name."),
    ("feed/link", "Two links: the feed's own address (rel=self) and the page it follows (rel=alternate)."),
    ("feed/rights", "The licence of the directory's content."),
    ("feed/entry", f"One per council, newest confirmation first (then by name), at most {FEED_ENTRIES}."),
    ("entry/id", "A permanent identifier (a tag: URI) for the council and the day it confirmed its profile, so "
                 "that each new confirmation shows as a new entry in a feed reader."),
    ("entry/title", "The council's name."),
    ("entry/updated", "When the council last confirmed its profile (its reviewed date), at midnight UTC."),
    ("entry/link", "The council's page."),
    ("entry/summary", "What the profile says: its stack, or, in a capability's feed, the products it uses for "
                      "that capability."),
)


PROGRAMME_FEED_FIELDS = (
    ("feed/id", "The feed's own address."),
    ("feed/title", "What the feed follows: the reorganisation under way."),
    ("feed/subtitle", "What counts as a change."),
    ("feed/updated", f"The newest entry's date; {NO_CHANGE_YET[:10]} while the feed has no entries."),
    ("feed/author/name", "The directory's name."),
    ("feed/link", "Two links: the feed's own address (rel=self) and the programme page (rel=alternate)."),
    ("feed/rights", "The licence of the directory's content."),
    ("feed/entry", "One per area being reorganised whose latest fact is dated, newest first (then by name)."),
    ("entry/id", "A permanent identifier (a tag: URI) for the area and the date of its latest fact, so that each new "
                 "fact shows as a new entry in a feed reader."),
    ("entry/title", "The area's name and the stage it has reached."),
    ("entry/updated", "The date of the area's latest fact (its as_of), at midnight UTC: the first day of the month or "
                      "year when only that is known."),
    ("entry/link", "The area's page."),
    ("entry/summary", "Where it stands: its stage, its proposals, the decision and its standing (confirmed or "
                      "reported only), the first elections and vesting day."),
)


def write_feeds(directory: Directory, derived: Derived, staging: Path) -> None:
    urls = Addresses(directory.site)
    (staging / urls.capability_feeds).mkdir(parents=True, exist_ok=True)
    _write(staging / urls.changes_feed, changes_feed(directory))
    _write(staging / urls.reorganisations_feed, programme_feed(directory, derived))
    for capability in directory.capabilities.values():
        _write(staging / urls.capability_feed(capability.id),
               capability_feed(directory, capability, derived.capability_users[capability.id]))


def changes_feed(directory: Directory) -> ElementTree.Element:
    site, urls = directory.site, Addresses(directory.site)
    councils = recently_reviewed(directory.councils.values(), FEED_ENTRIES)
    feed = _feed(directory, urls.changes_feed, f"{site.title}: profile changes", urls.full(urls.home), councils)
    for council in councils:
        _entry(feed, directory, council, _entry_id(directory, council), _stack_summary(directory, council.stack))
    return feed


def capability_feed(directory: Directory, capability: Capability,
                    users: dict[str, list[Usage]]) -> ElementTree.Element:
    """users: derive's capability_users for it, product id -> uses; a council using two products is one entry."""
    site, urls = directory.site, Addresses(directory.site)
    newest = recently_reviewed({use.council.id: use.council for uses in users.values() for use in uses}.values(),
                               FEED_ENTRIES)
    feed = _feed(directory, urls.capability_feed(capability.id), f"{site.title}: {capability.name}",
                 urls.full(urls.capability(capability.id)), newest)
    for council in newest:
        entries = [entry for entry in council.stack if entry.capability == capability.id]
        _entry(feed, directory, council, f"{_entry_id(directory, council)}#{capability.id}",
               _stack_summary(directory, entries))
    return feed


def _feed(directory: Directory, path: str, title: str, alternate: str,
          councils: list[Council]) -> ElementTree.Element:
    """The feed's own elements; councils are its entries, newest first, so the first dates the feed."""
    site, urls = directory.site, Addresses(directory.site)
    feed = ElementTree.Element("feed", xmlns=ATOM_NAMESPACE)
    ElementTree.SubElement(feed, "id").text = urls.full(path)
    ElementTree.SubElement(feed, "title").text = title
    ElementTree.SubElement(feed, "subtitle").text = ("Councils whose profiles were confirmed most recently. "
                                                     "A change is the date a council last confirmed its profile.")
    ElementTree.SubElement(feed, "updated").text = _timestamp(councils[0].reviewed) if councils else NO_CHANGE_YET
    ElementTree.SubElement(ElementTree.SubElement(feed, "author"), "name").text = site.title
    ElementTree.SubElement(feed, "link", rel="self", type="application/atom+xml", href=urls.full(path))
    ElementTree.SubElement(feed, "link", rel="alternate", type="text/html", href=alternate)
    ElementTree.SubElement(feed, "rights").text = f"{site.licence} ({site.licence_url})"
    return feed


def _entry(feed: ElementTree.Element, directory: Directory, council: Council, entry_id: str, summary: str) -> None:
    urls = Addresses(directory.site)
    entry = ElementTree.SubElement(feed, "entry")
    ElementTree.SubElement(entry, "id").text = entry_id
    ElementTree.SubElement(entry, "title").text = council.name
    ElementTree.SubElement(entry, "updated").text = _timestamp(council.reviewed)
    ElementTree.SubElement(entry, "link", rel="alternate", type="text/html",
                           href=urls.full(urls.council(council.id)))
    ElementTree.SubElement(entry, "summary", type="text").text = summary


def _entry_id(directory: Directory, council: Council) -> str:
    """tag:host,YYYY-MM-DD:/path/councils/id (RFC 4151): the same council and day always give the same id."""
    base = urlsplit(directory.site.base_url)
    page = Addresses(directory.site).council(council.id).rstrip("/")  # without the slash, as ids were first made
    return f"tag:{base.hostname},{council.reviewed.isoformat()}:{base.path}{page}"


def _stack_summary(directory: Directory, stack: list[StackEntry]) -> str:
    if not stack:
        return "Profile confirmed; no stack entries yet."
    uses = []
    for entry in stack:
        facts = [f"since {entry.since}" if entry.since else "",
                 f"contract ends {entry.contract_ends.isoformat()}" if entry.contract_ends else ""]
        detail = ", ".join(fact for fact in facts if fact)
        uses.append(f"{directory.products[entry.product].name} for {directory.capabilities[entry.capability].name}"
                    + (f" ({detail})" if detail else ""))
    return "Profile confirmed. Uses " + "; ".join(uses) + "."


def programme_feed(directory: Directory, derived: Derived) -> ElementTree.Element:
    """An entry per area under way with a dated latest fact, newest first: the same content, the same feed."""
    site, urls = directory.site, Addresses(directory.site)
    areas = sorted((area for area in derived.programme.timeline if area.reorganisation.as_of),
                   key=lambda area: area.reorganisation.name.lower())
    areas.sort(key=lambda area: PartialDate(area.reorganisation.as_of).first_day, reverse=True)  # stable: by name
    path = urls.reorganisations_feed
    feed = ElementTree.Element("feed", xmlns=ATOM_NAMESPACE)
    ElementTree.SubElement(feed, "id").text = urls.full(path)
    ElementTree.SubElement(feed, "title").text = f"{site.title}: local government reorganisation"
    ElementTree.SubElement(feed, "subtitle").text = ("Where each area being reorganised has got to. A change is the "
                                                     "date of an area's latest fact.")
    ElementTree.SubElement(feed, "updated").text = (_timestamp(PartialDate(areas[0].reorganisation.as_of).first_day)
                                                    if areas else NO_CHANGE_YET)
    ElementTree.SubElement(ElementTree.SubElement(feed, "author"), "name").text = site.title
    ElementTree.SubElement(feed, "link", rel="self", type="application/atom+xml", href=urls.full(path))
    ElementTree.SubElement(feed, "link", rel="alternate", type="text/html", href=urls.full(urls.reorganisations))
    ElementTree.SubElement(feed, "rights").text = f"{site.licence} ({site.licence_url})"
    base = urlsplit(site.base_url)
    for area in areas:
        reorganisation = area.reorganisation
        entry = ElementTree.SubElement(feed, "entry")
        page = urls.reorganisation(reorganisation.id).rstrip("/")
        ElementTree.SubElement(entry, "id").text = f"tag:{base.hostname},{reorganisation.as_of}:{base.path}{page}"
        ElementTree.SubElement(entry, "title").text = (f"{reorganisation.name}: "
                                                       f"{vocabulary.label(reorganisation.stage, 'stage')}")
        ElementTree.SubElement(entry, "updated").text = _timestamp(PartialDate(reorganisation.as_of).first_day)
        ElementTree.SubElement(entry, "link", rel="alternate", type="text/html",
                               href=urls.full(urls.reorganisation(reorganisation.id)))
        ElementTree.SubElement(entry, "summary", type="text").text = _area_summary(reorganisation, area.proposals)
    return feed


def _area_summary(reorganisation: Reorganisation, proposals: int) -> str:
    """'Decided, as of March 2026. 3 proposals. Chosen: three unitary councils (confirmed: ...). ...'."""
    parts = [f"{vocabulary.label(reorganisation.stage, 'stage')}, as of {date_as_stated(reorganisation.as_of)}.",
             f"{proposals} proposal{'' if proposals == 1 else 's'}."]
    decision = reorganisation.decision
    if decision is not None:
        chosen = reorganisation.proposal(decision.proposal)
        parts.append(f"Chosen: {chosen.title if chosen else decision.proposal}"
                     f"{', ' + date_as_stated(decision.date) if decision.date else ''}. "
                     f"{vocabulary.DECISION_STANDING.meaning(decision.standing)}")
    else:
        parts.append("No decision yet.")
    planned = " (indicative)" if reorganisation.indicative else ""
    if reorganisation.elections:
        parts.append(f"First elections: {date_as_stated(reorganisation.elections)}{planned}.")
    parts.append(f"Vesting day: {long_date(reorganisation.vesting)}{planned}.")
    return " ".join(parts)


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _write(path: Path, feed: ElementTree.Element) -> None:
    ElementTree.indent(feed)
    text = ElementTree.tostring(feed, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n{text}\n', encoding="utf-8")
