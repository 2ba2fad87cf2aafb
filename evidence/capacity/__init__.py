"""Capacity planning: how many counters each stage needs, hour by hour, to keep the SOP standard.

`model` is the queueing simulation (ciw) on plain numbers, with no Django import; `history`
and `roster` read the unit's records into those numbers (and write a roster draft back);
`planner` puts them together for a week, a what-if and a back-test; `services`, `views` and
the `plan_capacity` command are the doors to it.
"""
