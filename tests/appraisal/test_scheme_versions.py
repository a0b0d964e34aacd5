"""Scheme versions: an edit saves the next version; an edit started from a version that
has since been superseded is refused, in the action and on the page."""

import pytest

from mingzhu.appraisal import actions
from mingzhu.appraisal.choices import DEPARTMENT_SCHEME
from mingzhu.appraisal.models import Scheme
from mingzhu.core.actions import ActionConflict

from .test_views import _scheme_post

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree


def _items(scheme):
    return [
        {"code": i.code, "name": i.name, "weight": i.weight, "cap": i.cap}
        for i in scheme.items.all()
    ]


def _save(scheme, actor, note=""):
    return actions.save_scheme_version(
        scheme.pk, actor=actor, name=scheme.name, items=_items(scheme), note=note
    )


def test_it_saves_the_next_version_as_the_current_one(supervisor):
    first = Scheme.objects.get(code=DEPARTMENT_SCHEME, version=1)
    new = _save(first, supervisor, note="第二版")
    assert (new.version, new.created_by, new.note) == (2, supervisor, "第二版")
    assert new.is_current and not first.is_current
    assert actions.current_scheme(DEPARTMENT_SCHEME) == new
    assert list(first.versions().values_list("version", flat=True)) == [2, 1]


def test_it_refuses_an_edit_of_a_superseded_version(supervisor):
    first = Scheme.objects.get(code=DEPARTMENT_SCHEME, version=1)
    _save(first, supervisor)
    with pytest.raises(ActionConflict, match="Version 2 of this scheme was saved after version 1"):
        _save(first, supervisor, note="based on version 1")
    assert Scheme.objects.filter(code=DEPARTMENT_SCHEME).count() == 2
    third = _save(Scheme.objects.get(code=DEPARTMENT_SCHEME, version=2), supervisor)
    assert third.version == 3


def test_the_edit_page_says_why_a_stale_edit_is_refused(as_user, supervisor):
    first = Scheme.objects.get(code=DEPARTMENT_SCHEME, version=1)
    client = as_user(supervisor)
    url = f"/appraisal/schemes/{first.pk}/edit/"
    assert client.post(url, _scheme_post(first)).status_code == 302
    response = client.post(url, _scheme_post(first, note="again"))
    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="errors"' in page and "Open the newest version" in page
    assert Scheme.objects.filter(code=DEPARTMENT_SCHEME).count() == 2
