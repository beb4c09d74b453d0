"""contests_ui strings."""

ZH: dict[str, str] = {}

EN: dict[str, str] = {}
