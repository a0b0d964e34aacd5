"""Dictionaries (数据字典): the administrator adds entries to lists of choices, renames
and disables them; forms offer the enabled ones, records keep the disabled ones."""

import datetime as dt

import pytest
from django.utils import timezone

from mingzhu.core.audit import history_for
from mingzhu.enterprises.forms import VisitForm
from mingzhu.enterprises.models import Enterprise, Visit
from mingzhu.party.forms import PartyGroupActivityForm
from mingzhu.party.models import PartyGroup, PartyGroupActivity
from mingzhu.system import dictionaries
from mingzhu.system.models import DictionaryEntry

VISITS = "/system/dictionaries/enterprises.visit_kind/"


def _add(**fields) -> DictionaryEntry:
    values = {"dictionary": "enterprises.visit_kind", "code": "policy", "label": "政策宣讲"}
    return DictionaryEntry.objects.create(**(values | fields))


def _offered(form) -> set[str]:
    return {value for value, _label in form.fields["kind"].choices}


def test_the_builtin_entries_are_offered_without_added_ones(db):
    assert {"warm", "steward", "survey"} <= {
        v for v, _l in dictionaries.form_choices("enterprises.visit_kind")
    }


def test_an_added_entry_is_offered_and_a_visit_of_that_kind_is_valid(supervisor):
    _add()
    assert "policy" in _offered(VisitForm(user=supervisor))
    visit = Visit(
        enterprise=Enterprise.objects.first(),
        kind="policy",
        date=timezone.localdate(),
        visitors="张三",
    )
    visit.full_clean()
    visit.save()
    assert visit.get_kind_display() == "政策宣讲"


def test_a_kind_not_in_the_dictionary_is_refused(db):
    visit = Visit(
        enterprise=Enterprise.objects.first(),
        kind="nonsense",
        date=timezone.localdate(),
        visitors="张三",
    )
    with pytest.raises(Exception, match="nonsense"):
        visit.full_clean()


def test_a_disabled_entry_is_no_longer_offered_but_records_keep_it(supervisor):
    entry = _add()
    visit = Visit.objects.create(
        enterprise=Enterprise.objects.first(),
        kind="policy",
        date=timezone.localdate(),
        visitors="张三",
    )
    entry.is_active = False
    entry.save()
    assert "policy" not in _offered(VisitForm(user=supervisor))
    visit.full_clean()
    assert visit.get_kind_display() == "政策宣讲"


def test_a_form_editing_a_record_keeps_its_disabled_kind(administrator):
    DictionaryEntry.objects.create(
        dictionary="party.activity_kind", code="river", label="护河行动", is_active=False
    )
    group = PartyGroup.objects.first()
    activity = PartyGroupActivity.objects.create(
        group=group, held_on=timezone.localdate() - dt.timedelta(days=1), kind="river", topic="巡河"
    )
    assert "river" in _offered(PartyGroupActivityForm(instance=activity, user=administrator))
    assert "river" not in _offered(PartyGroupActivityForm(user=administrator))


# The pages -------------------------------------------------------------------------


def test_the_administrator_adds_an_entry(as_user, administrator):
    client = as_user(administrator)
    assert "企业走访类型" in client.get("/system/dictionaries/").content.decode()
    response = client.post(
        VISITS, {"code": "policy", "label": "政策宣讲", "order": "10", "is_active": "on"}
    )
    assert response.status_code == 302
    entry = DictionaryEntry.objects.get(dictionary="enterprises.visit_kind", code="policy")
    assert history_for(entry).get().actor == administrator
    assert "政策宣讲" in client.get(VISITS).content.decode()


@pytest.mark.parametrize("code", ["warm", "policy"])
def test_a_code_already_in_the_dictionary_is_refused(as_user, administrator, code):
    _add()
    response = as_user(administrator).post(VISITS, {"code": code, "label": "重复", "order": "1"})
    assert response.status_code == 400
    assert "已有" in response.content.decode()
    assert DictionaryEntry.objects.count() == 1


def test_a_bad_code_is_refused(as_user, administrator):
    response = as_user(administrator).post(
        VISITS, {"code": "政策 宣讲", "label": "x", "order": "1"}
    )
    assert response.status_code == 400
    assert not DictionaryEntry.objects.exists()


def test_the_administrator_disables_an_entry_but_not_its_code(as_user, administrator):
    entry = _add()
    response = as_user(administrator).post(
        f"/system/dictionaries/entries/{entry.pk}/",
        {"code": "changed", "label": "政策宣讲（停用）", "order": "5"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.code, entry.label, entry.is_active) == ("policy", "政策宣讲（停用）", False)


def test_an_unknown_dictionary_answers_404(as_user, administrator):
    assert as_user(administrator).get("/system/dictionaries/nothing/").status_code == 404


@pytest.mark.parametrize("persona", ["supervisor", "leader", "sanmao", "outsider"])
def test_others_may_neither_read_nor_change_dictionaries(request, as_user, persona):
    entry = _add()
    client = as_user(request.getfixturevalue(persona))
    assert client.get("/system/dictionaries/").status_code == 403
    assert client.get(VISITS).status_code == 403
    assert client.post(VISITS, {"code": "new", "label": "新", "order": "1"}).status_code == 403
    edit = f"/system/dictionaries/entries/{entry.pk}/"
    assert client.post(edit, {"label": "改", "order": "1"}).status_code == 403
    entry.refresh_from_db()
    assert entry.label == "政策宣讲" and DictionaryEntry.objects.count() == 1
