"""Password hashing: Argon2id at OWASP's recommended minimum (19 MiB of memory, 2 passes, 1 lane).

Why not Django's default PBKDF2 (1.5 million SHA-256 rounds): it costs about 570 ms of CPU per
check on our 2-core machines, so 200 managers logging in at the start of a cohort keep both
gunicorn workers busy hashing for a minute and every other request queues behind them (measured by
the cohort-start rush in `make bench`). Argon2id is memory-hard, which is what slows down guessing
on GPUs, and at these settings a check takes about 35 ms. OWASP's Password Storage Cheat Sheet
lists exactly these settings as its first choice, equivalent in strength to PBKDF2-SHA256 with
600,000 rounds.

Hashes made by the older hashers still in PASSWORD_HASHERS keep working and are rewritten with
this one at the user's next login (Django's `must_update`).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (type id) with the cost stated above; the algorithm name stays
    "argon2", so hashes made with Django's own parameters verify and are upgraded to these."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
