"""Forms met in 2025–2026 texts of the kinds a county receives every year (防汛抗旱 工作要点,
安全生产 治本攻坚 方案, 党建工作要点, 招商引资 目标任务, 优化营商环境 方案, the covering notice of a
2026 任务清单, a department office's plan): composed examples (invented names and figures)."""

from mingzhu.documents.decompose import decompose


def _targets(text):
    return {
        (t.indicator, t.comparator, str(t.value), t.unit, str(t.deadline))
        for t in decompose(text).targets
    }


def _rows(text):
    return [(i.title, i.named_lead, str(i.deadline)) for i in decompose(text).items]


def test_a_plans_work_that_comes_to_what_the_towns_do_late_in_its_body_is_a_row():
    text = (
        "2027年临溪县防汛抗旱工作要点\n"
        "一、落实防汛责任\n"
        "1. 强化防汛主体责任。严格落实行政首长负责制。要按照县里做法保留防汛指挥部工作体系。"
        "各乡镇要在汛前调整防指成员名单。在主汛期间,县防汛办配备人员不少于4名。\n"
    )
    assert [r[0] for r in _rows(text)] == ["强化防汛主体责任"]
    assert ("人员", ">=", "4", "名", "2027-12-31") in _targets(text)
