"""Shop scorecards (section 6): the shops ranked by any figure, worst first, and one shop's scorecard."""
