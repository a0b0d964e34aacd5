"""A serializer answering a GET in JSON without data only shows rows: its writable
relations are not limited to the caller's scope (their choices are never read). Any
other use (data given, another method, the browsable API drawing its forms) still has
them limited."""

import pytest
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mingzhu.org.models import OrgUnit
from mingzhu.tasks.api import TaskSerializer


def _request(method: str, user, renderer=None) -> Request:
    request = Request(getattr(APIRequestFactory(), method)("/api/v1/tasks/"))
    request.user = user
    if renderer is not None:
        request.accepted_renderer = renderer
    return request


def _lead_units(serializer) -> set[int]:
    return set(serializer.fields["lead_unit"].queryset.values_list("pk", flat=True))


@pytest.mark.django_db
def test_only_a_json_get_without_data_leaves_relations_unlimited(sanmao):
    everything = set(OrgUnit.objects.values_list("pk", flat=True))
    in_scope = set(OrgUnit.objects.restrict(sanmao, "view").values_list("pk", flat=True))
    assert in_scope < everything
    shown = TaskSerializer(context={"request": _request("get", sanmao, JSONRenderer())})
    assert _lead_units(shown) == everything
    limited = [
        TaskSerializer(context={"request": _request("get", sanmao, BrowsableAPIRenderer())}),
        TaskSerializer(context={"request": _request("get", sanmao)}),
        TaskSerializer(context={"request": _request("post", sanmao, JSONRenderer())}),
        TaskSerializer(data={}, context={"request": _request("get", sanmao, JSONRenderer())}),
    ]
    for serializer in limited:
        assert _lead_units(serializer) <= in_scope


@pytest.mark.django_db
def test_the_task_leader_is_chosen_among_leaders_unless_only_shown(supervisor):
    """The leader's choices (users with the leader role) are narrowed wherever they can
    be read; a JSON GET without data, which never reads them, skips building that."""
    from mingzhu.org.models import User

    leaders = set(User.objects.filter(roles__code="leader").values_list("pk", flat=True))
    assert leaders
    shown = TaskSerializer(context={"request": _request("get", supervisor, JSONRenderer())})
    assert shown.only_shown()
    for serializer in [
        TaskSerializer(context={"request": _request("get", supervisor, BrowsableAPIRenderer())}),
        TaskSerializer(data={}, context={"request": _request("post", supervisor, JSONRenderer())}),
    ]:
        assert not serializer.only_shown()
        chosen = set(serializer.fields["leader"].queryset.values_list("pk", flat=True))
        assert chosen and chosen <= leaders
