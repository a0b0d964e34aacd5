"""A detail page reads its object by a query compiled once per model and view scope
(core.views.ObjectDetailView, core.prepared): the object in the user's scope, 404 for
one outside it or gone, and another scope never answered by the query of the first."""

import pytest

from mingzhu.core import prepared
from mingzhu.core.scope import restrict
from mingzhu.tasks.models import Task

pytestmark = pytest.mark.django_db


def detail_shapes() -> list[tuple]:
    return [key for key in prepared._KEPT if key[0] == "rows" and key[2] == "detail"]


def test_the_object_in_scope_and_no_other(as_user, sanmao):
    prepared._KEPT.clear()
    inside = restrict(Task.objects.order_by("pk"), sanmao, "view")
    outside = Task.objects.exclude(pk__in=inside.values("pk")).order_by("pk").first()
    client = as_user(sanmao)
    for task in inside[:3]:
        response = client.get(f"/tasks/{task.pk}/")
        assert response.status_code == 200
        assert response.context["object"] == task
        assert response.context["object"].lead_unit == task.lead_unit
    assert len(detail_shapes()) == 1  # one query for every task in this scope
    assert client.get(f"/tasks/{outside.pk}/").status_code == 404
    assert client.get("/tasks/987654321/").status_code == 404


def test_each_scope_has_its_own_query(as_user, sanmao, xinba, leader):
    prepared._KEPT.clear()
    theirs = restrict(Task.objects.order_by("pk"), xinba, "view").exclude(
        pk__in=restrict(Task.objects.all(), sanmao, "view").values("pk")
    )
    task = theirs.first()
    assert as_user(xinba).get(f"/tasks/{task.pk}/").status_code == 200
    assert as_user(sanmao).get(f"/tasks/{task.pk}/").status_code == 404
    assert as_user(leader).get(f"/tasks/{task.pk}/").status_code == 200
    assert len(detail_shapes()) == 3


def test_a_scope_changed_reads_with_the_new_scope(
    as_user, sanmao, xinba, django_capture_on_commit_callbacks
):
    task = (
        restrict(Task.objects.order_by("pk"), xinba, "view")
        .exclude(pk__in=restrict(Task.objects.all(), sanmao, "view").values("pk"))
        .first()
    )
    client = as_user(sanmao)
    assert client.get(f"/tasks/{task.pk}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        sanmao.unit = xinba.unit
        sanmao.save()
    assert client.get(f"/tasks/{task.pk}/").status_code == 200
