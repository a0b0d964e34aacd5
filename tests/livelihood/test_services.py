import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mingzhu.livelihood import services
from mingzhu.livelihood.choices import Scheme
from mingzhu.livelihood.services import RoundFacts

D = dt.date
MARCH = (D(2030, 3, 1), D(2030, 3, 31))


def test_a_requests_status_comes_from_its_task():
    assert services.request_status(None, False) == "registered"
    assert services.request_status("assigned", False) == "dispatched"
    assert services.request_status("assigned", True) == "returned"
    assert services.request_status("accepted", False) == "handling"
    assert services.request_status("returned", False) == "handling"
    assert services.request_status("closure_requested", False) == "answered"
    assert services.request_status("closed", False) == "closed"
    assert services.request_status("cancelled", False) == "registered"


def _round(unit, dispatched, accepted=None, called=None, resolved=None, sat=None, due=None):
    """A round whose caller was contacted when it was accepted (within the day's limit
    when accepted on the day of the dispatch or the next)."""
    at = None if accepted is None else dt.datetime.combine(accepted, dt.time(10))
    return RoundFacts(
        unit_id=unit,
        dispatched_on=dispatched,
        response_due=due or dispatched + dt.timedelta(days=1),
        accepted_on=accepted,
        called_back_on=called,
        resolved=resolved,
        satisfaction=sat,
        contact_due=dt.datetime.combine(dispatched + dt.timedelta(days=1), dt.time(12)),
        contacted_at=at,
    )


def test_it_works_out_the_three_rates_by_hand():
    rounds = [
        # unit 1: four dispatched, three accepted in time (one late, one never)
        _round(1, D(2030, 3, 4), D(2030, 3, 4), D(2030, 3, 10), True, "satisfied"),
        _round(1, D(2030, 3, 5), D(2030, 3, 6), D(2030, 3, 12), True, "basic"),
        _round(1, D(2030, 3, 6), D(2030, 3, 9), D(2030, 3, 14), False, "dissatisfied"),
        _round(1, D(2030, 3, 7), D(2030, 3, 7)),
        # called back in March, dispatched in February: counts for resolution only
        _round(1, D(2030, 2, 25), D(2030, 2, 25), D(2030, 3, 2), True, "satisfied"),
        # unit 2: one round, all good
        _round(2, D(2030, 3, 4), D(2030, 3, 4), D(2030, 3, 8), True, "satisfied"),
        # outside the month altogether
        _round(2, D(2030, 1, 4), D(2030, 1, 4), D(2030, 1, 8), False, "dissatisfied"),
    ]
    rows = {r["unit"]: r for r in services.three_rates(rounds, *MARCH, (20, 40, 40))}
    one = rows[1]
    assert (one["dispatched"], one["responded"], one["called_back"]) == (4, 3, 4)
    assert one["response_rate"] == 0.75
    assert one["sign_rate"] == 0.75  # the same three accepted in the system in time
    assert one["resolution_rate"] == 0.75  # 3 of 4 called back
    assert one["satisfaction_rate"] == 0.75  # satisfied + basic + satisfied
    assert one["composite"] == 75.0
    two = rows[2]
    assert two["response_rate"] == two["resolution_rate"] == two["satisfaction_rate"] == 1.0
    assert two["composite"] == 100.0
    # best first
    assert [r["unit"] for r in services.three_rates(rounds, *MARCH, (20, 40, 40))] == [2, 1]


def test_the_composite_follows_the_weights():
    rates = (1.0, 0.5, 0.0)
    assert services.composite(rates, (20, 40, 40)) == 40.0
    assert services.composite(rates, (100, 0, 0)) == 100.0
    # A missing rate (no callback yet): no score, rather than 100 on the one rate there is.
    assert services.composite((1.0, None, None), (20, 40, 40)) is None
    assert services.composite((None, None, None), (20, 40, 40)) is None


def test_response_is_a_recorded_contact_within_the_limit_and_signing_is_apart():
    dispatched = D(2030, 3, 4)
    due = dt.datetime(2030, 3, 5, 9)
    rounds = [
        # contacted in time, never accepted in the system
        RoundFacts(1, dispatched, dispatched, contact_due=due, contacted_at=due),
        # accepted at once, contacted a minute late
        RoundFacts(
            1,
            dispatched,
            dispatched,
            accepted_on=dispatched,
            contact_due=due,
            contacted_at=due + dt.timedelta(minutes=1),
        ),
        # accepted at once, never contacted
        RoundFacts(1, dispatched, dispatched, accepted_on=dispatched, contact_due=due),
    ]
    [row] = services.three_rates(rounds, *MARCH, (20, 40, 40))
    assert (row["responded"], row["signed"], row["dispatched"]) == (1, 2, 3)
    assert row["response_rate"] == round(1 / 3, 4)
    assert row["sign_rate"] == round(2 / 3, 4)
    assert row["composite"] is None  # nobody called back: no score


def _scored(unit, composite, dispatched=5, called_back=5):
    return {
        "unit": unit,
        "composite": composite,
        "dispatched": dispatched,
        "called_back": called_back,
    }


def test_the_ranking_rule_shares_places_and_leaves_out_units_without_enough_cases():
    rows = [
        _scored(1, 100.0),
        _scored(2, 100.0),
        _scored(3, 90.0),
        _scored(4, 100.0, called_back=0),  # the "100 with zero callbacks" case
        _scored(5, 100.0, dispatched=2),
        _scored(6, None, called_back=0),
    ]
    ranked, others = services.rank(rows, min_cases=3)
    assert [(r["unit"], r["rank"]) for r in ranked] == [(1, 1), (2, 1), (3, 3)]
    assert {r["unit"]: r["not_ranked"] for r in others} == {
        4: "too_few",
        5: "too_few",
        6: "no_score",
    }
    assert all(r["rank"] is None for r in others)


