import datetime as dt
import json
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.template.loader import render_to_string

from mingzhu.cockpit.panels import panels_for
from mingzhu.targets.cockpit import targets_panel
from mingzhu.targets.demo import SENTENCE, load_targets
from mingzhu.targets.models import Indicator, Observation, Target

AS_OF = dt.date(2024, 6, 30)


def test_it_shows_the_four_seed_targets_as_gauges(leader):
    panel = targets_panel(leader, AS_OF)
    assert panel.key == "targets" and panel.width == 12 and not panel.empty
    rows = panel.context["rows"]
    assert [r["indicator_code"] for r in rows] == ["GDP", "GPBR", "ITS", "ENT100"]
    assert rows[0]["gauge"] == "76.0"
    html = render_to_string(panel.template, panel.context)
    assert html.count('class="targets-gauge"') == 4 and "地区生产总值" in html


def test_it_registers_the_panel_with_the_cockpit(leader):
    assert "targets" in [p.key for p in panels_for(leader, AS_OF)]


def test_it_hides_the_panel_from_those_who_may_not_view_targets(outsider, grid_worker):
    assert targets_panel(outsider, AS_OF) is None
    assert targets_panel(grid_worker, AS_OF) is None


def test_it_says_so_when_no_target_is_in_scope(xinba):
    panel = targets_panel(xinba, AS_OF)
    assert panel.empty and panel.context["rows"] == []


def test_it_says_so_when_no_targets_exist(leader, wipe):
    wipe(Target)
    panel = targets_panel(leader, AS_OF)
    assert panel.empty and panel.empty_message and panel.context["rows"] == []


def test_it_prints_progress_on_the_command_line(db):
    out = StringIO()
    call_command("targets", "progress", "--as-of", "2024-06-30", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["as_of"] == "2024-06-30" and len(data["results"]) == 4
    assert data["results"][0]["status"] == "off_track"
    text = StringIO()
    call_command("targets", "progress", "--as-of", "2024-06-30", stdout=text)
    assert "地区生产总值 > 800 亿元" in text.getvalue()


def test_it_loads_the_seed_targets_exactly(db):
    targets = {t.indicator.code: t for t in Target.objects.select_related("indicator", "unit")}
    expected = {"GDP": (">", 800), "GPBR": (">", 50), "ITS": (">", 1500), "ENT100": (">=", 5)}
    assert {k: (t.comparator, t.value) for k, t in targets.items()} == expected
    for target in targets.values():
        assert target.deadline == dt.date(2025, 12, 31) and target.unit.code == "321182000000"
        assert target.source_sentence == SENTENCE and not target.is_illustrative
    assert "GDP 突破 800 亿元，一般公共预算收入超过 50 亿元" in SENTENCE


def test_it_flags_illustrative_figures_and_sources_real_ones(db):
    real = Observation.objects.filter(is_illustrative=False)
    found = {(o.indicator.code, o.period, o.value) for o in real.select_related("indicator")}
    assert found == {
        ("GDP", "2022", Decimal("585.99")),
        ("GPBR", "2021", Decimal("38")),
        ("POP", "2022", Decimal("31.61")),
        ("POP", "2023", Decimal("31.65")),
    }
    assert all(o.source for o in real)
    assert Observation.objects.filter(unit__kind="peer", is_illustrative=False).count() == 0
    assert "初步" in real.get(indicator__code="GPBR").source


def test_it_loads_the_demo_idempotently(db):
    counts = (Indicator.objects.count(), Target.objects.count(), Observation.objects.count())
    load_targets()
    assert (
        Indicator.objects.count(),
        Target.objects.count(),
        Observation.objects.count(),
    ) == counts
