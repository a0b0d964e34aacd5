"""The fixed people of the demo and of the tests (STYLE.md, "house habits").

Each persona is a user with a unit and roles; the grid worker covers the grids of one
village in 新坝镇. They exist on a demo server (with the one documented password) and in
every test database.
"""

from __future__ import annotations

from dataclasses import dataclass

from .choices import RoleCode

DEMO_PASSWORD = "mingzhu-demo"


@dataclass(frozen=True)
class Persona:
    username: str
    display_name: str
    unit_code: str | None
    roles: tuple[str, ...]
    title: str = ""
    custom_unit_codes: tuple[str, ...] = ()
    description: str = ""


PERSONAS = [
    Persona(
        "leader",
        "市领导（示例）",
        "321182000000",
        (RoleCode.LEADER,),
        "副市长",
        description="reads everything: the whole city, every department",
    ),
    Persona(
        "supervisor",
        "督查室（示例）",
        "YZ-DEPT-DB",
        (RoleCode.SUPERVISOR,),
        "督查专员",
        description="issues and verifies tasks across the city",
    ),
    Persona(
        "fgw",
        "发改委（示例）",
        "YZ-DEPT-FGW",
        (RoleCode.DEPT_STAFF, RoleCode.KEY_PROJECTS),
        "科员",
        description="staff of 发展和改革委员会: their department's tasks; the key-project "
        "list's investment for the whole city",
    ),
    Persona(
        "tongji",
        "统计局（示例）",
        "YZ-DEPT-TJJ",
        (RoleCode.DEPT_STAFF, RoleCode.STATISTICIAN),
        "统计员",
        description="statistics bureau: enters every unit's figures and the peers'",
    ),
    Persona(
        "sanmao",
        "三茅街道（示例）",
        "321182001000",
        (RoleCode.TOWN_STAFF,),
        "经发局科员",
        description="staff of 三茅街道: the street, its communities, villages and grids",
    ),
    Persona(
        "xinba",
        "新坝镇（示例）",
        "YZ-XINBA",
        (RoleCode.TOWN_STAFF,),
        "经发局科员",
        description="staff of 新坝镇: the town and everything below it",
    ),
    Persona(
        "wangge",
        "新坝网格员（示例）",
        "YZ-XINBA-V02-G01",
        (RoleCode.GRID_WORKER,),
        "专职网格员",
        custom_unit_codes=("YZ-XINBA-V02-G01", "YZ-XINBA-V02-G02"),
        description="grid worker of two grids in 立新村, 新坝镇",
    ),
    Persona(
        "qiye",
        "示例电气（示例）",
        "YZ-CO-0001",
        (RoleCode.ENTERPRISE,),
        "企业联络员",
        description="user of one enterprise: their own company only",
    ),
    Persona(
        "gxj",
        "工信局（示例）",
        "YZ-DEPT-GXJ",
        (RoleCode.DEPT_STAFF, RoleCode.INDUSTRY),
        "科员",
        description="industry bureau: the enterprise registry and the per-mu evaluation",
    ),
    Persona(
        "czj",
        "财政局（示例）",
        "YZ-DEPT-CZJ",
        (RoleCode.DEPT_STAFF, RoleCode.FINANCE),
        "债务管理科科员",
        description="finance bureau: debt, the maturity wall and the peak-shaving plan",
    ),
    Persona(
        "rexian",
        "12345热线（示例）",
        "YZ-DEPT-SWZX",
        (RoleCode.DEPT_STAFF, RoleCode.INTAKE_DESK),
        "话务员",
        description="intake desk: takes and dispatches every citizen request",
    ),
    Persona(
        "nyj",
        "农业农村局（示例）",
        "YZ-DEPT-NYNC",
        (RoleCode.DEPT_STAFF, RoleCode.AGRICULTURE),
        "科员",
        description="agriculture bureau: villages, inspections and facilities city-wide",
    ),
    Persona(
        "zzb",
        "组织部（示例）",
        "YZ-DEPT-ZZB",
        (RoleCode.DEPT_STAFF, RoleCode.ORGANISATION),
        "组织员",
        description="organisation department: all party data",
    ),
    Persona(
        "wmb",
        "文明办（示例）",
        "YZ-DEPT-WMB",
        (RoleCode.DEPT_STAFF, RoleCode.CIVILISATION),
        "科员",
        description="civilisation office: creation applications and volunteer activities",
    ),
    Persona(
        "lixin",
        "立新村（示例）",
        "YZ-XINBA-V02",
        (RoleCode.VILLAGE_STAFF,),
        "村委会委员",
        description="staff of 立新村, 新坝镇: the village and its grids",
    ),
    Persona(
        "admin",
        "系统管理员（示例）",
        "321182000000",
        (RoleCode.ADMIN,),
        "管理员",
        description="org tree, users and roles",
    ),
    Persona(
        "outsider",
        "无角色用户（示例）",
        None,
        (),
        "",
        description="signed in, but with no role: sees no business data",
    ),
]


def ensure_personas(password: str = DEMO_PASSWORD) -> dict[str, object]:
    """Create or update the persona users (idempotent); they are demo users."""
    from django.contrib.auth.hashers import make_password

    from .models import OrgUnit, Role, User

    # One hash for the one documented demo password: hashing it per persona would cost
    # a second or more of key stretching each time the demo or a test database is loaded.
    hashed = make_password(password)
    units = {u.code: u for u in OrgUnit.objects.all()}
    roles = {r.code: r for r in Role.objects.all()}
    users = {}
    for p in PERSONAS:
        user, created = User.objects.get_or_create(
            username=p.username,
            defaults={"display_name": p.display_name, "is_demo": True},
        )
        user.display_name = p.display_name
        user.title = p.title
        user.unit = units.get(p.unit_code) if p.unit_code else None
        user.is_demo = True
        user.is_active = True
        if created or not user.has_usable_password():
            user.password = hashed
        user.save()
        user.roles.set([roles[code] for code in p.roles])
        user.custom_units.set([units[code] for code in p.custom_unit_codes])
        users[p.username] = user
    return users
