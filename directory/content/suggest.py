"""What a reference that does not resolve was meant to name: found by names and words, not only by spelling.

Officers write what they see on the site or in a contract (`Idox Uniform`, `waste`, `lgr`, `bins`), or paste
an id in curly quotes from a document. The suggestions, best first; only the best kind found is shown:
1. the value is a record's id or name written another way (`Idox Uniform`, `Waste and recycling collections`);
2. it shares words with a record's id or name, or is the initials of its name (`lgr`), each a mistyped
   word apart at most; then the most words shared, counting a product's vendor and a description (`bins`)
   too; generic words such as council, system and management do not count;
3. its spelling is close to an id.
A product is suggested only when it shares a distinctive word of its name, or its vendor with a close
spelling (or the vendor was all that was written): a few letters in common never turn one vendor's product
into another's (`capita-pay360` is not `civica-pay`). When a word of the value matches nothing, the product
may be new, and the hint says how to add one.

Nothing here runs unless a reference does not resolve, and each list of records is indexed once, on first use.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Iterable

from .load import RawContent, as_id

CURLY_QUOTES = "“”‘’„‚«»‹›"
# Words that say what kind of thing a record is, not which one (stemmed, as `_words` leaves them).
GENERIC = frozenset("""
    a an and by for in of on or the to with
    council county borough district city metropolitan unitary
    system software service solution platform suite online management community
