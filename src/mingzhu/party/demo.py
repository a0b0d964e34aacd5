"""Demo party data: a party committee for each town and a branch for each of its villages
and communities, two party groups per branch with their leaders, members, households
linked to members (党员联户, 分区包片, 中心户结对) with visits (a few problems found became
tasks), party-group activities and the training records of the "1+X" 初心锤炼 system.

Everything here is made up and flagged illustrative (示例): names, addresses, dates,
figures. Dates are placed around the day of the load. Loaded with bulk inserts; a second
load changes nothing (the demo committees mark it as loaded).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from mingzhu.demo.kit import run
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit, User

from . import models
from .choices import ActivityKind, CourseTrack, LinkKind, MemberRole, OrganisationKind

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董"
    "萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = [
    "建国", "桂英", "秀兰", "志强", "海燕", "春华", "国平", "晓东", "红梅", "永生",
    "玉珍", "德明", "丽娟", "卫东", "金凤", "士林", "雪芳", "家宝", "小平", "振华",
    "雅琴", "长林", "文斌", "美玲", "宏伟", "爱华", "明辉", "素珍", "子涵", "立新",
]  # fmt: skip
MEMBERS_PER_VILLAGE = 8
HOUSEHOLDS_PER_VILLAGE = 30


def _unlinked(village: int, household: int) -> bool:
    """One to four households in ten of each village are not linked yet (coverage from
    60 % to 90 %, different from village to village)."""
    return (household * 3 + village) % 10 < 1 + village % 4


FINDINGS = [
    "独居老人身体尚好，家中用电安全。",
    "家庭生活正常，孩子在外务工，对村里工作满意。",
    "户主反映房前道路路灯不亮。",
    "宅前屋后卫生整洁，垃圾分类到位。",
    "户主询问医保缴费事宜，已当场解答。",
    "反映屋后沟渠淤塞，雨天积水。",
]
PROBLEMS = {2: "房前道路路灯损坏，需维修。", 5: "屋后沟渠淤塞，需组织清淤。"}
TASK_VISITS = 6  # problems turned into tasks (through the task engine's actions)
COURSES = [
    ("“对党绝对忠诚”专题教育", CourseTrack.COMMON, Decimal("4.0")),
    ("基层治理能力提升班", CourseTrack.SPECIALISED, Decimal("3.0")),
    ("乡村振兴实务专题", CourseTrack.SPECIALISED, Decimal("2.5")),
]
ACTIVITIES = [
    (ActivityKind.MEETING, "党小组月度例会"),
    (ActivityKind.STUDY, "学习党的二十大精神"),
    (ActivityKind.SERVICE, "走访慰问困难群众"),
    (ActivityKind.DELIBERATION, "党群议事：村道路灯改造"),
]


def _name(n: int) -> str:
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7 + n // len(SURNAMES)) % len(GIVEN)]


def load(audit: bool = False, as_of: dt.date | None = None) -> int:
    """Load the demo party data (idempotent); returns the members created."""
    return run(_load, audit, as_of)


@transaction.atomic
def _load(today: dt.date) -> int:
    if models.PartyOrganisation.objects.filter(is_illustrative=True).exists():
        return 0
    towns = list(
        OrgUnit.objects.filter(kind__in=TOWN_KINDS, parent__kind=UnitKind.CITY).order_by(
            "sort_order", "pk"
        )
    )
    villages = list(
        OrgUnit.objects.filter(
            parent__in=towns, kind__in=(UnitKind.VILLAGE, UnitKind.COMMUNITY)
        ).order_by("parent__sort_order", "sort_order", "pk")
    )
    if not villages:
        return 0
    committees = models.PartyOrganisation.objects.bulk_create(
        models.PartyOrganisation(
            name=f"中共{t.name}委员会（示例）",
            kind=OrganisationKind.COMMITTEE,
            unit=t,
            is_illustrative=True,
        )
        for t in towns
    )
    by_town = {c.unit_id: c for c in committees}
    branches = models.PartyOrganisation.objects.bulk_create(
        models.PartyOrganisation(
            name=f"中共{v.name}支部委员会（示例）",
            kind=OrganisationKind.BRANCH,
            unit=v,
            parent=by_town[v.parent_id],
            is_illustrative=True,
        )
        for v in villages
    )
    groups = models.PartyGroup.objects.bulk_create(
        models.PartyGroup(organisation=b, name=f"第{n}党小组", is_illustrative=True)
        for b in branches
        for n in (1, 2)
    )
    members = []
    n = 0
    for i, (village, branch) in enumerate(zip(villages, branches, strict=True)):
        for k in range(MEMBERS_PER_VILLAGE):
            n += 1
            role = (
                MemberRole.SECRETARY
                if k == 0
                else MemberRole.GROUP_LEADER
                if k in (1, 2)
                else MemberRole.MEMBER
            )
            members.append(
                models.PartyMember(
                    name=_name(n),
                    organisation=branch,
                    group=groups[2 * i + (k % 2)],
                    village=village,
                    role=role,
                    is_illustrative=True,
                )
            )
    members = models.PartyMember.objects.bulk_create(members)
    for i, _branch in enumerate(branches):
        base = i * MEMBERS_PER_VILLAGE
        groups[2 * i].leader = members[base + 2]  # members alternate between the groups
        groups[2 * i + 1].leader = members[base + 1]
    models.PartyGroup.objects.bulk_update(groups, ["leader"])

    households = []
    for i, village in enumerate(villages):
        for h in range(HOUSEHOLDS_PER_VILLAGE):
            households.append(
                models.Household(
                    village=village,
                    head_name=_name(1000 + i * HOUSEHOLDS_PER_VILLAGE + h),
                    address=f"{village.name}{h // 6 + 1}组{h % 6 + 1:02d}号",
                    is_illustrative=True,
                )
            )
    households = models.Household.objects.bulk_create(households)

    links = []
    kinds = [LinkKind.HOUSEHOLD, LinkKind.HOUSEHOLD, LinkKind.AREA, LinkKind.CENTRAL]
    for i, _village in enumerate(villages):
        own = members[i * MEMBERS_PER_VILLAGE : (i + 1) * MEMBERS_PER_VILLAGE]
        # The last member of each village has no household yet (load shows idle members).
        linking = own[:-1]
        for h in range(HOUSEHOLDS_PER_VILLAGE):
            if _unlinked(i, h):
                continue
            links.append(
                models.HouseholdLink(
                    household=households[i * HOUSEHOLDS_PER_VILLAGE + h],
                    member=linking[h % len(linking)],
                    kind=kinds[h % len(kinds)],
                    started_on=today - dt.timedelta(days=300 - h),
                    is_illustrative=True,
                )
            )
    links = models.HouseholdLink.objects.bulk_create(links)

    visits = []
    for j, link in enumerate(links):
        if j % 4 == 3:
            continue  # not every linked household has been visited yet
        finding = j % len(FINDINGS)
        visits.append(
            models.HouseholdVisit(
                household=link.household,
                member=link.member,
                visited_on=today - dt.timedelta(days=3 + j % 60),
                findings=FINDINGS[finding] + "（示例）",
                problem=PROBLEMS.get(finding, ""),
                is_illustrative=True,
            )
        )
    visits = models.HouseholdVisit.objects.bulk_create(visits)
    _raise_tasks(visits, villages)

    activities = models.PartyGroupActivity.objects.bulk_create(
        models.PartyGroupActivity(
            group=g,
            held_on=today - dt.timedelta(days=7 + 21 * a + gi % 5),
            kind=ACTIVITIES[(gi + a) % len(ACTIVITIES)][0],
            topic=ACTIVITIES[(gi + a) % len(ACTIVITIES)][1] + "（示例）",
            place="党群服务中心",
            is_illustrative=True,
        )
        for gi, g in enumerate(groups)
        for a in range(2)
    )
    through = models.PartyGroupActivity.attendees.through
    group_members: dict[int, list[models.PartyMember]] = {}
    for m in members:
        group_members.setdefault(m.group_id, []).append(m)
    through.objects.bulk_create(
        through(partygroupactivity_id=a.pk, partymember_id=m.pk)
        for a in activities
        for m in group_members[a.group_id][: 3 + a.pk % 2]
    )

    organiser = OrgUnit.objects.filter(code="YZ-DEPT-ZZB").first() or towns[0]
    courses = models.TrainingCourse.objects.bulk_create(
        models.TrainingCourse(
            name=f"{name}（示例）",
            year=today.year,
            track=track,
            organiser=organiser,
            description="“1+X”初心锤炼体系课程（示例）",
            is_illustrative=True,
        )
        for name, track, _hours in COURSES
    )
    start_of_year = dt.date(today.year, 1, 1)
    sessions = models.TrainingSession.objects.bulk_create(
        models.TrainingSession(
            course=c,
            held_on=max(start_of_year, today - dt.timedelta(days=20 + 40 * s + 9 * ci)),
            place="市委党校",
            hours=COURSES[ci][2],
            is_illustrative=True,
        )
        for ci, c in enumerate(courses)
        for s in range(2)
    )
    models.TrainingAttendance.objects.bulk_create(
        models.TrainingAttendance(session=s, member=m, hours=s.hours)
        for si, s in enumerate(sessions)
        for mi, m in enumerate(members)
        if (mi + si) % 3 != 0 and (si < 2 or m.role != MemberRole.MEMBER or mi % 4 == 0)
    )
    return len(members)


def _raise_tasks(visits: list[models.HouseholdVisit], villages: list[OrgUnit]) -> None:
    """A few problems found become tasks through the engine's actions, raised by the
    organisation department (persona zzb), first in 立新村 (persona lixin)."""
    from .actions import raise_visit_task

    actor = User.objects.filter(username="zzb").first()
    if actor is None:
        return
    lixin = next((v.pk for v in villages if v.code == "YZ-XINBA-V02"), None)
    with_problem = sorted(
        (v for v in visits if v.problem),
        key=lambda v: (v.household.village_id != lixin, v.pk),
    )
    for visit in with_problem[:TASK_VISITS]:
        raise_visit_task(visit, actor=actor)
