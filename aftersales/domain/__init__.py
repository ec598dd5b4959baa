"""Pure rules and schemas of the desk: no database, no screen."""