""".split())
SPELLING_CUTOFF = 0.6  # as difflib's default: close enough to be a typing error
SAME_VENDOR_CUTOFF = 0.75  # a product of the same vendor must be spelt closer than that
WORD_CUTOFF = 0.8  # a mistyped word of five letters or more still counts as the word
SHOWN = 3
PRODUCT_FORM = "Propose a product, capability or topic"  # .github/ISSUE_TEMPLATE/2-product-capability-topic.yml


def unquoted(value: str) -> str:
    """The value without the curly quotes a word processor puts around it."""
    return value.strip().strip(CURLY_QUOTES).strip()


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'s", " ").replace("’s", " "))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> frozenset[str]:
    return frozenset(stem for stem in map(_stem, _tokens(text)) if stem not in GENERIC)


def _initials(text: str) -> set[str]:
    tokens = _tokens(text)
    found = {"".join(t[0] for t in tokens), "".join(t[0] for t in tokens if _stem(t) not in GENERIC)}
    return {initials for initials in found if len(initials) >= 2} if len(tokens) >= 2 else set()


@dataclass(frozen=True)
class _Record:
    id: str
    label: str  # shown beside the id so the officer can confirm it; empty when the id says as much
    written: frozenset[str]  # how it may be written in full: its id, its name, its vendor and name, as slugs
    written_name: str  # its name, as a slug
    acronyms: frozenset[str]
    words: frozenset[str]  # of its id and name; for a product, without its vendor's
    vendor: frozenset[str]  # products only
    described: frozenset[str]  # of its description


def _record(record_id: str, name: Any, description: Any = None, vendor: Any = None) -> _Record:
    name = name if isinstance(name, str) else ""
    vendor = vendor if isinstance(vendor, str) else ""
    vendor_first = " ".join(_tokens(vendor)[:1])  # Idox, for Idox Uniform
    label = name
    if vendor and name and _tokens(name)[:1] != [vendor_first]:
        label = f"{name} by {vendor}"
    if "-".join(t for t in _tokens(label) if _stem(t) not in GENERIC) == record_id:
        label = ""
    words = _words(record_id.replace("-", " ") + " " + name)
    vendor_words = _words(vendor)
    distinctive = (words - vendor_words) or words  # LocalGov Drupal, by the LocalGov Drupal community
    return _Record(
        id=record_id, label=label, written_name=as_id(name),
        written=frozenset(slug for slug in (record_id, as_id(name), as_id(f"{vendor} {name}"),
                                            as_id(f"{vendor_first} {name}")) if slug),
        acronyms=frozenset(_initials(name) | _initials(record_id.replace("-", " "))),
        words=distinctive, vendor=vendor_words - distinctive,
        described=_words(description) if isinstance(description, str) else frozenset(),
    )


class Suggestions:
    """Hints for references that do not resolve, from the records of one content tree."""

    def __init__(self, raw: RawContent):
        self.raw = raw
        self._indexes: dict[str, list[_Record]] = {}

    def hint(self, noun: str, value: str, where: str, *, written_as_id: bool = True) -> str:
        """What to write instead of value, a reference to a noun (product, capability...) that does not resolve."""
        records = self._index(noun)
        bare = unquoted(value)
        if bare != value.strip() and bare:
            if any(record.id == bare for record in records):
                return f"Remove the curly quotes, leaving {bare}."
            return f"Remove the curly quotes. {self.hint(noun, bare, where, written_as_id=as_id(bare) == bare)}"
        whole, suggested = self._rank(records, value, product=noun == "product")
        parts = [self._did_you_mean(suggested)] if suggested else []
        if not suggested and not written_as_id:
            parts.append("Ids are lower-case words joined by hyphens, such as 'localgov-drupal'.")
        parts.append(f"Use one of {where}.")
        if noun == "product" and not whole and as_id(value):  # a word of it is unknown: it may be a new product
            parts.append(f"A product not listed yet needs its own file, content/products/{as_id(value)}.yaml "
                         f"(see CONTRIBUTING.md), or ask for it with the issue form '{PRODUCT_FORM}'.")
        return " ".join(parts)

    @staticmethod
    def _did_you_mean(records: list[_Record]) -> str:
        named = " or ".join(f"'{r.id}' ({r.label})" if r.label else f"'{r.id}'" for r in records)
        return f"Did you mean {named}?"

    def _rank(self, records: list[_Record], value: str, product: bool) -> tuple[bool, list[_Record]]:
        """Whether the best suggestion accounts for the whole value (every word of it, or its spelling), and
        the records the value most likely means, best first."""
        slug = as_id(value)
        exact = [record for record in records if slug and slug in record.written]
        if exact:
            return True, exact[:SHOWN]
        asked, compact = _words(value), "".join(_tokens(value))
        scored = []
        for record in records:
            named, score, whole = self._score(record, asked, compact, slug, product)
            if score:  # a word of the name first, then the most words; ties go to the closest spelling
                closeness = max(_ratio(slug, record.id), _ratio(slug, record.written_name))
                scored.append((not named, -score, -closeness, record.id, whole, record))
        if scored:
            scored.sort(key=lambda item: item[:4])
            best = [item for item in scored if item[:2] == scored[0][:2]][:SHOWN]
            return best[0][4], [item[-1] for item in best]
        if product:  # spelling alone never crosses vendors
            return False, []
        close = difflib.get_close_matches(slug, [record.id for record in records], n=SHOWN, cutoff=SPELLING_CUTOFF)
        by_id = {record.id: record for record in records}
        return bool(close), [by_id[record_id] for record_id in close]

    @staticmethod
    def _score(record: _Record, asked: frozenset[str], compact: str, slug: str,
               product: bool) -> tuple[bool, int, bool]:
        """Whether the words asked point at this record's id or name, how strongly they point at it at all
        (0 when they do not), and whether every one of them does."""
        named = 3 if compact in record.acronyms else 0
        vendor = described = unmatched = 0
        for word in asked:
            if word in record.words:
                named += 2
            elif word in record.vendor:
                vendor += 2
            elif word in record.described:
                described += 1
            elif _close_to_any(word, record.words):
                named += 1
            elif _close_to_any(word, record.vendor):
                vendor += 1
            else:
                unmatched += 1
        if product and not named:
            # Only the vendor in common: its product, if the vendor is all that was written or the spelling is close.
            if not vendor or (unmatched and _ratio(slug, record.id) < SAME_VENDOR_CUTOFF):
                return False, 0, False
        return bool(named), named + vendor + described, not unmatched

    def _index(self, noun: str) -> list[_Record]:
        if noun not in self._indexes:
            self._indexes[noun] = list(self._records(noun))
        return self._indexes[noun]

    def _records(self, noun: str) -> Iterable[_Record]:
        raw = self.raw
        listed = {"capability": (raw.capabilities, "capabilities"), "topic": (raw.topics, "topics"),
                  "capability group": (raw.capabilities, "groups")}
        if noun in listed:
            document, field = listed[noun]
            items = document.data.get(field) if document else None
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    yield _record(item["id"], item.get("name"), item.get("description"))
            return
        folder = {"council": "councils", "product": "products", "project": "projects",
                  "reorganisation": "reorganisations"}[noun]
        documents = getattr(raw, folder)
        for record_id, document in documents.items():
            data = document.data
            if noun == "product":
                yield _record(record_id, data.get("name"), vendor=data.get("vendor"))
            else:
                yield _record(record_id, data.get("name"), data.get("summary") if noun == "project" else None)
        # A file that could not be read still names its record: known by its id alone.
        for record_id in sorted(raw.present[folder] - set(documents)):
            yield _record(record_id, None)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _close_to_any(word: str, words: frozenset[str]) -> bool:
    """A mistyped word still counts, when both are long enough for a slip to leave them recognisable."""
    return len(word) >= 5 and any(len(own) >= 5 and _ratio(word, own) >= WORD_CUTOFF for own in words)
