"""Small factories: the few rows of its own a test needs that the demo would otherwise
provide, made through the apps' models, on either database level (tests/conftest.py).

Each is found or made by its natural key: on the demo level the demo's row is returned
as it stands, so a test sees the same row it saw before it could run on the tree; on the
tree level the row is made with what the test needs. Fixtures that make fresh rows of
their own live in the apps' conftests (``make_task``, ``make_event``, ``make_request``,
``make_enterprise``, ``make_project`` …) and use these where they need a demo row."""

from __future__ import annotations

import itertools

from django.contrib.auth.models import Permission

from mingzhu.enterprises import credit
from mingzhu.enterprises.models import Enterprise
from mingzhu.livelihood.models import MutualAidFund, RequestCategory
from mingzhu.org.models import OrgUnit, Role, User

_numbers = itertools.count(1)


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def request_category(
    name: str = "道路破损", parent: str = "道路交通", unit_code: str = "YZ-DEPT-ZJJ"
) -> RequestCategory:
    """A citizen-request category below a top-level one, usually handled by the unit
    (the demo's 道路交通/道路破损 by default: 住建局)."""
    top, _ = RequestCategory.objects.get_or_create(name=parent, parent=None)
    category, _ = RequestCategory.objects.get_or_create(
        name=name, parent=top, defaults={"default_unit": unit(unit_code)}
    )
    return category


def mutual_aid_fund(village_code: str) -> MutualAidFund:
    """The village's mutual-aid fund (幸福家园互助基金), one per village."""
    village = unit(village_code)
    fund, _ = MutualAidFund.objects.get_or_create(
        village=village, defaults={"name": f"{village.name}幸福家园互助基金"}
    )
    return fund


def account_enterprise(account_code: str = "YZ-CO-0001") -> Enterprise:
    """The enterprise whose account unit (a company of the org tree) is the code: the
    enterprise persona qiye's own (YZ-CO-0001, 新坝镇) by default."""
    account = unit(account_code)
    enterprise = Enterprise.objects.filter(account_unit=account).first()
    if enterprise is None:
        enterprise = Enterprise.objects.create(
            credit_code=credit.complete(f"91321182AC{account.pk:07d}"),
            name=account.name,
            town=account.parent,
            account_unit=account,
            industry="C38",
            scale="above",
            land_mu=20,
        )
    return enterprise


def scoped_user(unit_code: str, *grants: tuple[str, tuple[str, ...]]):
    """A fresh user of the unit holding one role per grant: (data scope, permissions as
    "app.codename"), so that a test can give a permission with a narrower (or wider)
    scope than any persona has."""
    user = User.objects.create(username=f"scoped{next(_numbers)}", unit=unit(unit_code))
    roles = []
    for data_scope, perms in grants:
        role = Role.objects.create(
            code=f"scoped-{next(_numbers)}", name="测试角色", data_scope=data_scope
        )
        for perm in perms:
            app_label, codename = perm.split(".")
            role.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        roles.append(role)
    user.roles.set(roles)
    return User.objects.get(pk=user.pk)  # fresh: no permissions or scope kept
