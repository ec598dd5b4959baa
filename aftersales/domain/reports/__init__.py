"""Reports for the other departments and the monthly register for finance: periods, filters, figures."""
