"""The 任务分解表 rows (documents.services), from items with and without their tasks."""

import datetime as dt
from types import SimpleNamespace

from mingzhu.documents import services


class _Units(list):
    def all(self):
        return self


def _unit(name):
    return SimpleNamespace(name=name)


def _source(lead=None, co=(), leader=None, deadline=None):
    return SimpleNamespace(
        lead_unit=lead,
        lead_unit_id=lead and 1,
        co_units=_Units(co),
        leader=leader,
        leader_id=leader and 1,
        deadline=deadline,
    )


def test_table_rows_show_an_adopted_item_as_its_task_stands():
    draft = SimpleNamespace(
        title="推进老旧小区改造",
        text="完成10个小区",
        suggested_unit="市住建局",
        task=None,
        **vars(_source()),
    )
    task = _source(
        _unit("扬中市交通运输局"),
        [_unit("新坝镇"), _unit("三茅街道")],
        "李某",
        dt.date(2026, 6, 30),
    )
    adopted = SimpleNamespace(
        title="建设公路",
        text="建设公路",
        suggested_unit="市交通局",
        task=task,
        **vars(_source(_unit("旧单位"))),
    )
    rows = services.table_rows([draft, adopted], 2026)
    assert rows == [
        {
            "title": "推进老旧小区改造",
            "text": "完成10个小区",
            "lead_unit": "市住建局",
            "co_units": [],
            "leader": "",
            "deadline": dt.date(2026, 12, 31),
        },
        {
            "title": "建设公路",
            "text": "建设公路",
            "lead_unit": "扬中市交通运输局",
            "co_units": ["新坝镇", "三茅街道"],
            "leader": "李某",
            "deadline": dt.date(2026, 6, 30),
        },
    ]
    assert services.export_rows(rows) == [
        (1, "推进老旧小区改造：完成10个小区", "市住建局", "", "", dt.date(2026, 12, 31)),
        (2, "建设公路", "扬中市交通运输局", "新坝镇、三茅街道", "李某", dt.date(2026, 6, 30)),
    ]
    assert services.table_rows([], 2026) == []
