"""display strings."""

ZH: dict[str, str] = {}

EN: dict[str, str] = {}
