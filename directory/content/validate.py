"""Stage 2, validate: raw records into models, then the rules that span files.

Every problem in every file is collected in one run and pointed at the line and column it is about,
with a hint saying what would be right.
"""
from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Iterable

from pydantic import ValidationError

from ..memory import collector_paused
from .hygiene import PLACEHOLDER, is_placeholder, looks_personal, without_placeholder
from .load import ID_PATTERN, Document, RawContent
from .models import (MODELS, STALE_AFTER, Contract, Council, Directory, FieldError, Model, Phase, Project,
                     Proposal, Reorganisation, earlier)
from .problems import Problems, did_you_mean
from .suggest import Suggestions, unquoted

if TYPE_CHECKING:
    from .cache import ContentCache


def validate(raw: RawContent, problems: Problems, today: date, cache: ContentCache | None = None) -> Directory | None:
    """Models first, then cross-file rules. Returns the directory, or None when a required file is unusable.
    cache: the records validated before, kept by `serve` between rebuilds (content/cache.py)."""
    with collector_paused():  # tens of thousands of models, no reference cycles: see directory/memory.py
        return _validate(raw, problems, today, cache)


def _validate(raw: RawContent, problems: Problems, today: date, cache: ContentCache | None) -> Directory | None:
    suggestions = Suggestions(raw)
    site = _model(raw.site, "site", problems)
    capabilities = _model(raw.capabilities, "capabilities", problems, suggestions=suggestions)
    topics = _model(raw.topics, "topics", problems)
    records = {
        kind: {record_id: model for record_id, document in getattr(raw, folder).items()
               if (model := _record(document, kind, problems, record_id, suggestions, cache)) is not None}
        for folder, kind in (("councils", "council"), ("products", "product"), ("projects", "project"),
                             ("reorganisations", "reorganisation"))
    }
    if site is None or capabilities is None or topics is None:
        return None
    rules = _Rules(raw, problems, suggestions)
    directory = Directory(
        site=site,
        capability_groups=rules.unique(capabilities.groups, raw.capabilities, "groups", "capability group"),
        capabilities=rules.unique(capabilities.capabilities, raw.capabilities, "capabilities", "capability"),
        topics=rules.unique(topics.topics, raw.topics, "topics", "topic"),
        products=records["product"],
        projects=records["project"],
        reorganisations=records["reorganisation"],
        councils=records["council"],
        today=today,
    )
    rules.check(directory)
    return directory


# ----------------------------------------------------------------------------------------------
# Models, with errors a person can act on


def _record(document: Document, kind: str, problems: Problems, record_id: str, suggestions: Suggestions,
            cache: ContentCache | None) -> Any:
    """A record file's model: validated now, or kept from the last time this same document was."""
    if cache is None:
        return _model(document, kind, problems, record_id, suggestions)
    return cache.model(document, problems, lambda found: _model(document, kind, found, record_id, suggestions))


def _model(document: Document | None, kind: str, problems: Problems, record_id: str = "",
           suggestions: Suggestions | None = None) -> Any:
    if document is None:
        return None
    model = MODELS[kind]
    data = _without_placeholders(document, model, problems)
    if record_id:
        if "id" in data:
            line, column = document.where(("id",), key=True)
            problems.error(document.path, line, column, "'id' is not written in the file.",
                           f"The file name is the id: remove this line (this record's id is '{record_id}').")
            data = {k: v for k, v in data.items() if k != "id"}
        data = {**data, "id": record_id}
    try:
        return model.model_validate(data)
    except ValidationError as error:
        reference_hint = _reference_hinter(kind, suggestions) if suggestions else None
        for detail in error.errors(include_url=False):
            loc, message, hint, on_key = _explain(detail, model, data, reference_hint)
            line, column = document.where(loc, key=on_key)
            problems.error(document.path, line, column, message, hint)
        return None


def _without_placeholders(document: Document, model: type[Model], problems: Problems) -> dict[str, Any]:
    """The data with each placeholder `new` wrote read as its value, so the file still checks; each is a
    warning that blocks merging, as the site would show it. `new` writes them as top-level values only."""
    found = [name for name, value in document.data.items() if is_placeholder(value)]
    for name in found:
        description = _field_help(model, (name,))
        problems.warning(document.path, *document.where((name,)),
                         f"{name} is still a placeholder: {_shown(document.data[name])}.",
                         (f"Write {name}: {description} " if description else "")
                         + f"If the value is already right, just delete '{PLACEHOLDER} '.", blocks_merge=True)
    return {name: without_placeholder(value) if name in found else value for name, value in document.data.items()} \
        if found else document.data


