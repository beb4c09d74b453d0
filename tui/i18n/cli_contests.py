"""cli_contests strings."""

ZH: dict[str, str] = {}

EN: dict[str, str] = {}
