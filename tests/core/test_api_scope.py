"""Writable relations of the API offer and accept only rows in the caller's scope.

The walk covers every serializer the OpenAPI schema's views use (the viewset's own, the
request bodies and the responses of their actions) and checks, for 新坝镇 staff, that each
writable related field's choices lie within ``restrict`` for that user."""

import contextlib

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import force_instance, is_serializer
from rest_framework import relations, serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mingzhu.core.api import ScopedRelationsMixin
from mingzhu.core.scope import permission_name, restrict, scope_q, user_scope
from mingzhu.enterprises.models import Enterprise

# Request bodies whose relation names where to send the work (any department or unit of
# the city), not a row the caller works on: deliberately not limited to the caller's scope.
DISPATCH_TARGETS = {
    ("DispatchSerializer", "department"),
    ("FactorDispatchSerializer", "department"),
    ("FileSerializer", "responsible_unit"),
    ("UnitBody", "unit"),
    ("RaiseVisitTaskBody", "lead_unit"),
    # The party actions check the member against the household's village and the
    # session's organisation themselves (members may belong to a branch outside the
    # caller's own unit).
    ("HouseholdLinkBody", "member"),
    ("HouseholdVisitBody", "member"),
    ("SessionAttendanceBody", "members"),
}


def _serializers_of(view) -> list:
    found = []
    schema = view.schema
    candidates = [schema.get_request_serializer(), schema.get_response_serializers()]
    if hasattr(view, "get_serializer_class"):
        with contextlib.suppress(AssertionError, AttributeError):
            candidates.append(view.get_serializer_class())
    for candidate in candidates:
        values = candidate.values() if isinstance(candidate, dict) else [candidate]
        for value in values:
            if is_serializer(value):
                found.append(type(force_instance(value)))
    return found


def _api_serializers() -> set[type]:
    generator = SchemaGenerator()
    generator._initialise_endpoints()
    classes: set[type] = set()
    for path, _regex, method, view in generator._get_paths_and_endpoints():
        view.request = None
        view.schema.path = path
        view.schema.method = method
        view.schema.view = view
        for cls in _serializers_of(view):
            if isinstance(cls, type) and issubclass(cls, serializers.ListSerializer):
                continue
            classes.add(cls)
    return classes


def _writable_relations(serializer):
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        relation = field.child_relation if isinstance(field, relations.ManyRelatedField) else field
        if isinstance(relation, relations.RelatedField) and relation.queryset is not None:
            yield name, relation


def _in_scope(model, user):
    """What restrict gives the user; for a model the user may not browse, the rows placed
    within the user's data scope (a relation may still name those)."""
    if getattr(model, "scope_global", False) or user.has_perm(permission_name(model, "view")):
        return restrict(model._default_manager.all(), user, "view")
    q = scope_q(model, user_scope(user), user)
    return model._default_manager.filter(q) if q is not None else model._default_manager.all()


@pytest.fixture(scope="module")
def api_serializers(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _api_serializers()


def test_the_walk_finds_the_api_serializers(api_serializers):
    names = {cls.__name__ for cls in api_serializers}
    assert {"TaskSerializer", "VisitSerializer", "RuralFaultSerializer"} <= names
    assert len(api_serializers) > 60


def test_every_model_serializer_derives_from_the_scoped_base(api_serializers):
    plain = [
        cls.__name__
        for cls in api_serializers
        if issubclass(cls, serializers.ModelSerializer)
        and not issubclass(cls, ScopedRelationsMixin)
    ]
    assert plain == []


def test_every_writable_relation_offers_only_rows_in_scope(api_serializers, xinba):
    request = Request(APIRequestFactory().get("/api/v1/"))
    request.user = xinba
    checked, outside = 0, []
    for cls in sorted(api_serializers, key=lambda c: c.__name__):
        serializer = cls(context={"request": request})
        for name, relation in _writable_relations(serializer):
            if (cls.__name__, name) in DISPATCH_TARGETS:
                continue
            offered = relation.get_queryset()
            allowed = _in_scope(offered.model, xinba)
            checked += 1
            if offered.exclude(pk__in=allowed.values("pk")).exists():
                outside.append(f"{cls.__name__}.{name}")
    assert outside == []
    assert checked > 20


def test_dispatch_targets_named_above_exist(api_serializers):
    fields = {
        (cls.__name__, name)
        for cls in api_serializers
        for name, _ in _writable_relations(cls(context={}))
    }
    assert fields >= DISPATCH_TARGETS


def test_the_visit_form_offers_the_towns_enterprises_only(as_user, xinba):
    form = as_user(xinba).options("/api/v1/enterprises/visits/")
    assert form.status_code == 200
    in_scope = restrict(Enterprise.objects.all(), xinba, "view").count()
    assert 0 < in_scope < Enterprise.objects.count()
    request = Request(APIRequestFactory().get("/api/v1/"))
    request.user = xinba
    from mingzhu.enterprises.api import VisitSerializer

    field = VisitSerializer(context={"request": request}).fields["enterprise"]
    assert field.get_queryset().count() == in_scope


def test_a_relation_outside_scope_is_refused_naming_the_field(as_user, xinba):
    outside = Enterprise.objects.exclude(
        pk__in=restrict(Enterprise.objects.all(), xinba, "view").values("pk")
    ).first()
    body = {"enterprise": outside.pk, "kind": "survey", "date": "2025-05-05", "visitors": "调研组"}
    response = as_user(xinba).post(
        "/api/v1/enterprises/visits/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "enterprise" in response.json()
    assert response.json()["codes"]["enterprise"] == ["does_not_exist"]
