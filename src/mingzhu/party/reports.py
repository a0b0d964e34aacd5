"""Builds the input of the pure computations (services) from the database, a fixed
number of queries each, for the overview pages."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, OuterRef

from mingzhu.core.scope import restrict
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit

from .models import Household, HouseholdLink, PartyMember
from .services import Place, by_hours, coverage, member_load, training_summary


def places_for(user) -> dict[int, Place]:
    """The villages and communities in the user's scope, each with its town; a natural
    village counts under its village (see ``place_of``)."""
    units = restrict(
        OrgUnit.objects.filter(kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY)), user, "view"
    ).select_related("parent")
    return {
        u.pk: Place(u.pk, u.name, u.parent_id, u.parent.name if u.parent_id else "") for u in units
    }


def _village_of(unit_ids) -> dict[int, int]:
    """Natural villages → their village (others map to themselves)."""
    natural = OrgUnit.objects.filter(pk__in=unit_ids, kind=UnitKind.NATURAL_VILLAGE)
    mapping = dict(natural.values_list("pk", "parent_id"))
    return {u: mapping.get(u, u) for u in unit_ids}


def party_figures(user) -> dict:
    """Coverage and load per member for the user's scope (a fixed number of queries)."""
    places = places_for(user)
    current = HouseholdLink.objects.filter(household=OuterRef("pk"), ended_on__isnull=True)
    # Counted in the database: one row per village and linked-or-not.
    households = list(
        restrict(Household.objects.all(), user, "view")
        .annotate(linked=Exists(current))
        .order_by()
        .values("village_id", "linked")
        .annotate(n=Count("pk"))
        .values_list("village_id", "linked", "n")
    )
    members = list(
        restrict(PartyMember.objects.filter(is_active=True), user, "view").values_list(
            "pk", "village_id"
        )
    )
    links = list(
        restrict(HouseholdLink.objects.filter(ended_on__isnull=True), user, "view").values_list(
            "member_id", flat=True
        )
    )
    village_of = _village_of({v for v, _l, _n in households} | {v for _m, v in members})
    cover = coverage(((village_of[v], linked, n) for v, linked, n in households), places)
    load = member_load(((m, village_of[v]) for m, v in members), links, places)
    illustrative = restrict(Household.objects.filter(is_illustrative=True), user, "view")
    return {"coverage": cover, "load": load, "illustrative": illustrative.exists()}


BRANCH_FIELDS = (
    "name",
    "town",
    "party_branch_name",
    "party_branch_secretary",
    "party_branch_members",
)


def project_branches(user) -> list | None:
    """The projects in the user's scope that have a temporary party branch; None when
    the projects module does not (yet) keep them."""
    try:
        from mingzhu.projects.models import Project
    except ImportError:
        return None
    try:
        for name in BRANCH_FIELDS:
            Project._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return list(
        restrict(Project.objects.all(), user, "view")
        .exclude(party_branch_name="")
        .select_related("town")
        .order_by("town__sort_order", "name")
    )


def training_report(attendance, year: int) -> dict:
    """The year's training summary of the attendance records given (the user's) and its
    people as (member, figures), most hours first."""
    rows = attendance.filter(session__held_on__year=year)
    summary = training_summary(
        rows.values_list("member_id", "session__held_on__year", "hours"), year
    )
    members = {
        m.pk: m
        for m in PartyMember.objects.filter(pk__in=summary["people"]).select_related(
            "organisation", "village"
        )
    }
    return {"summary": summary, "people": by_hours(summary["people"], members)}
