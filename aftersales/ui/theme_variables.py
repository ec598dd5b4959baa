"""The desk's own CSS variables, worked out from the theme in use."""

from textual.theme import Theme

# How much of the theme's primary colour goes behind a focused field: enough to tell it from the others
# at a glance, little enough for the text on it to keep a 4.5:1 contrast (a light theme needs less).
FOCUS_SHARE_DARK = 60
FOCUS_SHARE_LIGHT = 40


def desk_theme_variables(theme: Theme) -> dict[str, str]:
    """`$desk-focus-background` for `theme` (desk.tcss uses it)."""
    share = FOCUS_SHARE_DARK if theme.dark else FOCUS_SHARE_LIGHT
    return {"desk-focus-background": f"{theme.primary} {share}%"}
