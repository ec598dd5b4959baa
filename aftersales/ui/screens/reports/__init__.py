"""Section 7: the reports for other departments, and the monthly register for finance."""
