"""Pages offer only links that lead somewhere the user may go: no "add" button for records
that actions make elsewhere (no add page), no breadcrumb to a list the user may not read,
and every address a list page links to is one of the site's."""

import re

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from mingzhu.core.views import ObjectListView
from mingzhu.org.models import User

HREF = re.compile(r'href="(/[^"#?]*)')


def list_pages() -> list[tuple[str, type]]:
    """(url name, view class) of every list page that takes no id."""

    def walk(resolver, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and namespace and entry.name:
                view = getattr(entry.callback, "view_class", None)
                listing = view is not None and issubclass(view, ObjectListView)
                if listing and not entry.pattern.converters:
                    yield f"{namespace}:{entry.name}", view

    return list(walk(get_resolver(), None))


def links(response) -> set[str]:
    return set(HREF.findall(response.content.decode()))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/party/links/", "/party/visits/", "/projects/factor-requests/"])
def test_no_add_button_where_records_are_made_by_actions(as_user, sanmao, path):
    # The town holds the add permission (it links households and logs visits through
    # their pages' actions, raises factor requests from a project), but these lists
    # have no add page.
    response = as_user(sanmao).get(path)
    assert response.status_code == 200
    assert f"{path}add/" not in links(response)
    assert as_user(sanmao).get(f"{path}add/").status_code == 404


@pytest.mark.django_db
def test_the_add_button_stays_where_there_is_an_add_page(as_user, zzb):
    response = as_user(zzb).get("/party/members/")
    assert "/party/members/add/" in links(response)
    assert as_user(zzb).get("/party/members/add/").status_code == 200


@pytest.mark.django_db
def test_own_account_page_links_no_list_the_user_may_not_read(as_user, grid_worker, administrator):
    own = as_user(grid_worker).get(f"/org/users/{grid_worker.pk}/")
    assert own.status_code == 200
    assert "/org/users/" not in links(own)
    assert as_user(grid_worker).get("/org/users/").status_code == 403
    # The administrator, who reads the list, has the breadcrumb as a link.
    other = as_user(administrator).get(f"/org/users/{grid_worker.pk}/")
    assert "/org/users/" in links(other)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["sanmao", "wangge"])
def test_every_link_of_every_list_page_is_an_address_of_the_site(as_user, username):
    user = User.objects.get(username=username)
    client = as_user(user)
    visited = 0
    for name, _view in list_pages():
        response = client.get(reverse(name))
        if response.status_code != 200:
            continue
        visited += 1
        for href in links(response):
            if href.startswith("/static/"):
                continue
            try:
                resolve(href)
            except Resolver404:
                pytest.fail(f"{reverse(name)} links to {href}, which is no page")
    assert visited > 5
