"""Quality figures for the other departments: control-chart signals, Pareto shares and emerging terms."""
