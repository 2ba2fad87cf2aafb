"""The demo layer: the demo office and its history (`seed_demo`) and volume history for
benchmarks (`generate_history`). Nothing outside demo/, tests/ and bench/ imports it."""