def _explain(detail: dict[str, Any], model: type[Model], data: Any,
             reference_hint: Callable[[tuple, str], str | None] | None = None) -> tuple[tuple, str, str, bool]:
    """Turn one pydantic error into (where, message, hint, whether it is about the key).
    reference_hint(loc, value) says what a value naming another record was meant to be, if it names one."""
    loc = tuple(part for part in detail["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind, found = detail["type"], detail.get("input")
    context = detail.get("ctx") or {}
    error = context.get("error")
    if isinstance(error, FieldError):
        field_loc = loc + (error.field,)
        present = _get(data, field_loc) is not None
        return (field_loc if present else loc), f"{error}.", "", present
    name = _field_name(loc)
    shown = _shown(found)
    if kind == "missing":
        description = _field_help(model, loc)
        return loc[:-1], f"'{name}' is missing.", f"Add {name}: {description}" if description else "", False
    if found is None and loc and isinstance(loc[-1], int):  # a stray '-' line: a list item with nothing in it
        return loc, f"item {loc[-1] + 1} of {name} is empty.", "Delete the stray '-' line, or complete the entry.", False
    if found is None and kind != "extra_forbidden":  # `name:` with nothing after it reads as empty, not as text
        description = _field_help(model, loc)
        return loc, f"{name} is empty.", f"Write its value after '{name}:'." + (f" {description}" if description else ""), False
    if kind == "extra_forbidden":
        mapping = _get(data, loc[:-1])
        number = _number_split_by_comma(mapping, name)
        if number:
            return loc[:-1] + (number[0],), *_number_with_commas(*number), False
        parent = _empty_parent_of(model, loc, mapping)
        if parent:
            return loc, f"'{name}' belongs to {parent}, but it is not indented under '{parent}:'.", \
                f"Indent it two spaces further than '{parent}:'.", True
        allowed = _allowed_fields(model, loc[:-1])
        hint = did_you_mean(name, allowed, "field")
        return loc, f"'{name}' is not a field here.", f"{hint} Fields allowed here: {', '.join(allowed)}.".strip(), True
    if kind == "literal_error":
        choices = [c.strip(" '") for c in context.get("expected", "").replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(found), choices, "value")
        if unquoted(str(found)) in choices and unquoted(str(found)) != str(found).strip():
            hint = f"Remove the curly quotes, leaving {unquoted(str(found))}."
        return loc, f"{name} is {shown}, which is not one of the allowed values.", \
            f"{hint} Use one of: {', '.join(choices)}.".strip(), False
    if kind == "string_pattern_mismatch":
        if name == "gss":
            return loc, f"gss is {shown}, which is not an ONS GSS code.", \
                "A GSS code is E, N, S or W followed by 8 digits, such as E06000063.", False
        hint = reference_hint(loc, found) if reference_hint and isinstance(found, str) else None
        if hint is not None:
            return loc, f"{name} is {shown}, which is not an id.", hint, False
        return loc, f"{name} is {shown}, which is not a valid id.", \
            "Ids are lower-case words joined by hyphens, such as 'localgov-drupal'.", False
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"):
        return loc, f"{name} is {shown}, which is not a date.", "Write dates as YYYY-MM-DD, such as 2028-03-31.", False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        if isinstance(found, str) and _THOUSANDS.fullmatch(found):
            return loc, *_number_with_commas(name, found), False
        pounds = " of pounds" if name.endswith("_gbp") else ""  # money_gbp, amount_gbp: '£98k', '98000.50'
        return loc, f"{name} is {shown}, which is not a whole number{pounds}.", _number_help(model, loc), False
    if kind in ("list_type",):
        return loc, f"{name} must be a list.", "Write each item on its own line starting with '- ', or as [a, b].", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loc, f"{name} must be a group of 'field: value' lines.", _field_help(model, loc), False
    if kind in ("string_type",):
        return loc, f"{name} must be text, not a list or group of fields.", "Put the text on the same line, after the colon.", False
    if kind == "too_short":
        return loc, f"{name} must not be empty.", _field_help(model, loc), False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return loc, f"{name} is {shown}: it {detail['msg'].lower().replace('input ', '')}.", "", False
    if kind == "value_error":
        return loc, f"{name} is {shown}: it {error}.", "", False
    message = detail["msg"].rstrip(".")
    return loc, f"{name}: {message[0].lower() + message[1:]}.", "", False


_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")


def _number_with_commas(name: str, written: str) -> tuple[str, str]:
    return f"{name} is {written}: numbers are written without commas.", f"Write {name}: {written.replace(',', '')}."


def _number_split_by_comma(mapping: Any, name: str) -> tuple[str, str] | None:
    """In `{money_gbp: 2,000, days: 10}` the comma ends the number: money_gbp reads '2', then comes a field
    '000' with no value. Returns the field and the number as written."""
    if not (isinstance(mapping, dict) and name.isdigit() and mapping.get(name) is None):
        return None
    fields = list(mapping)
    before = fields[fields.index(name) - 1] if fields.index(name) else None
    value = mapping.get(before)
    return (before, f"{value},{name}") if isinstance(value, str) and value.isdigit() else None


def _empty_parent_of(model: type[Model], loc: tuple, mapping: Any) -> str | None:
    """The field above this one, left empty, that has it as a field: `pledge:` with `money_gbp: 5000` on the
    next line at the same indent, so that money_gbp became a sibling of pledge instead of part of it."""
    if not isinstance(mapping, dict) or loc[-1] not in mapping:
        return None
    fields = list(mapping)
    for parent in reversed(fields[:fields.index(loc[-1])]):
        if mapping[parent] is None:
            inner = _model_at(model, loc[:-1] + (parent,))
            if inner and loc[-1] in inner.model_fields:
                return parent
    return None


def _number_help(model: type[Model], loc: tuple) -> str:
    """What the number is, and an example of it, from the field's own description."""
    inner = _model_at(model, loc[:-1]) if loc else None
    field = inner.model_fields.get(loc[-1]) if inner and isinstance(loc[-1], str) else None
    if field is None:
        return "Write digits only."
    example = f", such as {field.examples[0]}" if field.examples else ""
    return f"{field.description or ''} Write digits only{example}.".strip()


def _get(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _field_name(loc: tuple) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "this record"


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, (dict, list)):
        return "a list" if isinstance(value, list) else "a group of fields"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _model_at(model: type[Model], loc: tuple) -> type[Model] | None:
    """The model that describes the mapping at loc, walking through lists and optional fields."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if hasattr(current, "model_fields") else None


def _inner_model(annotation: Any) -> Any:
    if hasattr(annotation, "model_fields"):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _allowed_fields(model: type[Model], loc: tuple) -> list[str]:
    inner = _model_at(model, loc)
    return [name for name in inner.model_fields if name != "id" or inner is not model] if inner else []


def _field_help(model: type[Model], loc: tuple) -> str:
    inner = _model_at(model, loc[:-1]) if loc else None
    field = inner.model_fields.get(loc[-1]) if inner and loc and isinstance(loc[-1], str) else None
    return field.description or "" if field else ""


# ----------------------------------------------------------------------------------------------
# Rules that span files

ANY = object()  # any position in a list
# Where each kind of record names other records: (path to the value, the kind of record it names).
REFERENCES: dict[str, list[tuple[tuple, str]]] = {
    "councils": [(("stack", ANY, "capability"), "capability"), (("stack", ANY, "product"), "product"),
                 (("challenges", ANY, "topics", ANY), "topic"),
                 (("challenges", ANY, "capabilities", ANY), "capability"),
                 (("projects", ANY, "project"), "project"), (("replaced_by", ANY), "council"),
                 (("contracts", ANY, "capability"), "capability"), (("contracts", ANY, "product"), "product")],
    "products": [(("capabilities", ANY), "capability")],
    "projects": [(("product",), "product"), (("capabilities", ANY), "capability"), (("topics", ANY), "topic")],
    "reorganisations": [(("predecessors", ANY), "council"), (("successors", ANY), "council"),
                        (("proposals", ANY, "submitted_by", ANY), "council"),
                        (("proposals", ANY, "makeup", ANY, "whole", ANY), "council"),
                        (("proposals", ANY, "makeup", ANY, "part_of", ANY), "council"),
                        (("proposals", ANY, "makeup", ANY, "council"), "council"),
                        (("proposals", ANY, "also_covers", ANY), "reorganisation")],
}
VOCABULARY_REFERENCES: list[tuple[tuple, str]] = [(("capabilities", ANY, "group"), "capability group")]
WHERE = {"council": "the files in content/councils/", "product": "the files in content/products/",
         "project": "the files in content/projects/", "capability": "the ids in content/capabilities.yaml",
         "topic": "the ids in content/topics.yaml", "capability group": "the groups at the top of capabilities.yaml",
         "reorganisation": "the files in content/reorganisations/"}


def _tree(references: list[tuple[tuple, str]]) -> dict[Any, Any]:
    """Patterns such as ("stack", ANY, "product") as one tree (step -> the steps after it, or the kind of record
    named there), so that a file's data is walked once for all of them."""
    tree: dict[Any, Any] = {}
    for pattern, noun in references:
        node = tree
        for step in pattern[:-1]:
            node = node.setdefault(step, {})
        node[pattern[-1]] = noun
    return tree


REFERENCE_TREES = {folder: _tree(references) for folder, references in REFERENCES.items()}
VOCABULARY_TREE = _tree(VOCABULARY_REFERENCES)


def _named(data: Any, tree: dict[Any, Any], here: tuple = (),
           found: list[tuple[tuple, Any, str]] | None = None) -> list[tuple[tuple, Any, str]]:
    """(path, value, kind of record) of every value the tree reaches in a file's data. The hot path of `check`."""
    found = [] if found is None else found
    for step, below in tree.items():
        if step is ANY:
            if data.__class__ is not list:
                continue
            reached = enumerate(data)
        elif data.__class__ is dict and step in data:
            reached = ((step, data[step]),)
        else:
            continue
        for part, value in reached:
            if below.__class__ is str:
                found.append((here + (part,), value, below))
            else:
                _named(value, below, here + (part,), found)
    return found


def _reference_hinter(kind: str, suggestions: Suggestions) -> Callable[[tuple, str], str | None]:
    """For a record of this kind: the hint for a value that should name another record, or None if it names none."""
    references = VOCABULARY_REFERENCES if kind == "capabilities" else REFERENCES.get(kind + "s", [])

    def hint(loc: tuple, value: str) -> str | None:
        for pattern, noun in references:
            if len(pattern) == len(loc) and all(isinstance(part, int) if step is ANY else part == step
                                                for step, part in zip(pattern, loc)):
                return suggestions.hint(noun, value, WHERE[noun], written_as_id=False)
        return None

    return hint


def _listed_ids(document: Document | None, field: str) -> set[str]:
    items = document.data.get(field) if document else None
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)} \
        if isinstance(items, list) else set()


