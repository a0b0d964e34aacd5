# ruff: noqa: E501 (the reference loop keeps the template's own long lines)
"""The menu bar is drawn in Python and kept per process: the markup must be the one the
base template's loop drew, for every persona's menu and in both languages."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from mingzhu.core import menu as menus
from mingzhu.core.context_processors import platform
from mingzhu.org.models import User
from mingzhu.org.personas import PERSONAS

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

# base.html's loop before the menu bar was drawn in Python, kept here as the reference.
TEMPLATE_LOOP = """<ul id="menu">
        {% for group in menu %}
        <li class="nav-item dropdown">
          <a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false">
            <i class="bi bi-{{ group.icon }}"></i> {{ group.label }}</a>
          <ul class="dropdown-menu">
            {% for item in group.items %}
            <li><a class="dropdown-item" href="{{ item.url }}"><i class="bi bi-{{ item.icon }}"></i> {{ item.label }}</a></li>
            {% endfor %}
          </ul>
        </li>
        {% endfor %}
      </ul>"""
DRAWN = """<ul id="menu">
        {{ menu_html }}
      </ul>"""


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_drawn_menu_is_the_templates_markup(language):
    engine = engines["django"]
    usernames = [p.username for p in PERSONAS]
    assert len(usernames) > 5
    seen = set()
    with translation.override(language):
        for user in User.objects.filter(username__in=usernames):
            request = RequestFactory().get("/")
            request.user = user
            context = platform(request)
            expected = engine.from_string(TEMPLATE_LOOP).render(context)
            drawn = engine.from_string(DRAWN).render(context)
            assert drawn == expected, user.username
            seen.add(drawn)
    assert len(seen) > 3  # the personas' menus differ, and each got its own


@pytest.mark.django_db
def test_a_label_is_escaped_and_the_language_keys_the_kept_markup(monkeypatch):
    group = menus.MenuGroup("x", "甲 & <乙>", 'a"b', 1, [menus.MenuItem("<i>", "home", "c<")])
    with translation.override("en"):
        html = menus.menu_html([group])
        assert "甲 &amp; &lt;乙&gt;" in html and 'bi-a&quot;b"' in html and "bi-c&lt;" in html
        assert "&lt;i&gt;</a>" in html
    # Another language is another entry, drawn again.
    monkeypatch.setattr(menus, "_draw", lambda menu: "drawn again")
    with translation.override("zh-hans"):
        assert menus.menu_html([group]) == "drawn again"
    with translation.override("en"):
        assert menus.menu_html([group]) == html


@pytest.mark.django_db
def test_the_menu_follows_has_perm(leader, outsider, administrator):
    """menu_for reads the permissions once; the items are those has_perm allows."""
    for user in (leader, outsider, administrator):
        user = User.objects.get(pk=user.pk)
        shown = {i.url_name for g in menus.menu_for(user) for i in g.items}
        has_role = bool(user.get_all_permissions())
        allowed = {
            i.url_name
            for g in menus._groups.values()
            for i in g.items
            if (has_role if i.permission is None else user.has_perm(i.permission))
        }
        assert shown == allowed, user.username
