"""Use cases: one function per user action, each one transaction with an audit event."""
