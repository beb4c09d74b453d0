"""Golden files of the CLI's ``--json`` documents (docs/cli.md: users script against them).

One congress is built through the CLI in a fixed order — every command that takes ``--json`` runs
once, in a step of ``steps`` — and each document is compared with its snapshot in
tests/functional/__snapshots__/test_cli_json_contract/. A changed key, type or nesting is a
visible diff there; ``pytest --snapshot-update`` writes the new shape for review.

Only what changes from run to run is masked, by ``normalise``: timestamps and clock times, the
temporary folder, hashes, uids and database file sizes. Every other value (counts, thresholds, names, wording) is kept.
"""

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from syrupy.extensions.json import JSONSnapshotExtension

from main import cli

ROSTER = """编号,姓名,性别,单位,代表团,类别
D001,王芳,女,一车间,第一代表团,正式代表
D002,李四,男,一车间,第一代表团,正式代表
D003,张三丰,男,二车间,第二代表团,正式代表
D004,赵敏,女,二车间,第二代表团,正式代表
D005,钱进,男,三车间,第三代表团,正式代表
D006,孙丽,女,三车间,第三代表团,正式代表
L01,列席甲,男,机关,,列席代表
"""
# 王芳 alone passes 2*yes > 6 (4 ○), so one seat is left for 另行选举 (the runoff step)
BALLOTS = "票号,王芳,李四,张三丰,另选他人\n1,○,×,○,\n2,○,○,×,\n3,○,,,\n4,×,○,○,\n5,○,×,×,赵敏\n"
ENTRANTS = "序号,选手,单位,成员\n1,第一队,机关,王芳、李四\n2,第二队,车间,赵敏、钱进\n"
SCORES = "选手,评委,分数,单位\n" + "".join(
    f"{name},{judge},{score},{unit}\n"
    for name, unit, marks in (("甲", "一车间", (95, 94, 96)), ("乙", "二车间", (90, 92.5, 91)))
    for judge, score in zip((1, 2, 3), marks, strict=True)
)
PROPOSALS = """标题,提案人,附议人,类别,案由,建议
关于改善职工食堂伙食的提案,D001,D002、D003,职工福利,饭菜单一。,增加窗口。
关于增开夜班班车的提案,"D004,D005",D001 D002,职工福利,夜班职工回家难。,增开零点班车。
关于加强安全培训的提案,第二代表团,D001、D002,安全生产,新员工培训不足。,严格三级教育。
"""
DUE = "2099-12-31"  # a hand-over deadline that never passes, so nothing turns overdue


