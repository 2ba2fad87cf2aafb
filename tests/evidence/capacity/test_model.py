"""The queueing model on worlds whose answer is known (no database)."""

from __future__ import annotations

from evidence.capacity.model import (
    DayInputs,
    Estimate,
    TypeInputs,
    least_counters,
    offered_load,
    recommend_day,
    simulate_day,
)

HOURS = range(8, 12)


def one_stage(per_hour: float, *, service: float = 5.0, standard: int = 30) -> DayInputs:
    return DayInputs(
        opens=8,
        closes=12,
        types={
            "PERPANJANGAN": TypeInputs(
                route=("REG",), arrivals=dict.fromkeys(HOURS, per_hour), standard_minutes=standard
            )
        },
        service_minutes={"REG": [service] * 5},
    )


def counters(n: int) -> dict[str, dict[int, int]]:
    return {"REG": dict.fromkeys(HOURS, n)}


def test_a_lightly_loaded_counter_keeps_everyone_on_time() -> None:
    # 3 an hour, 5 minutes each: the counter is busy a quarter of the time.
    prediction = simulate_day(one_stage(3), counters(1), replications=10)
    assert prediction.on_time is not None
    assert prediction.on_time.mean > 0.97
    assert prediction.stage_wait_median["REG"].mean < 3


def test_an_overloaded_counter_makes_most_applications_late() -> None:
    # 20 an hour at 5 minutes each needs 100 counter-minutes an hour: one counter drowns.
    prediction = simulate_day(one_stage(20), counters(1), replications=10)
    assert prediction.on_time.mean < 0.4
    assert prediction.stage_wait_median["REG"].mean > 30


def test_a_second_counter_rescues_the_overloaded_stage() -> None:
    one = simulate_day(one_stage(20), counters(1), replications=10)
    two = simulate_day(one_stage(20), counters(2), replications=10)
    assert two.on_time.mean > one.on_time.mean + 0.4


def test_the_same_seed_gives_the_same_prediction() -> None:
    first = simulate_day(one_stage(10), counters(1), replications=5, seed=3)
    again = simulate_day(one_stage(10), counters(1), replications=5, seed=3)
    assert first == again


def test_a_failed_test_ends_the_route_and_is_not_counted_on_time() -> None:
    inputs = DayInputs(
        opens=8,
        closes=12,
        types={
            "BARU": TypeInputs(
                route=("TEORI", "CETAK"), arrivals=dict.fromkeys(HOURS, 4), standard_minutes=60
            )
        },
        service_minutes={"TEORI": [5.0], "CETAK": [5.0]},
        pass_share={"TEORI": 0.5},
    )
    prediction = simulate_day(inputs, {"TEORI": counters(1)["REG"], "CETAK": counters(1)["REG"]})
    reached_print = sum(
        c.arrivals for (stage, _h), c in prediction.cells.items() if stage == "CETAK"
    )
    tested = sum(c.arrivals for (stage, _h), c in prediction.cells.items() if stage == "TEORI")
    assert 0.35 < reached_print / tested < 0.65


def test_the_interval_holds_the_mean_and_a_share_stays_within_0_and_1() -> None:
    estimate = Estimate.of([0.9, 1.0, 1.0, 0.95], share=True)
    assert estimate is not None
    assert estimate.low <= estimate.mean <= estimate.high <= 1.0
    assert Estimate.of([]) is None


def test_offered_load_counts_only_those_who_pass_the_test_before() -> None:
    inputs = DayInputs(
        opens=8,
        closes=9,
        types={"BARU": TypeInputs(route=("TEORI", "CETAK"), arrivals={8: 12}, standard_minutes=60)},
        service_minutes={"TEORI": [10.0], "CETAK": [5.0]},
        pass_share={"TEORI": 0.5},
    )
    load = offered_load(inputs)
    assert load["TEORI", 8] == 2.0  # 12 x 10 minutes
    assert load["CETAK", 8] == 0.5  # 6 x 5 minutes
    assert least_counters(inputs, {"TEORI": 5, "CETAK": 5}) == {
        "TEORI": {8: 2},
        "CETAK": {8: 1},
    }


def test_the_recommendation_reaches_the_target_with_the_fewest_counters() -> None:
    advice = recommend_day(one_stage(20), cap={"REG": 4}, target=0.95, replications=8)
    assert advice.reached
    assert advice.prediction.on_time.mean >= 0.95
    # 100 counter-minutes an hour: two counters are the least, and two are enough.
    assert all(2 <= n <= 3 for n in advice.counters["REG"].values())
    assert advice.officer_hours == sum(advice.counters["REG"].values())


def test_the_recommendation_stops_at_the_unit_s_counters() -> None:
    advice = recommend_day(one_stage(40), cap={"REG": 2}, target=0.95, replications=4)
    assert not advice.reached
    assert advice.counters["REG"] == dict.fromkeys(HOURS, 2)
