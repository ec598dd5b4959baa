"""Reports: the figures of a period, exports for other departments, the monthly register and its hand-over."""
