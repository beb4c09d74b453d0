"""The index of statutory rules (models/rules/__init__.py) stays in step with the rule functions
and with docs/RULES.md: a rule you look up by its Chinese name leads to a function that exists,
says that name, and cites a section that is there."""

import ast
import importlib
import re
from pathlib import Path

import pytest

from models import rules

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "models" / "rules"
RULES_DOC = ROOT / "docs" / "RULES.md"
# "RULES §3", "RULES.md §3", "docs/RULES.md §3" — not 《企业民主管理规定》§20 and the like
CITATION = re.compile(r"RULES(?:\.md)?\s*§\s*(\d+)")


def sections() -> set[int]:
    text = RULES_DOC.read_text(encoding="utf-8")
    return {int(n) for n in re.findall(r"^## (\d+)\. ", text, flags=re.MULTILINE)}


def resolve(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(f"models.rules.{module}"), name, None)


def public_functions() -> set[str]:
    found = set()
    for path in sorted(RULES_DIR.glob("*.py")):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                found.add(f"{path.stem}:{node.name}")
    return found


def test_the_rules_document_has_every_section_from_0_to_7():
    assert sections() == set(range(8))


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: f"{r.phrase}-{r.function}")
def test_each_indexed_rule_exists_and_its_docstring_says_its_phrase(rule):
    function = resolve(rule.function)
    assert callable(function), f"{rule.function} is indexed but does not exist"
    assert rule.phrase in (function.__doc__ or ""), f"{rule.function} docstring lacks {rule.phrase}"


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: f"{r.phrase}-{r.function}")
def test_each_indexed_section_exists_in_the_rules_document(rule):
    assert rule.section is None or rule.section in sections()


def test_every_public_rule_function_is_indexed_or_a_helper():
    indexed = {r.function for r in rules.RULES}
    missing = sorted(public_functions() - indexed - rules.HELPERS)
    assert missing == [], (
        f"index these in models/rules/__init__.py or list them in HELPERS: {missing}"
    )


def test_nothing_is_both_a_rule_and_a_helper_and_every_helper_exists():
    indexed = {r.function for r in rules.RULES}
    assert indexed & rules.HELPERS == set()
    assert sorted(rules.HELPERS - public_functions()) == []


def test_the_words_of_the_issue_are_all_indexed():
    for words in ("法定人数", "过半数", "三分之二以上", "差额选举", "等额选举", "另行选举"):
        assert rules.find(words), words
    for words in ("去掉最高分和最低分", "四舍五入", "并列名次", "满意率", "再次投票", "废票"):
        assert rules.find(words), words


def test_find_leads_from_a_phrase_to_its_function_and_section():
    found = {(r.function, r.section) for r in rules.find("法定人数所需实到人数")}
    # a longer phrase also finds the shorter ones inside it
    assert found == {("attendance:quorum_required", 1), ("attendance:quorum_met", 1)}
    assert resolve("attendance:quorum_required")(300) == 200  # the edge: 3*200 == 2*300
    assert {r.function for r in rules.find("去掉最高分和最低分")} == {"scoring:panel_score"}
    assert rules.find("无此规则") == ()


def test_every_rules_citation_in_the_source_names_a_section_that_exists():
    known = sections()
    broken = []
    for folder in ("models", "tui", "screens", "cli", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            for number, line in _citations(text):
                if number not in known:
                    broken.append(f"{path.relative_to(ROOT)}:{line}: §{number}")
    for path in [ROOT / "main.py", *sorted((ROOT / "docs").glob("*.md"))]:
        for number, line in _citations(path.read_text(encoding="utf-8")):
            if number not in known:
                broken.append(f"{path.relative_to(ROOT)}:{line}: §{number}")
    assert broken == []


def test_the_rule_modules_cite_the_document_by_its_path():
    for path in sorted(RULES_DIR.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        bare = [m.start() for m in CITATION.finditer(text) if not _by_path(text, m.start())]
        assert bare == [], f"{path.name}: cite docs/RULES.md §N"


def _citations(text: str):
    for match in CITATION.finditer(text):
        yield int(match.group(1)), text.count("\n", 0, match.start()) + 1


def _by_path(text: str, start: int) -> bool:
    return text[max(0, start - 5) : start] == "docs/"
