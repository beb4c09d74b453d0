"""Secrets are never printed: the badge secret (current and retired) and a database password.

A demo congress (with votes) is built through the CLI, its badge secret rotated once, backed up
and exported; then every output a user or a script sees is searched for the secrets in every
form they could leak in (hex either case, a 16-hex-digit fingerprint of either end, raw bytes,
base64, base32): the commands' stdout and stderr in both languages, every file of the minutes
package (PDF streams unpacked, workbook unzipped), the badge sheet and its PNGs, the audit log,
and database error messages. Commands run in-process through click's test runner.
"""

import base64
import json
import os
import re
import sqlite3
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from main import cli
from models import badge_code
from models.congress import T_CONGRESS, congress_secret, create_congress, require_congress
from models.db import open_database
from tui.texts import error_line

PASSWORD = "Topsecret9"
PG_URL = f"postgresql+psycopg://u:{PASSWORD}@127.0.0.1:1/x"
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def run(db, *args, lang=None, backups=None, check_code=None):
    env = {"HUIWU_DB": str(db), "HUIWU_STATION": "1号台", "HUIWU_LANG": lang}
    if backups is not None:
        env["HUIWU_BACKUP_DIR"] = str(backups)
    outcome = CliRunner().invoke(cli, list(args), env=env)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exc_info
    assert "Traceback" not in outcome.stderr, outcome.stderr
    if check_code is not None:
        assert outcome.exit_code == check_code, (args, outcome.stdout, outcome.stderr)
    return SimpleNamespace(code=outcome.exit_code, stdout=outcome.stdout, stderr=outcome.stderr)


def leak_forms(secret_hex: str) -> dict[str, bytes]:
    """Every shape a secret could take in an output, by name."""
    raw = bytes.fromhex(secret_hex)
    lower = secret_hex.lower()
    return {
        "hex": lower.encode(),
        "HEX": lower.upper().encode(),
        "hex head": lower[:16].encode(),
        "hex tail": lower[-16:].encode(),
        "raw": raw,
        "base64": base64.b64encode(raw).rstrip(b"="),
        "base64url": base64.urlsafe_b64encode(raw).rstrip(b"="),
        "base32": base64.b32encode(raw).rstrip(b"="),
    }


def leaks(blob: bytes | str, secrets: list[str]) -> list[str]:
    data = blob.encode("utf-8") if isinstance(blob, str) else blob
    return [
        f"secret {number} as {name}"
        for number, secret in enumerate(secrets, start=1)
        for name, form in leak_forms(secret).items()
        if form in data
    ]


def stored_secrets(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT secret FROM congress UNION ALL SELECT secret FROM retired_badge_secret"
        ).fetchall()
    return [row[0] for row in rows]


def badge_text(db: Path, secret: str, code: str) -> str:
    with sqlite3.connect(db) as conn:
        uid = conn.execute("SELECT uid FROM congress").fetchone()[0]
    return badge_code.badge_text(bytes.fromhex(secret), uid, code)


def file_contents(path: Path) -> list[bytes]:
    """The file's bytes, plus what a compressed format holds inside (PDF streams, zip members)."""
    data = path.read_bytes()
    parts = [data]
    if path.suffix.lower() in {".xlsx", ".zip"}:
        with zipfile.ZipFile(path) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    if path.suffix.lower() == ".pdf":
        for stream in PDF_STREAM.findall(data):
            try:
                parts.append(zlib.decompress(stream))
            except zlib.error:
                parts.append(stream)
        pdf = pdfium.PdfDocument(str(path))
        try:
            parts += [page.get_textpage().get_text_range().encode("utf-8") for page in pdf]
        finally:
            pdf.close()
    return parts


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    """A demo congress whose badge secret was rotated once, with backups in a test folder;
    ``outputs`` holds what building it printed."""
    folder = tmp_path_factory.mktemp("secrets")
    db, backups = folder / "huiwu.db", folder / "backups"
    outputs = [
        run(db, "demo", "--delegates", "64", backups=backups, check_code=0),
        run(db, "badges", "--rotate", "--yes", "--json", backups=backups, check_code=0),
        run(db, "--lang", "en", "badges", "--rotate", "--yes", backups=backups, check_code=0),
        run(db, "backup", "now", backups=backups, check_code=0),
    ]
    secrets = stored_secrets(db)
    assert len(secrets) == 3  # the current one and two retired generations
    return SimpleNamespace(db=db, folder=folder, backups=backups, outputs=outputs, secrets=secrets)


