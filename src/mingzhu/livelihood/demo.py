"""The livelihood demo: ~2,000 citizen requests over twelve months with their tasks and
callbacks (enough history for the dispatch classifier), ~150 monitored households, the
mutual-aid funds of a dozen villages and communities, and insurance coverage per village.

Everything here is made up and flagged illustrative (示例): contents, people, phone and ID
numbers (valid in form only), amounts, monitoring lines and coverage targets. Dates are
placed before the day of the first load; later loads change nothing. The citizen requests
are played through the module's and the task engine's actions at back-dated times, so that
they hold only what the engine writes (events, notifications, the reopen-once rule); the
other rows are written with bulk_create.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max

from mingzhu.demo.kit import run
from mingzhu.org.choices import TOWN_KINDS, UnitKind
from mingzhu.org.models import OrgUnit, User
from mingzhu.tasks.choices import EventAction, SourceKind
from mingzhu.tasks.choices import Status as T
from mingzhu.tasks.memo import remembering
from mingzhu.tasks.models import Task, TaskEvent
from mingzhu.tasks.notices import written_language
from mingzhu.tasks.play import Staff
from mingzhu.tasks.services import WORK_ZONE, add_working_days, due_for

from . import actions, models, protect
from .actions import DEFAULT_LIMITS, is_satisfied
from .choices import (
    AidReason,
    Channel,
    EntryKind,
    EntryStatus,
    HouseholdType,
    MeasureKind,
    RequestType,
    RiskCause,
    Satisfaction,
    Scheme,
)

REQUESTS = 1000
HOUSEHOLDS = 150
FUNDS = 12
DESK = "YZ-DEPT-SWZX"
TOWN = "town"  # handled by the town of the place

# (top category, leaf, usual unit)
CATEGORIES = [
    ("道路交通", "道路破损", "YZ-DEPT-ZJJ"),
    ("道路交通", "路灯故障", "YZ-DEPT-CGJ"),
    ("供水供气", "停水水压", "YZ-DEPT-ZJJ"),
    ("供水供气", "燃气供暖", "YZ-DEPT-ZJJ"),
    ("环境卫生", "垃圾清运", "YZ-DEPT-CGJ"),
    ("环境卫生", "污染噪声", "YZ-DEPT-STHJ"),
    ("邻里纠纷", "邻里矛盾", TOWN),
    ("劳动工资", "拖欠工资", "YZ-DEPT-RSJ"),
    ("劳动工资", "社保就业", "YZ-DEPT-RSJ"),
    ("市场监管", "食品消费", "YZ-DEPT-SCJG"),
    ("社会救助", "救助养老", "YZ-DEPT-MZJ"),
    ("农业农村", "农田水利", "YZ-DEPT-NYNC"),
    ("安全生产", "安全隐患", "YZ-DEPT-YJJ"),
]
# the phrases citizens use, by leaf category
PHRASES = {
    "道路破损": ["路面坑洼", "道路塌陷", "人行道砖松动", "桥面破损", "雨后积水严重"],
    "路灯故障": ["路灯不亮", "路灯杆倾斜", "夜间路段漆黑", "灯头损坏"],
    "停水水压": ["突然停水", "水压太低", "自来水发黄", "水管爆裂漏水"],
    "燃气供暖": ["燃气管道有异味", "天然气开户难", "取暖设施故障", "燃气表计量异常"],
    "垃圾清运": ["垃圾桶满溢", "垃圾长时间未清运", "建筑垃圾乱倒", "垃圾分类亭脏乱"],
    "污染噪声": ["夜间施工噪声扰民", "工厂排放异味", "河道发黑发臭", "油烟直排"],
    "邻里矛盾": ["邻居占用公共过道", "楼上漏水不处理", "相邻宅基地界址争议", "饲养家禽影响邻居"],
    "拖欠工资": ["工地拖欠农民工工资", "公司拖欠工资三个月", "离职后工资未结清", "加班费不发放"],
    "社保就业": ["单位未缴纳社保", "灵活就业参保咨询", "失业金申领", "退休待遇认证"],
    "食品消费": ["超市销售过期食品", "餐馆卫生差", "预付卡商家跑路", "商品缺斤短两"],
    "救助养老": ["低保申请咨询", "独居老人无人照料", "临时救助申请", "养老机构收费问题"],
    "农田水利": ["灌溉渠道堵塞", "农田排水不畅", "秸秆处理补贴", "农机补贴咨询"],
    "安全隐患": ["小作坊存放易燃物", "电动车楼道充电", "消防通道被堵", "危化品车辆违停"],
}
PLACES = ["路口", "小区门口", "菜场旁", "学校附近", "村部西侧", "沿江路段", "3组", "7组", "商业街"]
TAILS = [
    "，已持续多日，请尽快处理。",
    "，影响出行和生活。",
    "，希望有关部门核实。",
    "，多次反映未解决。",
    "。",
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "明华建国玉兰秀英志强海燕文军红梅晓东春生桂芳德福丽娟永刚"
CHANNELS = (
    [Channel.HOTLINE] * 6 + [Channel.WEB] * 2 + [Channel.GRID, Channel.PETITION, Channel.MEDIA]
)
TYPES = (
    [RequestType.HELP] * 4
    + [RequestType.COMPLAINT] * 4
    + [RequestType.CONSULTATION] * 3
    + [RequestType.REPORT, RequestType.SUGGESTION, RequestType.URGENT]
)


def load(audit: bool = False, as_of: dt.date | None = None) -> dict:
    """Load this app's part of the Yangzhong demo data (idempotent)."""
    return run(_load, audit, as_of)


