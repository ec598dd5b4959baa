"""The Textual desk: app shell, screens and widgets."""
