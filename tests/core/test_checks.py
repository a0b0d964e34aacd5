"""The start-up checks refuse models that do not say where they sit in the org tree, and
default grants that name no permission."""

from mingzhu.core import apps
from mingzhu.core.checks import check_role_grants, check_scope_declarations
from mingzhu.org.choices import RoleCode
from mingzhu.org.models import OrgUnit
from mingzhu.org.roles import ROLE_PERMISSIONS


def _ids_for(model) -> set[str]:
    return {e.id for e in check_scope_declarations() if e.obj is model}


def test_it_accepts_the_org_models():
    assert _ids_for(OrgUnit) == set()


def test_it_reports_a_model_without_scope_declaration(monkeypatch):
    monkeypatch.setattr(OrgUnit, "scope_fields", ())
    monkeypatch.setattr(OrgUnit, "scope_global", False)
    errors = [e for e in check_scope_declarations() if e.obj is OrgUnit]
    assert [e.id for e in errors] == ["mingzhu.E001"]
    assert "org.OrgUnit" in errors[0].msg


def test_it_accepts_global_reference_data(monkeypatch):
    monkeypatch.setattr(OrgUnit, "scope_fields", ())
    monkeypatch.setattr(OrgUnit, "scope_global", True)
    assert _ids_for(OrgUnit) == set()


def test_it_reports_scope_fields_that_lead_nowhere(monkeypatch):
    monkeypatch.setattr(OrgUnit, "scope_fields", ("name", "parent__nothing"))
    assert _ids_for(OrgUnit) == {"mingzhu.E002"}


def test_it_accepts_scope_fields_through_relations(monkeypatch):
    monkeypatch.setattr(OrgUnit, "scope_fields", ("parent__parent",))
    assert _ids_for(OrgUnit) == set()


def test_it_reports_a_model_missing_from_the_audit_trail(monkeypatch):
    monkeypatch.setattr("mingzhu.core.audit.is_audited", lambda model: model is not OrgUnit)
    assert _ids_for(OrgUnit) == {"mingzhu.E004"}


def test_permissions_are_written_by_action_and_model():
    assert apps.permissions(
        "grid", "close_gridevent", view="gridevent campaign", add_change="campaign"
    ) == {
        "grid.close_gridevent",
        "grid.view_gridevent",
        "grid.view_campaign",
        "grid.add_campaign",
        "grid.change_campaign",
    }
    assert apps.permissions("targets", every="target") == {
        f"targets.{action}_target" for action in ("view", "add", "change", "delete")
    }


def test_every_default_grant_names_a_defined_permission():
    assert check_role_grants() == []


def test_it_reports_a_misspelt_grant(monkeypatch):
    monkeypatch.setitem(
        ROLE_PERMISSIONS, RoleCode.LEADER, ROLE_PERMISSIONS[RoleCode.LEADER] | {"tasks.veify_task"}
    )
    errors = check_role_grants()
    assert [e.id for e in errors] == ["mingzhu.E005"]
    assert "tasks.veify_task" in errors[0].msg and RoleCode.LEADER in errors[0].msg


def test_a_modules_source_reviewer_is_registered_when_the_apps_are_ready():
    from mingzhu.grid.actions import rechecks_task
    from mingzhu.tasks.actions import SOURCE_REVIEWERS
    from mingzhu.tasks.choices import SourceKind

    assert SOURCE_REVIEWERS[SourceKind.GRID_EVENT] is rechecks_task
    assert {SourceKind.DEMAND, SourceKind.CITIZEN_REQUEST} <= set(SOURCE_REVIEWERS)
