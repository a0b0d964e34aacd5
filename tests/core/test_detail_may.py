"""A detail page knows without a query that its user may change a record it read within
its view scope when the change scope is the same: the answer must be the query's."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from mingzhu.core.views import ObjectDetailView
from mingzhu.org.models import User
from mingzhu.tasks.models import Task
from mingzhu.tasks.views import TaskDetailView


def detail_views():
    def walk(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry)
            elif isinstance(entry, URLPattern):
                view = getattr(entry.callback, "view_class", None)
                detail = view is not None and issubclass(view, ObjectDetailView)
                if detail and getattr(view, "model", None) is not None:
                    yield view

    return list(dict.fromkeys(walk(get_resolver())))


def _view(cls, user):
    view = cls()
    request = RequestFactory().get("/")
    request.user = user
    view.setup(request)
    return view


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["leader", "supervisor", "sanmao", "fgw", "admin", "rexian"])
def test_may_change_is_the_querys_answer(username):
    user = User.objects.get(username=username)
    compared = 0
    for cls in detail_views():
        view = _view(cls, user)
        try:
            pks = list(view.restricted("view").order_by("pk").values_list("pk", flat=True)[:3])
        except PermissionDenied:
            continue
        for pk in pks:
            try:
                obj = view.get_object(pk)
            except (Http404, PermissionDenied):
                continue
            for action in ("change", "delete"):
                expected = view.restricted(action).filter(pk=obj.pk).exists()
                # The base's answer (a page's own ``_may`` may add conditions to it).
                got = ObjectDetailView._may(view, action, obj)
                assert got == expected, (cls.__name__, action, pk)
                compared += 1
    assert compared > 50


@pytest.mark.django_db
def test_the_task_page_asks_no_query_for_the_edit_button():
    user = User.objects.get(username="leader")
    view = _view(TaskDetailView, user)
    assert user.has_perm("tasks.change_task")
    obj = view.get_object(Task.objects.order_by("pk").values_list("pk", flat=True)[0])
    with CaptureQueriesContext(connection) as queries:
        assert view._may("change", obj)
    assert len(queries) == 0
    # A record not read through the page's own view scope is asked about.
    other = Task.objects.order_by("pk")[0]
    with CaptureQueriesContext(connection) as queries:
        assert view._may("change", other)
    assert len(queries) == 1
