"""Every page speaks Chinese: the crawl visits the pages each persona reaches (from the
home page and their menu, following links; one address per page pattern) and the error
pages, and fails on an English message of the project's catalogues shown on a zh-hans
page, on a choice value shown as its code (``non_standard`` for 非标融资…), and on a
number printed as a machine prints it (608.0000, 3323300.0)."""

from django.test import Client

from mingzhu.core.menu import menu_for
from mingzhu.core.testing import (
    catalogue_messages,
    choice_values,
    crawl,
    page_texts,
    untranslated,
)
from mingzhu.enterprises.models import MuScheme
from mingzhu.org.choices import RoleCode
from mingzhu.org.models import Role, User
from mingzhu.org.personas import PERSONAS

# The leader first: they reach most pages; each next persona adds the pages only they see.
ORDER = ["leader", "supervisor", "admin"] + [
    p.username for p in PERSONAS if p.username not in ("leader", "supervisor", "admin")
]


def test_the_checks_find_english_raw_codes_and_raw_numbers():
    texts, links = page_texts(
        '<h1 title="Task status">任务</h1><a href="/x/">Annual rate (%)</a>'
        "<td>non_standard</td><td>name,phone / view</td><td>3323300.0</td><td>608.0000</td>"
        "<td>3,323,300</td><td>50.0%</td><td>非标融资</td><script>var a = 'Task status';</script>"
    )
    assert links == ["/x/"]
    wrong = untranslated(
        texts,
        {"Task status", "Annual rate (%)"},
        {"non_standard": "非标融资", "view": "查看"},
    )
    assert wrong == [
        "message 'Task status'",
        "message 'Annual rate (%)'",
        "raw code 'non_standard'",
        "raw code 'name,phone / view'",
        "number '3323300.0' in '3323300.0'",
        "number '608.0000' in '608.0000'",
    ]


def test_every_page_of_the_crawl_speaks_chinese(db):
    messages = catalogue_messages()
    # Role codes name roles (Role.code is a free code, like a unit's), not a field's
    # choices; so do the codes of 亩均 schemes (city, jiangsu …); user names are typed by
    # people.
    values = choice_values(leave_out=(RoleCode,))
    exempt = (
        frozenset(User.objects.values_list("username", flat=True))
        | frozenset(Role.objects.values_list("code", flat=True))
        | frozenset(MuScheme.objects.values_list("code", flat=True))
    )
    assert "Task status" in messages and values["non_standard"].startswith("非标融资")
    seen: set[str] = set()
    found: list[str] = []
    visited = 0
    for username in [None, *ORDER]:
        client = Client()
        if username is None:  # a visitor not signed in: the login page, an unknown page
            start = ["/accounts/login/", "/no/such/page/"]
        else:
            user = User.objects.get(username=username)
            client.force_login(user, backend="mingzhu.org.backends.RoleBackend")
            start = ["/", "/none/such/page/", *[i.url for g in menu_for(user) for i in g.items]]
        for path, response in crawl(client, start, seen, limit=1000):
            visited += 1
            assert response.status_code < 500, path
            texts, _ = page_texts(response.content.decode())
            found += [
                f"{username} {path}: {w}" for w in untranslated(texts, messages, values, exempt)
            ]
    # The crawl did reach the pages (lists, details, forms of every module).
    assert visited > 150
    assert sorted(set(found)) == []
