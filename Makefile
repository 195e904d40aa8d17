# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: run test venv setup messages messages-update messages-check lint fmt worker beat bench clean screenshots screenshots-nl npm

$(STAMP): requirements.txt requirements-dev.txt
	@if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  PYBIN=$$(tools/find-python) || exit 1; \
	  echo "Creating $(VENV) with $$PYBIN"; rm -rf $(VENV); $$PYBIN -m venv $(VENV) || exit 1; \
	fi
	@echo "Installing requirements into $(VENV) (log: $(VENV)/pip.log)"
	@$(PY) -m pip install --disable-pip-version-check -r requirements-dev.txt > $(VENV)/pip.log 2>&1 \
	  || { tail -n 40 $(VENV)/pip.log; echo "error: pip install failed, see $(VENV)/pip.log" >&2; exit 1; }
	$(PY) -c 'import django, celery, allauth, pytest'
	touch $(STAMP)

venv: $(STAMP)

# axe-core from the npm registry (package-lock.json), for the browser tests' accessibility checks.
# Installed again only when package.json or package-lock.json change.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

npm:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP); \
	else echo "note: npm not found; the browser tests' accessibility checks (axe-core) will skip"; fi

# Dutch strings of the site itself (allauth and Django ship their own): locale/<lang>/LC_MESSAGES/
# django.po (Python, templates) and djangojs.po (lms/static/js, served by /jsi18n/). Needs gettext's
# msgfmt; without it the site simply shows those strings in English.
messages:
	@if command -v msgfmt >/dev/null 2>&1; then \
	  for po in locale/*/LC_MESSAGES/django.po locale/*/LC_MESSAGES/djangojs.po; do \
	    [ -f "$$po" ] || continue; msgfmt --check -o "$${po%.po}.mo" "$$po" || exit 1; done; \
	else echo "note: msgfmt (gettext) not found; the site's own Dutch strings stay English"; fi

# New and changed strings into the catalogues (both domains), with the options the check uses.
messages-update: venv
	$(PY) -m tools.messages_check --update nl

# Fails (listing them) on untranslated, fuzzy or obsolete entries, and on strings makemessages
# would add or drop (run into a scratch copy, never this checkout). See README "Languages".
messages-check: venv
	$(PY) -m tools.messages_check nl

setup: venv messages
	mkdir -p var/mail
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0

# `make run PORT=8001` serves on another port; SITE_URL (links in mail) follows unless set.
PORT ?= 8000
run: setup
	PORT=$(PORT) $(PY) manage.py devstack --addrport 127.0.0.1:$(PORT)

lint: venv
	$(VENV)/bin/ruff check .

fmt: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# make test: pytest-xdist workers ("auto": one per CPU core; 0 runs the tests in this process).
TEST_WORKERS ?= auto
test: venv messages npm
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

worker: venv
	$(PY) -m celery -A lms worker --loglevel=INFO

beat: venv
	$(PY) -m celery -A lms beat --loglevel=INFO --schedule var/celerybeat-schedule

clean:
	rm -rf var/static var/celery var/mail var/celerybeat-schedule*

# Benchmarks on a separate database (never the development data). See README "Performance".
bench: venv
	@mkdir -p var/bench
	@if [ -n "$$DATABASE_URL" ]; then \
	  base=$${DATABASE_URL%/*}; name=$${DATABASE_URL##*/}; bench_url="$$base/$${name}_bench"; \
	  $(PY) tools/bench/resetdb.py "$$bench_url"; \
	else bench_url="sqlite:///$(CURDIR)/var/bench/bench.sqlite3"; rm -f var/bench/bench.sqlite3*; fi; \
	DATABASE_URL="$$bench_url" CACHE_KEY_PREFIX=bench $(PY) -m tools.bench.run

# PNGs of the key pages (tools/screenshots/pages.py) at 390x844 and 1280x800 under var/screenshots/,
# from a scratch site on demo data (var/screenshots/site/, never the development database).
screenshots: venv messages
	$(PY) -m tools.screenshots

screenshots-nl: venv messages
	$(PY) -m tools.screenshots --language nl
