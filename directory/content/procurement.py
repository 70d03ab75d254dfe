"""Which capability a contract notice is for, read from the vocabularies: the words and CPV codes each capability
lists (content/capabilities.yaml) and the products it names (content/products/).

Nothing is guessed. The words found in the first text that has any decide (for a notice: its title, then its
description); without words, the capabilities of the products it names, then its CPV code. Where
several capabilities fit, a product named and then the CPV code may narrow them; a notice that still fits several,
or none, is not placed, and the placement says why, for a person to decide.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .models import Capability, Product

_CPV = re.compile(r"\s*([0-9]{8})(?:-[0-9])?\b")
_POSSESSIVE = re.compile(r"['’]s?\b")


def phrase(text: str) -> str:
    """Text as words are matched in it: lower case, words only, each plural as its singular, with a space at each
    end, so that ' library management ' is found in ' east sussex library management system '."""
    words = re.findall(r"[a-z0-9]+", _POSSESSIVE.sub("", text.lower()).replace("&", " and "))
    return " " + " ".join(_singular(word) for word in words) + " "


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def cpv_code(text: str | None) -> str | None:
    """The eight digits of a CPV code as notices write it: '48000000 Software package...', '72212000-4'."""
    match = _CPV.match(text or "")
    return match[1] if match else None


def cpv_under(code: str, listed: str) -> int:
    """How specifically a listed CPV code covers a notice's code: the length of the listed code's significant digits
    when the notice's code is that code or one under it (CPV's trailing zeros mark its level), else 0."""
    stem = listed.rstrip("0").ljust(2, "0")  # a division is two digits, even 10000000
    return len(stem) if code.startswith(stem) else 0


def _distinctive(name: str) -> bool:
    """A one-word product name that cannot be an ordinary word in a title: iTrent, ServiceNow, QGIS, PlanX."""
    return " " in name.strip() or any(c.isdigit() for c in name) or any(c.isupper() for c in name[1:])


@dataclass(frozen=True)
class Placement:
    """Where a notice goes: its capability and product, or, when it is not placed, the capabilities that fit
    (none or several) and why."""

    capability: str | None
    product: str | None = None
    fits: tuple[str, ...] = ()
    reason: str = ""


class Placer:
    """Places notices by the vocabularies of one directory."""

    def __init__(self, capabilities: Iterable[Capability], products: Iterable[Product]):
        capabilities, products = list(capabilities), list(products)
        self.words = [(phrase(word), capability.id) for capability in capabilities for word in capability.words]
        self.codes = [(code, capability.id) for capability in capabilities for code in capability.cpv]
        self.products = {product.id: product for product in products}
        # How a product is written: its vendor and name, its id as words, and its name alone where it is distinctive.
        self.forms: list[tuple[str, str, bool]] = []  # (phrase, product id, whether only a product column may use it)
        for product in products:
            written = {phrase(f"{product.vendor} {product.name}"), phrase(product.id.replace("-", " "))}
            for form in written:
                self.forms.append((form, product.id, False))
            if phrase(product.name) not in written:
                self.forms.append((phrase(product.name), product.id, not _distinctive(product.name)))

    def products_named(self, text: str, *, product_column: bool = False) -> list[str]:
        """Ids of the products a text names, the longest name winning where one holds another (LocalGov Drupal,
        not Drupal). In a product column, which only names products, a product's name alone always counts."""
        found = phrase(text)
        named = [(form, product) for form, product, column_only in self.forms
                 if form.strip() and form in found and (product_column or not column_only)]
        kept = {product for form, product in named
                if not any(form != longer and form in longer and other != product for longer, other in named)}
        return sorted(kept)

    def by_words(self, text: str) -> set[str]:
        """The capabilities whose words are in a text, the longest word winning where one holds another (council tax
        support, not council tax)."""
        found = phrase(text)
        matched = [(word, capability) for word, capability in self.words if word.strip() and word in found]
        return {capability for word, capability in matched
                if not any(word != longer and word in longer and other != capability for longer, other in matched)}

    def by_code(self, code: str | None) -> set[str]:
        """The capabilities whose listed code covers the notice's code most specifically."""
        if code is None:
            return set()
        depth: dict[str, int] = {}
        for listed, capability in self.codes:
            depth[capability] = max(depth.get(capability, 0), cpv_under(code, listed))
        deepest = max(depth.values(), default=0)
        return {capability for capability, level in depth.items() if level and level == deepest}

    def place(self, texts: Iterable[str], code: str | None, products: Iterable[str] = ()) -> Placement:
        """texts in the order they decide (the words of the first that has any count); code, the notice's CPV code;
        products, the ids of the products it names."""
        products = sorted(set(products))
        words: set[str] = set()
        for text in texts:
            words = self.by_words(text)
            if words:
                break
        served = {capability for product in products for capability in self.products[product].capabilities}
        coded = self.by_code(code)
        fits = words or served or coded
        for narrower in (served, coded):
            if len(fits) > 1 and fits & narrower:
                fits &= narrower
        if len(fits) != 1:
            reason = f"fits several capabilities ({', '.join(sorted(fits))})" if fits else (
                "fits no capability: no capability's words are in what it says it is for" + (
                    f", and its CPV code {code} is not one a capability lists" if code else ", and it has no CPV code"))
            return Placement(None, fits=tuple(sorted(fits)), reason=reason)
        [capability] = fits
        fitting = [product for product in products if capability in self.products[product].capabilities]
        return Placement(capability, fitting[0] if len(fitting) == 1 else None, fits=(capability,))
