"""The offline bundle (scripts/bundle.py) installs huiwu with no package index at all.

The bundle is built for this machine's platform and Python only (``--here``), with pip's cache
kept under the pytest cache between runs. The install runs in a fresh venv with ``--no-index``,
``PIP_NO_INDEX=1`` and no pip configuration: pip may read the folder and nothing else.
"""

import importlib.util
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "scripts" / "bundle.py"
DEV_ONLY = ("pytest", "ruff", "hypothesis")  # zxing-cpp and pypdfium2 read ballots now

pytestmark = pytest.mark.slow


def run(argv: list[str], cwd: Path, **extra_env: str) -> subprocess.CompletedProcess:
    # without PYTHONPATH and away from the checkout: the installed copy must answer on its own
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(extra_env)
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{argv}\n{done.stdout}\n{done.stderr}"
    return done


def bin_of(env_dir: Path, name: str) -> Path:
    return env_dir / ("Scripts" if os.name == "nt" else "bin") / name


@pytest.fixture(scope="module")
def bundle(tmp_path_factory, pytestconfig) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    cache = pytestconfig.cache.mkdir("huiwu-bundle-pip")
    run([sys.executable, str(BUNDLE), "--here", "--out", str(out)], out, PIP_CACHE_DIR=str(cache))
    return out


def installed(tmp_path: Path, bundle: Path) -> Path:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = str(bin_of(env_dir, "python"))
    offline = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": "", "PIP_CONFIG_FILE": os.devnull}
    run([python, "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(bundle),
         "huiwu"], tmp_path, **offline)  # fmt: skip
    return env_dir


def test_the_bundle_holds_binary_wheels_of_the_runtime_packages_only(bundle):
    files = sorted(path.name for path in bundle.iterdir())
    assert "README.txt" in files and "pip install --no-index --find-links" in (
        bundle / "README.txt"
    ).read_text(encoding="utf-8")
    assert all(name.endswith(".whl") for name in files if name != "README.txt"), files
    names = {name.split("-")[0].lower() for name in files}
    assert {"huiwu", "textual", "sqlalchemy", "psycopg_binary", "textual_serve"} <= names
    assert not names & set(DEV_ONLY), names & set(DEV_ONLY)
    own = next(bundle.glob("huiwu-*.whl"))
    with zipfile.ZipFile(own) as wheel:
        inside = set(wheel.namelist())
    # the projector page and the stroke data travel inside huiwu's wheel
    assert "tui/serve_page/app_index.html" in inside and "main.py" in inside
    assert any(name.startswith("models/data/") for name in inside)


def load_bundle_script():
    spec = importlib.util.spec_from_file_location("huiwu_bundle_script", BUNDLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_windows_only_dependencies_are_found_from_a_linux_machine(bundle):
    """pip on Linux skips ``; sys_platform == "win32"`` requirements even with --platform
    win_amd64; the script reads them from the wheels with Windows' markers and adds them."""
    script = load_bundle_script()
    for_windows = script.missing_requirements(bundle, "windows-x64", "3.11")
    names = {script.normalized(Requirement(line).name) for line in for_windows}
    if sys.platform.startswith("linux"):
        assert {"colorama", "tzdata"} <= names  # click's and psycopg's, on Windows only
        assert script.missing_requirements(bundle, "linux-x86_64", "3.11") == set()
    assert not names & {"pytest", "ruff"}  # extras (dev, test) are never followed


def test_huiwu_installs_from_the_bundle_alone_and_runs(bundle, tmp_path):
    env_dir = installed(tmp_path, bundle)
    huiwu = str(bin_of(env_dir, "huiwu"))
    helped = run([huiwu, "--help"], tmp_path, HUIWU_LANG="en")
    assert "Usage: huiwu" in helped.stdout and "demo" in helped.stdout
    db = str(tmp_path / "demo.db")
    run([huiwu, "--db", db, "demo", "--delegates", "12"], tmp_path)
    shown = run([huiwu, "--db", db, "attendance", "--json"], tmp_path)
    assert json.loads(shown.stdout)["due"] == 12
    # the installed copy answered, not this checkout
    where = run([str(bin_of(env_dir, "python")), "-c", "import main; print(main.__file__)"], tmp_path)  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(env_dir)
