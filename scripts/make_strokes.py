"""Build the bundled stroke data for 姓氏笔画 ordering (``models/data/*.txt``).

The app only ever reads the two generated files; this script is for whoever refreshes them.

Sources (both permissively licensed, both fetched with the ordinary package clients):

* Stroke counts: the Unicode Consortium's Unihan database, field ``kTotalStrokes`` (first value:
  the count preferred for zh-Hans), Unicode License. Debian ships it in ``unicode-data``.
* First stroke (起笔, for ties): the stroke orders of the npm package ``cnchar-order`` (MIT).

To rerun (from the repository root)::

    src=$(mktemp -d)
    (cd "$src" && apt-get download unicode-data && dpkg -x unicode-data_*.deb ud \\
        && npm pack cnchar-order@3.2.6)
    python scripts/make_strokes.py --unihan "$src/ud/usr/share/unicode" \\
        --cnchar-order "$src/cnchar-order-3.2.6.tgz"

(``apt-get download`` works without root; the Debian package today is Unicode 15.0.0.)

``--unihan`` takes a directory holding ``Unihan_*.txt`` (or ``.txt.bz2``, as Debian ships them)
or an upstream ``Unihan.zip``. ``--cnchar-order`` takes the npm tarball or its
``cnchar.order.min.js``. Without ``--cnchar-order`` only ``strokes.txt`` is written.

Coverage: CJK Unified Ideographs (U+4E00–U+9FFF), Extension A (U+3400–U+4DBF), and every
character of GB 2312 (``kGB0``) and of the 通用规范汉字表 (``kTGHZ2013``), including the ~200 of
the latter that live in Extensions B+. The script refuses to write a file missing any of those.
"""

from __future__ import annotations

import argparse
import bz2
import io
import re
import sys
import tarfile
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "models" / "data"

RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))
FIELDS = ("kTotalStrokes", "kGB0", "kTGHZ2013")

UNICODE_NOTICE = """\
Copyright © 1991-{year} Unicode, Inc. All rights reserved.
Distributed under the Terms of Use in http://www.unicode.org/copyright.html.

Permission is hereby granted, free of charge, to any person obtaining a copy of the Unicode data
files and any associated documentation (the "Data Files") or Unicode software and any associated
documentation (the "Software") to deal in the Data Files or Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute, and/or
sell copies of the Data Files or Software, and to permit persons to whom the Data Files or
Software are furnished to do so, provided that (a) the above copyright notice(s) and this
permission notice appear with all copies of the Data Files or Software, (b) both the above
copyright notice(s) and this permission notice appear in associated documentation, and (c) there
is clear notice in each modified Data File or in the Software as well as in the documentation
associated with the Data File(s) or Software that the data or software has been modified.

THE DATA FILES AND SOFTWARE ARE PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT OF THIRD PARTY RIGHTS. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
HOLDERS INCLUDED IN THIS NOTICE BE LIABLE FOR ANY CLAIM, OR ANY SPECIAL INDIRECT OR CONSEQUENTIAL
DAMAGES, OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE
USE OR PERFORMANCE OF THE DATA FILES OR SOFTWARE.

Except as contained in this notice, the name of a copyright holder shall not be used in
advertising or otherwise to promote the sale, use or other dealings in these Data Files or
Software without prior written authorization of the copyright holder."""

