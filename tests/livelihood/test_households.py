import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from mingzhu.core.actions import ActionError
from mingzhu.livelihood import actions, protect
from mingzhu.livelihood.models import MonitoredHousehold, MonitoringLine
from mingzhu.tasks.choices import SourceKind

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

FIRST17 = "32118219750505321"
ID = FIRST17 + protect.id_check_digit(FIRST17)


def _form(user, unit, **overrides):
    from mingzhu.livelihood.forms import HouseholdForm

    data = {
        "village": unit("YZ-XINBA-V02").pk,
        "household_type": "unstable",
        "head_name": "测试户主",
        "id_number": ID,
        "members": 4,
        "income_year": 2030,
        "income_per_capita": "8800",
        "risk_causes": ["illness", "schooling"],
        "cadre": "赵干部",
        "identified_on": "2030-01-10",
    }
    data.update(overrides)
    return HouseholdForm(data, user=user)


@pytest.fixture
def line(db):
    return MonitoringLine.objects.update_or_create(year=2030, defaults={"amount": 9000})[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("income_per_capita", "1.2"),  # 万元 instead of yuan
        ("income_per_capita", "-100"),
        ("id_number", "321182197505053210"),  # wrong check digit, unless by chance right
        ("members", "0"),
        ("village", "__town__"),
    ],
)
def test_it_refuses_bad_household_data(lixin, unit, field, value):
    if field == "id_number" and protect.id_check_digit(value[:17]) == value[-1]:
        value = value[:17] + ("1" if value[-1] != "1" else "2")
    if value == "__town__":
        value = unit("YZ-XINBA").pk
    form = _form(lixin, unit, **{field: value})
    assert not form.is_valid()
    assert field in form.errors


def test_a_household_below_or_near_the_line_is_alerted(as_user, lixin, unit, line):
    form = _form(lixin, unit)
    assert form.is_valid(), form.errors
    household = form.save()
    listing = as_user(lixin).get("/livelihood/households/", {"alert": "below"})
    assert household.pk in {o.pk for o, _v in listing.context["rows"]}
    near = as_user(lixin).get("/livelihood/households/", {"alert": "near"})
    assert household.pk not in {o.pk for o, _v in near.context["rows"]}
    MonitoredHousehold.objects.filter(pk=household.pk).update(income_per_capita=Decimal(9500))
    near = as_user(lixin).get("/livelihood/households/", {"alert": "near"})
    assert household.pk in {o.pk for o, _v in near.context["rows"]}


def test_elimination_is_proposed_and_reviewed_by_someone_else(lixin, nyj, unit, line):
    household = _form(lixin, unit).save()
    with pytest.raises(ActionError):  # still below the line
        actions.propose_elimination(household.pk, actor=lixin, reason="收入稳定")
    MonitoredHousehold.objects.filter(pk=household.pk).update(income_per_capita=Decimal(15000))
    with pytest.raises(PermissionDenied):
        actions.review_elimination(household.pk, actor=lixin, approve=True)
    actions.propose_elimination(household.pk, actor=lixin, reason="务工收入稳定")
    actions.review_elimination(household.pk, actor=nyj, approve=True, on=dt.date(2030, 6, 30))
    household.refresh_from_db()
    assert household.elimination == "eliminated" and household.eliminated_on == dt.date(2030, 6, 30)
    assert household.reviewed_by == nyj
    with pytest.raises(ActionError):
        actions.review_elimination(household.pk, actor=nyj, approve=True)


def test_the_proposer_never_reviews(nyj, unit, line):
    household = _form(nyj, unit, income_per_capita="20000").save()
    actions.propose_elimination(household.pk, actor=nyj, reason="收入稳定")
    with pytest.raises(PermissionDenied):
        actions.review_elimination(household.pk, actor=nyj, approve=True)


def test_an_assistance_measure_is_a_task(nyj, lixin, unit, line):
    household = _form(lixin, unit).save()
    with pytest.raises(PermissionDenied):
        actions.add_measure(
            household.pk,
            actor=lixin,
            kind="medical",
            description="大病医疗救助",
            lead_unit=unit("YZ-XINBA"),
            deadline=dt.date(2030, 6, 30),
        )
    measure = actions.add_measure(
        household.pk,
        actor=nyj,
        kind="medical",
        description="大病医疗救助",
        lead_unit=unit("YZ-XINBA"),
        deadline=dt.date(2030, 6, 30),
    )
    task = measure.task
    assert task.source_kind == SourceKind.ASSISTANCE and task.status == "assigned"
    assert task.source_object == household and task.lead_unit.code == "YZ-XINBA"


def test_household_pages_by_persona(as_user, request, lixin, unit, line):
    household = _form(lixin, unit).save()
    for persona, status in [
        ("nyj", 200),
        ("lixin", 200),
        ("xinba", 200),
        ("leader", 200),
        ("sanmao", 404),
        ("fgw", 404),
        ("outsider", 404),
    ]:
        response = as_user(request.getfixturevalue(persona)).get(household.get_absolute_url())
        assert response.status_code == status, persona
    assert as_user(request.getfixturevalue("fgw")).get("/livelihood/households/").status_code == 403
    add = as_user(lixin).post("/livelihood/households/add/", {**_form(lixin, unit).data})
    assert add.status_code == 302
    bad = as_user(lixin).post(
        "/livelihood/households/add/", {**_form(lixin, unit).data, "income_per_capita": "0.9"}
    )
    assert bad.status_code == 200 and "income_per_capita" in bad.context["form"].errors
