"""Import the party's 台账 as branches and villages keep them: the members roll
(党员花名册: 姓名, 所属党组织, 村（社区）, 党小组, 党内职务, 是否在册) and the
member–household links (党员联户台账: 村（社区）, 户主, 地址, 联户党员, 联户类型, 联户日期).

Both sheets are read by ``core.tabular`` (.xlsx, .xls or .csv in UTF-8 or GBK, title rows
above the header, header synonyms, merged cells filled, the template's 示例 row
skipped). Villages are matched by ``org.matching.Places`` among those in the importing
user's scope (a village name two towns share needs the 所属镇（街道） column);
organisations, groups and members by their names. A name that matches nothing is the
row's error, naming it. Each row is checked by the model's own validation.

Members hold no ID number (see ``models``): a member's natural key is the name within the
organisation. A household's is its village, head and address (the model's unique
constraint); a link's is the household's current link. A re-import updates what the
sheet carries and keeps the rest (the 示例 flag, the columns the sheet lacks), never
adds a second record. A household linked to another member is refused, naming the
member, as on the household's page: the old link is ended first. All rows or none,
unless only the valid rows are asked for; every write is recorded as the importing
user's.
"""

from __future__ import annotations

import dataclasses
import re

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mingzhu.core.actions import in_scope
from mingzhu.core.audit import acting_as
from mingzhu.core.forms import add_errors
from mingzhu.core.scope import restrict, units_in_scope
from mingzhu.core.tabular import (
    TOWN_HEADINGS,
    Column,
    ImportResult,
    PlacedRowForm,
    RowProblem,
    Table,
    WorkbookError,
    apply_row,
    cell_text,
    changeable,
    missing_columns,
    read_table,
    run_import,
    save_if_changed,
)
from mingzhu.core.templates_xlsx import from_columns
from mingzhu.org.choices import TOWN_KINDS
from mingzhu.org.matching import Places, clean

from . import actions
from .choices import LinkKind, MemberRole
from .models import (
    RESIDENTIAL_KINDS,
    Household,
    HouseholdLink,
    PartyGroup,
    PartyMember,
    PartyOrganisation,
)

VILLAGE = Column(
    "village",
    "村（社区）",
    (
        "村",
        "村居",
        "所在村",
        "村（居）",
        "居住村（社区）",
        "所在村（社区）",
        "村名",
        "村（居）名称",
    ),
)
TOWN = Column("town", "所属镇（街道）", TOWN_HEADINGS, required=False)
YES = {"是", "在册", "正常", "yes", "y", "true", "1", "√"}
NO = {"否", "不在册", "停用", "出党", "转出", "no", "n", "false", "0", "×"}
ROLE_WORDS = {
    "书记": MemberRole.SECRETARY,
    "支部书记": MemberRole.SECRETARY,
    "副书记": MemberRole.DEPUTY_SECRETARY,
    "委员": MemberRole.COMMITTEE_MEMBER,
    "支委": MemberRole.COMMITTEE_MEMBER,
    "支委委员": MemberRole.COMMITTEE_MEMBER,
    "党小组长": MemberRole.GROUP_LEADER,
    "小组长": MemberRole.GROUP_LEADER,
    "党员": MemberRole.MEMBER,
    "普通党员": MemberRole.MEMBER,
    "正式党员": MemberRole.MEMBER,
}
# 组织委员, 宣传委员, 纪检委员 …: a committee member by the work given.
COMMITTEE_ROLE = re.compile(r"^(?:支部|支委|党支部|总支)?\w{0,4}委员$")
KIND_WORDS = {
    "党员联户": LinkKind.HOUSEHOLD,
    "联户": LinkKind.HOUSEHOLD,
    "分区包片": LinkKind.AREA,
    "包片": LinkKind.AREA,
    "中心户结对": LinkKind.CENTRAL,
    "中心户": LinkKind.CENTRAL,
    "结对": LinkKind.CENTRAL,
}


def _areas(path: str) -> list[str]:
    """A unit's path and its ancestors' down to the town's (``a/b/c/`` → ``a/b/c/``,
    ``a/b/``), never the city's: where a household's member is looked for."""
    parts = path.strip("/").split("/")
    return ["/".join(parts[:n]) + "/" for n in range(len(parts), 1, -1)]