def test_a_unit_tied_with_the_last_place_of_a_list_is_on_it():
    rows = [_scored(u, s) for u, s in ((1, 99.0), (2, 95.0), (3, 95.0), (4, 80.0), (5, 70.0))]
    red, black = services.red_black(rows, size=2, min_requests=3)
    assert [r["unit"] for r in red] == [1, 2, 3]  # 2 and 3 share second place
    assert [r["unit"] for r in black] == [5, 4]


def test_the_red_and_black_lists_take_five_each_and_never_the_same_unit():
    rows = [
        {"unit": u, "composite": float(u * 10), "dispatched": 5, "called_back": 5}
        for u in range(1, 9)
    ]
    rows.append({"unit": 99, "composite": 100.0, "dispatched": 1, "called_back": 1})
    red, black = services.red_black(rows)
    assert [r["unit"] for r in red] == [8, 7, 6, 5, 4]
    assert [r["unit"] for r in black] == [1, 2, 3]  # only three left, and 99 has too few
    assert not {r["unit"] for r in red} & {r["unit"] for r in black}


def test_it_flags_repeated_requests_about_the_same_place_and_category():
    as_of = D(2030, 3, 31)
    days = [D(2030, 3, 1), D(2030, 3, 5), D(2030, 3, 20), D(2029, 10, 1), D(2030, 3, 2)]
    places = np.array([7, 7, 7, 7, 8])
    cats = np.array([1, 1, 1, 1, 1])
    ordinals = np.array([d.toordinal() for d in days])
    assert services.hot_spots(places, cats, ordinals, as_of) == [(7, 1, 3)]
    assert services.hot_spots(places, cats, ordinals, as_of, threshold=4) == []
    assert services.hot_spots(np.array([]), np.array([]), np.array([]), as_of) == []


@given(st.lists(st.tuples(st.integers(1, 3), st.integers(1, 2), st.integers(0, 200)), max_size=60))
def test_hot_spot_counts_match_a_plain_count(rows):
    as_of = D(2030, 6, 30)
    places = np.array([r[0] for r in rows], dtype=np.int64)
    cats = np.array([r[1] for r in rows], dtype=np.int64)
    days = np.array([as_of.toordinal() - r[2] for r in rows], dtype=np.int64)
    expected = {}
    for p, c, ago in rows:
        if ago < services.HOT_SPOT_WINDOW_DAYS:
            expected[(p, c)] = expected.get((p, c), 0) + 1
    got = {(p, c): n for p, c, n in services.hot_spots(places, cats, days, as_of)}
    assert got == {k: n for k, n in expected.items() if n >= services.HOT_SPOT_THRESHOLD}


def test_it_alerts_below_the_line_and_within_ten_percent_above():
    line = Decimal(9000)
    assert services.income_alert(Decimal(8999), line) == "below"
    assert services.income_alert(Decimal(9000), line) == "near"
    assert services.income_alert(Decimal(9899), line) == "near"
    assert services.income_alert(Decimal(9900), line) is None
    assert services.income_alert(Decimal(9900), None) is None


def test_coverage_rates():
    assert services.coverage_rate(2000, 1900) == 95.0
    assert services.coverage_rate(0, 0) is None
    assert services.below_target(2000, 1899, Decimal("95.00"))
    assert not services.below_target(2000, 1900, Decimal("95.00"))
    assert not services.below_target(2000, 1, None)


def test_coverage_rows_and_totals_per_scheme():
    def record(scheme, registered, insured):
        return SimpleNamespace(
            scheme=scheme,
            registered=registered,
            insured=insured,
            rate=services.coverage_rate(registered, insured),
        )

    records = [record("pension", 2000, 1899), record("pension", 1000, 1000)]
    records.append(record("medical", 500, 490))
    targets = {"pension": Decimal("95.00")}
    rows = services.coverage_rows(records, targets)
    assert [(r["record"], r["rate"], r["target"], r["below"]) for r in rows] == [
        (records[0], 94.95, Decimal("95.00"), True),
        (records[1], 100.0, Decimal("95.00"), False),
        (records[2], 98.0, None, False),
    ]
    totals = services.coverage_totals(rows, targets)
    assert list(totals) == [Scheme.PENSION.label, Scheme.MEDICAL.label]
    assert totals[Scheme.PENSION.label] == (3000, 2899, 96.63, Decimal("95.00"))
    assert totals[Scheme.MEDICAL.label] == (500, 490, 98.0, None)
    assert services.coverage_totals([], {}) == {
        Scheme.PENSION.label: (0, 0, None, None),
        Scheme.MEDICAL.label: (0, 0, None, None),
    }


def test_fund_totals_add_corrections_with_their_sign():
    rows = [
        ("donation", Decimal("1.0000")),
        ("donation", Decimal("-0.0500")),
        ("aid", Decimal("0.3000")),
    ]
    assert services.fund_totals(rows) == {
        "donations": Decimal("0.9500"),
        "aid": Decimal("0.3000"),
        "balance": Decimal("0.6500"),
    }


def test_largest_first_labels_the_amounts():
    amounts = {"illness": Decimal("0.3"), "other": Decimal("1.2"), "gone": Decimal("0.5")}
    labels = {"illness": "因病", "other": "其他"}
    assert services.largest_first(amounts, labels) == [
        ("其他", Decimal("1.2")),
        ("gone", Decimal("0.5")),
        ("因病", Decimal("0.3")),
    ]
    assert services.largest_first({}, labels) == []
