"""Hostile and malformed YAML: each reported with its file, line and column, never a traceback."""
from __future__ import annotations

import time

import pytest

from directory.content.load import MAX_FILE_BYTES
from tests.conftest import ContentTree

PROFILE = "councils/test.yaml"
SHOWN = "content/councils/test.yaml"


def errors_for(content: ContentTree, text: str | bytes, schema_line: bool = True) -> list[str]:
    content.write(PROFILE, text, schema_line=schema_line)
    return [p for p in content.problems() if p.startswith(SHOWN)]


def test_duplicate_key_is_an_error_naming_both_lines(content):
    assert errors_for(content, "name: A Council\nname: B Council\n") == [
        f"{SHOWN}:3:1: error: 'name' appears twice in the same mapping (first on line 2). "
        "Keep one of them: YAML would silently use only the last."
    ]


def test_duplicate_key_in_a_nested_mapping(content):
    text = ("name: A\ngss: E07000002\nkind: district\nnation: england\nregion: South East\n"
            "stack:\n  - capability: website\n    product: localgov-drupal\n    product: planx\n")
    assert errors_for(content, text) == [
        f"{SHOWN}:10:5: error: 'product' appears twice in the same mapping (first on line 9). "
        "Keep one of them: YAML would silently use only the last."
    ]


def test_anchor_is_rejected(content):
    assert errors_for(content, "name: &n A Council\n") == [
        f"{SHOWN}:2:7: error: anchors ('&n') are not allowed. Write each value out in full."
    ]


