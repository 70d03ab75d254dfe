"""Charts drawn at build time as inline SVG: where each mark goes, worked out here, so that the component that
draws it (templates/components/timeline_chart.html) only writes the shapes. Every chart stands beside a table
of the same facts, its text alternative; shapes and line styles, not colour alone, tell its marks apart.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from ..content import vocabulary
from ..derive.indexes import AreaTimeline
from ..wording import month_year

WIDTH = 720  # the drawing's own units; it scales to the page, and scrolls sideways below a readable width
MARGIN = 12
AXIS_HEIGHT = 28  # the years along the top
ROW_HEIGHT = 38  # an area's name, then its line
BOTTOM = 8


def programme_timeline(areas: Iterable[AreaTimeline], today: date) -> dict[str, Any]:
    """The timeline chart's drawing (its params, but for the id, title and description the page gives): for each
    area under way, a line from its first proposal to its vesting day,
    thin until the decision (dashed from today when there is none yet), thick from the decision on; marks for
    the proposals, the decision, the first elections and vesting day; the years along the top; today."""
    areas = list(areas)
    if not areas:
        return {"width": WIDTH, "height": 0, "axis_bottom": 0, "rows": [], "axis": [], "today": None}
    reorganisations = [area.reorganisation for area in areas]
    starts = [area.submitted.first_day for area in areas if area.submitted] + [today]
    first = date(min(starts).year, 1, 1)
    last_vesting = max(r.vesting for r in reorganisations)
    last = date(last_vesting.year + 1, 1, 1)
    span = (last - first).days

    def x(day: date) -> float:
        return round(MARGIN + (day - first).days / span * (WIDTH - 2 * MARGIN), 1)

    rows = []
    for number, area in enumerate(areas):
        reorganisation = area.reorganisation
        top = AXIS_HEIGHT + number * ROW_HEIGHT
        line_y = top + 26
        decision = reorganisation.decision
        decided = decision.date.first_day if decision is not None and decision.date else None
        begins = area.submitted.first_day if area.submitted else None
        segments, markers = [], []
        if begins is not None:
            markers.append({"x": x(begins), "kind": "proposals", "text": f"Proposals {month_year(begins)}"})
        if decision is not None:
            # A decision no source dates was made by the latest fact recorded (or, failing that, by today).
            known_by = reorganisation.as_of.first_day if reorganisation.as_of else today
            pivot = decided or min(known_by, reorganisation.vesting)
            if begins is not None and begins < pivot:
                segments.append({"x1": x(begins), "x2": x(pivot), "kind": "before-decision"})
            segments.append({"x1": x(pivot), "x2": x(reorganisation.vesting), "kind": "decided"})
            if decided is not None:
                markers.append({"x": x(decided), "kind": "decision", "text": f"Decision {month_year(decided)}"})
        else:
            until = min(today, reorganisation.vesting)
            if begins is not None and begins < until:
                segments.append({"x1": x(begins), "x2": x(until), "kind": "before-decision"})
            segments.append({"x1": x(max(until, begins or until)), "x2": x(reorganisation.vesting), "kind": "planned"})
        if reorganisation.elections is not None:
            elections = reorganisation.elections.first_day
            markers.append({"x": x(elections), "kind": "elections", "text": f"Elections {month_year(elections)}"})
        markers.append({"x": x(reorganisation.vesting), "kind": "vesting",
                        "text": f"Vesting day {month_year(reorganisation.vesting)}"})
        rows.append({"label": reorganisation.name, "stage": vocabulary.label(reorganisation.stage, "stage"),
                     "label_y": top + 14, "line_y": line_y, "segments": segments, "markers": markers})
    axis = [{"x": x(date(year, 1, 1)), "text": str(year) if year < last.year else ""}  # the end: a line only
            for year in range(first.year, last.year + 1)]
    return {"width": WIDTH, "height": AXIS_HEIGHT + len(rows) * ROW_HEIGHT + BOTTOM, "rows": rows, "axis": axis,
            "axis_bottom": AXIS_HEIGHT + len(rows) * ROW_HEIGHT,
            "today": {"x": x(today), "text": "Today"} if first <= today <= last else None}
