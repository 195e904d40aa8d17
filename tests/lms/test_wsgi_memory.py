"""The web process hands Argon2id's 19 MiB back after each password check (lms/wsgi.py): without
it a gunicorn worker stays about 19 MB larger from its first login on (issue 18)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import lms.wsgi
from django.contrib.auth.hashers import check_password, make_password

def rss_mb():
    line = next(l for l in open("/proc/self/status") if l.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024

encoded = make_password("correct horse battery")
before = rss_mb()
heap = []
for _ in range(10):
    assert check_password("correct horse battery", encoded)
    heap.append(bytearray(4096))  # the heap keeps moving between checks, as between requests
print(rss_mb() - before)
"""


def test_password_checks_leave_the_web_process_no_larger():
    growth = float(
        subprocess.run(
            [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    assert growth < 8, f"the process kept {growth:.1f} MB after ten Argon2id checks"
