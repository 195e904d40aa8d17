"""tools/find-python: finds Python 3.12+, or fails naming what it found."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAKE_PYTHON = """#!/bin/sh
# Pretends to be Python {version}: answers the version question, fails the >= 3.12 check.
case "$2" in *print*) echo {version} ;; *) exit {check_rc} ;; esac
"""


def _run(tmp_path: Path, version: str, check_rc: int) -> subprocess.CompletedProcess:
    fake = tmp_path / "python3"
    fake.write_text(FAKE_PYTHON.format(version=version, check_rc=check_rc))
    fake.chmod(0o755)
    return subprocess.run(
        ["/bin/bash", str(ROOT / "tools" / "find-python")],
        env={"PATH": str(tmp_path)},  # no pyenv, no system python: only the fake
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_find_python_fails_clearly_with_only_an_old_python(tmp_path):
    result = _run(tmp_path, "3.11", check_rc=1)
    assert result.returncode == 1
    assert "needs Python 3.12 or newer" in result.stderr
    assert f"{tmp_path / 'python3'} (3.11)" in result.stderr
    assert result.stdout == ""


def test_find_python_prints_a_new_enough_python(tmp_path):
    result = _run(tmp_path, "3.12", check_rc=0)
    assert result.returncode == 0
    assert result.stdout.strip() == str(tmp_path / "python3")