def test_alias_bomb_is_rejected_at_once_without_expanding(content):
    # The "billion laughs": nine levels of nine aliases each. Expanded, it is 9**9 strings.
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    problems = errors_for(content, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1
    assert problems == [f"{SHOWN}:2:4: error: anchors ('&a') are not allowed. Write each value out in full."]


def test_alias_without_anchor_is_rejected(content):
    assert errors_for(content, "name: *n\n") == [
        f"{SHOWN}:2:7: error: aliases ('*n') are not allowed. Write the value out in full where it is needed."
    ]


def test_python_tags_are_rejected(content):
    assert errors_for(content, "name: !!python/object/apply:os.system ['true']\n") == [
        f"{SHOWN}:2:7: error: YAML tags ('tag:yaml.org,2002:python/object/apply:os.system') are not allowed. "
        "Remove the tag: values are plain text, lists and mappings."
    ]


@pytest.mark.parametrize("field, written, kept", [
    ("name", "No", "No"),
    ("name", "on", "on"),
    ("summary", "1.10", "1.10"),
    ("summary", "0755", "0755"),
    ("name", "Yes", "Yes"),
    ("summary", "2001-01-01", "2001-01-01"),
])
def test_yaml_1_1_surprises_never_change_meaning(content, field, written, kept):
    defaults = {"name": "Test Council", "summary": "x"}
    defaults[field] = written
    content.council("test", **defaults)
    checked = content.check()
    assert checked.errors == []
    assert getattr(checked.directory.councils["test"], field) == kept


def test_a_key_called_on_stays_a_key(content):
    assert (
        f"{SHOWN}:2:1: error: 'on' is not a field here. Fields allowed here: name, gss, kind, nation, region, "
        "website, status, starts, ended, replaced_by, maintainers, contact, reviewed, summary, stack, challenges, "
        "projects, contracts.") in errors_for(content, "on: yes\n")


def test_booleans_are_only_true_or_false(content):
    content.write("products/thing.yaml", "name: Thing\nvendor: V\ncapabilities: [website]\nopen_source: yes\n"
                                         "website: https://thing.example\n")
    assert [p for p in content.problems() if "thing" in p] == [
        "content/products/thing.yaml:5:14: error: open_source is 'yes': it must be true or false."
    ]


def test_non_utf8_is_reported_where_the_bad_byte_is(content):
    assert errors_for(content, b"name: Caf\xe9 Council\n") == [
        f"{SHOWN}:1:10: error: the file is not UTF-8 text. Save it as UTF-8 (GitHub's web editor does this for you)."
    ]


def test_a_tab_in_indentation_is_reported(content):
    text = "name: A\nstack:\n\t- capability: website\n"
    assert errors_for(content, text) == [
        f"{SHOWN}:4:1: error: a tab is used for indentation. YAML indents with spaces only: replace the tab with spaces."
    ]


def test_syntax_error_has_line_and_column(content):
    # libyaml notices at 'kind:' on the next line; the ']' is missing where the list was opened.
    assert errors_for(content, "name: A\nstack: [website\nkind: unitary\n") == [
        f"{SHOWN}:3:8: error: the list starting with '[' here has no closing ']'. "
        "Add ']' at the end of the list, on the same line."
    ]


def test_unquoted_colon_in_text_is_a_syntax_error_not_a_surprise(content):
    assert errors_for(content, "name: A\nsummary: Note: this: that\n") == [
        f"{SHOWN}:3:14: error: the text of summary contains ': ', which YAML reads as the start of another field. "
        'Put the text in quotes: summary: "Note: this: that"'
    ]


def test_empty_file(content):
    assert errors_for(content, b"") == [
        f"{SHOWN}:1:1: error: the file is empty. Start from the example in CONTRIBUTING.md."
    ]


def test_only_comments(content):
    assert errors_for(content, "# nothing here\n") == [
        f"{SHOWN}:1:1: error: the file holds no data, only comments. Add the record's fields."
    ]


def test_top_level_list(content):
    assert errors_for(content, "- name: A\n") == [
        f"{SHOWN}:2:1: error: the file must be a mapping of 'field: value' lines at the top level. "
        "Start each top-level line with a field name, such as 'name: ...', not with '- '."
    ]


def test_top_level_scalar(content):
    assert errors_for(content, "just some text\n") == [
        f"{SHOWN}:2:1: error: the file must be a mapping of 'field: value' lines at the top level. "
        "Start each top-level line with a field name, such as 'name: ...', not with '- '."
    ]


def test_two_documents(content):
    assert errors_for(content, "name: A\n---\nname: B\n") == [
        f"{SHOWN}:3:1: error: the file holds more than one YAML document. "
        "Remove the second '---' line: one file is one record."
    ]


def test_oversized_file(content):
    text = "name: A\nsummary: " + "x" * MAX_FILE_BYTES + "\n"
    assert errors_for(content, text) == [
        f"{SHOWN}:1:1: error: the file is 256 KB; the limit is 256 KB. "
        "A profile is a few KB: check that nothing was pasted into it by mistake."
    ]


def test_control_character(content):
    assert errors_for(content, "name: A\x07B\n") == [
        f"{SHOWN}:2:8: error: the file contains a control character (U+0007). Delete it: content files are plain text."
    ]


def test_deep_nesting_is_bounded(content):
    text = "name: " + "[" * 50 + "]" * 50 + "\n"
    assert errors_for(content, text) == [f"{SHOWN}:2:26: error: the data is nested more than 20 levels deep."]


def test_a_list_as_a_key(content):
    assert errors_for(content, "? [a, b]\n: c\n") == [
        f"{SHOWN}:2:3: error: a field name must be a single word or phrase, not a list or mapping. "
        "Check the indentation of this line."
    ]


def test_missing_schema_line_is_a_warning_with_the_line_to_add(content):
    content.council("test")
    path = content.root / PROFILE
    path.write_text(path.read_text().split("\n", 1)[1])
    assert content.problems() == [
        f"{SHOWN}:1:1: warning: the first line should name the file's schema, so editors check it as you type. "
        "Make the first line: # yaml-language-server: $schema=../../schemas/council.schema.json"
    ]


def test_stray_files_and_folders_are_reported(content):
    (content.root / "councils" / "bath.yml").write_text("name: Bath\n")
    (content.root / "councils" / "notes.txt").write_text("hello\n")
    (content.root / "councils" / "old").mkdir()
    (content.root / "extra").mkdir()
    (content.root / "README.md").write_text("hi\n")
    (content.root / "councils" / "Bad_Name.yaml").write_text("name: Bad\n")
    assert content.problems() == [
        "content/README.md:1:1: error: unexpected file 'README.md'. The content folder holds only site.yaml, "
        "capabilities.yaml, topics.yaml and the folders councils/, products/, projects/, reorganisations/.",
        "content/councils/Bad_Name.yaml:1:1: error: the file name 'Bad_Name.yaml' is not a valid id. "
        "Use lower-case words joined by hyphens, for example 'bad-name.yaml'.",
        "content/councils/bath.yml:1:1: error: 'bath.yml' ends in .yml, so it is not read. Rename it to 'bath.yaml'.",
        "content/councils/notes.txt:1:1: error: unexpected file 'notes.txt': only .yaml files are read here. "
        "Move or remove it.",
        "content/councils/old:1:1: error: unexpected folder 'old'. This folder holds no sub-folders: move or remove it.",
        "content/extra:1:1: error: unexpected folder 'extra'. This folder holds councils/, products/, projects/, "
        "reorganisations/: move or remove it.",
    ]


def test_missing_required_file(content):
    (content.root / "topics.yaml").unlink()
    assert content.problems() == [
        "content/topics.yaml:1:1: error: topics.yaml is missing. "
        "Every content tree needs site.yaml, capabilities.yaml and topics.yaml."
    ]


@pytest.mark.parametrize("garbage", [
    b"\xff\xfe\x00n\x00a", b"{{{{", b"]]]", b"a: b: c", b"- - - -", b"!!binary AAAA", b"%YAML 9.9\n---\na: 1",
    b"a: 'unterminated", b'a: "bad \\q escape"', b"\x00\x00", b"? ? ?", b"&a [*a]", b"a: |\n b\n  c\nd",
    b"\xef\xbb\xbf", b"a:\n  - b\n c: d", b"[" * 10_000,
])
def test_garbage_never_ends_in_a_traceback(content, garbage):
    problems = errors_for(content, garbage, schema_line=False)
    assert problems and all(": error: " in p or ": warning: " in p for p in problems)