def _organisation_key(name: str) -> str:
    # 中共立新村支部委员会 and 立新村党支部 are written for the same branch as often as
    # its registered name; the registered name is matched as written, 中共 dropped.
    return clean(name).removeprefix("中共")


# The body's word as registered (支部委员会) and as rolls write it (党支部, 支部).
_BODY_WORDS = [
    ("党总支部委员会", "总支"),
    ("总支部委员会", "总支"),
    ("党总支部", "总支"),
    ("党总支", "总支"),
    ("总支部", "总支"),
    ("党支部委员会", "支部"),
    ("支部委员会", "支部"),
    ("党支部", "支部"),
    ("党委员会", "党委"),
]


def _body_key(name: str) -> str:
    """A party body's name with its body word in one form: 中共某某村支部委员会,
    某某村党支部 and 某某村支部 all end in 支部; 中共 dropped."""
    key = _organisation_key(name)
    for word, short in _BODY_WORDS:
        if key.endswith(word):
            return key[: -len(word)] + short
    return key


class Organisations(dict):
    """The organisations by registered name; ``find`` also takes the short names rolls
    write (红旗村党支部 for 中共某某县某某镇红旗村支部委员会): the one organisation whose
    registered name ends so, with the body word in one form."""

    def __init__(self, organisations):
        super().__init__({_organisation_key(o.name): o for o in organisations})
        self.by_body = {}
        for o in organisations:
            self.by_body.setdefault(_body_key(o.name), []).append(o)

    def find(self, name: str):
        found = self.get(_organisation_key(name))
        if found is not None:
            return found
        key = _body_key(name)
        if len(key) < 3:
            return None
        matches = [o for body, orgs in self.by_body.items() if body.endswith(key) for o in orgs]
        return matches[0] if len(matches) == 1 else None


class _Row(PlacedRowForm):
    def checked(self, obj, exclude) -> None:
        try:
            obj.full_clean(exclude=exclude, validate_constraints=False)
        except ValidationError as exc:
            add_errors(self, exc)


# -- members ----------------------------------------------------------------------------

MEMBER_COLUMNS = [
    Column("name", "姓名", ("党员姓名", "党员")),
    Column(
        "organisation",
        "所属党组织",
        (
            "党组织",
            "所在党组织",
            "所属支部",
            "所在支部",
            "支部",
            "所在党支部",
            "所属党支部",
            "党支部",
        ),
    ),
    VILLAGE,
    TOWN,
    Column("group", "党小组", ("所在党小组", "所属党小组"), required=False),
    Column("role", "党内职务", ("职务", "身份"), required=False),
    Column("is_active", "是否在册", ("在册", "状态"), required=False),
]
MEMBER_FIELDS = ["name", "organisation", "group", "village", "role", "is_active"]


class MemberRow(_Row):
    def clean_name(self):
        return self.required_text("name")

    def clean_organisation(self):
        name = self.required_text("organisation")
        found = self.context["organisations"].find(name)
        if found is None:
            raise forms.ValidationError(_("no party organisation named %(name)s") % {"name": name})
        return found

    def clean_role(self):
        word = clean(self.text("role"))
        if not word:
            return MemberRole.MEMBER
        role = ROLE_WORDS.get(word) or self.context["role_labels"].get(word)
        if role is None and COMMITTEE_ROLE.match(word):
            role = MemberRole.COMMITTEE_MEMBER
        if role is None:
            raise forms.ValidationError(
                _("one of %(words)s") % {"words": "、".join(self.context["role_names"])}
            )
        return role

    def clean_is_active(self):
        return self.yes_or_no("is_active", YES, NO)

    def clean_placed(self, data: dict) -> dict:
        organisation = data["organisation"]
        group = cell_text(data["group"])
        data["group"] = None
        if group:
            data["group"] = self.context["groups"].get((organisation.pk, clean(group)))
            if data["group"] is None:
                self.add_error(
                    "group",
                    _("%(organisation)s has no party group named %(name)s")
                    % {"organisation": organisation, "name": group},
                )
                return data
        key = (organisation.pk, clean(data["name"]))
        current = self.stored(
            key,
            same=_("the same member as row %(row)s"),
            locked=_("a member exists that you may not change"),
            field="name",
        )
        member = current or PartyMember()
        data["changed"] = apply_row(member, data, MEMBER_FIELDS, self.context["table"])
        self.checked(member, ["organisation", "group", "village"])
        data["member"] = member
        return data


