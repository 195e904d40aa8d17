"""`make screenshots`: the key pages of the site on demo data, as PNGs under var/screenshots/.

A scratch site (var/screenshots/site/: its own SQLite database and mail folder, never the
developer's var/db.sqlite3) is migrated and seeded with `seed_demo`, served by `runserver` with
DEBUG on, and photographed with Playwright and Chromium at 390x844 (a phone) and 1280x800, full
page, each role logged in through the login form. With `--language nl` every demo user's saved
language and the browser's are Dutch, and the PNGs go to var/screenshots/nl/. The pages are tools/screenshots/pages.py's
list, the same list the layout and HTML tests check.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools.screenshots import site  # noqa: E402 (no Django in it: it sets Django's environment)

PORT = site.free_port()
_environ = site.scratch_environ(PORT)  # computed from the environment before it is replaced
os.environ.clear()
os.environ.update(_environ)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from accounts.models import User  # noqa: E402
from tools.screenshots.browser import chromium_path  # noqa: E402
from tools.screenshots.pages import PAGES  # noqa: E402
from tools.screenshots.shoot import Shot, shoot  # noqa: E402


def prepare(language: str) -> list[Shot]:
    """Migrate and seed the scratch database; find each page's URL in the demo data."""
    site.reset_folder()
    assert settings.DATABASES["default"]["NAME"].startswith(str(site.SITE_DIR)), "not the scratch database"
    with redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo")
    if language != settings.LANGUAGE_CODE:
        User.objects.update(language=language)
    return [Shot(page.name, page.role, page.locate()) for page in PAGES]


def main() -> int:
    started = time.monotonic()
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots")
    parser.add_argument("--language", default=settings.LANGUAGE_CODE, choices=[c for c, _n in settings.LANGUAGES])
    language = parser.parse_args().language
    out = site.OUT if language == settings.LANGUAGE_CODE else site.OUT / language
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.png"), *out.glob("*.html")]:
        old.unlink()
    if not Path(chromium_path()).exists():
        sys.stderr.write(f"error: no Chromium at {chromium_path()}: install Debian's chromium or set CHROMIUM_PATH\n")
        return 1
    print(f"Scratch site in {site.SITE_DIR.relative_to(ROOT)}/: migrating and seeding demo data…")
    shots = prepare(language)
    server = site.Server(PORT, dict(os.environ))
    try:
        server.wait_ready()
        print(f"Serving at {server.url}; taking screenshots…")
        written = shoot(server.url, shots, settings.EMAIL_FILE_DIR, out, language)
    finally:
        server.stop()
    print(f"{len(written)} screenshots in {time.monotonic() - started:.0f} s:")
    for path in written:
        print(f"  {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
