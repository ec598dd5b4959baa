"""Sales documents: receiving numbered forms into stock, issuing them to shops, and their later fate."""
