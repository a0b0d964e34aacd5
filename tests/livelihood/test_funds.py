"""The mutual-aid ledger: entries immutable once approved, corrections as new entries,
a public notice without personal identifiers."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from factories import mutual_aid_fund, scoped_user

from mingzhu.core.actions import ActionError
from mingzhu.livelihood import actions
from mingzhu.livelihood.choices import AidReason
from mingzhu.livelihood.metrics import fund_figures
from mingzhu.livelihood.models import FundEntry, ImmutableError

# Needs only the org tree and the personas (tests/conftest.py: database levels).
pytestmark = pytest.mark.tree

DAY = dt.date(2030, 3, 4)


@pytest.fixture
def fund(unit):
    """Another village's fund (新治村)."""
    return mutual_aid_fund("YZ-XINBA-V03")


def _donation(fund, lixin_or_other, amount="1.0000", donor="爱心企业"):
    return actions.record_entry(
        fund, actor=lixin_or_other, kind="donation", amount=amount, date=DAY, donor=donor
    )


def _aid(fund, lixin, amount, recipient="张某户", reason="illness"):
    return actions.record_entry(
        fund,
        actor=lixin,
        kind="aid",
        amount=amount,
        date=DAY,
        recipient=recipient,
        reason=reason,
    )


@pytest.fixture
def lixin_fund(unit):
    return mutual_aid_fund("YZ-XINBA-V02")


def test_an_approved_entry_is_immutable_and_corrected_by_a_new_entry(lixin_fund, lixin, xinba):
    balance = actions.balance_of(lixin_fund)
    entry = _donation(lixin_fund, lixin)
    assert actions.balance_of(lixin_fund) == balance  # drafts do not count
    actions.approve_entry(entry.pk, actor=xinba)
    assert actions.balance_of(lixin_fund) == balance + Decimal("1.0000")
    entry.refresh_from_db()
    entry.amount = Decimal("2.0000")
    with pytest.raises(ImmutableError):
        entry.save()
    with pytest.raises(ImmutableError):
        entry.delete()
    correction = actions.correct_entry(
        entry.pk, actor=lixin, amount="-0.0500", purpose="多记500元", date=DAY
    )
    assert correction.corrects == entry and correction.status == "draft"
    actions.approve_entry(correction.pk, actor=xinba)
    assert actions.balance_of(lixin_fund) == balance + Decimal("0.9500")
    assert FundEntry.objects.get(pk=entry.pk).amount == Decimal("1.0000")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "donation", "amount": "-1", "donor": "某企业"}, "amount"),
        ({"kind": "donation", "amount": "0", "donor": "某企业"}, "amount"),
        ({"kind": "donation", "amount": "1", "donor": ""}, "donor"),
        ({"kind": "aid", "amount": "0.1", "recipient": "", "reason": "illness"}, "recipient"),
        ({"kind": "aid", "amount": "0.1", "recipient": "张某户", "reason": ""}, "reason"),
        ({"kind": "donation", "amount": "0.00001", "donor": "某企业"}, "amount"),
    ],
)
def test_it_refuses_bad_entries_and_writes_nothing(lixin_fund, lixin, values, field):
    before = FundEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        actions.record_entry(lixin_fund, actor=lixin, date=DAY, **values)
    assert field in caught.value.message_dict
    assert FundEntry.objects.count() == before


def test_the_recorder_never_approves_and_aid_never_exceeds_the_balance(lixin_fund, lixin, xinba):
    entry = _donation(lixin_fund, lixin)
    with pytest.raises(PermissionDenied):
        actions.approve_entry(entry.pk, actor=lixin)
    too_much = actions.balance_of(lixin_fund) + Decimal("5")
    aid = _aid(lixin_fund, lixin, too_much)
    with pytest.raises(ActionError):
        actions.approve_entry(aid.pk, actor=xinba)
    actions.approve_entry(entry.pk, actor=xinba)
    with pytest.raises(ActionError):
        actions.approve_entry(entry.pk, actor=xinba)


def test_a_village_records_only_for_its_own_fund(fund, lixin, sanmao):
    with pytest.raises(Http404):
        _donation(fund, lixin)
    with pytest.raises(PermissionDenied):
        _donation(fund, sanmao)  # a town approves, it does not record