def steps(folder: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(snapshot name, arguments) in the order they run, each with ``--json``; a step without
    a name is set-up from a command that has no ``--json``. ``{backup}``: the file of
    ``backup now``."""
    f = {name: str(folder / name) for name in ("pdfs", "export")}
    return [
        ("congress new", ("congress", "new", "测试公司职代会", "--term", "3", "--session", "2",
                          "--date", "2026-12-06", "--venue", "大礼堂")),
        ("congress edit", ("congress", "edit", "--venue", "职工之家")),
        ("congress set", ("congress", "set", "election.rate", "0.05")),
        ("congress settings", ("congress", "settings")),
        ("roster import", ("roster", "import", str(folder / "roster.csv"))),
        ("roster list", ("roster", "list")),
        ("", ("sitting", "new", "第一次全体会议")),
        ("sitting list", ("sitting", "list")),
        ("seats plan", ("seats", "plan", "--rows", "2", "--seats", "4", "--aisles", "2",
                        "--presidium", "2")),
        ("seats set", ("seats", "set", "D006", "主席台1")),
        ("seats assign", ("seats", "assign")),
        ("seats note", ("seats", "note", "D001", "请领取选票")),
        ("seats", ("seats",)),
        ("seats pdf", ("seats", "--pdf", f["pdfs"] + "/seats.pdf")),
        ("checkin", ("checkin", "D001")),
        ("checkin again", ("checkin", "D001")),
        ("checkin unknown", ("checkin", "X999")),
        ("checkin exit", ("checkin", "D001", "--exit")),
        ("checkin exit again", ("checkin", "D001", "--exit")),
        ("checkin reentry", ("checkin", "D001")),
        *[(f"checkin {c}", ("checkin", c)) for c in ("D002", "D003", "D004", "D005", "L01")],
        ("attendance", ("attendance",)),
        ("offline", ("offline",)),
        ("absent", ("absent",)),
        ("badges", ("badges", "--out", str(folder / "badges.pdf"), "--codes", "D001")),
        ("motion new", ("motion", "new", "关于职工工资的报告")),
        ("motion count", ("motion", "count", "1", "--yes", "3", "--no", "1", "--abstain", "1",
                          "--hands")),
        ("close", ("close", "1")),
        ("reopen", ("reopen", "1", "--reason", "重新清点")),
        ("motion new secret", ("motion", "new", "集体合同草案", "--important")),
        ("motion issue", ("motion", "issue", "2", "5")),
        ("motion ballot", ("motion", "ballot", "2", "yes")),
        ("motion ballot-undo", ("motion", "ballot-undo", "2", "1", "--reason", "录错")),
        ("election new", ("election", "new", "工会委员会选举", "--seats", "2", "--candidates",
                          "王芳,李四,张三丰", "--order", "given")),
        ("election candidates", ("election", "candidates", "3", "王芳,李四,张三丰")),
        ("election scrutineers", ("election", "scrutineers", "3", "--scrutineers", "赵敏",
                                  "--counters", "钱进")),
        ("election issue", ("election", "issue", "3", "5")),
        ("ballots import", ("ballots", "import", "3", str(folder / "ballots.csv"))),
        ("reopen election", ("reopen", "3", "--reason", "复核第3号票")),
        ("ballots rekey", ("ballots", "rekey", "3", "3", "--entry", "1", "--marks", "oo-",
                           "--reason", "看错")),
        ("close election", ("close", "3")),
        ("result motion", ("result", "1")),
        ("result election", ("result", "3")),
        ("election runoff", ("election", "runoff", "3")),
        ("appraisal new", ("appraisal", "new", "领导班子测评", "--subjects", "张三:党委书记")),
        ("appraisal issue", ("appraisal", "issue", "领导班子测评", "5")),
        ("appraisal sheets", ("appraisal", "sheets", "领导班子测评", "--returned", "5")),
        ("appraisal marks", ("appraisal", "marks", "领导班子测评", "张三", "4", "1", "0")),
        ("reopen appraisal", ("reopen", "领导班子测评", "--reason", "复核")),
        ("appraisal rekey", ("appraisal", "rekey", "领导班子测评", "张三", "3", "2", "0",
                             "--entry", "1", "--reason", "看错")),
        ("items", ("items",)),
        ("contest new", ("contest", "new", "演讲比赛", "--judges", "3", "--trim", "1",
                         "--decimals", "2", "--awards", "一等奖:1,二等奖:1")),
        ("contest entrant", ("contest", "entrant", "演讲比赛", "丙", "--unit", "三车间")),
        ("scores import", ("scores", "import", "演讲比赛", str(folder / "scores.csv"))),
        ("contest mark", ("contest", "mark", "演讲比赛", "丙", "1", "93")),
        ("contest show", ("contest", "show", "演讲比赛")),
        ("standings", ("standings", "演讲比赛")),
        ("contest publish", ("contest", "publish", "演讲比赛")),
        ("contest reopen", ("contest", "reopen", "演讲比赛", "--reason", "补录")),
        ("contest event", ("contest", "event", "演讲比赛", "决赛")),
        ("contest new quiz", ("contest", "new", "知识竞赛", "--judges", "1", "--trim", "0",
                              "--quiz")),
        ("contest entrants", ("contest", "entrants", "知识竞赛", str(folder / "teams.csv"))),
        ("contest answer", ("contest", "answer", "知识竞赛", "第一队", "必答", "right")),
        ("contest list", ("contest", "list")),
        # a round robin of three seeded sides: the draw has no lots to draw, so it is the same
        # every run; each beats the next, all equal to the point: the organisers draw lots
        ("", ("contest", "new", "乒乓球赛", "--judges", "1", "--trim", "0")),
        ("contest event matches", ("contest", "event", "乒乓球赛", "男单", "--matches",
                                   "roundrobin", "--game", "tabletennis", "--best-of", "3")),
        *[(f"contest entrant seed {n}", ("contest", "entrant", "乒乓球赛", name, "--unit", unit,
                                          "--event", "男单", "--seed", str(n)))
          for n, name, unit in ((1, "甲", "一车间"), (2, "乙", "二车间"), (3, "丙", "三车间"))],
        ("contest draw", ("contest", "draw", "乒乓球赛", "男单")),
        ("contest match", ("contest", "match", "乒乓球赛", "2", "--games", "11:5,11:5")),
        ("", ("contest", "match", "乒乓球赛", "3", "--games", "5:11,5:11")),
        ("", ("contest", "match", "乒乓球赛", "5", "--games", "11:5,11:5")),
        ("contest matches", ("contest", "matches", "乒乓球赛")),
        ("standings event tied", ("standings", "乒乓球赛", "--event", "男单")),
        ("contest lots", ("contest", "lots", "乒乓球赛", "男单", "A", "乙,甲,丙")),
        ("meet new", ("meet", "new", "职工运动会", "--points", "7,5,4,3,2,1", "--record", "+2")),
        ("meet add", ("meet", "add", "职工运动会", "乒乓球赛")),
        ("meet record", ("meet", "record", "1", "乒乓球赛", "甲", "--note", "x")),
        ("meet standings", ("meet", "standings", "职工运动会")),
        ("proposals settings", ("proposals", "settings", "--min-seconders", "2")),
        ("proposals import", ("proposals", "import", str(folder / "proposals.csv"))),
        ("proposals new", ("proposals", "new", "关于增设母婴室的提案", "--category", "职工福利",
                           "--proposer", "D006", "--seconders", "D001、D002")),
        ("proposals accept", ("proposals", "accept", "1")),
        ("proposals assign", ("proposals", "assign", "1", "--department", "后勤处",
                              "--due", DUE)),
        ("proposals answer", ("proposals", "answer", "1", "--reply", "已增加两个窗口。")),
        ("proposals rate", ("proposals", "rate", "1", "satisfied")),
        ("proposals suggest", ("proposals", "suggest", "2")),
        ("proposals reopen", ("proposals", "reopen", "2", "--reason", "误操作")),
        ("proposals merge", ("proposals", "merge", "2", "--into", "4")),
        ("proposals reject", ("proposals", "reject", "3", "--reason", "不属于职代会职权")),
        ("proposals show", ("proposals", "show", "1")),
        ("proposals list", ("proposals", "list")),
        ("proposals stats", ("proposals", "stats")),
        ("proposals export", ("proposals", "export", "--pdf", f["pdfs"] + "/proposals.pdf")),
        ("backup now", ("backup", "now")),
        ("backup list", ("backup", "list")),
        ("export", ("export", "--out", f["export"])),
        ("verify", ("verify",)),
        ("", ("sitting", "new", "第二次全体会议")),
        ("sitting rename", ("sitting", "rename", "第二次全体会议", "第二次大会", "--reason", "改名")),
        ("sitting remove", ("sitting", "remove", "第二次大会", "--reason", "试验", "--yes")),
        ("restore", ("restore", "{backup}", "--yes")),
        ("", ("congress", "set", "paper.deck", "off")),
        ("election new paper", ("election", "new", "职工董事选举", "--seats", "1", "--candidates",
                                "王芳,李四", "--order", "given")),
        ("election issue paper", ("election", "issue", "职工董事选举", "5")),
        ("ballots layout", ("ballots", "layout", "职工董事选举")),
        ("ballots print", ("ballots", "print", "职工董事选举", "--out", str(folder / "选票.pdf"))),
        ("ballots testdeck", ("ballots", "testdeck", "职工董事选举", "--out",
                              str(folder / "测试票.pdf"))),
        ("ballots scan", ("ballots", "scan", "职工董事选举", "{scans}")),
        ("ballots review", ("ballots", "review", "职工董事选举")),
        ("ballots decide", ("ballots", "decide", "职工董事选举", "2", "--box", "1", "--mark", "o")),
        ("ballots reopen", ("ballots", "reopen", "职工董事选举", "2", "--reason", "按错键")),
        ("", ("ballots", "decide", "职工董事选举", "2", "--box", "1", "--mark", "o")),
        ("", ("ballots", "decide", "职工董事选举", "2", "--box", "2", "--mark", "x")),
        ("ballots count", ("ballots", "count", "职工董事选举")),
        ("ballots sample", ("ballots", "sample", "职工董事选举")),
        # the speaking clock (issue 22): a timed event, a time typed, the standings with its keys
        ("contest new timed", ("contest", "new", "演讲计时", "--judges", "3", "--trim", "0",
                               "--clock", "limit=5:00,warn=4:00,min=3:00")),
        ("", ("contest", "entrant", "演讲计时", "丁")),
        ("", ("contest", "mark", "演讲计时", "丁", "1", "92")),
        ("", ("contest", "mark", "演讲计时", "丁", "2", "92")),
        ("", ("contest", "mark", "演讲计时", "丁", "3", "92")),
        ("contest time", ("contest", "time", "演讲计时", "丁", "5:47.3")),
        ("standings timed", ("standings", "演讲计时")),
    ]  # fmt: skip


# the congress's random id (printed on badges); a database file's size in bytes (SQLite's page
# allocation, not a shape)
VOLATILE_KEYS = {"uid": "<uid>", "size": "<bytes>"}


def normalise(value, folder: Path):
    """The document with what differs between runs masked, everything else as printed."""
    if isinstance(value, dict):
        return {
            key: VOLATILE_KEYS[key] if key in VOLATILE_KEYS and item else normalise(item, folder)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [normalise(item, folder) for item in value]
    if isinstance(value, str):
        return _mask(value, folder)
    return value


# Hashes first: a digest may hold a run of digits that would otherwise read as a time.
VOLATILE = (
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uid>"),
    (re.compile(r"\b[0-9a-f]{16,}\b"), "<hex>"),
    (
        re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?"),
        "<time>",
    ),
    (re.compile(r"\d{8}[T-]?\d{6}"), "<stamp>"),  # a time in a file name (backups)
    (re.compile(r"(?<![\d:])\d{2}:\d{2}(:\d{2})?(?![\d:])"), "<hh:mm>"),
    # two backups in one second get -2, -3 …: how many depends on the machine's speed
    (re.compile(r"(<stamp>-[a-z]+)-\d+(\.db)"), r"\1\2"),
)


def _mask(text: str, folder: Path) -> str:
    text = text.replace(str(folder), "<tmp>")
    text = re.sub(r"<tmp>/backups/[^/]+/", "<tmp>/backups/<database>/", text)  # named by a hash
    for pattern, mask in VOLATILE:
        text = pattern.sub(mask, text)
    return text


def json_commands() -> set[str]:
    def walk(command, path):
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])
        elif any("--json" in getattr(p, "opts", ()) for p in command.params):
            yield " ".join(path)

    return set(walk(cli, []))


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("contract")
    for name, text in (("roster.csv", ROSTER), ("ballots.csv", BALLOTS), ("teams.csv", ENTRANTS),
                       ("scores.csv", SCORES), ("proposals.csv", PROPOSALS)):  # fmt: skip
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "pdfs").mkdir()
    env = {"HUIWU_DB": str(folder / "cli.db"), "HUIWU_STATION": "1号台", "HUIWU_LANG": None,
           "HUIWU_OPERATOR": None, "HUIWU_BACKUP_DIR": str(folder / "backups")}  # fmt: skip
    out, backup = {}, None
    for name, args in steps(folder):
        args = [backup if a == "{backup}" else a for a in args]
        if "{scans}" in args:
            args = [
                scans(folder, out["ballots layout"]["json"]) if a == "{scans}" else a for a in args
            ]
        if not name:
            assert CliRunner().invoke(cli, args, env=env).exit_code == 0, args
            continue
        outcome = CliRunner().invoke(cli, [*args, "--json"], env=env)
        assert outcome.exception is None or isinstance(outcome.exception, SystemExit), (
            name,
            outcome.exc_info,
        )
        assert outcome.exit_code in (0, 1), (name, outcome.stdout, outcome.stderr)
        doc = json.loads(outcome.stdout) if outcome.stdout.strip() else None
        out[name] = {"exit": outcome.exit_code, "json": normalise(doc, folder)}
        if name == "backup now":
            backup = doc["path"]
    return out


def scans(folder: Path, layout: dict) -> str:
    """Two scans of the printed 选票: a blank ballot (read) and one with two √ (for a person)."""
    import numpy as np

    from bench.omr_synth import draw_mark
    from tests.paper_scans import DPI, pdf_pages, px, write

    (blank,) = pdf_pages(folder / "选票.pdf")
    ticked = blank.copy()
    for box in layout["boxes"][:2]:
        draw_mark(ticked, px(box["rect_mm"]), "tick", np.random.default_rng(1), DPI / 25.4)
    write(folder / "scans", "001.png", blank)
    write(folder / "scans", "002.png", ticked)
    return str(folder / "scans")


@pytest.fixture
def snapshot_json(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


STEP_NAMES = [name for name, _args in steps(Path("/")) if name]


def command_of(args: tuple[str, ...]) -> str:
    """The command path the arguments name: ``("motion", "count", "1", …)`` → ``motion count``."""
    command, path = cli, []
    while (
        isinstance(command, click.Group)
        and len(path) < len(args)  # `huiwu seats` is a group that answers on its own
        and args[len(path)] in command.commands
    ):
        command = command.commands[args[len(path)]]
        path.append(command.name)
    return " ".join(path)


def test_every_json_command_has_a_golden_file():
    covered = {command_of(args) for name, args in steps(Path("/")) if name}
    assert json_commands() - covered == set()


@pytest.mark.parametrize("name", STEP_NAMES, ids=lambda name: name.replace(" ", "-"))
def test_json_document_keeps_its_shape(documents, snapshot_json, name):
    assert documents[name] == snapshot_json
