from tests.conftest import ContentTree


def test_the_fixture_tree_is_valid(content: ContentTree):
    checked = content.check()
    assert checked.problems == []
    assert sorted(checked.directory.councils) == ["cumberland"]
