"""Coverage, load per member and the training summary on hand-worked examples."""

from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from mingzhu.party.services import (
    Place,
    by_hours,
    coverage,
    member_load,
    training_summary,
    with_load,
)

# Two towns: T1 holds villages A and B, T2 holds village C.
PLACES = {
    1: Place(1, "A村", 10, "T1镇"),
    2: Place(2, "B村", 10, "T1镇"),
    3: Place(3, "C村", 20, "T2镇"),
}


def test_it_computes_coverage_by_village_and_town():
    # A: 4 households, 3 linked; B: 2 households, none linked; C: no household at all.
    households = [(1, True), (1, True), (1, False), (1, True), (2, False), (2, False)]
    result = coverage(households, PLACES)
    villages = {r["name"]: r for r in result["villages"]}
    assert (villages["A村"]["households"], villages["A村"]["linked"]) == (4, 3)
    assert villages["A村"]["rate"] == 0.75
    assert villages["B村"]["rate"] == 0
    # A village with no household has no rate, neither 0 % nor 100 %.
    assert villages["C村"]["households"] == 0 and villages["C村"]["rate"] is None
    towns = {r["name"]: r for r in result["towns"]}
    assert (towns["T1镇"]["households"], towns["T1镇"]["linked"]) == (6, 3)
    assert towns["T1镇"]["rate"] == 0.5
    assert towns["T2镇"]["rate"] is None
    assert result["total"] == {"households": 6, "linked": 3, "rate": 0.5}


def test_it_ignores_households_of_villages_out_of_view():
    result = coverage([(1, True), (99, False)], PLACES)
    assert result["total"] == {"households": 1, "linked": 1, "rate": 1.0}


def test_it_gives_no_rate_without_households():
    assert coverage([], PLACES)["total"]["rate"] is None


def test_it_computes_the_load_per_member():
    # m1 and m2 in A, m3 in B; m1 holds 3 households, m2 one, m3 none.
    members = [(101, 1), (102, 1), (103, 2)]
    links = [101, 101, 102, 101, 999]  # 999: a member not listed (e.g. inactive)
    result = member_load(members, links, PLACES)
    assert result["members"] == {101: 3, 102: 1, 103: 0}
    villages = {r["name"]: r for r in result["villages"]}
    a = villages["A村"]
    assert (a["members"], a["linked"], a["max_load"], a["idle"]) == (2, 4, 3, 0)
    assert a["mean_load"] == 2.0
    b = villages["B村"]
    assert (b["members"], b["linked"], b["idle"], b["mean_load"]) == (1, 0, 1, 0)
    (town,) = result["towns"]
    assert (town["members"], town["linked"], town["idle"], town["max_load"]) == (3, 4, 1, 3)
    assert town["mean_load"] == 4 / 3
    # C has no member: it is not a row of the load table.
    assert "C村" not in villages


def test_it_sums_training_hours_per_person_for_the_year():
    rows = [
        (1, 2025, Decimal("4.0")),
        (1, 2025, Decimal("2.5")),
        (2, 2025, Decimal("3.0")),
        (1, 2024, Decimal("8.0")),  # another year
    ]
    result = training_summary(rows, 2025, required_hours=Decimal("6"))
    assert result["people"][1] == {"hours": Decimal("6.5"), "sessions": 2, "meets": True}
    assert result["people"][2] == {"hours": Decimal("3.0"), "sessions": 1, "meets": False}
    assert (result["trained"], result["hours"], result["meeting"]) == (2, Decimal("9.5"), 1)
    assert result["mean_hours"] == Decimal("4.8")  # 9.5 / 2 = 4.75, rounded half even


def test_it_lists_people_by_hours_then_name():
    people = {
        1: {"hours": Decimal("3.0"), "sessions": 1},
        2: {"hours": Decimal("6.5"), "sessions": 2},
        3: {"hours": Decimal("3.0"), "sessions": 2},
    }
    members = {1: SimpleNamespace(name="王五"), 2: SimpleNamespace(name="张三")}
    members[3] = SimpleNamespace(name="李四")
    ranked = by_hours(people, members)
    assert [(m.name, p["hours"]) for m, p in ranked] == [
        ("张三", Decimal("6.5")),
        ("李四", Decimal("3.0")),
        ("王五", Decimal("3.0")),
    ]
    assert by_hours({}, members) == []


def test_it_gives_each_coverage_row_its_load():
    rows = [{"id": 1, "name": "A村", "rate": 0.5}, {"id": 3, "name": "C村", "rate": None}]
    load = [{"id": 1, "members": 2}, {"id": 2, "members": 5}]
    assert with_load(rows, load) == [
        {"id": 1, "name": "A村", "rate": 0.5, "load": {"id": 1, "members": 2}},
        {"id": 3, "name": "C村", "rate": None, "load": None},
    ]
    assert rows[0] == {"id": 1, "name": "A村", "rate": 0.5}  # the rows given are not changed


def test_it_summarises_an_empty_year():
    result = training_summary([(1, 2024, Decimal(3))], 2025)
    assert (result["trained"], result["hours"], result["mean_hours"]) == (0, 0, None)
    assert result["meeting"] is None


@given(st.lists(st.tuples(st.sampled_from([1, 2, 3]), st.booleans()), max_size=200))
def test_it_keeps_town_totals_equal_to_the_sum_of_villages(households):
    result = coverage(households, PLACES)
    assert sum(t["households"] for t in result["towns"]) == len(households)
    assert sum(t["linked"] for t in result["towns"]) == sum(1 for _v, x in households if x)
    for row in result["villages"]:
        assert row["rate"] is None or 0 <= row["rate"] <= 1


def test_it_takes_households_counted_in_the_database():
    # The same as the first example, as (village, linked, how many) rows.
    counted = [(1, True, 3), (1, False, 1), (2, False, 2)]
    assert coverage(counted, PLACES) == coverage(
        [(1, True), (1, True), (1, False), (1, True), (2, False), (2, False)], PLACES
    )
