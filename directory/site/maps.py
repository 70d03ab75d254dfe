"""Hex maps of councils, drawn at build time as inline SVG: every council the same size, wherever it is, as UK
public bodies show a figure for each council at once. Which hex is where, and what colours it, is worked out here;
the component that draws a map (templates/components/hex_map.html) only writes the shapes and its key.

The layouts are Open Innovations' HexJSON cartograms (hex_layouts/, MIT): one of the districts and unitary
councils of 2023, one of upper-tier councils, where the county councils are. A council with no hex in a layout
(those created after 2023) is listed beside the map, never placed by guesswork. Every map stands beside a table of
the same figures, its key; keys differ by pattern as well as colour.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..content import vocabulary
from ..content.models import Council, Product, Reorganisation
from ..derive.indexes import AreaProposal, Programme
from ..derive.records import Usage, by_name

LAYOUTS = Path(__file__).parent / "hex_layouts"
DISTRICTS = "uk-local-authority-districts-2023"
UPPER_TIER = "uk-upper-tier-local-authorities"
LAYOUT_NAMES = {DISTRICTS: "districts and unitary councils of 2023", UPPER_TIER: "upper-tier councils"}
CREDIT = "Hex layouts: Open Innovations (odileeds/hexmaps), MIT"

SIZE = 10  # a hex's radius in the drawing's own units; the drawing scales to the page
MARGIN = 2  # hexes of the surroundings shown around the councils a cropped map is about
# The keys' looks, in order: a colour with at least 3:1 contrast against white and the neighbouring hexes' white
# edges, and a pattern, so that no key is told apart by colour alone.
SWATCHES = (("#1d70b8", "solid"), ("#d4351c", "stripes"), ("#00703c", "dots"), ("#4c2c92", "crosshatch"),
            ("#d53880", "rows"), ("#003078", "backslash"), ("#85640c", "columns"), ("#0b0c0c", "grid"))


@dataclass(frozen=True)
class Layout:
    name: str
    places: dict[str, tuple[int, int]]  # GSS code -> (q, r): column, and row counted northwards
    names: dict[str, str]  # GSS code -> the name the layout gives


@lru_cache(maxsize=None)
def layout(name: str) -> Layout:
    hexes = json.loads((LAYOUTS / f"{name}.hexjson").read_text(encoding="utf-8"))["hexes"]
    return Layout(name, {gss: (h["q"], h["r"]) for gss, h in hexes.items()}, {gss: h["n"] for gss, h in hexes.items()})


@dataclass(frozen=True)
class MapKey:
    """One entry of a map's key: what its hexes stand for, and every council it counts, on the map or not."""

    key: str  # its id within the map, for its pattern and for data-key
    label: str
    colour: str
    pattern: str
    councils: tuple[Council, ...]  # by name
    href: str | None = None  # the page of what it stands for (a product), from the site's root
    note: str | None = None


@dataclass(frozen=True)
class Hex:
    gss: str
    name: str
    points: str  # the hexagon's corners, for <polygon points>
    key: str | None  # the MapKey it shows, or None
    label: str | None  # that key's label
    context: bool = False  # drawn faintly: a council shown on another map, for orientation only


@dataclass(frozen=True)
class HexMap:
    id: str  # unique on its page
    title: str
    description: str  # the text alternative: what the map shows, in figures
    view_box: str
    width: float
    height: float
    hexes: tuple[Hex, ...]
    keys: tuple[MapKey, ...]
    blank: str  # what a hex with no key means
    unplaced: tuple[tuple[Council, MapKey], ...]  # councils a key counts that have no hex in the layout
    layout: str  # the layout's name, in words
    cropped: bool  # only the hexes around the councils it is about: its blank hexes are neighbours, not counted
    context: str | None = None  # what a faint hex means, when there are any

    def placed(self, key: MapKey) -> int:
        return sum(1 for h in self.hexes if h.key == key.key)


def _centre(q: int, r: int, top: int) -> tuple[float, float]:
    """Pointy-topped hexes, "odd-r": odd rows sit half a hex to the right; rows count northwards from `top`."""
    width = math.sqrt(3) * SIZE
    return width * (q + 0.5 * (r & 1)), 1.5 * SIZE * (top - r)


def _corners(x: float, y: float) -> str:
    return " ".join(f"{x + SIZE * math.cos(math.radians(a)):.1f},{y + SIZE * math.sin(math.radians(a)):.1f}"
                    for a in (-90, -30, 30, 90, 150, 210))


