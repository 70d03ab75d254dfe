"""The hex maps' geometry and their rules: the shipped layouts with their licence, odd rows half a hex to the
right, councils with no hex listed rather than placed, counties on the upper-tier layout, and keys beyond the
swatches joined into one, never dropped."""
from __future__ import annotations

from datetime import date

from directory.content.models import Council
from directory.site import maps

SURREY_HEATH = "E07000214"  # Surrey Heath, a district in the districts layout
WOKING = "E07000217"
SURREY = "E10000030"  # Surrey County Council: only in the upper-tier layout


def council(council_id: str, gss: str | None, kind: str = "district", **fields) -> Council:
    return Council.model_validate({"id": council_id, "name": council_id.replace("-", " ").title(), "gss": gss,
                                   "kind": kind, "nation": "england", "region": "South East", **fields})


def test_the_layouts_are_shipped_with_their_licence_and_credit():
    assert (maps.LAYOUTS / "LICENSE-MIT.txt").read_text().startswith("MIT License")
    assert "Open Innovations" in maps.CREDIT and "MIT" in maps.CREDIT
    districts, upper = maps.layout(maps.DISTRICTS), maps.layout(maps.UPPER_TIER)
    assert len(districts.places) == 361 and len(upper.places) == 151
    assert SURREY_HEATH in districts.places and SURREY not in districts.places and SURREY in upper.places


def test_odd_rows_sit_half_a_hex_to_the_right_and_rows_count_northwards():
    even_x, even_y = maps._centre(3, 10, top=20)
    odd_x, odd_y = maps._centre(3, 11, top=20)
    assert round(odd_x - even_x, 6) == round(3 ** 0.5 * maps.SIZE / 2, 6)
    assert odd_y < even_y  # further north is higher on the page


def test_a_council_with_no_hex_is_listed_not_placed():
    placed, forthcoming = council("surrey-heath", SURREY_HEATH), council(
        "east-surrey", None, kind="unitary", status="forthcoming", starts=date(2027, 4, 1))
    drawn = maps.draw("m", "A map", maps.DISTRICTS, [("Uses it", [placed, forthcoming], None)], "Does not",
                      about="councils")

    key = drawn.keys[0]
    assert drawn.placed(key) == 1 and [c.id for c, _ in drawn.unplaced] == ["east-surrey"]
    assert "1 more have no hex" in drawn.description


def test_a_county_is_drawn_on_the_upper_tier_layout_with_the_other_councils_faint():
    found = maps._by_layout("m", "Users", [("Uses it", [council("surrey-heath", SURREY_HEATH),
                                                        council("surrey", SURREY, kind="county")], None)],
                            "Does not", "councils", counties=frozenset({SURREY}))

    districts, counties = found
    assert districts.layout == maps.LAYOUT_NAMES[maps.DISTRICTS] and counties.layout == maps.LAYOUT_NAMES[maps.UPPER_TIER]
    assert [h.gss for h in counties.hexes if h.key] == [SURREY]
    assert all(h.context for h in counties.hexes if h.gss != SURREY)
    assert not any(h.context for h in districts.hexes)


def test_keys_beyond_the_swatches_are_joined_with_their_figures():
    groups = [(f"Product {n}", [council(f"c{n}", gss)], None) for n, gss in
              enumerate(sorted(maps.layout(maps.DISTRICTS).places)[:len(maps.SWATCHES) + 2])]
    drawn = maps.draw("m", "A map", maps.DISTRICTS, groups, "Nothing", about="councils", other="Another product")

    assert len(drawn.keys) == len(maps.SWATCHES)
    last = drawn.keys[-1]
    assert last.label == "Another product" and len(last.councils) == 3
    assert sum(drawn.placed(key) for key in drawn.keys) == len(groups)
    assert len({(key.colour, key.pattern) for key in drawn.keys}) == len(drawn.keys)  # no two keys look alike


def test_a_cropped_map_shows_the_surroundings_only():
    drawn = maps.draw("m", "Where", maps.DISTRICTS, [("Here", [council("woking", WOKING)], None)], "Others",
                      about="councils", crop=[council("woking", WOKING)])

    assert drawn.cropped and 10 < len(drawn.hexes) < 60
