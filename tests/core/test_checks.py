"""The start-up check refuses models that do not say where they sit in the org tree."""

from mingzhu.core.checks import check_scope_declarations
from mingzhu.org.models import OrgUnit


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
