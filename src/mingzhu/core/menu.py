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


def listing(label, model: str, icon: str = "circle") -> MenuItem:
    """The item of a model's list page: ``model`` is "app.modelname"; the page is
    ``app:modelname_list`` and the item shows to those who may view the model."""
    app, name = model.split(".")
    return MenuItem(label, f"{app}:{name}_list", icon, f"{app}.view_{name}")


_groups: dict[str, MenuGroup] = {}


def register(key: str, label, icon: str, order: int, items: list[MenuItem]) -> None:
    group = _groups.setdefault(key, MenuGroup(key, label, icon, order))
    group.items.extend(items)


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
