"""The queueing model of one service day: a ciw discrete-event simulation of the whole route.

No Django here: the inputs are plain numbers extracted elsewhere (`evidence.capacity.history`),
so the model is tested on worlds whose answer is known. Time runs in minutes from the hour the
unit opens. Every application type is a customer class; it arrives at the first stage of its
route (a Poisson stream whose rate changes every hour), is served at each stage for a time drawn
from that stage's observed service times, and leaves early when it fails a test stage.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ciw

MINUTES_PER_HOUR = 60
# After closing, the counters still serve whoever is inside (as the units do); the simulation
# runs this long past the latest standard so that anyone still waiting is surely late.
DRAIN_MINUTES = 60
# A stage that no history has timed yet is served in this many minutes.
FALLBACK_SERVICE_MINUTES = 5.0
DEFAULT_REPLICATIONS = 12
DEFAULT_SEED = 16

# Two-sided 95 % quantiles of Student's t by degrees of freedom (replications - 1).
_T95 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    24: 2.064,
    29: 2.045,
}

# stage code -> clock hour -> open counters
Counters = dict[str, dict[int, int]]


@dataclass(frozen=True)
class TypeInputs:
    """One application type on one weekday."""

    route: tuple[str, ...]
    arrivals: Mapping[int, float]  # clock hour -> mean arrivals in that hour
    standard_minutes: int


@dataclass(frozen=True)
class DayInputs:
    opens: int  # clock hour of the first arrivals
    closes: int  # clock hour after the last arrivals
    types: Mapping[str, TypeInputs]
    service_minutes: Mapping[str, Sequence[float]]  # stage -> observed service times
    pass_share: Mapping[str, float] = field(default_factory=dict)  # test stage -> share passed

    @property
    def hours(self) -> list[int]:
        return list(range(self.opens, self.closes))

    @property
    def stages(self) -> list[str]:
        seen: dict[str, None] = {}
        for inputs in self.types.values():
            for stage in inputs.route:
                seen.setdefault(stage)
        return list(seen)


@dataclass(frozen=True)
class Estimate:
    """A mean over replications with its 95 % confidence interval."""

    mean: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float], *, share: bool = False) -> Estimate | None:
        values = [v for v in values if not math.isnan(v)]
        if not values:
            return None
        mean = statistics.fmean(values)
        if len(values) < 2:
            return cls(mean, mean, mean)
        df = len(values) - 1
        t = _T95.get(df) or next((_T95[d] for d in sorted(_T95) if d >= df), 1.96)
        half = t * statistics.stdev(values) / math.sqrt(len(values))
        low, high = mean - half, mean + half
        if share:
            low, high = max(0.0, low), min(1.0, high)
        else:
            low = max(0.0, low)
        return cls(mean, low, high)

    def as_dict(self) -> dict[str, float]:
        return {"mean": round(self.mean, 4), "low": round(self.low, 4), "high": round(self.high, 4)}


@dataclass(frozen=True)
class Cell:
    """One stage in one clock hour: those who reached the stage in that hour."""

    stage: str
    hour: int
    counters: int
    arrivals: float  # mean per day
    wait_median: Estimate | None  # minutes
    on_time: Estimate | None  # share 0..1 of them whose application met its standard


@dataclass(frozen=True)
class DayPrediction:
    cells: dict[tuple[str, int], Cell]
    on_time: Estimate | None  # the whole day, every completed application
    stage_on_time: dict[str, Estimate | None]
    stage_wait_median: dict[str, Estimate | None]
    replications: int


def _route_function(inputs: DayInputs, node_of: dict[str, int]) -> Any:
    def route(ind: Any, simulation: Any = None) -> list[int]:
        stages = inputs.types[ind.customer_class].route
        ind.failed = False
        kept: list[int] = []
        for stage in stages:
            kept.append(node_of[stage])
            share = inputs.pass_share.get(stage)
            if share is not None and ciw.rng.random() >= share:
                ind.failed = True
                break
        return kept[1:]  # ciw places the arrival at the first node itself

    return route


def _merged(numbers: list[int], ends: list[float]) -> tuple[list[int], list[float]]:
    """One shift per run of equal counts: at every shift change ciw lets the leaving server
    finish its applicant while the arriving one starts, so a needless change would lend the
    stage an extra counter for a while."""
    merged_numbers: list[int] = []
    merged_ends: list[float] = []
    for number, end in zip(numbers, ends, strict=True):
        if merged_numbers and merged_numbers[-1] == number:
            merged_ends[-1] = end
        else:
            merged_numbers.append(number)
            merged_ends.append(end)
    return merged_numbers, merged_ends


def _network(inputs: DayInputs, counters: Counters) -> tuple[Any, list[str], float]:
    stages = inputs.stages
    node_of = {stage: i + 1 for i, stage in enumerate(stages)}
    day = (inputs.closes - inputs.opens) * MINUTES_PER_HOUR
    horizon = day + max(t.standard_minutes for t in inputs.types.values()) + DRAIN_MINUTES
    hours = inputs.hours
    ends = [float((i + 1) * MINUTES_PER_HOUR) for i in range(len(hours))]
    arrivals: dict[str, list[Any]] = {}
    services: dict[str, list[Any]] = {}
    for name, kind in inputs.types.items():
        rates = [kind.arrivals.get(h, 0.0) / MINUTES_PER_HOUR for h in hours]
        per_node: list[Any] = [None] * len(stages)
        if sum(rates) > 0:
            per_node[node_of[kind.route[0]] - 1] = ciw.dists.PoissonIntervals(
                rates=rates, endpoints=ends, max_sample_date=float(day)
            )
        arrivals[name] = per_node
        services[name] = [
            ciw.dists.Empirical(list(inputs.service_minutes[stage]))
            if inputs.service_minutes.get(stage)
            else ciw.dists.Deterministic(FALLBACK_SERVICE_MINUTES)
            for stage in stages
        ]
    schedules = []
    for stage in stages:
        numbers = [max(0, int(counters.get(stage, {}).get(h, 0))) for h in hours]
        # Whoever is still inside at closing is served by the counters of the last hour.
        numbers.append(max(1, numbers[-1] if numbers else 1))
        schedules.append(ciw.Schedule(*_merged(numbers, [*ends, horizon])))
    network = ciw.create_network(
        arrival_distributions=arrivals,
        service_distributions=services,
        number_of_servers=schedules,
        routing={
            name: ciw.routing.ProcessBased(_route_function(inputs, node_of)) for name in arrivals
        },
    )
    return network, stages, horizon


def _replicate(
    inputs: DayInputs, counters: Counters, seed: int
) -> tuple[dict[tuple[str, int], list[float]], dict[tuple[str, int], list[bool]], list[bool]]:
    """One simulated day: waits and on-time flags by (stage, hour), and the day's flags."""
    ciw.seed(seed)
    network, stages, horizon = _network(inputs, counters)
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_time(horizon)
    waits: dict[tuple[str, int], list[float]] = defaultdict(list)
    flags: dict[tuple[str, int], list[bool]] = defaultdict(list)
    day: list[bool] = []
    standard = {name: kind.standard_minutes for name, kind in inputs.types.items()}
    inside: dict[int, int] = {}  # still inside at the horizon (surely late): id -> node
    for node in simulation.nodes[1:-1]:
        for ind in node.all_individuals:
            inside[id(ind)] = node.id_number
            stage = stages[node.id_number - 1]
            waits[stage, _hour(inputs, ind.arrival_date)].append(horizon - ind.arrival_date)
    for ind in simulation.get_all_individuals():
        records = ind.data_records
        finished = id(ind) not in inside
        entered = min([r.arrival_date for r in records] + ([] if records else [ind.arrival_date]))
        met = finished and records[-1].exit_date - entered <= standard[ind.customer_class]
        counted = not getattr(ind, "failed", False)
        for record in records:
            key = (stages[record.node - 1], _hour(inputs, record.arrival_date))
            waits[key].append(record.waiting_time)
            if counted:
                flags[key].append(met)
        if counted:
            if not finished:
                key = (stages[inside[id(ind)] - 1], _hour(inputs, ind.arrival_date))
                flags[key].append(False)
            day.append(met)
    return waits, flags, day


