from django.db import models
from django.utils.translation import gettext_lazy as _


class EntityKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    PLATFORM = "platform", _("Financing platform company")


class Budget(models.TextChoices):
    """Which budget repays a government debt (国发〔2014〕43号): the general public budget
    (一般债务) or the government fund budget, from the project's own revenue (专项债务)."""

    GENERAL = "general", _("General debt")  # 一般债务
    SPECIAL = "special", _("Special debt")  # 专项债务


class InstrumentKind(models.TextChoices):
    GOVERNMENT_BOND = "government_bond", _("Government bond")  # 政府债券
    BANK_LOAN = "bank_loan", _("Bank loan")  # 银行贷款
    ENTERPRISE_BOND = "enterprise_bond", _("Enterprise bond")  # 企业债券
    NON_STANDARD = "non_standard", _("Non-standard (trust, insurance plan)")  # 非标
    LEASING = "leasing", _("Financial leasing")  # 融资租赁
    OTHER = "other", _("Other")


# Chinese names accepted on import besides the codes.
KIND_ALIASES = {
    "政府债券": InstrumentKind.GOVERNMENT_BOND,
    "一般债券": InstrumentKind.GOVERNMENT_BOND,
    "专项债券": InstrumentKind.GOVERNMENT_BOND,
    "银行贷款": InstrumentKind.BANK_LOAN,
    "银行借款": InstrumentKind.BANK_LOAN,
    "企业债券": InstrumentKind.ENTERPRISE_BOND,
    "非标": InstrumentKind.NON_STANDARD,
    "非标融资": InstrumentKind.NON_STANDARD,
    "信托贷款": InstrumentKind.NON_STANDARD,
    "信托": InstrumentKind.NON_STANDARD,
    "信托融资": InstrumentKind.NON_STANDARD,
    "融资租赁": InstrumentKind.LEASING,
    "金融租赁": InstrumentKind.LEASING,
    "其他": InstrumentKind.OTHER,
}


class Grade(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    ORANGE = "orange", _("Orange")
    RED = "red", _("Red")
