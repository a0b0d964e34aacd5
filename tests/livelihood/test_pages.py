"""Every page renders for a persona allowed to see it (no template or query errors)."""

from mingzhu.livelihood.models import (
    CoverageTarget,
    FundEntry,
    MonitoredHousehold,
    MonitoringLine,
    MutualAidFund,
    RequestCategory,
    TimeLimit,
)


def test_every_page_renders(as_user, rexian, nyj, lixin, xinba, supervisor, dispatched):
    request = dispatched()
    household = MonitoredHousehold.objects.filter(village__code="YZ-XINBA-V02").first()
    fund = MutualAidFund.objects.get(village__code="YZ-XINBA-V02")
    approved = FundEntry.objects.filter(fund=fund, status="approved").first()
    draft = FundEntry.objects.filter(fund=fund, status="draft").first()
    category = RequestCategory.objects.filter(parent__isnull=False).first()
    limit = TimeLimit.objects.first()
    line = MonitoringLine.objects.first()
    target = CoverageTarget.objects.first()
    pages = {
        rexian: [
            "/livelihood/requests/",
            f"/livelihood/requests/{request.pk}/",
            f"/livelihood/requests/{request.pk}/history/",
            "/livelihood/categories/",
            f"/livelihood/categories/{category.pk}/",
            f"/livelihood/categories/{category.pk}/history/",
            f"/livelihood/categories/{category.pk}/edit/",
            "/livelihood/categories/add/",
            "/livelihood/time-limits/",
            f"/livelihood/time-limits/{limit.pk}/",
            f"/livelihood/time-limits/{limit.pk}/edit/",
            "/livelihood/classifier/",
            "/livelihood/access-log/",
        ],
        nyj: [
            "/livelihood/households/",
            "/livelihood/households/?alert=review",
            f"/livelihood/households/{household.pk}/",
            f"/livelihood/households/{household.pk}/history/",
            f"/livelihood/households/{household.pk}/edit/",
            f"/livelihood/households/{household.pk}/measures/add/",
            "/livelihood/households/add/",
            "/livelihood/monitoring-lines/",
            f"/livelihood/monitoring-lines/{line.pk}/",
            f"/livelihood/monitoring-lines/{line.pk}/history/",
            f"/livelihood/monitoring-lines/{line.pk}/edit/",
            "/livelihood/monitoring-lines/add/",
        ],
        lixin: [
            f"/livelihood/households/{household.pk}/propose/",
            f"/livelihood/funds/{fund.pk}/",
            f"/livelihood/funds/{fund.pk}/history/",
            f"/livelihood/funds/{fund.pk}/entries/add/",
            f"/livelihood/entries/{approved.pk}/correct/",
            "/livelihood/funds/",
        ],
        xinba: [f"/livelihood/entries/{draft.pk}/approve/", "/livelihood/coverage/"],
        supervisor: [
            "/livelihood/coverage/import/",
            "/livelihood/coverage/?year=1999",
            "/livelihood/coverage-targets/",
            f"/livelihood/coverage-targets/{target.pk}/",
            f"/livelihood/coverage-targets/{target.pk}/history/",
            f"/livelihood/coverage-targets/{target.pk}/edit/",
        ],
    }
    for user, urls in pages.items():
        client = as_user(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (user.username, url, response.status_code)
    export = as_user(nyj).get("/livelihood/households/", {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_only_the_agriculture_bureau_sets_the_line_and_the_supervisors_the_targets(
    as_user, nyj, lixin, supervisor, xinba
):
    line = MonitoringLine.objects.first()
    target = CoverageTarget.objects.first()
    assert as_user(lixin).get(f"/livelihood/monitoring-lines/{line.pk}/edit/").status_code == 404
    assert as_user(lixin).get("/livelihood/monitoring-lines/add/").status_code == 403
    assert as_user(xinba).get(f"/livelihood/coverage-targets/{target.pk}/edit/").status_code == 404
    bad = as_user(nyj).post("/livelihood/monitoring-lines/add/", {"year": 2040, "amount": "0.9"})
    assert bad.status_code == 200 and "amount" in bad.context["form"].errors
    ok = as_user(nyj).post("/livelihood/monitoring-lines/add/", {"year": 2040, "amount": "9600"})
    assert ok.status_code == 302 and MonitoringLine.objects.filter(year=2040).exists()
    response = as_user(supervisor).post(
        f"/livelihood/coverage-targets/{target.pk}/edit/",
        {"year": target.year, "scheme": target.scheme, "rate": "101"},
    )
    assert response.status_code == 200 and "rate" in response.context["form"].errors
