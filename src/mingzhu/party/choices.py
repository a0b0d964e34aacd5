from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    COMMITTEE = "committee", _("Party committee")  # 党委
    GENERAL_BRANCH = "general_branch", _("General party branch")  # 党总支
    BRANCH = "branch", _("Party branch")  # 党支部


class MemberRole(models.TextChoices):
    SECRETARY = "secretary", _("Secretary")  # 书记
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")  # 副书记
    COMMITTEE_MEMBER = "committee_member", _("Committee member")  # 委员
    GROUP_LEADER = "group_leader", _("Party group leader")  # 党小组长
    MEMBER = "member", _("Party member")  # 党员


class LinkKind(models.TextChoices):
    HOUSEHOLD = "household", _("Member linked to households")  # 党员联户
    AREA = "area", _("Area responsibility")  # 分区包片
    CENTRAL = "central", _("Central household pairing")  # 中心户结对


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("Party group meeting")  # 党小组会
    STUDY = "study", _("Study session")  # 学习
    SERVICE = "service", _("Service to the public")  # 志愿服务
    DELIBERATION = "deliberation", _("Party and public deliberation")  # 党群议事
    OTHER = "other", _("Other")


class CourseTrack(models.TextChoices):
    """The "1+X" of the 初心锤炼 system: one common course, several specialised ones."""

    COMMON = "common", _("Common course (1)")
    SPECIALISED = "specialised", _("Specialised course (X)")
