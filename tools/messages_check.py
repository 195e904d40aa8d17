"""Is the Dutch catalogue complete? `make messages-check` and tests/i18n/test_catalogue.py.

Two questions, for both domains (django: Python and templates; djangojs: lms/static/js):
1. Does locale/<lang>/LC_MESSAGES/<domain>.po hold an untranslated, fuzzy or obsolete entry?
2. Would `makemessages` add a msgid the catalogue lacks, or leave one of its entries unused?
   It runs into a scratch copy of the project (never the checkout), with the same options as
   `make messages-update`, and the two sets of msgids are compared.

    .venv/bin/python -m tools.messages_check            # Dutch; exit 1 with the list when incomplete
    .venv/bin/python -m tools.messages_check --update   # makemessages here (make messages-update)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = ("django", "djangojs")
# What makemessages must not read: installed packages, collected static files, tests and tools
# (their strings are never shown). Dot-folders (.venv, .git) are skipped by makemessages itself.
IGNORE = ["node_modules/*", "var/*", "tests/*", "tools/*", "media/*"]
MAKEMESSAGES_OPTIONS = [f"--ignore={pattern}" for pattern in IGNORE] + ["--no-obsolete"]
# Copied into the scratch project: what makemessages reads, nothing else.
COPY_IGNORE = shutil.ignore_patterns(".*", "node_modules", "var", "media", "__pycache__", "*.mo", "*.pyc")
SHOWN = 20  # msgids listed in a failure message


def makemessages_command(language: str, domain: str) -> list[str]:
    """The command `make messages-update` runs (and this check, in its scratch copy)."""
    return [sys.executable, "manage.py", "makemessages", "-l", language, "-d", domain, *MAKEMESSAGES_OPTIONS]


def po_path(root: Path, language: str, domain: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / f"{domain}.po"


def entry_key(entry: polib.POEntry) -> str:
    """A msgid as a person reads it in a failure: with its context and plural when it has one."""
    key = entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}"
    return key + (f" | {entry.msgid_plural}" if entry.msgid_plural else "")


@dataclass
class Report:
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # makemessages would add these
    unused: list[str] = field(default_factory=list)  # in the catalogue, no longer in the code

    def problems(self) -> list[str]:
        out = []
        for name in ("untranslated", "fuzzy", "obsolete", "missing", "unused"):
            items = getattr(self, name)
            if items:
                shown = "\n    ".join(repr(item) for item in items[:SHOWN])
                more = f"\n    … and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
                out.append(f"{len(items)} {name} msgid(s):\n    {shown}{more}")
        return out


def catalogue_entries(path: Path, report: Report) -> set[str]:
    """The catalogue's live msgids; its untranslated, fuzzy and obsolete entries go in `report`."""
    if not path.exists():
        return set()
    catalogue = polib.pofile(str(path))
    report.obsolete += [entry_key(e) for e in catalogue.obsolete_entries()]
    report.fuzzy += [entry_key(e) for e in catalogue.fuzzy_entries()]
    report.untranslated += [entry_key(e) for e in catalogue.untranslated_entries()]
    return {entry_key(e) for e in catalogue if not e.obsolete}


def extracted_msgids(language: str, domain: str, scratch: Path) -> set[str]:
    """The msgids makemessages finds in a scratch copy of the project."""
    project = scratch / "project"
    if not project.exists():
        shutil.copytree(ROOT, project, ignore=COPY_IGNORE, symlinks=False)
    done = subprocess.run(makemessages_command(language, domain), cwd=project, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"makemessages -d {domain} failed:\n{done.stdout}\n{done.stderr}")
    path = po_path(project, language, domain)
    return {entry_key(e) for e in polib.pofile(str(path)) if not e.obsolete} if path.exists() else set()


def check(language: str = "nl", *, extract: bool = True) -> Report:
    report = Report()
    with tempfile.TemporaryDirectory(prefix="messages-check-") as scratch:
        for domain in DOMAINS:
            known = catalogue_entries(po_path(ROOT, language, domain), report)
            if not extract:
                continue
            found = extracted_msgids(language, domain, Path(scratch))
            report.missing += sorted(found - known)
            report.unused += sorted(known - found)
    return report


def update(language: str) -> None:
    """`make messages-update`: makemessages in this checkout, both domains, the check's options."""
    for domain in DOMAINS:
        subprocess.run(makemessages_command(language, domain), cwd=ROOT, check=True)


def main(argv: list[str]) -> int:
    language = next((arg for arg in argv if not arg.startswith("-")), "nl")
    if "--update" in argv:
        update(language)
        return 0
    problems = check(language).problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"The {language} catalogue is complete.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
