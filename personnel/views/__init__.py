"""Pages of personnel, one module per part: roster, checks, ledger, dashboard, people."""