def draw(map_id: str, title: str, the_layout: str, groups: Iterable[tuple[str, Iterable[Council], str | None]],
         blank: str, *, about: str, crop: Sequence[Council] = (), context: Iterable[str] = (),
         context_words: str | None = None, other: str = "Others") -> HexMap | None:
    """A map of the layout with a key per group (label, councils, page): each council's hex in its group's look.

    crop: draw only the hexes around these councils and those the keys count (with MARGIN hexes about them) rather
    than the whole layout.
    context: GSS codes drawn faintly, as councils shown on another map. about: what the councils counted are, for
    the text alternative ("councils recording a product"). Groups beyond the swatches are joined as `other`.
    None when the groups hold no council, or none of them (or of crop) has a hex.
    """
    found = layout(the_layout)
    groups = [(label, by_name(councils), href) for label, councils, href in groups]
    groups = [group for group in groups if group[1]]
    if len(groups) > len(SWATCHES):
        kept, rest = groups[:len(SWATCHES) - 1], groups[len(SWATCHES) - 1:]
        joined = by_name({c.id: c for _, councils, _ in rest for c in councils}.values())
        groups = [*kept, (other, joined, None)]
        notes = {other: "; ".join(f"{label} ({len(councils)})" for label, councils, _ in rest)}
    else:
        notes = {}
    keys = tuple(MapKey(f"{map_id}-k{number}", label, *SWATCHES[number], tuple(councils), href, notes.get(label))
                 for number, (label, councils, href) in enumerate(groups))
    key_of = {council.gss: key for key in keys for council in key.councils if council.gss in found.places}
    unplaced = tuple((council, key) for key in keys for council in key.councils if council.gss not in found.places)
    focus = ([found.places[c.gss] for c in (*crop, *(c for key in keys for c in key.councils)) if c.gss in found.places]
             if crop else list(found.places.values()))
    if not focus or not keys or (not key_of and not crop):
        return None
    top = max(r for _, r in found.places.values())
    xs, ys = zip(*(_centre(q, r, top) for q, r in focus))
    pad = SIZE * (2 * MARGIN + 1) if crop else SIZE * 1.2
    left, right, upper, lower = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    context = set(context)
    hexes = []
    for gss, (q, r) in sorted(found.places.items(), key=lambda item: (-item[1][1], item[1][0])):
        x, y = _centre(q, r, top)
        if left - SIZE < x < right + SIZE and upper - SIZE < y < lower + SIZE:
            key = key_of.get(gss)
            hexes.append(Hex(gss, found.names[gss], _corners(x, y), key.key if key else None,
                             key.label if key else None, context=key is None and gss in context))
    width, height = round(right - left, 1), round(lower - upper, 1)
    drawn = HexMap(map_id, title, "", f"{left:.1f} {upper:.1f} {width} {height}", width, height, tuple(hexes), keys,
                   blank, unplaced, LAYOUT_NAMES[the_layout], bool(crop), context_words if context else None)
    counted = sum(len(key.councils) for key in keys)
    parts = [f"{key.label}: {drawn.placed(key)}" for key in keys]
    description = (f"Hex map of the UK's {LAYOUT_NAMES[the_layout]}, one hex per council, showing {counted} "
                   f"{about}: {'; '.join(parts)}." + (f" {len(unplaced)} more have no hex and are listed below the "
                                                      f"map." if unplaced else "") + " The table below gives the same figures.")
    return replace(drawn, description=description)


# ----------------------------------------------------------------------------------------------
# The maps of each page type.


def _on_layouts(councils: Iterable[Council]) -> tuple[list[Council], list[Council]]:
    """Councils as the layouts hold them: counties on the upper-tier layout, every other council on the districts'."""
    councils = list(councils)
    return [c for c in councils if c.kind != "county"], [c for c in councils if c.kind == "county"]


def _by_layout(map_id: str, title: str, groups: list[tuple[str, list[Council], str | None]], blank: str,
               about: str, counties: frozenset[str], other: str = "Others") -> list[HexMap]:
    """A map of districts and unitary councils, then, when a group holds any county council, one of the counties on
    the upper-tier layout, where every hex but the county councils' (counties: their GSS codes) is drawn faintly,
    for orientation."""
    split = [(label, _on_layouts(councils), href) for label, councils, href in groups]
    districts = [(label, others, href) for label, (others, _), href in split]
    by_county = [(label, counties_of, href) for label, (_, counties_of), href in split]
    maps = [draw(f"{map_id}-districts", f"{title}: districts and unitary councils", DISTRICTS, districts, blank,
                 about=about, other=other)]
    if any(councils for _, councils, _ in by_county):
        maps.append(draw(f"{map_id}-counties", f"{title}: county councils", UPPER_TIER, by_county, blank, about=about,
                         context=set(layout(UPPER_TIER).places) - counties,
                         context_words="other councils, shown on the map above (or since abolished)", other=other))
    return [m for m in maps if m is not None]


