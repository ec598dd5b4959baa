"""Outside service partners: their directory (section 6, key o) and the detail's referral and reply dialogs."""
