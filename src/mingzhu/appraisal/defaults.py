"""The two default schemes (also created by migration 0002): data, which the supervision
office edits into new versions."""

from .choices import DEPARTMENT_SCHEME, TOWN_SCHEME, Method, Subject

DEFAULT_SCHEMES = [
    {
        "code": TOWN_SCHEME,
        "name": "镇（街道、园区）项目招引建设季度“流动红黄旗”评比",
        "subject": Subject.TOWNS,
        "method": Method.SHARE_OF_MAX,
        "tie_break": "signed_investment,investment_completion",
        "awards_flags": True,
        "items": [
            ("signed_investment", "新签约项目总投资（亿元）", 30, None, False),
            ("signed_major_count", "新签约亿元以上项目数", 15, None, False),
            ("started_major_count", "新开工亿元以上项目数", 15, None, False),
            ("investment_completion", "投资完成率", 20, "1.5", False),
            ("completed_count", "竣工投产项目数", 10, None, False),
            ("inspection_score", "观摩得分", 10, None, False),
        ],
        "rules": [
            ("signed_30yi_count", "新签约30亿元以上（不足50亿元）项目", 3),
            ("signed_50yi_count", "新签约50亿元以上项目", 5),
        ],
    },
    {
        "code": DEPARTMENT_SCHEME,
        "name": "市级机关服务产业项目考核",
        "subject": Subject.DEPARTMENTS,
        "method": Method.RATE,
        "tie_break": "on_time_rate,satisfaction_rate",
        "awards_flags": False,
        "items": [
            ("on_time_rate", "按期办结率", 40, None, False),
            ("satisfaction_rate", "满意率", 30, None, False),
            ("acceptance_rate", "签收及时率", 15, None, False),
            ("rework_rate", "返工率", 15, None, True),
        ],
        "rules": [],
    },
]


def create_defaults(Scheme, SchemeItem, SchemeRule) -> None:
    """Create version 1 of each default scheme that does not exist yet (the model classes
    are passed in so that a migration can use its historical models)."""
    from decimal import Decimal

    for spec in DEFAULT_SCHEMES:
        if Scheme.objects.filter(code=spec["code"]).exists():
            continue
        scheme = Scheme.objects.create(
            code=spec["code"],
            version=1,
            name=spec["name"],
            subject=spec["subject"],
            method=spec["method"],
            tie_break=spec["tie_break"],
            awards_flags=spec["awards_flags"],
        )
        for order, (code, name, weight, cap, lower) in enumerate(spec["items"], start=1):
            SchemeItem.objects.create(
                scheme=scheme,
                code=code,
                name=name,
                weight=Decimal(weight),
                cap=Decimal(cap) if cap else None,
                lower_is_better=lower,
                sort_order=order,
            )
        for code, name, points in spec["rules"]:
            SchemeRule.objects.create(scheme=scheme, code=code, name=name, points=Decimal(points))
