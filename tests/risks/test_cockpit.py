from django.urls import reverse
from django.utils import timezone

from mingzhu.risks.cockpit import debt_panel, hazards_panel


def test_the_hazards_panel_by_persona(leader, sanmao, outsider, enterprise_user):
    today = timezone.localdate()
    panel = hazards_panel(leader, today)
    assert not panel.empty
    assert panel.context["open"] > 0
    assert len(panel.context["heat"]["towns"]) > 1
    town = hazards_panel(sanmao, today)
    assert town.context["open"] < panel.context["open"]
    assert hazards_panel(outsider, today) is None
    assert hazards_panel(enterprise_user, today) is None


def test_the_debt_panel_only_for_debt_readers(leader, czj, supervisor, sanmao, fgw, outsider):
    today = timezone.localdate()
    for user in (leader, czj, supervisor):
        panel = debt_panel(user, today)
        assert not panel.empty
        assert panel.context["year"]["debt_ratio"] > 0
        assert panel.context["p"]["outstanding"] > 0
    for user in (sanmao, fgw, outsider):
        assert debt_panel(user, today) is None


def test_the_cockpit_shows_the_panels(as_user, leader, sanmao):
    page = as_user(leader).get("/").content.decode()
    assert "risks-panel" in page and "debt-panel" in page
    town_page = as_user(sanmao).get("/").content.decode()
    assert "debt-panel" not in town_page


def test_a_towns_heat_map_has_its_own_row_not_the_other_towns(leader, sanmao, xinba, as_user):
    today = timezone.localdate()
    city = hazards_panel(leader, today).context["heat"]
    assert len(city["towns"]) == len(set(city["towns"])) > 3
    for user in (sanmao, xinba):
        heat = hazards_panel(user, today).context["heat"]
        town = user.unit
        assert heat["towns"] == [town.short_name or town.name]
        assert len(heat["cells"]) == len(heat["domains"])
        assert {c[1] for c in heat["cells"]} == {0}
        # The same figures as the city's row of that town.
        row = city["towns"].index(heat["towns"][0])
        assert [c[3] for c in heat["cells"]] == [c[3] for c in city["cells"] if c[1] == row]
    metrics = as_user(sanmao).get(reverse("risks:metrics"), {"from": "2020-01-01"})
    assert metrics.context["heat"]["towns"] == [sanmao.unit.short_name or sanmao.unit.name]
