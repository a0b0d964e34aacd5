"""The button that opens a list's filters on a phone says in words how many are in use,
not with a dot."""

import re

import pytest

TOGGLE = re.compile(r'data-bs-target="#filters"[^>]*>(.*?)</button>', re.S)


def toggle_text(client, query: str) -> str:
    content = client.get(f"/grid/events/{query}").content.decode()
    (button,) = TOGGLE.findall(content)
    return " ".join(re.sub(r"<[^>]+>", " ", button).split())


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("", "筛选"),
        ("?page=1", "筛选"),  # a page of the unfiltered list
        ("?status=filed", "筛选（已用 1 项）"),
        ("?status=filed&q=%E9%81%93&page=1", "筛选（已用 2 项）"),
        ("?reported_at_after=2026-01-01", "筛选（已用 1 项）"),  # one end of a range
        ("?status=&q=", "筛选"),  # the form sent empty
    ],
)
def test_the_filter_toggle_says_how_many_filters_are_in_use(as_user, supervisor, query, said):
    assert toggle_text(as_user(supervisor), query) == said


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("", "筛选"),  # the ledger opens on the open tasks: a view, not a filter
        ("?show=all", "筛选"),
        ("?show=all&status=closed", "筛选（已用 1 项）"),
    ],
)
def test_the_ledgers_view_switch_is_no_filter_in_use(as_user, supervisor, query, said):
    content = as_user(supervisor).get(f"/tasks/{query}").content.decode()
    (button,) = TOGGLE.findall(content)
    assert " ".join(re.sub(r"<[^>]+>", " ", button).split()) == said


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/party/links/", "current"),  # a declared yes/no filter
        ("/projects/factor-requests/", "dispatched"),  # on a FilterSet of django-filter's own
    ],
)
def test_a_yes_or_no_filter_left_alone_reads_all(as_user, leader, path, name):
    content = as_user(leader).get(path).content.decode()
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', content, re.S).group(1)
    options = [" ".join(re.sub(r"<[^>]+>", " ", o).split()) for o in select.split("</option>")]
    assert [o for o in options if o] == ["全部", "是", "否"]
    # Chosen, the filter keeps its answer.
    content = as_user(leader).get(f"{path}?{name}=true").content.decode()
    assert re.search(
        rf'<select[^>]*name="{name}"[^>]*>.*?<option value="true" selected>', content, re.S
    )
