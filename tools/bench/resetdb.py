"""Drop and re-create the PostgreSQL benchmark database named in argv[1] (postgres://…/name_bench)."""

import sys
from urllib.parse import urlparse

import psycopg

url = urlparse(sys.argv[1])
name = url.path.lstrip("/")
if not name.endswith("_bench"):
    sys.exit(f"refusing to reset {name!r}: the benchmark database name must end in _bench")
admin = url._replace(path="/postgres").geturl()
with psycopg.connect(admin, autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{name}"')
print(f"benchmark database {name} is fresh")
