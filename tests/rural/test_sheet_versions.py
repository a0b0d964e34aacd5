"""Scoring sheet versions: a new version comes from the newest one; one made from a
superseded version is refused on the page as in the action; a second sheet may not take
the name of an existing one."""

import datetime as dt

import pytest

from mingzhu.core.actions import ActionConflict
from mingzhu.rural import actions
from mingzhu.rural.models import ScoringSheet

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

DAY = dt.date(2030, 1, 1)


def test_a_new_version_records_who_made_it(nyj, sheet):
    new = actions.new_sheet_version(sheet, actor=nyj, valid_from=DAY, notes="修订")
    assert (new.version, new.created_by, new.notes) == (2, nyj, "修订")
    assert new.is_current and not sheet.is_current


def test_a_version_made_from_a_superseded_one_is_refused(nyj, sheet):
    actions.new_sheet_version(sheet, actor=nyj, valid_from=DAY)
    with pytest.raises(ActionConflict, match="Version 2 of this scheme"):
        actions.new_sheet_version(sheet, actor=nyj, valid_from=DAY)
    assert ScoringSheet.versions_of(sheet.name).count() == 2


def test_the_version_page_refuses_a_superseded_version_on_the_form(as_user, nyj, sheet):
    client = as_user(nyj)
    url = f"/rural/sheets/{sheet.pk}/version/"
    assert client.post(url, {"valid_from": "2030-01-01"}).status_code == 302
    response = client.post(url, {"valid_from": "2030-02-01"})
    assert response.status_code == 409  # a newer version was saved meanwhile
    assert "Open the newest version" in response.content.decode()
    assert ScoringSheet.versions_of(sheet.name).count() == 2


def test_a_second_sheet_may_not_take_an_existing_name(as_user, nyj, sheet):
    client = as_user(nyj)
    data = {"name": sheet.name, "valid_from": "2030-01-01", "notes": ""}
    response = client.post("/rural/sheets/add/", data)
    assert response.status_code == 200
    assert "make a new version of it instead" in response.content.decode()
    assert ScoringSheet.versions_of(sheet.name).count() == 1
    # Keeping its own name while editing is fine, even with several versions.
    new = actions.new_sheet_version(sheet, actor=nyj, valid_from=DAY)
    response = client.post(f"/rural/sheets/{new.pk}/edit/", data | {"notes": "改"})
    assert response.status_code == 302
