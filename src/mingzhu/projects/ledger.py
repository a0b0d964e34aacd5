"""The database side of the project ledger, shared by its pages and the cockpit: the
year-to-date investment of each project, its light, and the stage funnel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from . import services
from .choices import STAGE_ORDER, Stage, Tier
from .models import InvestmentPlan, MonthlyInvestment

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))


def with_progress(queryset, as_of: dt.date):
    """Annotate the year-to-date plan and completed investment (two subqueries)."""
    plan = InvestmentPlan.objects.filter(project=OuterRef("pk"), year=as_of.year).values("planned")
    done = (
        MonthlyInvestment.objects.filter(
            project=OuterRef("pk"), year=as_of.year, month__lte=as_of.month
        )
        .order_by()
        .values("project")
        .annotate(total=Sum("completed"))
        .values("total")
    )
    return queryset.annotate(
        annual_plan=Coalesce(Subquery(plan), ZERO), ytd_done=Coalesce(Subquery(done), ZERO)
    )


def with_latest_report(queryset, as_of: dt.date):
    """Annotate what the latest month of ``as_of``'s year (up to its month) says beside
    its figure: ``latest_month``, ``latest_progress`` (形象进度) and ``latest_remark``."""
    latest = MonthlyInvestment.objects.filter(
        project=OuterRef("pk"), year=as_of.year, month__lte=as_of.month
    ).order_by("-month")
    return queryset.annotate(
        latest_month=Subquery(latest.values("month")[:1]),
        latest_progress=Subquery(latest.values("progress")[:1]),
        latest_remark=Subquery(latest.values("remark")[:1]),
    )


def light_of(project, as_of: dt.date) -> str | None:
    return services.light(project.ytd_done, services.ytd_plan(project.annual_plan, as_of.month))


def funnel_rows(projects, stage: str = "stage") -> dict:
    """Counts and investment (亿元) by stage and by tier, from one query of each project's
    investment and stage. ``stage`` names the field (or annotation, e.g. the stage on a
    past day) to group by."""
    amounts = list(projects.order_by().values_list("total_investment", stage))
    counts: dict[str, int] = {}
    totals: dict[str, Decimal] = {}
    for amount, at in amounts:
        counts[at] = counts.get(at, 0) + 1
        if amount is not None:
            totals[at] = totals.get(at, Decimal(0)) + amount
    stages = [
        {
            "stage": s,
            "label": Stage(s).label,
            "count": counts.get(s, 0),
            "total_yi": services.yuan_yi(totals.get(s, Decimal(0))),
        }
        for s in (*STAGE_ORDER, Stage.SUSPENDED)
    ]
    # The funnel counts every project that reached a stage (those beyond it included).
    reached = []
    for i, s in enumerate(STAGE_ORDER):
        reached.append(
            {
                "label": str(Stage(s).label),
                "value": sum(x["count"] for x in stages[i : len(STAGE_ORDER)]),
            }
        )
    tiers = []
    for tier in Tier:
        in_tier = [(a, s) for a, s in amounts if services.tier_of(a) == tier]
        tiers.append(
            {
                "tier": tier.value,
                "label": tier.label,
                "count": len(in_tier),
                "by_stage": [
                    sum(1 for _a, st in in_tier if st == s) for s in (*STAGE_ORDER, Stage.SUSPENDED)
                ],
            }
        )
    return {"stages": stages, "reached": reached, "tiers": tiers}