MIT_NOTICE = """\
The MIT License (MIT)

Copyright (c) 2017 - present theajack <theajack@qq.com>

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

# 笔顺编号 (stroke-order numbering): 1 横, 2 竖, 3 撇, 4 点, 5 折. As in that numbering, 提 counts
# as 横, 竖钩 (亅) as 竖, 捺 and cnchar's left-dot variant "点2" as 点; every other turning stroke
# is 折. cnchar itself files 竖钩 under 折笔; only 凼小水沓淼 start with it.
FIRST_STROKE_CLASS = {"横": 1, "提": 1, "竖": 2, "竖钩": 2, "撇": 3, "点": 4, "点2": 4, "捺": 4}


# --- Unihan -------------------------------------------------------------------------------------


def _unihan_texts(source: Path) -> Iterator[tuple[str, str]]:
    """(name, text) of every Unihan_*.txt in a directory (plain or .bz2) or in Unihan.zip."""
    if source.is_dir():
        for path in sorted(source.glob("Unihan_*.txt*")):
            if path.suffix == ".bz2":
                yield path.name, bz2.decompress(path.read_bytes()).decode("utf-8")
            elif path.suffix == ".txt":
                yield path.name, path.read_text("utf-8")
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as zf:
            for name in sorted(zf.namelist()):
                if name.endswith(".txt"):
                    yield name, zf.read(name).decode("utf-8")
    else:
        raise SystemExit(f"{source}: neither a directory of Unihan_*.txt nor Unihan.zip")


def read_unihan(source: Path) -> tuple[dict[str, dict[int, str]], str, str]:
    """{field: {code point: value}} for FIELDS; the Unicode version and © year from the headers."""
    fields: dict[str, dict[int, str]] = {f: {} for f in FIELDS}
    version, year = "?", "2022"
    for _name, text in _unihan_texts(source):
        for line in text.splitlines():
            if line.startswith("#"):
                m = re.match(r"#\s*Unicode version:\s*(\S+)", line)
                if m:
                    version = m.group(1)
                m = re.match(r"#\s*©\s*(\d{4})\s+Unicode", line)
                if m:
                    year = m.group(1)
                continue
            parts = line.split("\t")
            if len(parts) >= 3 and parts[1] in fields:
                fields[parts[1]][int(parts[0][2:], 16)] = parts[2]
    if not fields["kTotalStrokes"]:
        raise SystemExit(f"{source}: no kTotalStrokes found")
    return fields, version, year


# --- cnchar-order -------------------------------------------------------------------------------


def _cnchar_js(source: Path) -> str:
    if source.suffix == ".js":
        return source.read_text("utf-8")
    with tarfile.open(source) as tf:
        for member in tf.getmembers():
            if member.name.endswith("cnchar.order.min.js"):
                f = tf.extractfile(member)
                assert f is not None
                return io.TextIOWrapper(f, encoding="utf-8").read()
    raise SystemExit(f"{source}: no cnchar.order.min.js inside")


def read_first_strokes(source: Path) -> dict[int, int]:
    """{code point: first-stroke class 1..5} from cnchar-order's stroke-order table."""
    js = _cnchar_js(source)
    letters = dict(
        re.findall(
            r'"([a-z])":\{"shape":"[^"]*","type":"[^"]*","foldCount":"\d+","name":"([^"]*)"\}', js
        )
    )
    if len(letters) < 20:
        raise SystemExit(f"{source}: stroke-letter table not found")
    out: dict[int, int] = {}
    for ch, seq in re.findall(r'"([^"\x00-\x7f])":"([a-z]+)"', js):
        name = letters[seq[0]]
        out[ord(ch)] = FIRST_STROKE_CLASS.get(name, 5)
    if len(out) < 6000:
        raise SystemExit(f"{source}: only {len(out)} stroke orders found")
    return out


# --- output -------------------------------------------------------------------------------------


def _header(lines: list[str]) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def build(unihan: Path, cnchar: Path | None, out_dir: Path) -> None:
    fields, version, year = read_unihan(unihan)
    totals = fields["kTotalStrokes"]
    wanted = {cp for lo, hi in RANGES for cp in range(lo, hi + 1)}
    required = set(fields["kGB0"]) | set(fields["kTGHZ2013"])
    wanted |= required
    missing = sorted(required - totals.keys())
    if missing:
        raise SystemExit(f"no kTotalStrokes for {''.join(map(chr, missing))}")

    by_count: dict[int, list[int]] = defaultdict(list)
    for cp in sorted(wanted & totals.keys()):
        # "When there are two values, the first is preferred for zh-Hans (CN)" (UAX #38).
        by_count[int(totals[cp].split()[0])].append(cp)
    covered = sum(len(v) for v in by_count.values())

    header = [
        f"Total stroke counts (Unihan kTotalStrokes, first value = zh-Hans), Unicode {version}.",
        "Source: Unicode Character Database, Unihan (Debian package unicode-data).",
        "License: Unicode License (notice below).",
        "MODIFIED: extracted and regrouped by scripts/make_strokes.py;",
        "one line per count: <strokes>TAB<every character with that count, in code point order>.",
        f"Covers U+3400-4DBF, U+4E00-9FFF and all of GB 2312 and 通用规范汉字表: {covered} characters.",
        "",
        *UNICODE_NOTICE.format(year=year).splitlines(),
    ]
    body = "".join(f"{n}\t{''.join(map(chr, cps))}\n" for n, cps in sorted(by_count.items()))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "strokes.txt").write_text(_header(header) + body, "utf-8", newline="\n")
    print(f"strokes.txt: {covered} characters, {len(by_count)} lines", file=sys.stderr)

    if cnchar is None:
        return
    first = read_first_strokes(cnchar)
    by_class: dict[int, list[int]] = defaultdict(list)
    for cp in sorted(first.keys() & wanted & totals.keys()):
        by_class[first[cp]].append(cp)
    n_first = sum(len(v) for v in by_class.values())
    header = [
        "First stroke (起笔) of each character: 1 横(提) 2 竖(竖钩) 3 撇 4 点(捺) 5 折.",
        "Source: npm package cnchar-order 3.2.6 (stroke-order table). License: MIT (notice below).",
        "MODIFIED: only the class of the first stroke is kept, by scripts/make_strokes.py;",
        f"one line per class: <class>TAB<characters, code point order>. {n_first} characters.",
        "",
        *MIT_NOTICE.splitlines(),
    ]
    body = "".join(f"{k}\t{''.join(map(chr, cps))}\n" for k, cps in sorted(by_class.items()))
    (out_dir / "first_strokes.txt").write_text(_header(header) + body, "utf-8", newline="\n")
    print(f"first_strokes.txt: {n_first} characters", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unihan", type=Path, required=True, help="Unihan dir or Unihan.zip")
    parser.add_argument("--cnchar-order", type=Path, help="cnchar-order .tgz or .min.js")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory")
    args = parser.parse_args(argv)
    build(args.unihan, args.cnchar_order, args.out)


if __name__ == "__main__":
    main()
