"""A computed plan as plain-text tables, for `manage.py plan_capacity`."""

from __future__ import annotations

from typing import Any


def _share(estimate: dict[str, float] | None) -> str:
    if not estimate:
        return "–"
    return (
        f"{100 * estimate['mean']:5.1f} ({100 * estimate['low']:.0f}–{100 * estimate['high']:.0f})"
    )


def _wait(estimate: dict[str, float] | None) -> str:
    return f"{estimate['mean']:5.1f}" if estimate else "–"


def plan_table(result: dict[str, Any]) -> list[str]:
    """One block per day: stage, hour, counters on the roster and recommended, predicted median
    wait and on-time share (% with its 95 % interval); then the back-test's error per stage."""
    lines = [
        f"Capacity plan {result['week']} · target {100 * result['target']:.1f} % on time · "
        f"learnt from {result['inputs']['start']} to {result['inputs']['end']} "
        f"({result['inputs']['applications']} applications, {result['replications']} replications)"
    ]
    header = f"{'stage':<10} {'hour':>5} {'roster':>6} {'advice':>6} {'wait':>6} {'on time % (roster)':>20} {'on time % (advice)':>20}"
    for day in result["days"]:
        roster, advice = day["roster"], day["recommended"]
        lines += [
            "",
            f"{day['date']}: roster {_share(roster['on_time'])} % on time, "
            f"{roster['officer_hours']} officer-hours; advice {_share(advice['on_time'])} %, "
            f"{advice['officer_hours']} officer-hours"
            + ("" if advice["reached"] else " (target out of reach with the unit's counters)"),
            header,
        ]
        for stage in day["stages"]:
            for hour in day["hours"]:
                key = f"{stage}|{hour}"
                before, after = roster["cells"][key], advice["cells"][key]
                lines.append(
                    f"{stage:<10} {hour:>02d}.00 {before['counters']:>6} {after['counters']:>6} "
                    f"{_wait(before['wait']):>6} {_share(before['on_time']):>20} "
                    f"{_share(after['on_time']):>20}"
                )
    backtest = result.get("backtest")
    if backtest:
        lines += [
            "",
            f"Back-test: fitted on {backtest['fitted_on'][0]}..{backtest['fitted_on'][1]}, "
            f"predicted week {backtest['week']} with its roster",
            f"{'stage':<10} {'on time % pred':>14} {'observed':>9} {'error pp':>9} "
            f"{'wait pred':>10} {'observed':>9}",
        ]
        for stage, row in backtest["stages"].items():
            predicted, observed = row["predicted_on_time"], row["observed_on_time"]
            lines.append(
                f"{stage:<10} "
                f"{'–' if predicted is None else f'{100 * predicted:.1f}':>14} "
                f"{'–' if observed is None else f'{100 * observed:.1f}':>9} "
                f"{'–' if row['error_pp'] is None else row['error_pp']:>9} "
                f"{'–' if row['predicted_wait'] is None else round(row['predicted_wait'], 1):>10} "
                f"{'–' if row['observed_wait'] is None else round(row['observed_wait'], 1):>9}"
            )
    return lines