def test_no_command_prints_a_badge_secret(hall):
    db, current, first = hall.db, hall.secrets[0], hall.secrets[1]
    outputs = list(hall.outputs)
    for lang in ("zh", "en"):
        outputs += [
            run(db, "checkin", badge_text(db, current, "D0063"), "--json", lang=lang),
            run(db, "checkin", badge_text(db, first, "D0064"), "--json", lang=lang),
            run(db, "checkin", badge_text(db, first, "D0064"), lang=lang),
            run(db, "attendance", "--json", lang=lang, check_code=0),
            run(db, "attendance", lang=lang, check_code=0),
            run(db, "sitting", "list", lang=lang, check_code=0),
            run(db, "result", "1", "--json", lang=lang, check_code=0),
            run(db, "result", "3", "--json", lang=lang, check_code=0),
            run(db, "badges", "--out", str(hall.folder / f"badges-{lang}.pdf"), lang=lang),
            run(db, "verify", "--json", lang=lang, check_code=0),
            run(db, "verify", lang=lang, check_code=0),
            run(db, "backup", "list", lang=lang, backups=hall.backups, check_code=0),
            run(db, "backup", "list", "--json", lang=lang, backups=hall.backups, check_code=0),
        ]
    package = hall.folder / "package-cli"
    outputs.append(run(db, "export", "--out", str(package), "--json", check_code=0))
    outputs.append(run(db, "export", "--out", str(package), "--force", check_code=0))

    revoked = outputs[len(hall.outputs) + 1]
    assert json.loads(revoked.stdout)["reason"] == "revoked"  # the old badge was really read
    assert len(outputs) == 4 + 2 * 13 + 2
    for output in outputs:
        assert not leaks(output.stdout + output.stderr, hall.secrets), output


def test_no_file_of_the_minutes_package_holds_a_badge_secret(hall):
    package = hall.folder / "package"
    run(hall.db, "export", "--out", str(package), check_code=0)

    files = sorted(p for p in package.rglob("*") if p.is_file())
    names = {p.name for p in files}
    assert {"huiwu-archive.json", "SHA256SUMS"} <= names
    assert any(p.suffix == ".pdf" for p in files) and any(p.suffix == ".xlsx" for p in files)
    for path in files:
        for part in file_contents(path):
            assert not leaks(part, hall.secrets), path
    archive = json.loads((package / "huiwu-archive.json").read_text(encoding="utf-8"))
    assert "secret" not in archive["tables"]["congress"][0]
    assert "retired_badge_secret" not in archive["tables"]


def test_the_badge_sheet_and_its_images_hold_no_badge_secret(hall):
    out, png_dir = hall.folder / "sheet.pdf", hall.folder / "png"
    run(hall.db, "badges", "--out", str(out), "--png-dir", str(png_dir), check_code=0)

    files = [out, *png_dir.glob("*.png")]
    assert len(files) > 64
    for path in files:
        for part in file_contents(path):
            assert not leaks(part, hall.secrets), path


def test_no_audit_record_holds_a_badge_secret(hall):
    with sqlite3.connect(hall.db) as conn:
        rows = conn.execute("SELECT kind, payload, station, operator FROM event").fetchall()
    kinds = {row[0] for row in rows}
    assert {"badges.rotate", "checkin", "checkin.failed"} <= kinds
    for row in rows:
        assert not leaks("\n".join(row), hall.secrets), row


