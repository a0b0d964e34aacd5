"""The scheme form: who may edit, what it saves (through the versioned-scheme helper),
the preview of class counts without saving, and its refusals."""

import pytest
from django.urls import reverse

from mingzhu.enterprises import services
from mingzhu.enterprises.choices import BenchmarkRule
from mingzhu.enterprises.evaluation import load_history, load_rows
from mingzhu.enterprises.forms import scheme_initial
from mingzhu.enterprises.models import AnnualData, MuScheme


def post_data(data: dict, **main) -> dict:
    """The form's POST for stored scheme data, with main fields overridden."""
    initial, indicators, policies = scheme_initial(data)
    out = {k: "" if v is None else v for k, v in initial.items()}
    out |= {"code": "city", "name": "方案", "notes": "", "preview_year": ""}
    # Two blank rows as the page draws them (the formset's extra rows).
    blank = {"group": "", "indicator": "", "weight": "", "rule": "group_ratio", "value": ""}
    indicators = [*indicators, *[blank | {"k": "1", "offset": "1"}] * 2]
    out |= {"ind-TOTAL_FORMS": len(indicators), "ind-INITIAL_FORMS": len(indicators) - 2}
    out |= {"ind-MIN_NUM_FORMS": 0, "ind-MAX_NUM_FORMS": 1000}
    for i, row in enumerate(indicators):
        for k, v in row.items():
            out[f"ind-{i}-{k}"] = v
    out |= {"pol-TOTAL_FORMS": len(policies), "pol-INITIAL_FORMS": len(policies)}
    out |= {"pol-MIN_NUM_FORMS": 0, "pol-MAX_NUM_FORMS": 1000}
    for i, row in enumerate(policies):
        for k, v in row.items():
            out[f"pol-{i}-{k}"] = v
    return out | main


@pytest.fixture
def scheme(db):
    return MuScheme.latest_of("city")


def test_the_industry_bureau_saves_a_scheme_through_the_form(as_user, gxj, scheme):
    url = reverse("enterprises:muscheme_edit", args=[scheme.pk])
    assert as_user(gxj).get(url).status_code == 200
    data = post_data(scheme.data, name="淮安式方案", cap="1.5", missing="zero")
    data |= {"ind-0-rule": "previous", "ind-0-k": "2", "ind-0-offset": "1"}
    data |= {"pol-2-discharge_surcharge": "0.2", "pol-2-land": "restricted"}
    data |= {"veto_items": "重大安全事故\n环境违法"}
    response = as_user(gxj).post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    saved = MuScheme.latest_of("city")
    assert saved.pk != scheme.pk or not scheme.evaluations.exists()
    assert saved.name == "淮安式方案" and saved.created_by_id in (gxj.pk, scheme.created_by_id)
    parsed = saved.as_scheme()
    first_group, first_key = data["ind-0-group"], data["ind-0-indicator"]
    assert parsed.rules[first_group][first_key] == {"rule": "previous", "k": 2.0, "offset": 1}
    assert (parsed.cap, parsed.missing) == (1.5, "zero")
    assert parsed.policies["C"]["discharge_surcharge"] == 0.2
    assert parsed.policies["C"]["land"] == "restricted"
    assert parsed.veto_items == ("重大安全事故", "环境违法")


def test_the_preview_counts_the_classes_and_saves_nothing(as_user, gxj, scheme):
    url = reverse("enterprises:muscheme_edit", args=[scheme.pk])
    year = AnnualData.objects.order_by("-year").values_list("year", flat=True).first()
    versions = MuScheme.objects.count()
    data = post_data(scheme.data, classing="cutoffs", cutoff_a="120", cutoff_b="100")
    data |= {"cutoff_c": "80", "preview": "1", "preview_year": year}
    response = as_user(gxj).post(url, data)
    assert response.status_code == 200
    assert MuScheme.objects.count() == versions
    preview = response.context["preview"]
    # The same counts as the engine gives on the year's figures under these rules.
    expected = services.Scheme.from_data(
        0, scheme.data | {"classing": "cutoffs"} | {"cutoffs": {"A": 120, "B": 100, "C": 80}}
    )
    rows = load_rows(year)[0]
    ev = services.evaluate(rows, expected, load_history(year, expected))
    assert preview["year"] == year
    assert preview["groups"]["above"]["counts"] == ev.counts["above"]
    page = response.content.decode()
    assert 'id="preview"' in page and f"A {ev.counts['above']['A']} " in page


