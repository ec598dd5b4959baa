"""Quality figures for the other departments: control charts and their rules, Pareto shares, emerging terms."""
