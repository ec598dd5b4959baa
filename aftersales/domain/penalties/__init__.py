"""The tiered penalty ledger (罚款阶梯): rule catalog, ladder arithmetic, workflow and schemas."""
