"""The menu, built in code: each app registers its groups; each user sees the items their
permissions allow."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


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
    # A user without a role (an account not yet set up) sees no menu at all.
    has_role = bool(user.get_all_permissions())
    for group in sorted(_groups.values(), key=lambda g: g.order):
        items = [
            i
            for i in group.items
            if (has_role if i.permission is None else user.has_perm(i.permission))
        ]
        if items:
            visible.append(MenuGroup(group.key, group.label, group.icon, group.order, items))
    return visible