def test_a_bad_form_is_refused_with_the_field_named(as_user, gxj, scheme):
    url = reverse("enterprises:muscheme_edit", args=[scheme.pk])
    versions = MuScheme.objects.count()
    data = post_data(scheme.data) | {"ind-0-rule": "published", "ind-0-value": ""}
    response = as_user(gxj).post(url, data)
    assert response.status_code == 200 and MuScheme.objects.count() == versions
    assert response.context["form"].indicators.errors[0]["value"]
    twice = post_data(scheme.data)
    twice |= {"ind-1-group": twice["ind-0-group"], "ind-1-indicator": twice["ind-0-indicator"]}
    response = as_user(gxj).post(url, twice)
    assert response.status_code == 200 and MuScheme.objects.count() == versions
    assert response.context["form"].indicators.non_form_errors()
    cuts = post_data(scheme.data, classing="cutoffs", cutoff_a="50", cutoff_b="60", cutoff_c="0")
    response = as_user(gxj).post(url, cuts)
    assert response.status_code == 200 and "cutoff_b" in response.context["form"].errors


def test_a_new_scheme_with_its_own_code_starts_at_version_one(as_user, gxj, scheme):
    url = reverse("enterprises:muscheme_add")
    data = post_data(services.DEFAULT_SCHEME_DATA, code="zj-test", name="浙江式测试方案")
    response = as_user(gxj).post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    created = MuScheme.latest_of("zj-test")
    assert created.version == 1 and created.name == "浙江式测试方案"


@pytest.mark.parametrize("persona", ["leader", "supervisor", "xinba", "enterprise_user", "fgw"])
def test_who_may_not_edit_is_refused_also_the_preview(request, as_user, persona, scheme):
    client = as_user(request.getfixturevalue(persona))
    versions = MuScheme.objects.count()
    edit = reverse("enterprises:muscheme_edit", args=[scheme.pk])
    add = reverse("enterprises:muscheme_add")
    assert client.get(edit).status_code in (403, 404)
    assert client.get(add).status_code == 403
    data = post_data(scheme.data, preview="1")
    response = client.post(edit, data)
    assert response.status_code in (403, 404) and "preview" not in (response.context or {})
    assert client.post(edit, post_data(scheme.data)).status_code in (403, 404)
    assert client.post(add, post_data(scheme.data, code="x")).status_code == 403
    assert MuScheme.objects.count() == versions


def test_anonymous_users_are_sent_to_sign_in(client, scheme):
    response = client.get(reverse("enterprises:muscheme_edit", args=[scheme.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("code", ["city", "jiangsu", "zhejiang"])
def test_saving_the_form_unchanged_keeps_the_scheme(as_user, gxj, code):
    base = MuScheme.latest_of(code)
    url = reverse("enterprises:muscheme_edit", args=[base.pk])
    response = as_user(gxj).post(url, post_data(base.data, code=code, name=base.name))
    assert response.status_code == 302, response.context["form"].errors
    saved = MuScheme.latest_of(code)
    assert saved.version == base.version + 1
    assert saved.as_scheme().as_data() == base.as_scheme().as_data()


def test_a_preview_of_a_year_without_figures_says_so(as_user, gxj, scheme):
    url = reverse("enterprises:muscheme_edit", args=[scheme.pk])
    response = as_user(gxj).post(url, post_data(scheme.data, preview="1", preview_year="2001"))
    assert response.status_code == 200
    assert response.context["preview"] == {"year": 2001, "groups": {}}


def test_the_scheme_pages_show_each_rule(as_user, gxj):
    zhejiang = MuScheme.latest_of("zhejiang")
    page = as_user(gxj).get(zhejiang.get_absolute_url()).content.decode()
    assert "24.097" in page and "4929.81" in page
    # The rule reads as its label, not its stored code.
    assert f"{BenchmarkRule.PUBLISHED.label}: 24.097" in page
    assert "published: 24.097" not in page
    jiangsu = MuScheme.latest_of("jiangsu")
    page = as_user(gxj).get(jiangsu.get_absolute_url()).content.decode()
    assert "k = 2.0" in page and "发生较大及以上安全生产事故" in page
    edit = as_user(gxj).get(reverse("enterprises:muscheme_edit", args=[zhejiang.pk]))
    assert edit.status_code == 200
    assert edit.context["form"].indicators.initial[0]["value"] == 24.097
    assert edit.context["form"]["code"].field.disabled
