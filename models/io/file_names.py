"""File names that every system accepts, Windows included."""


def safe_name(text: str) -> str:
    """``text`` with the characters Windows refuses in file names replaced."""
    return "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in text).strip(" .")


def safe_stem(number: int, title: str) -> str:
    """``<number>-<title>`` with characters Windows refuses in file names replaced."""
    return f"{number:02d}-{safe_name(title)[:60]}"