def _organisations(actor) -> Organisations:
    visible = restrict(PartyOrganisation.objects.all(), actor, "view")
    return Organisations(list(visible.select_related("unit")))


# The branch a roll's title names: 红旗村党支部党员花名册, 中共某某县某镇红旗村支部委员会党员花名册
# (the title up to its body word, a year in front dropped).
_TITLE_BODY = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年度?)?\s*(.+?(?:党总支部委员会|总支部委员会|党支部委员会|支部委员会|党总支部"
    r"|党总支|党支部|总支部|支部|党委员会|党委))"
)


def _organisation_in_title(titles: list[str], organisations: Organisations):
    """The one organisation the roll's title rows name, else None."""
    found = set()
    for text in titles:
        match = _TITLE_BODY.match(re.sub(r"\s+", "", text))
        if match and (organisation := organisations.find(match.group(1))) is not None:
            found.add(organisation)
    return found.pop() if len(found) == 1 else None


def _roll(file, organisations: Organisations) -> Table:
    """The roll's table. A branch's own roll may name its branch only in the title
    (红旗村党支部党员花名册, no 所属党组织 column): when the title names exactly one
    organisation, every row is that organisation's, and, without a 村（社区） column, of
    the village the branch is set up in. Otherwise the missing columns are named."""
    try:
        return read_table(file, MEMBER_COLUMNS)
    except WorkbookError as refusal:
        relaxed = [
            dataclasses.replace(c, required=False) if c.key in ("organisation", "village") else c
            for c in MEMBER_COLUMNS
        ]
        try:
            table = read_table(file, relaxed)
        except WorkbookError:
            raise refusal from None
        organisation = None
        if "organisation" not in table.headers:
            organisation = _organisation_in_title(table.titles, organisations)
        if organisation is None:
            raise refusal from None
        village = None
        if "village" not in table.headers:
            if organisation.unit.kind not in RESIDENTIAL_KINDS:
                raise missing_columns([VILLAGE]) from None
            village = organisation.unit.name
        for _number, record in table.rows:
            record["organisation"] = organisation.name
            if village is not None:
                record["village"] = village
        return table


def import_members(file, *, actor, valid_only: bool = False) -> ImportResult:
    """Create or update the members of the roll, matched by their name within their
    organisation; ``result.objects`` are the members written."""
    organisations = _organisations(actor)
    table = _roll(file, organisations)
    existing = {}
    members = PartyMember.objects.filter(organisation__in=organisations.values())
    for member in members.select_related("organisation", "group", "village").order_by("pk"):
        existing.setdefault((member.organisation_id, clean(member.name)), member)
    groups = PartyGroup.objects.filter(organisation__in=organisations.values())
    labels = {clean(str(label)): value for value, label in MemberRole.choices}
    context = {
        "table": table,
        "places": Places(units_in_scope(actor, "party.add_partymember"), kinds=RESIDENTIAL_KINDS),
        "organisations": organisations,
        "groups": {(g.organisation_id, clean(g.name)): g for g in groups},
        "role_labels": labels,
        "role_names": list(dict.fromkeys(ROLE_WORDS)),
        "existing": existing,
        "changeable": changeable(PartyMember.objects.all(), actor),
    }

    with acting_as(actor):
        return run_import(
            table, MemberRow, save_if_changed("member"), context=context, valid_only=valid_only
        )


# -- household links --------------------------------------------------------------------

LINK_COLUMNS = [
    VILLAGE,
    Column("head_name", "户主", ("户主姓名", "联系户", "联系户户主", "农户", "农户姓名")),
    Column("address", "地址", ("家庭住址", "住址", "门牌号", "家庭地址")),
    Column("member", "联户党员", ("党员", "党员姓名", "联系党员", "结对党员", "包户党员")),
    TOWN,
    Column("kind", "联户类型", ("类型", "联系方式", "结对方式"), required=False),
    Column(
        "started_on", "联户日期", ("起始日期", "开始日期", "结对时间", "联户时间"), required=False
    ),
]


class LinkRow(_Row):
    def clean_head_name(self):
        return self.required_text("head_name")

    def clean_address(self):
        return self.required_text("address")

    def clean_member(self):
        return self.required_text("member")

    def clean_kind(self):
        word = clean(self.text("kind"))
        if not word:
            return LinkKind.HOUSEHOLD
        kind = KIND_WORDS.get(word) or self.context["kind_labels"].get(word)
        if kind is None:
            raise forms.ValidationError(_("党员联户, 分区包片 or 中心户结对"))
        return kind

    def clean_started_on(self):
        value = self.cleaned_data["started_on"]
        if value in (None, ""):
            return self.context["today"]
        day = self.day("started_on", month=True)
        if day > self.context["today"]:
            raise forms.ValidationError(_("The link cannot start in the future."))
        return day

    def clean_placed(self, data: dict) -> dict:
        village = data["village"]
        member = self._member(data["member"], village)
        if member is None:
            return data
        data["member"] = member
        key = (village.pk, clean(data["head_name"]), clean(data["address"]))
        earlier = self.seen_before(key, "household")
        if earlier is not None:
            self.add_error("head_name", _("the same household as row %(row)s") % {"row": earlier})
            return data
        household = self.context["households"].get(key)
        if household is None:
            if not self.context["may_add_households"]:
                self.add_error(
                    "head_name",
                    _("no household of %(head)s at %(address)s in %(village)s")
                    % {"head": data["head_name"], "address": data["address"], "village": village},
                )
                return data
            household = Household(
                village=village, head_name=data["head_name"], address=data["address"]
            )
            self.checked(household, ["village"])
        data["household"] = household
        link = self.context["links"].get(household.pk) if household.pk else None
        if link is not None and link.member_id != member.pk:
            self.add_error(
                "member",
                _(
                    "%(household)s is already linked to %(member)s since %(date)s; "
                    "end that link first."
                )
                % {"household": household, "member": link.member, "date": link.started_on},
            )
            return data
        data["link"] = link
        return data

    def _member(self, name: str, village) -> PartyMember | None:
        """The member the name means: of the household's village, else of the nearest
        unit above it (the village of a natural village, then the town)."""
        found = self.context["members"].get(clean(name), [])
        here = []
        for area in _areas(village.path):
            here = [m for m in found if m.village.path.startswith(area)]
            if here:
                break
        if not here:
            self.add_error(
                "member",
                _("no party member named %(name)s in %(village)s or above it")
                % {"name": name, "village": village},
            )
            return None
        if len(here) > 1:
            self.add_error("member", _("%(name)s names several party members") % {"name": name})
            return None
        if not here[0].is_active:
            self.add_error(
                "member",
                _("%(member)s is no longer an active member.") % {"member": here[0]},
            )
            return None
        return here[0]


def import_links(file, *, actor, valid_only: bool = False) -> ImportResult:
    """Link the sheet's households to their members: a household not yet registered is
    added (for those who may add households), a new link is made by
    ``actions.link_household``; a household's current link to the same member is
    updated (kind, start) or left as it is. ``result.objects`` are the links written."""
    table = read_table(file, LINK_COLUMNS)
    units = units_in_scope(actor, "party.add_householdlink")
    places = Places(units, kinds=RESIDENTIAL_KINDS)
    villages = [u.pk for u in places.villages.units]
    households = {
        (h.village_id, clean(h.head_name), clean(h.address)): h
        for h in restrict(Household.objects.all(), actor, "view").filter(village__in=villages)
    }
    members: dict[str, list[PartyMember]] = {}
    for member in restrict(PartyMember.objects.all(), actor, "view").select_related("village"):
        members.setdefault(clean(member.name), []).append(member)
    links = HouseholdLink.objects.filter(
        household__village__in=villages, ended_on__isnull=True
    ).select_related("member", "household")
    context = {
        "table": table,
        "today": timezone.localdate(),
        "places": places,
        "households": households,
        "may_add_households": actor.has_perm("party.add_household"),
        "members": members,
        "links": {link.household_id: link for link in links},
        "kind_labels": {clean(str(label)): value for value, label in LinkKind.choices},
    }
    changeable = set(
        restrict(HouseholdLink.objects.all(), actor, "change").values_list("pk", flat=True)
    )

    def write(row: dict, _number: int):
        household, link = row["household"], row["link"]
        created_household = household.pk is None
        if created_household:
            household.save()
            if not in_scope(household, actor, "add"):
                raise RowProblem("village", _("The household would lie outside your data scope."))
        if link is None:
            try:
                link = actions.link_household(
                    actor=actor,
                    household=household,
                    member=row["member"],
                    kind=row["kind"],
                    started_on=row["started_on"],
                )
            except ValidationError as exc:
                field, message = next(iter(exc.message_dict.items()))
                raise RowProblem(
                    {"household": "head_name", "started_on": "started_on"}.get(field, "member"),
                    message[0],
                ) from None
            except (PermissionDenied, Http404):
                raise RowProblem("member", _("you may not link this household")) from None
            return link, True
        if link.pk not in changeable:
            raise RowProblem("member", _("a link exists that you may not change"))
        if not apply_row(link, row, ["kind", "started_on"], table):
            return link, None
        link.save()
        return link, False

    with acting_as(actor):
        return run_import(table, LinkRow, write, context=context, valid_only=valid_only)


# -- templates --------------------------------------------------------------------------


def _village_choices(units) -> tuple[list[str], list[str]]:
    units = units.filter(is_active=True).order_by("path")
    villages = [u.name for u in units.filter(kind__in=RESIDENTIAL_KINDS[:2])]
    towns = [u.name for u in units.filter(kind__in=TOWN_KINDS)]
    return villages, towns


def member_template(actor):
    villages, towns = _village_choices(units_in_scope(actor, "party.add_partymember"))
    organisations = restrict(PartyOrganisation.objects.all(), actor, "view").order_by("name")
    return from_columns(
        _("Party members"),
        MEMBER_COLUMNS,
        meanings={
            "name": _(
                "The member's name; a member of the same name in the same organisation "
                "is updated on a later import. No ID number, birth date or phone."
            ),
            "organisation": _("The party organisation (支部) as registered."),
            "village": _("The village or community where the member lives."),
            "town": _(
                "The village's town or street; needed only when two towns have a "
                "village of that name."
            ),
            "group": _("The party group within the organisation, when there is one."),
            "role": _("The member's office in the party; empty means 党员."),
            "is_active": _("是 (on the roll, the default) or 否."),
        },
        choices={
            "organisation": [o.name for o in organisations],
            "village": villages,
            "town": towns,
            "role": ["书记", "副书记", "委员", "党小组长", "党员"],
            "is_active": ["是", "否"],
        },
        example=[
            "示例",
            organisations[0].name if organisations else "",
            villages[0] if villages else "",
        ],
    )


def link_template(actor):
    villages, towns = _village_choices(units_in_scope(actor, "party.add_householdlink"))
    return from_columns(
        _("Household links"),
        LINK_COLUMNS,
        meanings={
            "village": _("The household's village or community."),
            "head_name": _(
                "The head of household. A household of the same head and address in "
                "the same village is the same household; a new one is added."
            ),
            "address": _("The household's address."),
            "member": _("The party member linked to the household, of the same village or town."),
            "town": _(
                "The village's town or street; needed only when two towns have a "
                "village of that name."
            ),
            "kind": _("党员联户 (the default), 分区包片 or 中心户结对."),
            "started_on": _("The day the link began (2025-03-01); empty means today."),
        },
        choices={
            "village": villages,
            "town": towns,
            "kind": ["党员联户", "分区包片", "中心户结对"],
        },
        example=["示例", "（示例）张三", "（示例）1组12号", "（示例）李四"],
    )