def _latest_ends(contracts: list[Contract]) -> dict[str, tuple[int, date]]:
    """For each capability whose contracts all have an end date: the position and end of the one ending last."""
    latest: dict[str, tuple[int, date] | None] = {}
    for index, contract in enumerate(contracts):
        before = latest.get(contract.capability, (index, date.min))
        if contract.ends is None or before is None:
            latest[contract.capability] = None  # one without an end date may be the one in force
        elif contract.ends >= before[1]:
            latest[contract.capability] = (index, contract.ends)
        else:
            latest[contract.capability] = before
    return {capability: found for capability, found in latest.items() if found is not None}


class _Rules:
    def __init__(self, raw: RawContent, problems: Problems, suggestions: Suggestions | None = None):
        self.raw, self.problems = raw, problems
        self.suggestions = suggestions or Suggestions(raw)

    def unique(self, items: Iterable[Any], document: Document, field: str, noun: str) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for index, item in enumerate(items):
            if item.id in found:
                self._error(document, (field, index, "id"), f"the {noun} id '{item.id}' is used twice.",
                            "Each id must be unique: rename one of them.")
            else:
                found[item.id] = item
        return dict(sorted(found.items()))

    def check(self, directory: Directory) -> None:
        self._references()
        self._unique_gss(directory)
        for reorganisation in directory.reorganisations.values():
            self._reorganisation(directory, reorganisation)
        for project in directory.projects.values():
            self._phases(project)
        for council in directory.councils.values():
            self._council(directory, council)

    def _references(self) -> None:
        """Every id reference resolves. Checked on the files as written, so that a file with other errors
        is still checked, and a council whose file has errors is still known to the files naming it."""
        raw = self.raw
        known = {"council": raw.present["councils"], "product": raw.present["products"],
                 "project": raw.present["projects"], "reorganisation": raw.present["reorganisations"],
                 "capability": _listed_ids(raw.capabilities, "capabilities"), "topic": _listed_ids(raw.topics, "topics"),
                 "capability group": _listed_ids(raw.capabilities, "groups")}
        checks = [(document, tree) for folder, tree in REFERENCE_TREES.items()
                  for document in getattr(raw, folder).values()]
        if raw.capabilities is not None:
            checks.append((raw.capabilities, VOCABULARY_TREE))
        for document, tree in checks:
            for loc, value, noun in _named(document.data, tree):
                if value.__class__ is str and value not in known[noun] and ID_PATTERN.match(value):
                    self._error(document, loc, f"unknown {noun} '{value}'.",
                                self.suggestions.hint(noun, value, WHERE[noun]))

    def _reorganisation(self, directory: Directory, reorganisation: Reorganisation) -> None:
        document = self.raw.reorganisations[reorganisation.id]
        for index, council in enumerate(reorganisation.successors):
            if council in reorganisation.predecessors:
                self._error(document, ("successors", index), f"'{council}' is listed as both predecessor and successor.",
                            "A council that carries on is a successor only.")
        self._stage(directory, document, reorganisation)
        self._timetable(directory, document, reorganisation)
        for index, proposal in enumerate(reorganisation.proposals):
            self._proposal(directory, document, reorganisation, index, proposal)
        self._unique_proposals(document, reorganisation)
        self._decision(document, reorganisation)
        self._credits(document, reorganisation)

    def _stage(self, directory: Directory, document: Document, reorganisation: Reorganisation) -> None:
        """The stage agrees with what the file records: successors and a decision only once decided."""
        stage = reorganisation.stage
        if stage == "vested" and not reorganisation.successors:
            self._error(document, ("stage",), "a vested reorganisation needs successors: the councils it created.",
                        "Add successors: the ids of the new councils' profiles in content/councils/.")
        if reorganisation.successors and not reorganisation.reached("decided"):
            self._error(document, ("successors",), f"successors are the councils a decision creates, but the stage is "
                                                   f"{stage}, before any decision.",
                        "Remove successors until a decision names the new councils, or set stage to the stage "
                        "reached (decided or later) and add decision:.")
        if reorganisation.decision is not None and not reorganisation.reached("decided"):
            self._error(document, ("decision",), f"a decision is recorded, but the stage is {stage}, before any decision.",
                        "Set stage to decided (or the stage reached since), or remove decision: until one is made.")
        if reorganisation.proposals and reorganisation.reached("decided") and reorganisation.decision is None:
            self._error(document, ("stage",), f"the stage is {stage}, but no decision says which proposal was chosen.",
                        "Add decision: with the proposal chosen, when it was announced, its standing and its source.")
        if stage == "vested" and reorganisation.vesting > directory.today:
            self._error(document, ("stage",), f"the stage is vested, but vesting day ({reorganisation.vesting}) is still "
                                              "to come.", "Use the stage reached so far, such as order-made.")
        elif stage != "vested" and reorganisation.vesting < directory.today:
            self._warning(document, ("stage",), f"vesting day ({reorganisation.vesting}) has passed, but the stage is "
                                                f"still {stage}.",
                          "If the new councils have taken over, set stage: vested; if vesting was put back, write the "
                          "new day in vesting.")

    def _timetable(self, directory: Directory, document: Document, reorganisation: Reorganisation) -> None:
        """Dates in the order things happen: nothing recorded after as_of, the date of the latest fact."""
        as_of, elections = reorganisation.as_of, reorganisation.elections
        if as_of is not None and as_of.first_day > directory.today:
            self._error(document, ("as_of",), f"as_of is {as_of}, which is in the future.",
                        "as_of is the date of the latest fact recorded here: write the day (or month) it happened.")
        if elections is not None and elections.first_day >= reorganisation.vesting:
            self._error(document, ("elections",), f"the elections ({elections}) are not before vesting day "
                                                  f"({reorganisation.vesting}).",
                        "The first elections to the new councils come before they take over: check both dates.")
        later = [(("proposals", index, "submitted"), f"proposal {proposal.id} was submitted on {proposal.submitted}",
                  proposal.submitted) for index, proposal in enumerate(reorganisation.proposals)]
        if reorganisation.decision is not None:
            later.append((("decision", "date"), f"the decision is dated {reorganisation.decision.date}",
                          reorganisation.decision.date))
        for loc, happened, when in later:
            if as_of is not None and when is not None and when.first_day > as_of.last_day:
                self._error(document, loc, f"{happened}, after as_of ({as_of}), the date of the latest fact recorded.",
                            "Check both dates: as_of should be the date of the latest fact in this file.")

    def _proposal(self, directory: Directory, document: Document, reorganisation: Reorganisation, index: int,
                  proposal: Proposal) -> None:
        here = ("proposals", index)
        # The councils it may name: the predecessors, and those of any area it also covers.
        own = set(reorganisation.predecessors).union(*(directory.reorganisations[other].predecessors
                                                       for other in proposal.also_covers
                                                       if other in directory.reorganisations))
        outside_hint = ("Use the ids in predecessors; for a proposal that crosses into another area, add that "
                        "reorganisation's id to also_covers.")
        for position, council in enumerate(proposal.submitted_by):
            if council in directory.councils and council not in own:
                self._error(document, here + ("submitted_by", position),
                            f"'{council}' is not one of the councils of this reorganisation (predecessors), so it "
                            f"cannot have submitted proposal {proposal.id}.", outside_hint)
        for position, other in enumerate(proposal.also_covers):
            if other == reorganisation.id:
                self._error(document, here + ("also_covers", position),
                            "also_covers names this reorganisation itself.",
                            "List only the other reorganisations whose councils the proposal takes in.")
        if proposal.councils is not None and len(proposal.makeup) > proposal.councils:
            self._error(document, here + ("makeup",), f"makeup lists {len(proposal.makeup)} councils, but councils "
                                                      f"says proposal {proposal.id} makes {proposal.councils}.",
                        "List each proposed council once, or correct councils.")
        placed: dict[str, tuple[str, str]] = {}  # council id -> (whole or part_of, the proposed council taking it)
        chosen = reorganisation.decision.proposal if reorganisation.decision is not None else None
        for number, future in enumerate(proposal.makeup):
            where = here + ("makeup", number)
            this = f"'{future.name}'" if future.name else f"council {number + 1} of the makeup"
            for field in ("whole", "part_of"):
                for position, council in enumerate(getattr(future, field)):
                    if council in directory.councils and council not in own:
                        self._error(document, where + (field, position),
                                    f"'{council}' is not one of the councils of this reorganisation (predecessors), "
                                    f"so proposal {proposal.id} cannot take it in.", outside_hint)
                    before = placed.get(council)
                    if before and (field == "whole" or before[0] == "whole"):
                        said = {"whole": "whole in", "part_of": "part of"}
                        self._error(document, where + (field, position),
                                    f"'{council}' is already {said[before[0]]} {before[1]}, so it cannot also be "
                                    f"{said[field]} {this}.",
                                    "A council split between new councils goes in part_of of each of them; a council "
                                    "taken in whole goes in whole of one only.")
                    elif before is None or field == "whole":
                        placed[council] = (field, this)
            if future.council is not None:
                if chosen != proposal.id:
                    said = f"that is {chosen}" if chosen else "no decision is recorded"
                    self._error(document, where + ("council",),
                                f"council: names a new council, but only the proposal the decision chose does, and {said}.",
                                "Remove council: here.")
                elif future.council not in reorganisation.successors:
                    self._error(document, where + ("council",), f"'{future.council}' is not among successors.",
                                f"Add {future.council} to successors, or remove council: here.")

    def _credits(self, document: Document, reorganisation: Reorganisation) -> None:
        """Once a file lists its sources (with their titles and licences, for the credits), it lists each it cites."""
        listed = {source.address for source in reorganisation.sources}
        if not listed:
            return
        cited = [(("source",), reorganisation.source)]
        for index, proposal in enumerate(reorganisation.proposals):
            cited.append((("proposals", index, "source"), proposal.source))
            cited += [(("proposals", index, "sources", position), url) for position, url in enumerate(proposal.sources)]
        if reorganisation.decision is not None:
            cited.append((("decision", "source"), reorganisation.decision.source))
        for loc, url in cited:
            if url not in listed:
                self._error(document, loc, f"{url} is cited but not listed in sources.",
                            "Add it to sources, with its title and, for a government page, its licence, so that the "
                            "directory credits it.")

    def _unique_proposals(self, document: Document, reorganisation: Reorganisation) -> None:
        seen: set[str] = set()
        for index, proposal in enumerate(reorganisation.proposals):
            if proposal.id in seen:
                self._error(document, ("proposals", index, "id"), f"the proposal id '{proposal.id}' is used twice.",
                            "Each proposal needs its own id: rename one of them.")
            seen.add(proposal.id)

    def _decision(self, document: Document, reorganisation: Reorganisation) -> None:
        decision = reorganisation.decision
        if decision is None:
            return
        proposal = reorganisation.proposal(decision.proposal)
        ids = [p.id for p in reorganisation.proposals]
        if proposal is None:
            hint = f"{did_you_mean(decision.proposal, ids, 'proposal')} Use one of: {', '.join(ids)}.".strip() \
                if ids else "Add the proposal chosen to proposals first."
            self._error(document, ("decision", "proposal"),
                        f"the decision names proposal '{decision.proposal}', which is not in proposals.", hint)
            return
        if proposal.invalid is not None:
            self._error(document, ("decision", "proposal"), f"proposal {proposal.id} was ruled invalid, so it cannot be "
                                                            "the one chosen.", "Check which proposal was chosen.")
        if decision.date is not None and proposal.submitted is not None \
                and decision.date.last_day < proposal.submitted.first_day:
            self._error(document, ("decision", "date"), f"the decision ({decision.date}) is dated before proposal "
                                                        f"{proposal.id} was submitted ({proposal.submitted}).",
                        "Check both dates.")
        named = {future.council for future in proposal.makeup}
        for index, successor in enumerate(reorganisation.successors):
            if successor not in named:
                self._error(document, ("successors", index), f"'{successor}' is not named in the makeup of {proposal.id}, "
                                                             "the proposal chosen.",
                            f"Add council: {successor} to the proposed council it becomes, in {proposal.id}'s makeup.")

    def _unique_gss(self, directory: Directory) -> None:
        first: dict[str, str] = {}
        for council in directory.councils.values():
            if council.gss is None:
                continue
            if council.gss in first:
                self._error(self.raw.councils[council.id], ("gss",),
                            f"the GSS code {council.gss} is already used by content/councils/{first[council.gss]}.yaml.",
                            "Each council has its own GSS code: check it against the ONS register.")
            else:
                first[council.gss] = council.id

    def _council(self, directory: Directory, council: Council) -> None:
        document = self.raw.councils[council.id]
        for index, successor in enumerate(council.replaced_by):
            if successor == council.id:
                self._error(document, ("replaced_by", index), "a council cannot replace itself.")
        self._contact(document, council)
        self._maintainers(document, council)
        self._stack(directory, document, council)
        self._participation(directory, document, council)
        self._contracts(directory, document, council)
        if council.reviewed is not None:
            if council.reviewed > directory.today:
                self._error(document, ("reviewed",), f"reviewed is {council.reviewed}, which is in the future.",
                            "Write the day the council last confirmed this profile.")
            elif council.is_stale(directory.today):
                self._warning(document, ("reviewed",), f"this profile was last reviewed on {council.reviewed}, "
                                                       "more than 12 months ago.",
                              "Check every entry is still true, then set reviewed to today's date.")

    def _stack(self, directory: Directory, document: Document, council: Council) -> None:
        seen: set[tuple[str, str]] = set()
        for index, entry in enumerate(council.stack):
            here = ("stack", index)
            if (entry.capability, entry.product) in seen:
                self._error(document, here, f"{entry.product} for {entry.capability} is listed twice in the stack.",
                            "Keep one entry and put the variations in its notes.")
            seen.add((entry.capability, entry.product))
            product = directory.products.get(entry.product)
            if product and entry.capability in directory.capabilities and entry.capability not in product.capabilities:
                self._warning(document, here + ("capability",),
                              f"{product.name} is not listed as a product for {entry.capability}.",
                              f"Check the capability, or ask for it to be added to content/products/{product.id}.yaml "
                              f"(it lists: {', '.join(product.capabilities)}).")
            if entry.contract_ends is not None and entry.contract_ends < directory.today:
                self._warning(document, here + ("contract_ends",),
                              f"the contract for {entry.product} ended on {entry.contract_ends}.",
                              "Update contract_ends if it was renewed, or the entry if the product was replaced.")

    def _contracts(self, directory: Directory, document: Document, council: Council) -> None:
        """Each contract listed once; the product named serves what the contract is for; the latest contract for a
        capability, if the council declares it and it has ended, not ended long ago without the one that followed it.

        Only a declared contract is warned about: it is the council's own account of its contracts, which it can
        bring up to date. A contract from the public record says what its notice or decision said, which stays true
        once it has ended; whether a later one was published is the public record's gap, not the file's mistake."""
        first: dict[tuple, int] = {}
        for index, contract in enumerate(council.contracts):
            here = ("contracts", index)
            earlier_index = first.setdefault(contract.identity, index)
            if earlier_index != index:
                line = document.where(("contracts", earlier_index))[0]
                field, what = {"ocid": ("ocid", f"the contract {contract.ocid}"),
                               "source": ("source", f"this {contract.capability} contract from {contract.source}"),
                               "declared": ("capability", (f"this {contract.capability} contract, with the same "
                                                           "product and dates,"))}[contract.identity[0]]
                self._error(document, here + (field,), f"{what} is listed twice: it is also on line {line}.",
                            "Keep one entry for each contract, with everything its sources say.")
            product = directory.products.get(contract.product or "")
            if product and contract.capability in directory.capabilities \
                    and contract.capability not in product.capabilities:
                self._warning(document, here + ("product",),
                              f"{product.name} is not listed as a product for {contract.capability}.",
                              f"Check the capability, or ask for it to be added to content/products/{product.id}.yaml "
                              f"(it lists: {', '.join(product.capabilities)}).")
        if council.status == "abolished":
            return  # its contracts are history, and no one will renew them
        current = {entry.capability for entry in council.stack  # the stack says when a current contract ends
                   if entry.contract_ends is not None and entry.contract_ends >= directory.today}
        for capability, (index, ends) in _latest_ends(council.contracts).items():
            if council.contracts[index].source is None and capability not in current \
                    and directory.today - ends > STALE_AFTER:
                self._warning(document, ("contracts", index, "ends"),
                              f"the latest contract listed for {capability} ended on {ends}, more than a year ago.",
                              "Add the contract that followed it, or correct ends if this one was extended.")

    def _phases(self, project: Project) -> None:
        """A project's funded phases: each id once, listed in the order they started."""
        document = self.raw.projects[project.id]
        seen: set[str] = set()
        latest: Phase | None = None  # the last phase above with a start date
        for index, phase in enumerate(project.phases):
            if phase.id in seen:
                self._error(document, ("phases", index, "id"), f"the phase id '{phase.id}' is used twice in this project.",
                            "Each phase needs its own id: rename one of them.")
            seen.add(phase.id)
            if phase.started is None:
                continue
            if latest is not None and earlier(phase.started, latest.started):
                self._error(document, ("phases", index, "started"),
                            f"this phase started in {phase.started}, before the phase above it "
                            f"({latest.id}, started {latest.started}).",
                            "List the phases in the order they started, earliest first, or check the dates.")
            latest = phase

    def _participation(self, directory: Directory, document: Document, council: Council) -> None:
        seen: set[tuple[str, str | None]] = set()
        for index, participation in enumerate(council.projects):
            here = ("projects", index)
            key = (participation.project, participation.phase)
            if key in seen:
                if participation.phase is None:
                    self._error(document, here + ("project",), f"{participation.project} is listed twice.",
                                "List each project once, with the council's main role.")
                else:
                    self._error(document, here + ("phase",), f"{participation.project} is listed twice for the "
                                                             f"phase {participation.phase}.",
                                "List each phase once, with the council's role in it.")
            seen.add(key)
            project = directory.projects.get(participation.project)
            if project and participation.phase is not None:
                self._phase_named(document, here + ("phase",), project, participation.phase)
            if participation.phase is not None and participation.source is None and not council.claimed:
                # No one from the council maintains this profile, so no one declared it: only a source can say it.
                self._error(document, here, f"{council.name} has not claimed this profile, so its part in the "
                                            f"phase {participation.phase} must cite the public source it comes from.",
                            "Add source: with the https:// address of the page naming the council, or claim the "
                            "profile (maintainers:, see CONTRIBUTING.md) to declare the council's part itself.")
            if project and participation.pledge is not None and project.kind != "fund":
                self._error(document, here + ("pledge",), f"{project.name} is a {project.kind}, not a fund project, "
                                                          "so it takes no pledge.",
                            "Remove the pledge, or choose a project whose kind is fund.")

    def _phase_named(self, document: Document, loc: tuple, project: Project, phase_id: str) -> None:
        if not project.phases:
            self._error(document, loc, f"{project.name} has no funded phases, so phase: names none of them.",
                        "Remove phase: to take part in the project as a whole.")
        elif project.phase(phase_id) is None:
            phases = [phase.id for phase in project.phases]
            hint = did_you_mean(phase_id, phases, "phase")
            self._error(document, loc, f"'{phase_id}' is not a phase of {project.name}.",
                        f"{hint} Its phases: {', '.join(phases)} (content/projects/{project.id}.yaml).".strip())

    def _contact(self, document: Document, council: Council) -> None:
        if council.contact is None:
            return
        domain = council.contact.rsplit("@", 1)[1].lower()
        site = (council.website or "").split("//", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")
        if not site:
            self._error(document, ("contact",), "contact needs the council's website, to check it is on the council's domain.",
                        "Add website: https://... for the council.")
        elif not (domain == site or domain.endswith("." + site)):
            self._error(document, ("contact",), f"contact is on {domain}, not on the council's own domain {site}.",
                        f"Use a team mailbox ending in @{site}, never a personal or supplier address.")
        if looks_personal(council.contact):
            # A warning, as the test is a guess (hygiene.py), but one that blocks merging: once merged, an
            # address stays in the repository's public history for ever.
            self._warning(document, ("contact",), f"contact '{council.contact}' looks like a named person's address.",
                          "A public repository's history keeps it for ever, so it could never be fully removed "
                          f"once merged: use a team mailbox, such as digital@{site or domain}.", blocks_merge=True)

    def _maintainers(self, document: Document, council: Council) -> None:
        # A team (organisation/team-name) is several people already; one person alone can hold up every change.
        if len({name.lower() for name in council.maintainers}) == 1 and "/" not in council.maintainers[0]:
            self._warning(document, ("maintainers",), f"only {council.maintainers[0]} can approve changes to "
                                                      "this profile: the guide asks for two or more maintainers.",
                          f"Add a colleague's GitHub user name, as maintainers: [{council.maintainers[0]}, "
                          "a-colleague], or name a team (organisation/team-name), so that a change can be "
                          "approved while one of you is away.", on_key=True)

    def _error(self, document: Document, loc: tuple, message: str, hint: str = "") -> None:
        self.problems.error(document.path, *document.where(loc), message, hint)

    def _warning(self, document: Document, loc: tuple, message: str, hint: str = "", *, on_key: bool = False,
                 blocks_merge: bool = False) -> None:
        self.problems.warning(document.path, *document.where(loc, key=on_key), message, hint, blocks_merge=blocks_merge)