def capability_maps(capability_name: str, users: dict[str, list[Usage]], products: dict[str, Product],
                    product_page: Callable[[str], str], counties: frozenset[str]) -> list[HexMap]:
    """Each council coloured by the product it records for the capability; two or more products, a key of its own."""
    recorded: dict[str, list[str]] = {}
    councils: dict[str, Council] = {}
    for product_id, usages in users.items():
        for usage in usages:
            recorded.setdefault(usage.council.id, []).append(product_id)
            councils[usage.council.id] = usage.council
    only: dict[str, list[Council]] = {product_id: [] for product_id in users}  # councils recording that one only
    several = []
    for council_id, found in recorded.items():
        if len(found) == 1:
            only[found[0]].append(councils[council_id])
        elif len(set(found)) > 1:
            several.append(councils[council_id])
    groups = [(products[product_id].name, only[product_id], product_page(product_id)) for product_id in users]
    groups = sorted(groups, key=lambda group: (-len(group[1]), group[0].lower()))
    if several:
        groups.append(("Two or more products", several, None))
    return _by_layout("capability-map", f"Products used for {capability_name.lower()}", groups, "Nothing recorded",
                      f"councils recording a product for {capability_name.lower()}", counties, other="Another product")


def product_maps(product: Product, usages: list[Usage], counties: frozenset[str]) -> list[HexMap]:
    users = {u.council.id: u.council for u in usages}
    return _by_layout("product-map", f"Councils using {product.name}", [(f"Uses {product.name}", list(users.values()), None)],
                      "Does not record it", f"councils using {product.name}", counties)


def programme_map(programme: Programme, councils: dict[str, Council]) -> HexMap | None:
    """Every district and unitary council coloured by the stage of its area; counties show through their districts."""
    groups = [(vocabulary.label(group.stage, "stage"),
               [councils[c] for r in group.reorganisations for c in r.predecessors if councils[c].kind != "county"], None)
              for group in programme.stages]
    return draw("programme-map", "Where reorganisation is under way, by stage", DISTRICTS, groups,
                "Not being reorganised now", about="councils in areas being reorganised (county councils are shown "
                "through their districts)")


def area_maps(reorganisation: Reorganisation, proposals: tuple[AreaProposal, ...],
              councils: dict[str, Council]) -> list[HexMap]:
    """The area's councils: for each proposal that gives its makeup (the chosen one first), which proposed council
    each goes to; failing any, the area's councils alone. Counties show through their districts."""
    area = [councils[c] for c in reorganisation.predecessors]
    maps = []
    ordered = sorted((p for p in proposals if p.reorganisation == reorganisation.id and p.futures),
                     key=lambda p: not p.chosen)
    for number, found in enumerate(ordered, start=1):
        split = {c.id for c in area if len(found.placement(c.id)) > 1 and c.kind != "county"}
        groups = [(found.future_name(future), [c for c in future.predecessors if c.kind != "county" and c.id not in split], None)
                  for future in found.futures]
        groups.append(("Split between proposed councils", [councils[c] for c in split], None))
        title = (f"{'Decided: ' if found.chosen else 'Proposal: '}{found.proposal.title}: "
                 f"which new council each council {'goes' if found.chosen else 'would go'} to")
        drawn = draw(f"area-map-{number}", title, DISTRICTS, groups, "Another area, or not in this proposal", crop=area,
                     about="councils of the area (county councils are shown through their districts)")
        if drawn is not None:
            maps.append(drawn)
    if not maps:
        drawn = draw("area-map", f"The councils of {reorganisation.name}", DISTRICTS,
                     [("In this area", [c for c in area if c.kind != "county"], None)], "Another area", crop=area,
                     about="councils of the area (county councils are shown through their districts)")
        maps = [drawn] if drawn is not None else []
    return maps


def council_map(council: Council, partners: Iterable[Council], decided: bool, districts: Iterable[Council],
                predecessors: Iterable[Council]) -> HexMap | None:
    """Where the council is, with the councils it is being reorganised with (partners: those the decision merges it
    with once decided, else its area's). A county shows as its districts; a council not yet vested as the councils
    it replaces."""
    if council.kind == "county":
        itself, words = list(districts), f"{council.name}'s districts"
    elif council.status == "forthcoming":
        itself, words = list(predecessors), "The councils it replaces"
    else:
        itself, words = [council], council.name
    itself = [c for c in itself if c.kind != "county"]
    ids = {c.id for c in itself} | {council.id}
    partners = [c for c in partners if c.id not in ids and c.kind != "county"]
    return draw("council-map", f"Where {council.name} is", DISTRICTS,
                [(words, itself, None), ("Merging with it (decided)" if decided else "In its reorganisation area",
                                         partners, None)],
                "Other councils", crop=[*itself, *partners], about="councils")
