"""Per-mu evaluation scheme versions: an unused version is edited in place, a used one
gets a next version, and an edit of a superseded version is refused (409 on the page)."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from mingzhu.core.actions import ActionConflict
from mingzhu.enterprises import actions
from mingzhu.enterprises.models import MuScheme


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _save(scheme, actor, **changes):
    fields = {"name": scheme.name, "data": dict(scheme.data), "notes": ""} | changes
    return actions.save_scheme(scheme.pk if scheme else None, actor=actor, **fields)


def test_a_used_version_is_kept_and_the_edit_saved_as_the_next(gxj):
    used = MuScheme.objects.get(code="city", version=1)
    assert used.evaluations.exists()
    new = _save(used, gxj, notes="cap 1.8", data=dict(used.data, cap=1.8))
    assert (new.version, new.created_by, new.data["cap"]) == (2, gxj, 1.8)
    used.refresh_from_db()
    assert used.data["cap"] == 2.0 and new.is_current and not used.is_current


def test_an_unused_version_is_edited_in_place(gxj):
    new = _save(MuScheme.objects.get(code="city", version=1), gxj)
    again = _save(new, gxj, notes="改", data=dict(new.data, cap=1.5))
    assert again.pk == new.pk and again.data["cap"] == 1.5
    assert MuScheme.objects.filter(code="city").count() == 2


def test_a_scheme_written_afresh_takes_the_next_number(gxj):
    fresh = actions.save_scheme(
        None, actor=gxj, name="新方案", data=MuScheme.objects.get(code="city", version=1).data
    )
    assert fresh.version == 2 and actions.current_scheme() == fresh


def test_an_edit_of_a_superseded_version_is_refused(gxj):
    used = MuScheme.objects.get(code="city", version=1)
    _save(used, gxj)
    with pytest.raises(ActionConflict, match="Version 2 of this scheme was saved after version 1"):
        _save(used, gxj, notes="late")
    assert MuScheme.objects.filter(code="city").count() == 2


def test_it_refuses_who_may_not_and_what_is_broken(gxj, xinba):
    used = MuScheme.objects.get(code="city", version=1)
    with pytest.raises(PermissionDenied):
        _save(used, xinba)
    with pytest.raises(PermissionDenied):
        actions.save_scheme(None, actor=xinba, name="x", data=used.data)
    with pytest.raises(ValidationError):
        _save(used, gxj, data={"cap": 0})
    assert MuScheme.objects.filter(code="city").count() == 1


def test_the_edit_page_refuses_a_superseded_version_with_409(as_user, gxj):
    used = MuScheme.objects.get(code="city", version=1)
    client = as_user(gxj)
    url = reverse("enterprises:muscheme_edit", args=[used.pk])
    body = {"name": "新方案", "data": json.dumps(used.data), "notes": ""}
    assert client.post(url, body).status_code == 302
    response = client.post(url, body)
    assert response.status_code == 409
    assert "Open the newest version" in response.content.decode()
    assert MuScheme.objects.filter(code="city").count() == 2


def test_each_scheme_code_numbers_its_own_versions(gxj):
    zhejiang = MuScheme.objects.get(code="zhejiang", version=1)
    assert zhejiang.evaluations.exists()
    new = _save(zhejiang, gxj, data=dict(zhejiang.data, cap=3))
    assert (new.code, new.version) == ("zhejiang", 2)
    # The city's scheme is untouched and still current; an edit of it is not refused.
    city = actions.current_scheme()
    assert city.version == 1 and _save(city, gxj).version == 2
    assert actions.current_scheme("zhejiang") == new
