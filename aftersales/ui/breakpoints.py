"""Widths and heights at which the desk's screens change their layout (classes set on each screen)."""

# `-narrow` below 100 columns (80 × 24 terminals, split panes), `-wide` from 180.
HORIZONTAL = [(0, "-narrow"), (100, "-normal"), (180, "-wide")]
# `-short` below 30 lines: margins go, fields sit line under line.
VERTICAL = [(0, "-short"), (30, "-tall")]
