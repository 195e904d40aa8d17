"""Production settings: `check --deploy` is clean, and a missing SECRET_KEY stops start-up clearly."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(args: list[str], env_extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ENV", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    env.update({"VAR_DIR": str(tmp_path), **env_extra})
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(45)[:60],
            "ALLOWED_HOSTS": "example.com",
            # Production sends real mail: Django's MAILERS check refuses the file backend there.
            "EMAIL_URL": "smtp+tls://user:password@smtp.example.com:587",
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_fails_naming_it(tmp_path):
    result = _manage(["check"], {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "example.com"}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_development_settings_need_no_environment(tmp_path):
    result = _manage(["check"], {}, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_unknown_django_env_is_refused(tmp_path):
    result = _manage(["check"], {"DJANGO_ENV": "staging"}, tmp_path)
    assert result.returncode != 0
    assert "DJANGO_ENV must be" in result.stderr


def _settings_variables() -> set[str]:
    import re

    source = (ROOT / "lms" / "settings.py").read_text()
    return set(re.findall(r"""env(?:\(\))?\.\w+\(\s*["']([A-Z][A-Z0-9_]+)["']""", source)) | set(
        re.findall(r"""Env\(\)\.\w+\(\s*["']([A-Z][A-Z0-9_]+)["']""", source)
    )


def test_every_settings_variable_is_documented():
    names = _settings_variables()
    assert {"DJANGO_ENV", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "VAR_DIR"} <= names
    readme = (ROOT / "README.md").read_text()
    example = (ROOT / ".env.example").read_text()
    assert not {n for n in names if f"`{n}`" not in readme}, "README.md misses these variables"
    assert not {n for n in names if f"{n}=" not in example}, ".env.example misses these variables"


def test_var_dir_from_dot_env_is_used(tmp_path):
    """VAR_DIR written in .env (not in the environment) decides where the embedded database lives."""
    project = tmp_path / "project"
    (project / "lms").mkdir(parents=True)
    (project / "lms" / "__init__.py").write_text("")
    (project / "lms" / "settings.py").write_text((ROOT / "lms" / "settings.py").read_text())
    chosen = tmp_path / "elsewhere"
    (project / ".env").write_text(f"VAR_DIR={chosen}\n")
    env = {k: v for k, v in os.environ.items() if k not in {"VAR_DIR", "DATABASE_URL", "DJANGO_ENV", "PYTHONPATH"}}
    script = "import lms.settings as s; print(s.VAR_DIR); print(s.DATABASES['default']['NAME'])"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    var_dir, db_name = result.stdout.split()
    assert var_dir == str(chosen)
    assert db_name == str(chosen / "db.sqlite3")


_CODE_DIRS = ("accounts", "courses", "lms")


def _code_files():
    for folder in _CODE_DIRS:
        yield from (p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts)


def test_no_setting_is_read_with_a_hidden_default():
    offenders = [str(p.relative_to(ROOT)) for p in _code_files() if "getattr(settings" in p.read_text()]
    assert not offenders, f"declare these settings in lms/settings.py instead: {offenders}"


def test_every_setting_the_code_reads_is_declared():
    import re

    from django.conf import global_settings

    declared = set(re.findall(r"^\s*([A-Z][A-Z0-9_]+)\s*[:=]", (ROOT / "lms" / "settings.py").read_text(), re.M))
    read = set()
    for path in _code_files():
        read |= set(re.findall(r"\bsettings\.([A-Z][A-Z0-9_]+)", path.read_text()))
    undeclared = {name for name in read - declared if not hasattr(global_settings, name)}
    assert not undeclared, f"read by the code but not declared in lms/settings.py: {sorted(undeclared)}"
