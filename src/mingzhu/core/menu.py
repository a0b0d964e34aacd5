"""The menu, built in code: each app registers its groups; each user sees the items their
permissions allow. The menu bar of every page (``menu_html``) is drawn once per server
process for each set of visible items, language and address prefix."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


@lru_cache(maxsize=1024)
def _url(url_name: str, prefix: str, urlconf: str) -> str:
    """A menu item's address, worked out once per server process (the menu is on every
    page) for the script prefix and URL configuration it is asked under."""
    return reverse(url_name, urlconf=urlconf)


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    icon: str = "circle"
    permission: str | None = None  # None: every signed-in user who holds any role

    @property
    def url(self) -> str:
        return _url(self.url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@dataclass
class MenuGroup:
    key: str
    label: str
    icon: str
    order: int
    items: list[MenuItem] = field(default_factory=list)


_groups: dict[str, MenuGroup] = {}


class Menu:
    """One module's items in one menu group, declared a line an item.

    ``menu = Menu("rural", _("Rural revitalisation"), "tree", 500)`` registers the group
    (a module that names a key already registered adds to that group); ``menu.page`` and
    ``menu.listing`` then add its items in order. URL names and permissions are the
    module's own (``app``, by default the group's key) unless they name another
    (``"core:changelog"``, ``"tasks.change_task"``).
    """

    def __init__(self, key: str, label, icon: str, order: int, *, app: str | None = None):
        self.app = app or key
        self.group = _groups.setdefault(key, MenuGroup(key, label, icon, order))

    def page(self, label, url_name: str, icon: str, permission: str | None = None) -> None:
        """A page shown to those who hold ``permission`` (None: every signed-in user who
        holds any role)."""
        if ":" not in url_name:
            url_name = f"{self.app}:{url_name}"
        if permission is not None and "." not in permission:
            permission = f"{self.app}.{permission}"
        self.group.items.append(MenuItem(label, url_name, icon, permission))

    def listing(self, label, model: str, icon: str, *, needs: str = "view") -> None:
        """The list page of one of the module's models (``<app>:<model>_list``), shown to
        those who hold ``<needs>_<model>``: by default those who may view the model;
        ``needs="change"`` for reference data its keepers manage (the others read it
        where it is used)."""
        self.page(label, f"{model}_list", icon, f"{needs}_{model}")


def menu_for(user) -> list[MenuGroup]:
    if not user.is_authenticated:
        return []
    visible = []
    # The permissions once, then a membership test per item: what ``user.has_perm`` answers
    # for an active user who is not a superuser (the backends grant nothing else), without
    # going through every backend for each item.
    perms = user.get_all_permissions()
    # A user without a role (an account not yet set up) sees no menu at all.
    has_role = bool(perms)
    everything = user.is_active and user.is_superuser
    for group in sorted(_groups.values(), key=lambda g: g.order):
        items = [
            i
            for i in group.items
            if (has_role if i.permission is None else everything or i.permission in perms)
        ]
        if items:
            visible.append(MenuGroup(group.key, group.label, group.icon, group.order, items))
    return visible


# The menu bar's markup by (visible items, language, prefix, URL configuration): a few
# dozen distinct sets of permissions on a server, so the dictionary stays small; it is
# emptied should it ever grow past the limit.
_drawn: dict[tuple, SafeString] = {}
_DRAWN_LIMIT = 512


def _draw(menu: list[MenuGroup]) -> str:
    """The menu bar's items, with the markup and white space that ``base.html``'s loop over
    the groups and their items drew (a test holds the two equal)."""
    e = conditional_escape
    parts = []
    for group in menu:
        parts.append(
            '\n        <li class="nav-item dropdown">\n          <a class="nav-link '
            'dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" '
            f'aria-expanded="false">\n            <i class="bi bi-{e(group.icon)}"></i> '
            f'{e(group.label)}</a>\n          <ul class="dropdown-menu">\n            '
        )
        for item in group.items:
            parts.append(
                f'\n            <li><a class="dropdown-item" href="{e(item.url)}"><i class="bi '
                f'bi-{e(item.icon)}"></i> {e(item.label)}</a></li>\n            '
            )
        parts.append("\n          </ul>\n        </li>\n        ")
    return "".join(parts)


def menu_html(menu: list[MenuGroup]) -> SafeString:
    """The menu bar's items for ``menu`` (``menu_for``'s groups), drawn once per process for
    the same items, language and address prefix."""
    key = (
        tuple((g.key, tuple(i.url_name for i in g.items)) for g in menu),
        translation.get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    html = _drawn.get(key)
    if html is None:
        if len(_drawn) >= _DRAWN_LIMIT:
            _drawn.clear()
        html = _drawn[key] = mark_safe(_draw(menu))  # noqa: S308 (escaped above)
    return html
