from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from mingzhu.tasks import choices as task_choices


class Chain(models.TextChoices):
    """The city's industry chains (产业链) a project belongs to."""

    PORT = "port", _("Port-side industry")  # 临港产业
    AUTO_PARTS = "auto_parts", _("Core automotive parts")  # 汽车核心零部件
    PHOTOVOLTAIC = "photovoltaic", _("Photovoltaic and new energy")  # 光伏新能源
    ELECTRICAL = "electrical", _("Electrical engineering")  # 工程电气
    EQUIPMENT = "equipment", _("Advanced equipment manufacturing")  # 先进装备制造
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    NEGOTIATING = "negotiating", _("Negotiating")  # 洽谈
    SIGNED = "signed", _("Signed")  # 签约
    LANDED = "landed", _("Landed")  # 落地
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")  # 开工建设
    IN_OPERATION = "in_operation", _("In operation")  # 竣工投产
    SUSPENDED = "suspended", _("Suspended")  # 中止


# The forward order of the stages; suspended stands beside it.
STAGE_ORDER = (
    Stage.NEGOTIATING,
    Stage.SIGNED,
    Stage.LANDED,
    Stage.UNDER_CONSTRUCTION,
    Stage.IN_OPERATION,
)

# The project field that keeps the date each stage was reached.
STAGE_DATE_FIELD = {
    Stage.NEGOTIATING: "negotiating_on",
    Stage.SIGNED: "signed_on",
    Stage.LANDED: "landed_on",
    Stage.UNDER_CONSTRUCTION: "started_on",
    Stage.IN_OPERATION: "completed_on",
    Stage.SUSPENDED: "suspended_on",
}


class Evidence(models.TextChoices):
    CONTRACT = "contract", _("Contract")  # 合同
    LICENCE = "licence", _("Licence")  # 证照（营业执照、土地证）
    PHOTO = "photo", _("Photo")  # 现场照片
    OTHER = "other", _("Other document")


# The evidence a move into each stage normally carries.
STAGE_EVIDENCE = {
    Stage.SIGNED: Evidence.CONTRACT,
    Stage.LANDED: Evidence.LICENCE,
    Stage.UNDER_CONSTRUCTION: Evidence.PHOTO,
    Stage.IN_OPERATION: Evidence.PHOTO,
}


class Tier(models.TextChoices):
    """Size class by total investment (万元 thresholds below)."""

    HUNDRED_YI = "100yi", _("10 billion yuan or more")  # 百亿级
    FIFTY_YI = "50yi", _("5 billion yuan or more")  # 50亿元以上
    THIRTY_YI = "30yi", _("3 billion yuan or more")  # 30亿元以上
    TEN_YI = "10yi", _("1 billion yuan or more")  # 10亿元以上
    YI = "yi", _("100 million yuan or more")  # 亿元以上
    BELOW = "below", _("Below 100 million yuan")  # 亿元以下


# (lower bound in 万元, tier), largest first.
TIER_BOUNDS = (
    (Decimal(1_000_000), Tier.HUNDRED_YI),
    (Decimal(500_000), Tier.FIFTY_YI),
    (Decimal(300_000), Tier.THIRTY_YI),
    (Decimal(100_000), Tier.TEN_YI),
    (Decimal(10_000), Tier.YI),
    (Decimal(0), Tier.BELOW),
)
YI = Decimal(10_000)  # 1 亿元 in 万元


# The investment light has the task light's colours.
Light = task_choices.Light


class FactorKind(models.TextChoices):
    LAND = "land", _("Land")  # 土地
    FUNDING = "funding", _("Funding")  # 资金
    ENERGY = "energy", _("Energy")  # 用能
    LABOUR = "labour", _("Labour")  # 用工


class QuantityUnit(models.TextChoices):
    MU = "mu", _("mu")  # 亩
    WAN_YUAN = "wan_yuan", _("10,000 yuan")  # 万元
    TCE = "tce", _("tonnes of standard coal")  # 吨标准煤
    WAN_KWH = "wan_kwh", _("10,000 kWh")  # 万千瓦时
    PERSON = "person", _("persons")  # 人


# The units a request of each kind may be stated in.
KIND_UNITS = {
    FactorKind.LAND: (QuantityUnit.MU,),
    FactorKind.FUNDING: (QuantityUnit.WAN_YUAN,),
    FactorKind.ENERGY: (QuantityUnit.TCE, QuantityUnit.WAN_KWH),
    FactorKind.LABOUR: (QuantityUnit.PERSON,),
}

# The department responsible for each kind unless a route says otherwise.
DEFAULT_ROUTES = {
    FactorKind.LAND: "YZ-DEPT-ZRZY",  # 自然资源和规划局
    FactorKind.FUNDING: "YZ-DEPT-CZJ",  # 财政局
    FactorKind.ENERGY: "YZ-DEPT-FGW",  # 发展和改革委员会
    FactorKind.LABOUR: "YZ-DEPT-RSJ",  # 人力资源和社会保障局
}


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")  # 满意
    BASICALLY = "basically", _("Basically satisfied")  # 基本满意
    UNSATISFIED = "unsatisfied", _("Unsatisfied")  # 不满意


# A factor request that has no task yet: raised, waiting to be dispatched.
SUBMITTED = "submitted"