@transaction.atomic
def _load(today: dt.date) -> dict:
    units = {u.code: u for u in OrgUnit.objects.all()}
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["rexian", "nyj", "lixin", "xinba", "sanmao", "supervisor"]
        )
    }
    rng = random.Random(20251231)
    _config()
    categories = _categories(units)
    return {
        "requests": _requests(rng, today, units, users, categories),
        "households": _households(rng, today, units, users),
        "funds": _funds(rng, today, units, users),
        "coverage": _coverage(rng, today, units),
    }


def _config() -> None:
    for rtype, (days, basis, response) in DEFAULT_LIMITS.items():
        models.TimeLimit.objects.get_or_create(
            request_type=rtype,
            defaults={"handling_days": days, "basis": basis, "response_days": response},
        )
    models.RateWeights.objects.get_or_create(name="default")


def _categories(units) -> dict[str, models.RequestCategory]:
    leaves = {}
    tops: dict[str, models.RequestCategory] = {}
    for order, (top, leaf, unit) in enumerate(CATEGORIES, start=1):
        if top not in tops:
            tops[top] = models.RequestCategory.objects.get_or_create(
                parent=None, name=top, defaults={"sort_order": order, "is_illustrative": True}
            )[0]
        leaves[leaf] = models.RequestCategory.objects.get_or_create(
            parent=tops[top],
            name=leaf,
            defaults={
                "sort_order": order,
                "default_unit": units.get(unit),
                "is_illustrative": True,
            },
        )[0]
    return leaves


def _places(units) -> list[tuple[OrgUnit, OrgUnit | None]]:
    towns = [u for u in units.values() if u.kind in TOWN_KINDS and u.is_active]
    villages = [u for u in units.values() if u.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY)]
    by_id = {t.pk: t for t in towns}
    places = [(by_id[v.parent_id], v) for v in villages if v.parent_id in by_id]
    return places + [(t, None) for t in towns]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), WORK_ZONE)


