"""The API's lists are read by core.api.PlainListSerializer: every list of the API must
give DRF's own output, row for row and key for key, on the demo's data."""

import json

import pytest
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mingzhu.core.api import PlainListSerializer, ScopedModelSerializer
from mingzhu.urls import router


def _viewsets():
    return [
        (prefix, viewset)
        for prefix, viewset, _basename in router.registry
        if issubclass(getattr(viewset, "serializer_class", None) or object, ScopedModelSerializer)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["leader", "sanmao", "rexian"])
def test_every_api_list_reads_as_drf_does(username):
    from mingzhu.org.models import User

    user = User.objects.get(username=username)
    compared = rows = 0
    for prefix, viewset in _viewsets():
        raw = APIRequestFactory().get(f"/api/v1/{prefix}/")
        raw.user = user
        view = viewset(action="list", request=Request(raw), format_kwarg=None, kwargs={})
        view.request.user = user
        instances = list(view.get_queryset()[:60])
        context = view.get_serializer_context()
        plain = view.serializer_class(instances, many=True, context=context)
        assert isinstance(plain, PlainListSerializer), prefix
        drf = serializers.ListSerializer(
            instances, child=view.serializer_class(context=context), context=context
        )
        expected = drf.data
        got = plain.data
        # Same values, same keys in the same order (what the JSON shows).
        assert json.dumps(got, default=str) == json.dumps(expected, default=str), prefix
        compared += 1
        rows += len(instances)
    assert compared >= 10 and rows > 100


def test_a_serializer_with_its_own_list_class_keeps_it():
    class Own(serializers.ListSerializer):
        pass

    from mingzhu.tasks.models import Task

    class WithOwn(ScopedModelSerializer):
        class Meta:
            model = Task
            fields = ["id"]
            list_serializer_class = Own

    assert type(WithOwn([], many=True)) is Own
