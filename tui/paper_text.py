"""Paper ballots in words, for the CLI (`huiwu ballots …`) and the scanning and review screens."""

from tui.i18n import catalogs, t

CHOICE_KEYS = ("yes", "no", "abstain", "invalid", "blank")


def sheet_words(ref: str) -> str:
    """「2、3」 for the motions of one 表决票 (the QR's 2.3)."""
    return ref.replace(".", "、")


def reason_words(reason: str, detail: dict | None = None) -> str:
    """A refusal's own wording, or the reader's code in words (an unknown code reads 「看不清」)."""
    key = reason if "." in reason else f"paper.reason.{reason}"
    return t(key if key in catalogs()["zh"] else "paper.reason.unclear", **(detail or {}))


def page_result(page) -> str:
    """One scanned page's outcome: 已读出（第 3 号票）, 待人工判定, 拒收：不是这一项的票 …"""
    if page.status == "refused":
        return t("paper.status.refused", reason=reason_words(page.reason, page.detail))
    if page.reason == "test":  # its reading counts for the deck only (see the deck's line)
        return t("paper.status.test")
    word = t(f"paper.status.{page.status}")
    if page.reason == "twin":
        word += t("paper.twin_of", source=page.detail.get("source", ""))
    if page.ballot is not None:
        word += " " + t("paper.ballot_no", number=page.ballot)
    return word


def deck_line(deck) -> str:
    if deck.passed:
        return t("paper.deck.passed", expected=deck.expected)
    key = "paper.deck.pending" if deck.required else "paper.deck.optional"
    return t(key, matched=deck.matched, expected=deck.expected, wrong=len(deck.wrong))


def title_line(summary) -> str:
    return t(
        "paper.screen.heading", sheet=sheet_words(summary.ref), titles="、".join(summary.titles)
    )


def summary_line(summary) -> str:
    pages = summary.pages
    counts = t(
        "paper.screen.counts",
        read=pages.get("read", 0) + pages.get("decided", 0),
        review=summary.waiting,
    )
    if pages.get("duplicate"):
        counts += t("paper.screen.duplicates", count=pages["duplicate"])
    return f"{counts} · {deck_line(summary.deck)}"


def tally_lines(tally: dict) -> list[str]:
    """The test deck's expected tally, a line per candidate or per row."""
    if "candidates" in tally:
        lines = [t("paper.tally.ballots", valid=tally["valid"], void=tally["void"])]
        for c in tally["candidates"]:
            lines.append(
                t(
                    "paper.tally.candidate",
                    name=c["name"],
                    yes=c["yes"],
                    no=c["no"],
                    abstain=c["abstain"],
                )
            )
        return lines
    return [
        f"{label}：" + "，".join(f"{_choice(key)} {n}" for key, n in counts.items())
        for label, counts in tally["rows"].items()
    ]


def _choice(key: str) -> str:
    return t(f"paper.choice.{key}") if key in CHOICE_KEYS else key


def doubt_where(doubt) -> str:
    if doubt.what == "twin":
        return t("paper.where.twin")
    key = "paper.where.box" if doubt.what == "box" else "paper.where.write_in"
    return t(key, number=doubt.index + 1)


def sample_lines(drawn) -> list[str]:
    """The ballots drawn for the blind check, each with the scan to find it by."""
    lines = [t("paper.sample", count=len(drawn))]
    lines += [t("paper.sample_line", number=b.number, source=b.source) for b in drawn]
    return lines
