"""Section 6, sales documents: the stock and moves of numbered forms, and the intake's number check."""