def _phone(rng) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def _requests(rng, today, units, users, categories) -> int:
    """The requests of the last twelve months, each played through this module's and the
    task engine's own actions at its back-dated times (``_play``): registered and
    dispatched by the desk, accepted, the caller contacted, answered and called back by
    the unit and the desk, reopened once when the caller was not satisfied."""
    if models.CitizenRequest.objects.filter(is_illustrative=True).exists():
        return 0
    desk_user = users.get("rexian")
    places = _places(units)
    dispatch_targets = sorted(
        {units[c] for _t, _l, c in CATEGORIES if c != TOWN}, key=lambda u: u.pk
    )
    # Each unit's habits, so that the three rates differ from unit to unit.
    habits = {}
    for u in [*dispatch_targets, *(t for t, _v in places)]:
        habits[u.pk] = (rng.uniform(0.7, 0.99), rng.uniform(0.75, 0.98), rng.uniform(0.7, 0.97))
    start = today - dt.timedelta(days=365)
    days = sorted(start + dt.timedelta(days=rng.randrange(365)) for _ in range(REQUESTS))
    plans = []
    for n, day in enumerate(days, start=1):
        top, leaf, unit_code = rng.choice(CATEGORIES)
        town, village = rng.choice(places)
        unit = town if unit_code == TOWN else units[unit_code]
        if rng.random() < 0.07:  # citizens' words do not always tell the right unit
            unit = rng.choice(dispatch_targets)
        rtype = rng.choice(TYPES)
        place = (village or town).name
        content = f"{place}{rng.choice(PLACES)}{rng.choice(PHRASES[leaf])}{rng.choice(TAILS)}"
        received = _at(day, rng.randrange(8, 18), rng.randrange(60))
        phone = _phone(rng)
        name = _name(rng)
        request = {
            "channel": rng.choice(CHANNELS),
            "request_type": rtype,
            "category": categories[leaf],
            "content": content,
            "town": town,
            "village": village,
            "address": f"{place}{rng.choice(PLACES)}",
            "requester_name": name,
            "phone": phone,
            "at": received,
        }
        limit, basis, response = DEFAULT_LIMITS[rtype]
        deadline, _due = due_for(received, limit, basis)
        p_accept, p_resolve, p_satisfied = habits[unit.pk]
        accepted = day if rng.random() < p_accept else add_working_days(day, response + 2)
        # Most answer by the deadline, some a little after it.
        answered = max(
            accepted,
            deadline + dt.timedelta(days=rng.choice((-2, -1, 0, 0, 0, 2))),
        )
        called = add_working_days(answered, 1)
        # Nothing happens after the day of the load: recent requests are still open.
        if called < today:
            state = T.CLOSED
        elif answered < today:
            state = rng.choice([T.ACCEPTED, T.CLOSURE_REQUESTED])
        elif accepted <= today:
            state = T.ACCEPTED
        else:
            state = T.ASSIGNED
        resolved = rng.random() < p_resolve
        satisfied = rng.random() < p_satisfied
        satisfaction = (
            rng.choice([Satisfaction.SATISFIED, Satisfaction.SATISFIED, Satisfaction.BASIC])
            if satisfied and resolved
            else (Satisfaction.BASIC if satisfied else Satisfaction.DISSATISFIED)
        )
        # A first callback found unresolved or dissatisfied reopens the task (重办): the
        # unit answers again and the second callback closes it, whatever it finds. Its
        # random stream is seeded with the request's place in the list.
        second = None
        if state == T.CLOSED and not is_satisfied(resolved, satisfaction):
            seed = f"RX{day.year}{n:06d}"
            second = _second_round(seed, called, today, p_resolve, p_satisfied)
        round_one = (answered, called, resolved, satisfaction)
        plans.append((request, unit, state, accepted, round_one, second))
    # Contacts with the caller (联系诉求人, the 三率's response): the unit calls on the day
    # it accepts, an hour or two in; its own random stream keeps the rest of the demo as is.
    contact_rng = random.Random(len(plans))
    staff = Staff()
    played = []
    with written_language(), remembering():
        for request, unit, state, accepted, round_one, second in plans:
            minutes = contact_rng.randrange(20, 180) if accepted and state != T.ASSIGNED else 0
            played.append(
                _play(
                    request,
                    unit,
                    state,
                    accepted,
                    round_one,
                    second,
                    minutes,
                    desk=desk_user,
                    handler=staff(unit),
                    now=_at(today, 0),
                )
            )
    # The desk registers real requests; these are illustrative, and so are their tasks.
    models.CitizenRequest.objects.filter(pk__in=played).update(is_illustrative=True)
    ct = ContentType.objects.get_for_model(models.CitizenRequest)
    Task.objects.filter(content_type=ct, object_id__in=played).update(is_illustrative=True)
    return len(played)


