from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    CITY = "city", _("City")
    TOWN = "town", _("Town")
    STREET = "street", _("Street (subdistrict)")
    ZONE = "zone", _("Development zone")
    VILLAGE = "village", _("Village")
    NATURAL_VILLAGE = "natural_village", _("Natural village")
    COMMUNITY = "community", _("Community")
    GRID = "grid", _("Grid")
    DEPARTMENT = "department", _("Department")
    COMPANY = "company", _("Company")
    PEER = "peer", _("Peer county")


# Kinds that are towns in the sense of the seeds: 镇（街、区）.
TOWN_KINDS = (UnitKind.TOWN, UnitKind.STREET, UnitKind.ZONE)


class RoleCode(models.TextChoices):
    LEADER = "leader", _("City leader")
    SUPERVISOR = "supervisor", _("Supervision office")
    DEPT_STAFF = "dept_staff", _("Department staff")
    TOWN_STAFF = "town_staff", _("Town staff")
    GRID_WORKER = "grid_worker", _("Grid worker")
    ENTERPRISE = "enterprise", _("Enterprise user")
    STATISTICIAN = "statistician", _("Statistician")
    # Functional roles of city bodies that keep one domain for the whole city; each is held
    # beside dept_staff and grants scope "all" only for its own domain's permissions.
    INDUSTRY = "industry", _("Industry bureau (enterprises)")
    FINANCE = "finance", _("Finance bureau (debt)")
    INTAKE_DESK = "intake_desk", _("Citizen request intake desk")
    AGRICULTURE = "agriculture", _("Agriculture bureau (rural work)")
    ORGANISATION = "organisation", _("Organisation department (party work)")
    CIVILISATION = "civilisation", _("Civilisation office")
    KEY_PROJECTS = "key_projects", _("Key-project office (development and reform)")
    VILLAGE_STAFF = "village_staff", _("Village or community staff")
    ADMIN = "admin", _("Administrator")
