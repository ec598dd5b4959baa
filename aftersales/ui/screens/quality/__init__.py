"""Quality signals, Pareto and emerging terms (section 7, key q)."""
