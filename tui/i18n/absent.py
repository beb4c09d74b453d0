"""未到名单 (models/absentees.py): who has not arrived, by delegation — screen, CLI and files."""

ZH = {
    "absent.unknown_delegation": "没有名为「{delegation}」的代表团",
}

EN = {
    "absent.unknown_delegation": "There is no delegation named “{delegation}”",
}