def _play(request, unit, state, accepted, round_one, second, minutes, *, desk, handler, now):
    """One request from its registration to ``state`` through the actions, each step at
    its time (never before the step before it); returns the request's id."""
    clock = [request["at"]]

    def at(when: dt.datetime) -> dt.datetime:
        clock[0] = max(when, clock[0] + dt.timedelta(minutes=5))
        return clock[0]

    req = actions.register_request(actor=desk, **request)
    req = actions.dispatch(req, actor=desk, unit=unit, at=request["at"])
    if state == T.ASSIGNED:
        return req.pk
    accepted_at = at(_at(accepted, 9))
    actions.accept(req, actor=handler, at=accepted_at)
    contact_at = max(request["at"], _at(accepted, 9)) + dt.timedelta(minutes=minutes)
    if contact_at < now:
        note = "电话联系诉求人，了解诉求并约定处理时间。（示例）"
        actions.contact_caller(req, actor=handler, note=note, at=at(contact_at))
    if state == T.ACCEPTED:
        return req.pk
    answered, called, resolved, satisfaction = round_one
    actions.answer(req, actor=handler, result=FIRST_ANSWER, at=at(_at(answered, 16)))
    if state == T.CLOSURE_REQUESTED:
        return req.pk
    rounds = [(called, resolved, satisfaction)]
    if second and second["answered"]:
        rounds.append((second["called"], second["resolved"], second["satisfaction"]))
    for n, (call_day, was_resolved, how) in enumerate(rounds):
        if n:  # the reopened round: the unit answers again
            actions.answer(
                req, actor=handler, result=SECOND_ANSWER, at=at(_at(second["answered"], 16))
            )
        if call_day is None:
            break
        actions.callback(
            req,
            actor=desk,
            resolved=was_resolved,
            satisfaction=how,
            comment="（示例）",
            at=at(_at(call_day, 10)),
        )
    return req.pk


FIRST_ANSWER = "已联系群众并现场处理。（示例）"
SECOND_ANSWER = "已再次联系群众，重新整改到位。（示例）"


def _second_round(number: str, called: dt.date, today: dt.date, p_resolve, p_satisfied):
    """The reopened round of a request found unresolved or dissatisfied at its first
    callback on ``called``: the unit answers again a few working days later and the desk
    calls back the next working day; what has not happened by ``today`` has not happened.
    Returns the round's facts (None for the days of what is still to come). Its
    own random stream (seeded with the request's number) leaves the rest of the demo as
    it was."""
    rng = random.Random(f"{number}:second")
    answered = add_working_days(called, rng.choice((1, 2, 3, 5)))
    second_call = add_working_days(answered, 1)
    # A second try on the same problem resolves it more often than the first.
    resolved = rng.random() < (1 + p_resolve) / 2
    satisfied = rng.random() < (1 + p_satisfied) / 2
    satisfaction = (
        rng.choice([Satisfaction.SATISFIED, Satisfaction.BASIC])
        if satisfied and resolved
        else (Satisfaction.BASIC if satisfied else Satisfaction.DISSATISFIED)
    )
    facts = {"answered": None, "called": None, "resolved": resolved, "satisfaction": satisfaction}
    if answered >= today:
        return facts
    facts["answered"] = answered
    if second_call >= today:
        return facts
    facts["called"] = second_call
    return facts