def _insert_congress(db, **values):
    row = {"uid": "NEWUID", "name": "又一次大会", "kind": "zdh", "created_at": "now"}
    with db.write() as conn:
        conn.execute(insert(T_CONGRESS).values(**{**row, **values}))


def _secret_of(db) -> str:
    with db.read() as conn:
        return congress_secret(conn, require_congress(conn).id).hex()


def test_a_database_error_never_carries_the_secret_it_was_given(db):
    """The engine hides bound parameters: a failed INSERT that carried the secret (here a
    duplicate uid) says what failed without it, on both backends."""
    info = create_congress(db, "大会")
    secret = _secret_of(db)

    with pytest.raises(IntegrityError) as failed:
        _insert_congress(db, uid=info.uid, secret=secret)

    error = failed.value
    assert "hidden" in str(error)
    for text in (str(error), repr(error), str(error.orig), error_line(error)):
        assert not leaks(text, [secret]), text


def test_a_not_null_violation_never_carries_the_secret(db):
    """Neither what the user sees of a database error (its first line) nor the full text a
    traceback would write has the secret. PostgreSQL's server quotes the whole failing row in a
    NOT NULL violation's DETAIL line ("Failing row contains (…, <secret>, …)"), whatever the
    client hides: the engine strips that line (models.db)."""
    create_congress(db, "大会")
    secret = _secret_of(db)

    with pytest.raises(IntegrityError) as failed:
        _insert_congress(db, name=None, secret=secret)

    assert not leaks(error_line(failed.value), [secret])
    assert not leaks(str(failed.value), [secret])


def test_the_search_finds_a_secret_in_every_form():
    secret = "00ff" * 16
    raw = bytes.fromhex(secret)
    shown = [
        secret,
        secret.upper(),
        f"fingerprint {secret[:16]}",
        base64.b64encode(raw).decode(),
        base64.b32encode(raw).decode(),
    ]
    assert all(leaks(text, [secret]) for text in shown)
    assert leaks(b"%PDF" + raw, [secret])
    assert not leaks("HW1:ABCDEFGH:D0001:ABCDEFGHIJKLMNOP", [secret])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_postgresql_password_never_shows(lang):
    outcome = run(PG_URL, "attendance", lang=lang, check_code=1)
    assert PASSWORD not in outcome.stdout + outcome.stderr
    assert ("无法打开数据库" if lang == "zh" else "database") in outcome.stderr
    assert PASSWORD not in run(PG_URL, "verify", "--json", lang=lang).stderr


def test_describe_hides_the_password():
    database = open_database(PG_URL, migrate=False)
    try:
        shown = database.describe()
    finally:
        database.dispose()
    assert PASSWORD not in shown
    assert "127.0.0.1" in shown and "***" in shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_mistyped_address_is_named_without_the_password(lang):
    typo = PG_URL.replace("127.0.0.1", "127.0.0.1:54x2")
    outcome = run(typo, "attendance", lang=lang, check_code=1)
    assert PASSWORD not in outcome.stdout + outcome.stderr
    assert ("端口不是数字" if lang == "zh" else "port") in outcome.stderr
    assert "Traceback" not in outcome.stderr


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_new_database_file_and_its_wal_are_for_the_owner_only(tmp_path):
    """0600 even under a permissive umask: the file holds the badge key."""
    path = tmp_path / "sub" / "huiwu.db"
    path.parent.mkdir()  # an explicit path's folder is not made (tests/functional/test_cli_data.py)
    old_umask = os.umask(0)
    try:
        database = open_database(str(path))
        try:
            create_congress(database, "大会")
            files = [path, path.with_name(path.name + "-wal")]
            assert all(f.exists() for f in files)
            assert [oct(f.stat().st_mode & 0o777) for f in files] == ["0o600", "0o600"]
        finally:
            database.dispose()
    finally:
        os.umask(old_umask)
