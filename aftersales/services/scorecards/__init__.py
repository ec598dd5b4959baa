"""Shop scorecards: figures per shop and month from the summary table and small indexed reads."""