def _id_number(rng, birth: dt.date) -> str:
    first = f"321182{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first + protect.id_check_digit(first)


def _households(rng, today, units, users) -> int:
    year = today.year
    for y, amount in ((year - 1, 8500), (year, 9000)):
        models.MonitoringLine.objects.get_or_create(
            year=y, defaults={"amount": Decimal(amount), "source": "示例", "is_illustrative": True}
        )
    if models.MonitoredHousehold.objects.filter(is_illustrative=True).exists():
        return 0
    villages = [u for u in units.values() if u.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY)]
    villages.sort(key=lambda u: u.path)
    causes = [c.value for c in RiskCause]
    rows = []
    for n in range(HOUSEHOLDS):
        village = villages[n % len(villages)]
        roll = rng.random()
        income = (
            rng.randrange(5000, 9000)
            if roll < 0.15
            else rng.randrange(9000, 9900)
            if roll < 0.3
            else rng.randrange(9900, 24000)
        )
        number = _id_number(
            rng, dt.date(rng.randrange(1940, 1995), rng.randrange(1, 13), rng.randrange(1, 28))
        )
        h = models.MonitoredHousehold(
            village=village,
            household_type=rng.choice(HouseholdType.values),
            head_name=_name(rng),
            members=rng.randrange(1, 6),
            income_year=year,
            income_per_capita=Decimal(income),
            risk_causes=rng.sample(causes, rng.choice((1, 1, 2))),
            cadre=_name(rng),
            identified_on=today - dt.timedelta(days=rng.randrange(30, 700)),
            is_illustrative=True,
        )
        h.set_id_number(number)
        rows.append(h)
    models.MonitoredHousehold.objects.bulk_create(rows, batch_size=500)
    # A few assistance measures, each a task of the agriculture bureau's issue.
    issuer = units["YZ-DEPT-NYNC"]
    ct = ContentType.objects.get_for_model(models.MonitoredHousehold)
    prefix = f"{year}-NYNC-"
    last = Task.objects.filter(code__startswith=prefix).aggregate(m=Max("code"))["m"]
    number = int(last.rsplit("-", 1)[-1]) if last else 0
    tasks, measures = [], []
    kinds = MeasureKind.values
    for h in rows[:40]:
        number += 1
        kind = rng.choice(kinds)
        deadline = dt.date(year, 12, 31)
        done = rng.random() < 0.4
        task = Task(
            code=f"{prefix}{number:04d}",
            title=f"{h.village.name}帮扶措施：{MeasureKind(kind).label}",
            content=f"{MeasureKind(kind).label}帮扶（示例）",
            issuer=issuer,
            lead_unit=h.village.parent,
            deadline=deadline,
            status=T.CLOSED if done else T.ACCEPTED,
            progress=100 if done else 30,
            assigned_on=h.identified_on,
            accepted_on=h.identified_on,
            closed_on=today if done else None,
            source_kind=SourceKind.ASSISTANCE,
            content_type=ct,
            object_id=h.pk,
            is_illustrative=True,
        )
        tasks.append(task)
        measures.append(
            models.AssistanceMeasure(
                household=h, kind=kind, description=task.content, task=task, is_illustrative=True
            )
        )
    Task.objects.bulk_create(tasks)
    TaskEvent.objects.bulk_create(
        [
            TaskEvent(
                task=t,
                action=EventAction.CREATE,
                to_status=T.DRAFT,
                at=_at(t.assigned_on, 9),
                actor=users.get("nyj"),
            )
            for t in tasks
        ]
    )
    models.AssistanceMeasure.objects.bulk_create(measures)
    return len(rows)


