"""Write a folder of wheels that installs huiwu on a laptop with no internet.

    python scripts/bundle.py [--out dist/bundle] [--here] [--python 3.11 3.12 …] [--platform …]

By default the folder holds, for Windows x64 and Linux x86_64 and every supported Python, the
wheels of huiwu's runtime dependencies (no dev extras) at the versions of constraints.txt, plus
huiwu's own wheel and a README.txt saying how to install from it:

    pip install --no-index --find-links <folder> huiwu

``--here`` builds for this machine's platform and Python only (what the test suite checks).
Binary wheels only (``--only-binary=:all:``): a staff laptop has no compiler. Runs the same on
Windows, macOS and Linux: only Python and pip are used.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

try:
    from packaging.requirements import Requirement
except ImportError:  # a runtime-only venv: pip always carries a copy
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
PYTHONS = ("3.11", "3.12", "3.13")
# Each target and the wheel tags it takes. pip does not widen a manylinux tag to older ones by
# itself, and psycopg-binary ships manylinux_2_17 wheels only: Linux needs glibc 2.28 or newer.
PLATFORMS = {
    "windows-x64": ("win_amd64",),
    "linux-x86_64": (
        "manylinux_2_28_x86_64", "manylinux_2_27_x86_64",
        "manylinux_2_17_x86_64", "manylinux2014_x86_64",
    ),
}  # fmt: skip
# What environment markers (``; sys_platform == "win32"``) see on each target.
MARKER_ENVIRONMENTS = {
    "windows-x64": {
        "sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
        "platform_machine": "AMD64",
    },
    "linux-x86_64": {
        "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
        "platform_machine": "x86_64",
    },
}  # fmt: skip
# What huiwu's wheel is built from (pyproject.toml's py-modules and packages, and the readme).
SOURCES = ("pyproject.toml", "README.md", "main.py", "cli", "models", "tui", "screens")

INSTALL_NOTE = """\
huiwu {version} — offline install / 离线安装

This folder holds every wheel huiwu needs ({targets}).
本文件夹含有 huiwu 所需的全部安装包（{targets}），安装时无需联网。

Windows:
    py -m venv huiwu-env
    huiwu-env\\Scripts\\pip install --no-index --find-links <this folder> huiwu
    huiwu-env\\Scripts\\huiwu

Linux:
    python3 -m venv huiwu-env
    huiwu-env/bin/pip install --no-index --find-links <this folder> huiwu
    huiwu-env/bin/huiwu
"""


def project() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def download_dependencies(out: Path, platform: str | None, python: str | None) -> None:
    """The runtime dependencies' wheels for one target (this machine's when both are None).

    pip judges environment markers by the machine it runs on, not by ``--platform``: a
    Windows-only dependency (click's colorama, psycopg's tzdata) is skipped when the bundle is
    made on Linux. So the wheels' own requirements are read again with the target's markers
    and what is missing is fetched, until nothing is."""
    requirements = list(project()["dependencies"])
    while requirements:
        download(out, platform, python, requirements)
        if platform is None:
            return
        requirements = sorted(missing_requirements(out, platform, python))


def download(out: Path, platform: str | None, python: str | None, requirements: list[str]) -> None:
    target: list[str] = []
    if platform:
        target += ["--implementation", "cp"]
        for tag in PLATFORMS[platform]:
            target += ["--platform", tag]
    if python:
        target += ["--python-version", python]
    pip(
        "download", "--quiet", "--only-binary=:all:", "--dest", str(out),
        "--constraint", str(CONSTRAINTS), *target, *requirements,
    )  # fmt: skip


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def missing_requirements(out: Path, platform: str, python: str | None) -> set[str]:
    """Requirements of the wheels in ``out`` that apply on the target but have no wheel there."""
    environment = {**MARKER_ENVIRONMENTS[platform], "extra": ""}
    if python:
        environment.update(python_version=python, python_full_version=f"{python}.0")
    wheels = sorted(out.glob("*.whl"))
    present = {normalized(wheel.name.split("-")[0]) for wheel in wheels}
    missing = set()
    for wheel in wheels:
        for line in requires_dist(wheel):
            requirement = Requirement(line)
            if requirement.marker is not None and not requirement.marker.evaluate(environment):
                continue
            if normalized(requirement.name) not in present:
                missing.add(f"{requirement.name}{requirement.specifier}")
    return missing


def requires_dist(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode("utf-8")
    header = text.split("\n\n", 1)[0]  # the body (the long description) may quote anything
    return [
        line.split(":", 1)[1].strip()
        for line in header.splitlines()
        if line.startswith("Requires-Dist:")
    ]


def build_own_wheel(out: Path) -> None:
    """huiwu's wheel, built from a copy of the sources: building in the checkout would leave
    build/ and *.egg-info behind in it."""
    with tempfile.TemporaryDirectory(prefix="huiwu-wheel-") as scratch:
        copy = Path(scratch) / "huiwu"
        copy.mkdir()
        for name in SOURCES:
            source = ROOT / name
            if source.is_dir():
                ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
                shutil.copytree(source, copy / name, ignore=ignore)
            else:
                shutil.copy2(source, copy / name)
        pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(copy))


def targets(options: argparse.Namespace) -> list[tuple[str | None, str | None]]:
    if options.here:
        return [(None, None)]
    return [(platform, python) for platform in options.platform for python in options.python]


def describe(pairs: list[tuple[str | None, str | None]]) -> str:
    if pairs == [(None, None)]:
        return f"this computer only, Python {sys.version_info.major}.{sys.version_info.minor}"
    platforms = sorted({platform for platform, _ in pairs if platform})
    pythons = sorted({python for _, python in pairs if python})
    return f"{', '.join(platforms)}; Python {', '.join(pythons)}"


def bundle(options: argparse.Namespace) -> Path:
    out = Path(options.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    pairs = targets(options)
    for platform, python in pairs:
        print(f"bundle: {platform or 'this platform'}, Python {python or 'this one'}", flush=True)
        download_dependencies(out, platform, python)
    build_own_wheel(out)
    note = INSTALL_NOTE.format(version=project()["version"], targets=describe(pairs))
    (out / "README.txt").write_text(note, encoding="utf-8", newline="\r\n")
    return out


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "dist" / "bundle"), help="the folder to fill")
    parser.add_argument(
        "--here", action="store_true", help="this machine's platform and Python only"
    )
    parser.add_argument("--python", nargs="+", default=list(PYTHONS), metavar="X.Y")
    parser.add_argument("--platform", nargs="+", default=list(PLATFORMS), choices=list(PLATFORMS))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    out = bundle(parse(argv))
    wheels = sorted(out.glob("*.whl"))
    print(f"bundle: {len(wheels)} wheels in {out}")


if __name__ == "__main__":
    main()
