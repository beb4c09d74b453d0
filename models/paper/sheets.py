"""Which items a paper sheet carries, and the sheet's spec for the reader's engine (models/omr).

A sheet is known by its items alone: the QR names the congress, the items ("3", or "4.5.6" for a
表决票 with several motions, 分项表决) and the layout's hash. Nothing is stored when a sheet is
printed; a scan is checked against the layout the items give *now*, so a sheet printed before a
candidate was added is refused, never counted against the wrong names."""

from dataclasses import dataclass

from sqlalchemy import Connection

from models.congress import require_congress
from models.errors import refuse
from models.rules.appraisal import SCALES
from models.voting import APPRAISAL, ELECTION, MOTION, ItemInfo, load_item

SEPARATOR = "."
MAX_ITEMS = 8  # the QR's item field holds 24 characters
WRITE_IN_LINES = 2  # 另选他人 lines on an election sheet
ENGINE_KIND = {ELECTION: "election", MOTION: "motion", APPRAISAL: "appraisal"}


def item_ref(items: list[ItemInfo]) -> str:
    return SEPARATOR.join(str(item.number) for item in items)


def item_numbers(ref: str) -> tuple[int, ...] | None:
    parts = ref.split(SEPARATOR)
    if not all(p.isdigit() and p[0] != "0" for p in parts):
        return None
    return tuple(int(p) for p in parts)


def sheet_items(conn: Connection, refs) -> list[ItemInfo]:
    """The items named, checked to share one sheet: one election or one appraisal, or motions."""
    refs = list(refs)
    if not refs:
        raise refuse("paper.no_items")
    if len(refs) > MAX_ITEMS:
        raise refuse("paper.too_many_items", most=MAX_ITEMS)
    items = [load_item(conn, ref) for ref in refs]
    if len({item.number for item in items}) != len(items):
        raise refuse("paper.repeated_item")
    kinds = {item.kind for item in items}
    if len(items) > 1 and kinds != {MOTION}:
        raise refuse("paper.one_item_only")
    return items


@dataclass(frozen=True)
class Sheet:
    """A sheet as the scan checks it: its items and the layouts of its real and test prints."""

    ref: str
    kind: str  # the items' kind (election | motion | appraisal)
    uid: str
    items: tuple[ItemInfo, ...]
    real: object  # models.omr.layout.Layout
    test: object

    def layout(self, test: bool):
        return self.test if test else self.real

    def lookup(self, code):
        """The layout a scanned sheet code names, or None for another congress or item."""
        if code.congress_uid != self.uid or code.item_ref != self.ref:
            return None
        return self.layout(code.test)

    @property
    def seats(self) -> int:
        return int(self.items[0].settings.get("seats", 0))


def load_sheet(conn: Connection, refs) -> Sheet:
    from models.omr.layout import build_layout

    items = sheet_items(conn, refs)
    real = build_layout(sheet_spec(conn, items))
    if items[0].kind in (ELECTION, APPRAISAL) and real.pages > 1:
        # The pages of one ballot cannot be matched up (nothing on a sheet names its voter), so
        # an over-filled ballot (or one 测评表's 收回) could not be told: such a sheet is one page.
        raise refuse("paper.one_page", rows=len(items[0].nominees))
    test = build_layout(sheet_spec(conn, items, test=True))
    uid = require_congress(conn).uid
    return Sheet(item_ref(items), items[0].kind, uid, tuple(items), real, test)


def split_refs(text: str) -> list[str]:
    """「4.5.6」, 「4,5,6」 or 「4 5 6」: the items of one sheet."""
    for sep in ",，、 ":
        text = text.replace(sep, SEPARATOR)
    return [part for part in text.split(SEPARATOR) if part]


def sheet_spec(conn: Connection, items: list[ItemInfo], *, test: bool = False):
    """The SheetSpec of the sheet carrying ``items`` (the engine is imported only here)."""
    from models.elections import takes_write_ins
    from models.omr.spec import ELECTION_INSTRUCTION, SheetSpec

    congress = require_congress(conn)
    first = items[0]
    kind = ENGINE_KIND[first.kind]
    common = {"congress_uid": congress.uid, "item_ref": item_ref(items), "kind": kind, "test": test}
    if first.kind == ELECTION:
        seats = f"本次选举应选 {first.settings['seats']} 名，候选人 {len(first.nominees)} 名。"
        return SheetSpec(
            **common,
            title=f"{first.title}选票",
            subtitle=congress.name,
            instructions=(seats, ELECTION_INSTRUCTION),
            rows=first.nominees,
            write_ins=WRITE_IN_LINES if takes_write_ins(first) else 0,
        )
    if first.kind == MOTION:
        return SheetSpec(
            **common,
            title="表决票",
            subtitle=congress.name,
            rows=tuple(item.title for item in items),
            options=("赞成", "反对", "弃权"),
        )
    scale = SCALES[first.settings.get("scale", "sat3")]
    return SheetSpec(
        **common,
        title=f"{first.title}测评表",
        subtitle=congress.name,
        rows=tuple(
            _person(name, post) for name, post in zip(first.nominees, first.posts, strict=True)
        ),
        options=tuple(option.label for option in scale),
    )


def _person(name: str, post: str | None) -> str:
    return f"{name}（{post}）" if post else name
