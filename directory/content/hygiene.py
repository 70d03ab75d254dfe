"""What a profile must never keep once merged: a placeholder left by `new`, or a named person's address.

`scaffold` writes the placeholder marker and `validate` looks for it, both from here, so the two cannot
drift apart. Both findings are warnings, so a half-filled file can still be checked and built locally, and
both are marked to block merging: `check --pull-request` (the pull-request workflow) reports them as
errors, because once merged a value stays in the repository's public history for ever.
"""
from __future__ import annotations

import re

# Every value `new` cannot know starts with this, in quotes. The loader sees values, not comments, so the
# officer confirms a value by deleting the marker: the line is then theirs, whether or not they changed it.
PLACEHOLDER = "CHECK:"


def placeholder(value: str) -> str:
    """How `new` writes a value to be checked: the marker, then the value, quoted so YAML keeps the colon."""
    return f'"{PLACEHOLDER} {value}"'


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PLACEHOLDER)


def without_placeholder(value: str) -> str:
    return value.removeprefix(PLACEHOLDER).lstrip()


# ----------------------------------------------------------------------------------------------
# A named person's email address
#
# The part before the @ is split into words at '.', '_' and '-'. An address is a team mailbox when one
# of its words names a team, a service or a function (TEAM_WORDS). Otherwise it is taken for a person's
# when it has the shape councils give their staff: two or three words (first.last, first_last,
# f.lastname, first.m.last), or one word that is a common given name or starts with one followed by a
# surname (priyasharma). A false alarm costs a pull request one question to the maintainers, who add the
# word here; a miss keeps a person's address in a public history for ever, so the shape rule is broad and
# the list of team words is what keeps it quiet.

TEAM_WORDS = frozenset("""
    team service support help helpdesk servicedesk desk enquiries enquiry info information contact contactus
    hello general admin office unit hub centre department dept group mailbox noreply reply
    digital web website online ict it tech technology data system cyber security record access design
    customer resident council borough city county district parish town chief executive leader mayor
    planning policy building control land charge licensing housing home highway road street transport
    travel parking waste recycling bin environment environmental health safety standard climate energy
    finance revenue benefit tax rates payment payroll procurement contract audit legal insurance
    hr people recruitment job career learning training election electoral democratic democracy member
    committee registrar registration communications comms press media marketing event tourism economy
    economic business regeneration education school admissions children family families adult social care
    public leisure sport park culture arts library libraries museum archive heritage market complaint
    feedback foi privacy governance performance strategy research project programme change transformation
    grant funding emergency community communities partnership localgov opensource developer
""".split())

# Common given names in the UK, for an address written as one word. Only names of four or more letters
# that do not also begin ordinary words or council names ('mark' begins marketing, 'ben' benefits,
# 'steve' Stevenage, 'peter' Peterborough, 'carl' Carlisle, 'craig' Craigavon, 'angus' is a council).
GIVEN_NAMES = frozenset("""
    sarah emma claire helen laura rachel rebecca karen susan julie nicola lisa louise amanda joanne emily
    sophie charlotte hannah jessica lucy olivia amelia chloe megan katie jennifer elizabeth catherine
    katherine victoria samantha natalie stephanie alison angela deborah michelle jacqueline gillian fiona
    janet linda margaret patricia caroline diane jane mary priya aisha fatima ayesha zara nadia amina
    anita sunita gemma kerry kelly donna tracy tracey freya ellie niamh siobhan aoife
    john david james michael paul andrew richard robert stephen christopher simon matthew daniel
    thomas anthony jonathan gary kevin martin alan colin graham keith brian neil stuart stewart philip
    nicholas george william harry oliver charlie joseph samuel benjamin alexander alex jamie ryan adam
    liam connor callum mohammed muhammad mohammad ahmed hassan hussain omar imran tariq rajesh sanjay
    amit ravi arjun deepak sunil anil suresh gareth rhys dafydd owain iain fraser hamish euan sean ciaran
    declan conor patrick
""".split())
_SURNAME_AT_LEAST = 3  # letters after the given name: 'janedoe', not 'johnny'
_WORDS = re.compile(r"[._-]+")


def looks_personal(address: str) -> bool:
    """Whether an email address looks like a named person's rather than a team mailbox."""
    local = address.rsplit("@", 1)[0].split("+", 1)[0].lower()
    words = [word.rstrip("0123456789") for word in _WORDS.split(local)]  # john.smith2
    words = [word for word in words if word]
    if not words or not all(word.isalpha() for word in words) or any(_names_a_team(word) for word in words):
        return False
    if len(words) > 1:
        return len(words) <= 3
    [word] = words
    return word in GIVEN_NAMES or any(word.startswith(name) and len(word) - len(name) >= _SURNAME_AT_LEAST
                                      for name in GIVEN_NAMES)


def _names_a_team(word: str) -> bool:
    # Plurals count ('services'); so does a longer team word run into another ('digitalservices'), but not
    # a short one, as short ones hide in surnames ('it' in 'smith', 'press' in 'pressley').
    return word in TEAM_WORDS or word.removesuffix("s") in TEAM_WORDS or \
        any(team in word for team in TEAM_WORDS if len(team) >= 6)
