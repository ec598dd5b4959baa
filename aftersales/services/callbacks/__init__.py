"""Call-backs: created when a complaint is resolved or a delivery completes, attempts, and the due list."""