def _hour(inputs: DayInputs, minute: float) -> int:
    return min(inputs.opens + int(minute // MINUTES_PER_HOUR), inputs.closes - 1)


def simulate_day(
    inputs: DayInputs,
    counters: Counters,
    *,
    replications: int = DEFAULT_REPLICATIONS,
    seed: int = DEFAULT_SEED,
) -> DayPrediction:
    """Replicate the day with seeds seed, seed+1, …: the same seeds for every roster tried,
    so that two rosters are compared on the same arrivals (common random numbers)."""
    per_cell_wait: dict[tuple[str, int], list[float]] = defaultdict(list)
    per_cell_share: dict[tuple[str, int], list[float]] = defaultdict(list)
    per_cell_count: dict[tuple[str, int], list[int]] = defaultdict(list)
    stage_share: dict[str, list[float]] = defaultdict(list)
    stage_wait: dict[str, list[float]] = defaultdict(list)
    day_share: list[float] = []
    stages, hours = inputs.stages, inputs.hours
    for rep in range(replications):
        waits, flags, day = _replicate(inputs, counters, seed + rep)
        for stage in stages:
            stage_waits: list[float] = []
            stage_flags: list[bool] = []
            for hour in hours:
                cell_waits, cell_flags = waits.get((stage, hour), []), flags.get((stage, hour), [])
                stage_waits += cell_waits
                stage_flags += cell_flags
                per_cell_count[stage, hour].append(len(cell_waits))
                if cell_waits:
                    per_cell_wait[stage, hour].append(statistics.median(cell_waits))
                if cell_flags:
                    per_cell_share[stage, hour].append(sum(cell_flags) / len(cell_flags))
            if stage_waits:
                stage_wait[stage].append(statistics.median(stage_waits))
            if stage_flags:
                stage_share[stage].append(sum(stage_flags) / len(stage_flags))
        if day:
            day_share.append(sum(day) / len(day))
    cells = {
        (stage, hour): Cell(
            stage=stage,
            hour=hour,
            counters=counters.get(stage, {}).get(hour, 0),
            arrivals=statistics.fmean(per_cell_count[stage, hour]) if replications else 0.0,
            wait_median=Estimate.of(per_cell_wait.get((stage, hour), [])),
            on_time=Estimate.of(per_cell_share.get((stage, hour), []), share=True),
        )
        for stage in stages
        for hour in hours
    }
    return DayPrediction(
        cells=cells,
        on_time=Estimate.of(day_share, share=True),
        stage_on_time={s: Estimate.of(stage_share.get(s, []), share=True) for s in stages},
        stage_wait_median={s: Estimate.of(stage_wait.get(s, [])) for s in stages},
        replications=replications,
    )


def offered_load(inputs: DayInputs) -> dict[tuple[str, int], float]:
    """Busy counter-hours each stage needs in each hour (arrivals x mean service time)."""
    mean_service = {
        stage: statistics.fmean(inputs.service_minutes.get(stage) or [FALLBACK_SERVICE_MINUTES])
        for stage in inputs.stages
    }
    load: dict[tuple[str, int], float] = defaultdict(float)
    for kind in inputs.types.values():
        for hour in inputs.hours:
            reaching = kind.arrivals.get(hour, 0.0)
            for stage in kind.route:
                load[stage, hour] += reaching * mean_service[stage] / MINUTES_PER_HOUR
                reaching *= inputs.pass_share.get(stage, 1.0)
    return load


def least_counters(inputs: DayInputs, cap: Mapping[str, int]) -> Counters:
    """One counter per stage and opening hour (a stage on a route cannot stay shut), more where
    an hour brings more work than that many counters can do in an hour: with fewer, the queue
    only grows. Capped by the stage's service points."""
    load = offered_load(inputs)
    return {
        stage: {
            hour: min(cap.get(stage, 0), max(1, math.ceil(load[stage, hour] - 1e-9)))
            for hour in inputs.hours
        }
        for stage in inputs.stages
    }


@dataclass(frozen=True)
class Recommendation:
    counters: Counters
    prediction: DayPrediction
    officer_hours: int
    reached: bool


def recommend_day(
    inputs: DayInputs,
    *,
    cap: Mapping[str, int],
    target: float,
    replications: int = DEFAULT_REPLICATIONS,
    search_replications: int = 3,
    candidates: int = 2,
    seed: int = DEFAULT_SEED,
    max_steps: int = 60,
) -> Recommendation:
    """Fewest officer-hours reaching the target on-time share for the day, greedily.

    Start from `least_counters`; then, while the day's share is below the target, try one more counter in each of the cells
    with the longest predicted waits and keep the one that raises the share most. A stage never
    gets more counters than the unit has service points for it (`cap`)."""
    _stages, _hours = inputs.stages, inputs.hours
    counters = least_counters(inputs, cap)

    def share(prediction: DayPrediction) -> float:
        return prediction.on_time.mean if prediction.on_time else 1.0

    current = simulate_day(inputs, counters, replications=search_replications, seed=seed)
    for _step in range(max_steps):
        if share(current) >= target:
            break
        open_cells = [
            cell
            for cell in current.cells.values()
            if counters[cell.stage][cell.hour] < cap.get(cell.stage, 0) and cell.wait_median
        ]
        open_cells.sort(key=lambda c: c.wait_median.mean if c.wait_median else 0.0, reverse=True)
        best: tuple[float, float, tuple[str, int], DayPrediction] | None = None
        for cell in open_cells[:candidates]:
            trial = {s: dict(by_hour) for s, by_hour in counters.items()}
            trial[cell.stage][cell.hour] += 1
            outcome = simulate_day(inputs, trial, replications=search_replications, seed=seed)
            waited = sum(c.wait_median.mean for c in outcome.cells.values() if c.wait_median)
            score = (share(outcome), -waited)
            if best is None or score > best[:2]:
                best = (*score, (cell.stage, cell.hour), outcome)
        if best is None:
            break
        stage, hour = best[2]
        counters[stage][hour] += 1
        current = best[3]
    final = simulate_day(inputs, counters, replications=replications, seed=seed)
    return Recommendation(
        counters=counters,
        prediction=final,
        officer_hours=sum(sum(by_hour.values()) for by_hour in counters.values()),
        reached=share(final) >= target,
    )