def _funds(rng, today, units, users) -> int:
    if models.MutualAidFund.objects.filter(is_illustrative=True).exists():
        return 0
    villages = sorted(
        (u for u in units.values() if u.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY)),
        key=lambda u: u.path,
    )[:FUNDS]
    funds = [
        models.MutualAidFund(village=v, name=f"{v.name}幸福家园互助基金", is_illustrative=True)
        for v in villages
    ]
    models.MutualAidFund.objects.bulk_create(funds)
    approver = {"YZ-XINBA": users.get("xinba"), "321182001000": users.get("sanmao")}
    entries = []
    reasons = AidReason.values
    for fund in funds:
        town_code = units_by_pk(units)[fund.village.parent_id].code
        ok_by = approver.get(town_code) or users.get("supervisor")
        recorder = users.get("lixin") if fund.village.code == "YZ-XINBA-V02" else None
        entry = partial(_entry, fund, recorder)
        for _i in range(rng.randrange(4, 8)):
            day = today - dt.timedelta(days=rng.randrange(20, 360))
            amount = Decimal(rng.randrange(2000, 50000)) / 10000
            donor = rng.choice(DONORS)
            entries.append(
                entry(EntryKind.DONATION, amount, day, ok_by, donor=donor, purpose="幸福家园互助")
            )
        for _i in range(rng.randrange(2, 5)):
            day = today - dt.timedelta(days=rng.randrange(5, 200))
            amount = Decimal(rng.randrange(500, 3000)) / 10000
            details = {"recipient": _name(rng) + "户", "reason": rng.choice(reasons)}
            entries.append(entry(EntryKind.AID, amount, day, ok_by, purpose="困难帮扶", **details))
        # one donation still a draft, waiting for the town's approval
        day = today - dt.timedelta(days=2)
        draft = {"donor": "爱心人士（示例）", "purpose": "重阳敬老", "status": EntryStatus.DRAFT}
        entries.append(entry(EntryKind.DONATION, Decimal("0.2000"), day, None, **draft))
    models.FundEntry.objects.bulk_create(entries, batch_size=500)
    return len(funds)


DONORS = ["爱心企业（示例）", "在外乡贤（示例）", "村民集体（示例）", "党员捐款（示例）"]


def _entry(
    fund, recorder, kind, amount, day, approved_by, status=EntryStatus.APPROVED, **details
) -> models.FundEntry:
    """An illustrative fund entry; an approved one was approved at 15:00 on its day."""
    approved = status == EntryStatus.APPROVED
    return models.FundEntry(
        fund=fund,
        kind=kind,
        amount=amount,
        date=day,
        status=status,
        recorded_by=recorder,
        approved_by=approved_by,
        approved_at=_at(day, 15) if approved else None,
        is_illustrative=True,
        **details,
    )


def units_by_pk(units) -> dict:
    return {u.pk: u for u in units.values()}


def _coverage(rng, today, units) -> int:
    year = today.year
    for scheme, rate in ((Scheme.PENSION, Decimal("95.00")), (Scheme.MEDICAL, Decimal("98.00"))):
        for y in (year - 1, year):
            models.CoverageTarget.objects.get_or_create(
                year=y, scheme=scheme, defaults={"rate": rate, "is_illustrative": True}
            )
    if models.CoverageRecord.objects.filter(is_illustrative=True).exists():
        return 0
    villages = [u for u in units.values() if u.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY)]
    rows = []
    for y in (year - 1, year):
        for v in villages:
            registered = rng.randrange(1500, 4500)
            for scheme in Scheme.values:
                share = (
                    rng.uniform(0.92, 0.995)
                    if scheme == Scheme.PENSION
                    else rng.uniform(0.96, 0.999)
                )
                rows.append(
                    models.CoverageRecord(
                        village=v,
                        year=y,
                        scheme=scheme,
                        registered=registered,
                        insured=int(registered * share),
                        is_illustrative=True,
                    )
                )
    models.CoverageRecord.objects.bulk_create(rows)
    return len(rows)
