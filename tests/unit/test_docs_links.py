"""The README and docs/ link to each other by relative paths and heading anchors; a moved file or a
renamed heading would leave a reader on a dead link, so every such link is checked here."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = "```"


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped (CJK punctuation
    such as 、 too), spaces turned into hyphens."""
    text = heading.strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Anchors of the headings outside code blocks; a repeated heading gets -1, -2 … as on GitHub."""
    seen: dict[str, int] = {}
    found = set()
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(FENCE):
            in_code = not in_code
        elif not in_code and re.match(r"#{1,6} ", line):
            name = anchor(line.lstrip("#"))
            count = seen.get(name, 0)
            seen[name] = count + 1
            found.add(name if count == 0 else f"{name}-{count}")
    return found


def relative_links(path: Path) -> list[str]:
    """Links outside code blocks that point into the repository (not to the web)."""
    links = []
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(FENCE):
            in_code = not in_code
        elif not in_code:
            links += [m for m in LINK.findall(line) if not re.match(r"[a-z]+:", m)]
    return links


def test_anchor_follows_github_on_chinese_and_english_headings():
    assert anchor("一、会前准备") == "一会前准备"
    assert anchor("Re-verification") == "re-verification"
    assert anchor("The voting screens") == "the-voting-screens"
    assert anchor("5. 投影屏：`huiwu display`") == "5-投影屏huiwu-display"


def test_a_repeated_heading_gets_a_numbered_anchor(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Contests\n\n```\n# not a heading\n```\n\n## Contests\n", encoding="utf-8")
    assert anchors(page) == {"contests", "contests-1"}


def test_the_readme_leads_to_the_guide_and_every_moved_document():
    readme = {link.partition("#")[0] for link in relative_links(ROOT / "README.md")}
    for path in sorted((ROOT / "docs").glob("*.md")):
        assert f"docs/{path.name}" in readme, f"README does not link to docs/{path.name}"


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_every_relative_link_reaches_its_file_and_heading(path):
    broken = []
    for link in relative_links(path):
        target, _, fragment = link.partition("#")
        file = (path.parent / target).resolve() if target else path
        if not file.exists():
            broken.append(f"{link}: no such file")
        elif fragment and fragment not in anchors(file):
            broken.append(f"{link}: no heading with that anchor in {file.name}")
    assert not broken, f"{path.name}: " + "; ".join(broken)
