"""The appraisal screen's words for a person and a rate."""

SHEET_FIELDS = ("issued", "returned", "invalid")


def subject_label(name: str, post: str | None) -> str:
    return f"{name}（{post}）" if post else name


def rate_text(subject) -> str:
    return "—" if subject.rate is None else f"{subject.rate:.2f}%"
