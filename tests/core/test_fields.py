"""The shared field factories and model checks (core.fields, core.models.FieldErrors)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from mingzhu.core.fields import (
    foreign_key,
    illustrative,
    latitude_field,
    task_link,
    task_list_fk,
    unit_fk,
    user_fk,
)
from mingzhu.core.models import FieldErrors, Named
from mingzhu.org.choices import UnitKind
from mingzhu.org.models import OrgUnit
from mingzhu.party.models import Household, PartyGroup, PartyMember
from mingzhu.rural.models import Facility


def _options(field):
    return field.deconstruct()[3]


def test_unit_fk_protects_and_hides_the_reverse_relation_by_default():
    options = _options(unit_fk("unit"))
    assert options["to"] == "org.orgunit"
    assert options["on_delete"] is models.PROTECT
    assert options["related_name"] == "+"
    assert "null" not in options and "limit_choices_to" not in options


def test_unit_fk_limits_the_kinds_offered():
    assert _options(unit_fk("grid", kind=UnitKind.GRID))["limit_choices_to"] == {"kind": "grid"}
    kinds = (UnitKind.VILLAGE, UnitKind.COMMUNITY)
    assert _options(unit_fk("v", "homes", kinds=kinds))["limit_choices_to"] == {"kind__in": kinds}


def test_optional_links_are_nullable_and_blank():
    options = _options(user_fk("by", optional=True, on_delete=models.SET_NULL))
    assert options["null"] is True and options["blank"] is True
    assert options["on_delete"] is models.SET_NULL


def test_task_link_is_one_task_per_record():
    field = task_link("hazard")
    assert isinstance(field, models.OneToOneField)
    assert _options(field)["related_name"] == "hazard"
    assert field.null and field.verbose_name == _("task")
    assert not task_link("remediation", optional=False).null
    assert task_list_fk().verbose_name == _("task list")


def test_the_factories_match_the_fields_written_out():
    written = models.ForeignKey(
        "org.OrgUnit", verbose_name="grid", on_delete=models.PROTECT, related_name="x"
    )
    assert _options(foreign_key("org.OrgUnit", "grid", "x")) == _options(written)
    assert _options(illustrative()) == _options(
        models.BooleanField(_("illustrative"), default=False)
    )
    assert latitude_field().clean(Decimal("45.5"), None) == Decimal("45.5")
    with pytest.raises(ValidationError):
        latitude_field().clean(Decimal("91"), None)


def test_named_records_read_as_their_name():
    class Thing(Named):
        name = "背街小巷整治"

    assert str(Thing()) == "背街小巷整治"


def test_field_errors_gather_and_raise_together():
    errors = FieldErrors().order("end_date", 2, 1).at_most("hours", 5, 3, "at most %(hours)s")
    with pytest.raises(ValidationError) as caught:
        errors.raise_if_any()
    assert caught.value.message_dict == {
        "end_date": [str(_("The end date is before the start date."))],
        "hours": ["at most 3"],
    }
    FieldErrors().order("end_date", 1, None).at_most("hours", 3, 3, "x").raise_if_any()


@pytest.mark.django_db
def test_a_unit_of_the_wrong_kind_is_refused():
    town = OrgUnit.objects.filter(kind=UnitKind.TOWN).first()
    village = OrgUnit.objects.filter(kind=UnitKind.VILLAGE).first()
    with pytest.raises(ValidationError) as caught:
        Facility(village=town).clean()
    assert list(caught.value.message_dict) == ["village"]
    Facility(village=village).clean()
    with pytest.raises(ValidationError) as caught:
        Household(village=town).clean()
    assert list(caught.value.message_dict) == ["village"]


@pytest.mark.django_db
def test_a_member_of_another_organisation_is_refused():
    member = PartyMember.objects.select_related("organisation").first()
    assert member is not None
    group = PartyGroup(organisation=member.organisation, name="x", leader=member)
    group.clean()
    other = PartyMember.objects.exclude(organisation=member.organisation).first()
    group.leader = other
    with pytest.raises(ValidationError) as caught:
        group.clean()
    assert list(caught.value.message_dict) == ["leader"]