def test_a_village_corrects_only_its_own_funds_entries(fund, lixin, xinba):
    # 新治村's own recorder records and 新坝镇 approves; 立新村 may not correct it.
    recorder = scoped_user(
        "YZ-XINBA-V03",
        (
            "unit_and_below",
            (
                "livelihood.add_fundentry",
                "livelihood.view_fundentry",
                "livelihood.view_mutualaidfund",
            ),
        ),
    )
    entry = _donation(fund, recorder)
    actions.approve_entry(entry.pk, actor=xinba)
    before = FundEntry.objects.count()
    with pytest.raises(Http404):
        actions.correct_entry(entry.pk, actor=lixin, amount="-0.0500", purpose="越界更正", date=DAY)
    assert FundEntry.objects.count() == before


def test_the_public_notice_names_nobody(as_user, lixin_fund, lixin, xinba, outsider, sanmao):
    entry = _donation(lixin_fund, lixin, donor="张慈善")
    actions.approve_entry(entry.pk, actor=xinba)
    aid = _aid(lixin_fund, lixin, "0.1000", recipient="李困难户")
    actions.approve_entry(aid.pk, actor=xinba)
    for user in (outsider, sanmao, lixin):
        response = as_user(user).get(f"/livelihood/funds/{lixin_fund.pk}/notice/")
        page = response.content.decode()
        assert response.status_code == 200
        assert "张慈善" not in page and "李困难户" not in page and 'id="balance"' in page
    # the ledger itself stays within scope
    assert as_user(sanmao).get(f"/livelihood/funds/{lixin_fund.pk}/").status_code == 404
    assert as_user(outsider).get(f"/livelihood/funds/{lixin_fund.pk}/").status_code == 404
    ledger = as_user(lixin).get(f"/livelihood/funds/{lixin_fund.pk}/").content.decode()
    assert "张慈善" in ledger


def test_entries_through_the_pages(as_user, lixin_fund, lixin, xinba):
    url = f"/livelihood/funds/{lixin_fund.pk}/entries/add/"
    bad = as_user(lixin).post(url, {"kind": "donation", "amount": "-2", "date": "2030-03-04"})
    assert bad.status_code == 400
    ok = as_user(lixin).post(
        url, {"kind": "donation", "amount": "0.5", "date": "2030-03-04", "donor": "页面捐赠人"}
    )
    assert ok.status_code == 302
    entry = FundEntry.objects.get(donor="页面捐赠人")
    assert as_user(lixin).post(f"/livelihood/entries/{entry.pk}/approve/").status_code == 403
    assert as_user(xinba).post(f"/livelihood/entries/{entry.pk}/approve/").status_code == 302
    entry.refresh_from_db()
    assert entry.status == "approved"
    assert as_user(xinba).get(f"/livelihood/funds/{lixin_fund.pk}/entries/add/").status_code == 403


def test_the_api_records_and_approves(as_user, lixin_fund, lixin, xinba):
    body = {"fund": lixin_fund.pk, "kind": "donation", "amount": "-1", "date": "2030-03-04"}
    assert as_user(lixin).post("/api/v1/livelihood/fund-entries/", body).status_code == 400
    body.update(amount="0.3", donor="接口捐赠人")
    created = as_user(lixin).post("/api/v1/livelihood/fund-entries/", body)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    url = f"/api/v1/livelihood/fund-entries/{pk}/approve/"
    assert as_user(lixin).post(url).status_code == 403
    assert as_user(xinba).post(url).json()["status"] == "approved"
    assert as_user(xinba).post(url).status_code == 400


def test_fund_figures_count_approved_entries_only(lixin_fund, lixin, xinba):
    totals, by_reason = fund_figures(lixin_fund)
    assert totals["balance"] == actions.balance_of(lixin_fund)
    donation = _donation(lixin_fund, lixin, amount="2.0000")
    aid = _aid(lixin_fund, lixin, "0.5000", reason="schooling")
    assert fund_figures(lixin_fund) == (totals, by_reason)  # drafts do not count
    actions.approve_entry(donation.pk, actor=xinba)
    actions.approve_entry(aid.pk, actor=xinba)
    after, reasons = fund_figures(lixin_fund)
    assert after["donations"] == totals["donations"] + Decimal("2.0000")
    assert after["aid"] == totals["aid"] + Decimal("0.5000")
    assert after["balance"] == after["donations"] - after["aid"]
    labelled = dict(reasons)
    assert labelled[str(AidReason.SCHOOLING.label)] == dict(by_reason).get(
        str(AidReason.SCHOOLING.label), 0
    ) + Decimal("0.5000")
    assert [v for _k, v in reasons] == sorted((v for _k, v in reasons), reverse=True)
