"""The API's serializers build their model fields from arguments worked out once per
class, field and language (``ScopedModelSerializer.build_field``): every serializer's
fields are the ones DRF's own building gives, in both languages, cold and kept."""

import pytest
from django.urls import get_resolver
from django.utils import translation
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mingzhu.core import api


def _serializer_classes() -> list[type]:
    get_resolver().url_patterns  # noqa: B018 (every app's API module)
    found, todo = [], [api.ScopedModelSerializer]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if getattr(cls, "Meta", None) is not None and getattr(cls.Meta, "model", None):
            found.append(cls)
    return found


def _built(cls, user) -> dict[str, str] | str:
    """The fields DRF built (not the declared ones), shown as DRF shows a field."""
    request = Request(APIRequestFactory().get("/api/v1/"))
    request.user = user
    request.accepted_renderer = JSONRenderer()
    try:
        fields = cls(context={"request": request}).get_fields()
    except Exception as error:  # noqa: BLE001 (the same failure both ways is the same)
        return f"{type(error).__name__}: {error}"
    return {
        name: f"{type(field).__name__} {field!r}"
        for name, field in fields.items()
        if name not in cls._declared_fields
    }


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_serializers_fields_are_drfs(leader, language, monkeypatch):
    classes = _serializer_classes()
    assert len(classes) > 40
    with translation.override(language):
        with monkeypatch.context() as patch:
            patch.setattr(
                api.ScopedModelSerializer, "build_field", serializers.ModelSerializer.build_field
            )
            drf = {cls: _built(cls, leader) for cls in classes}
        api._BUILT.clear()
        cold = {cls: _built(cls, leader) for cls in classes}
        assert api._BUILT, "the arguments are kept"
        kept = {cls: _built(cls, leader) for cls in classes}
    compared = 0
    for cls in classes:
        assert cold[cls] == drf[cls], cls
        assert kept[cls] == drf[cls], cls
        compared += len(drf[cls]) if isinstance(drf[cls], dict) else 0
    assert compared > 300


@pytest.mark.django_db
def test_a_kept_fields_arguments_are_not_shared_between_requests(leader):
    """Each field is made from its own copy of the kept arguments: changing one
    serializer's field leaves the next serializer's as built."""
    from mingzhu.tasks.api import TaskSerializer

    first = TaskSerializer().get_fields()
    first["title"].max_length = 3
    first["title"].validators.clear()
    first["title"]._kwargs["max_length"] = 3
    second = TaskSerializer().get_fields()
    assert second["title"].max_length != 3
    assert second["title"].validators
