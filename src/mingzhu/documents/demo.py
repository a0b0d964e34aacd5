"""Demo: the two seed essays stored, decomposed and adopted, and the default keyword
table. The first essay is adopted into the task list the task engine's demo typed for it
(its tasks are linked to their items, its four targets to the targets module's); the
second gets a task list of its own, with illustrative lead units where no keyword
suggested one. Idempotent: documents are matched by title, rules by keyword.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from mingzhu.demo.kit import run
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.choices import ListKind
from mingzhu.tasks.demo import LIST_NAME
from mingzhu.tasks.models import TaskList

from . import actions, seeds, services
from .decompose import DEFAULT_RULES
from .models import LeadRule, PolicyDocument

# Lead units for the second essay's items that no keyword suggests (illustrative).
SEED_2_LEADS = {
    "1.1": "YZ-DEPT-ZZB",
    "1.2": "YZ-DEPT-FGW",
    "1.3": "YZ-DEPT-MZJ",
    "3.3": "YZ-DEPT-SWZX",
    "4.1": "YZ-DEPT-ZZB",
    "4.2": "YZ-DEPT-ZZB",
}
SEED_2_LIST = "依靠人民群众 共创共享“江中明珠”更大荣光 任务分解表（示例）"


def load_rules() -> int:
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith="YZ-DEPT-")}
    known = set(LeadRule.objects.values_list("keyword", flat=True))
    new = [
        LeadRule(
            keyword=r.keyword,
            unit=units.get(r.unit_code),
            unit_name=r.unit_name,
            priority=n * 10,
        )
        for n, r in enumerate(DEFAULT_RULES, start=1)
        if r.keyword not in known
    ]
    LeadRule.objects.bulk_create(new)
    return len(new)


def load(audit: bool = False, as_of: dt.date | None = None) -> dict[str, int]:
    return run(_load, audit, as_of)


@transaction.atomic
def _load(today: dt.date) -> dict[str, int]:
    rules = load_rules()
    office = User.objects.filter(username="supervisor").first()
    if office is None:
        return {"rules": rules, "documents": 0}
    issuer = OrgUnit.objects.get(code="YZ-DEPT-DB")
    loaded = 0
    first = PolicyDocument.objects.filter(source=seeds.SOURCE_1).first()
    if first is None:
        first = actions.load_document(
            actor=office, text=seeds.SEED_1, issuer=issuer, source=seeds.SOURCE_1, as_of=today
        )
        loaded += 1
    if not first.is_adopted:
        into = TaskList.objects.filter(name=LIST_NAME).first()
        actions.adopt(first.pk, actor=office, into=into, as_of=today)
    second = PolicyDocument.objects.filter(source=seeds.SOURCE_2).first()
    if second is None:
        second = actions.load_document(
            actor=office,
            text=seeds.SEED_2,
            issuer=issuer,
            source=seeds.SOURCE_2,
            is_illustrative=True,
            as_of=today,
        )
        loaded += 1
    if not second.is_adopted:
        units = {u.code: u for u in OrgUnit.objects.filter(code__in=SEED_2_LEADS.values())}
        # The office names the lead units the text leaves open and, the essay being of an
        # earlier year, gives its items this year's end as their deadline.
        this_year = services.year_end(today.year)
        rows = [
            {
                "id": i.pk,
                **(
                    {"lead_unit": units[SEED_2_LEADS[i.code]]}
                    if i.lead_unit_id is None and i.code in SEED_2_LEADS
                    else {}
                ),
                **({"deadline": this_year} if (i.deadline or this_year) < today else {}),
            }
            for i in second.items.all()
        ]
        actions.save_draft(second.pk, actor=office, items=rows)
        actions.adopt(
            second.pk, actor=office, name=SEED_2_LIST, kind=ListKind.WORK_POINTS, as_of=today
        )
    return {"rules": rules, "documents": loaded}
