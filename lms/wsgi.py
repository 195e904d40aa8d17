"""The web process's entry point (gunicorn lms.wsgi)."""

import ctypes
import ctypes.util
import os

from django.core.wsgi import get_wsgi_application

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number
MMAP_THRESHOLD = 1024 * 1024


def return_large_blocks_to_the_system() -> bool:
    """Give memory blocks of 1 MiB and more back to the system as soon as they are freed.

    Every password check takes 19 MiB for Argon2id (lms/hashers.py). glibc's malloc serves a
    block that large from mmap and unmaps it when freed, but then raises its threshold, so the
    next checks take it from the heap, which keeps it: measured for issue 18, a gunicorn worker
    stayed 19 MB larger after the first logins (124 MB against 105). A fixed threshold turns
    that adjustment off. Returns False where the C library has no `mallopt` (not glibc)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except (OSError, AttributeError):
        return False


return_large_blocks_to_the_system()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
application = get_wsgi_application()
