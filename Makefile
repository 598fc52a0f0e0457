# Một Cửa: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PORT ?= 8000
VENV ?= .venv
# Python 3.13: from PATH (pyenv reads .python-version), else pyenv's install folder.
PYTHON ?= $(shell command -v python3.13 2>/dev/null || ls -d $$HOME/.pyenv/versions/3.13*/bin/python3.13 2>/dev/null | tail -n 1)
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

ENV_PROD := MOTCUA_PRODUCTION=1

.PHONY: serve run test install lint format demo migrate housekeeping bench messages clean system-deps npm-deps worker

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.13 not found: install it (pyenv install 3.13) or set PYTHON=/path/to/python3.13"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

messages: $(STAMP)
	cd src/motcua && ../../$(VENV)/bin/django-admin compilemessages >/dev/null

migrate: system-deps install messages
	$(PY) -m motcua.manage migrate --noinput

demo: migrate
	$(PY) -m motcua.manage load_demo

# The web server and the jobs worker side by side (Ctrl-C stops both); the fake national portal too
# unless MOTCUA_DVCQG_FAKE=0 or a real portal is configured (docs/integrations.md); the fake SMS gateway
# and Zalo OA likewise (MOTCUA_SMS_FAKE, MOTCUA_ZALO_FAKE), and the fake VNPay gateway (MOTCUA_VNPAY_FAKE,
# docs/payments.md).
run: demo
	@$(PY) -m motcua.manage demo_banner --port $(PORT)
	MOTCUA_DEV_PUBLIC_URL=http://127.0.0.1:$(PORT) MOTCUA_DVCQG_FAKE=$${MOTCUA_DVCQG_FAKE:-1} MOTCUA_SMS_FAKE=$${MOTCUA_SMS_FAKE:-1} MOTCUA_ZALO_FAKE=$${MOTCUA_ZALO_FAKE:-1} MOTCUA_VNPAY_FAKE=$${MOTCUA_VNPAY_FAKE:-1} $(PY) -m motcua.manage run_with_worker 127.0.0.1:$(PORT)

# Production serving (docs/operations.md "Production serving"): gunicorn, one sync worker per core
# (MOTCUA_WEB_WORKERS), MOTCUA_PRODUCTION=1 (SECRET_KEY required), static files through whitenoise, JSON
# logs, /healthz and /readyz for the load balancer. Bind with MOTCUA_BIND (default 127.0.0.1:8000).
serve: install messages
	$(ENV_PROD) $(PY) -m motcua.manage collectstatic --noinput -v 0
	$(ENV_PROD) $(PY) -m motcua.manage migrate --noinput -v 0
	$(ENV_PROD) exec $(VENV)/bin/gunicorn -c python:motcua.gunicorn_conf motcua.wsgi:application

# The background worker alone (jobs queue, periodic jobs, outbox relay): production runs one or more.
worker: migrate
	$(PY) -m motcua.manage worker

# Test-only JavaScript (axe-core for the accessibility checks), pinned by package-lock.json.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

npm-deps: $(NODE_STAMP)

test: system-deps install messages npm-deps
	$(PY) -m pytest -n 2 -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

format: install
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

# Daily in production (cron or a systemd timer): abandoned drafts and orphaned files (docs/operations.md).
housekeeping: migrate
	$(PY) -m motcua.manage housekeeping

# Benchmarks (not part of `make test` or CI): the calendar, then the dossier benchmarks on their own
# PostgreSQL database (BENCH_DATABASE_URL, default motcua_bench on 127.0.0.1) filled with BENCH_N
# generated dossiers. Figures and how to read them: docs/performance.md.
BENCH_N ?= 100000
bench: install
	@echo "== bench/bench_due_date.py"; $(PY) bench/bench_due_date.py
	@echo "== bench/generate_dossiers.py $(BENCH_N)"; $(PY) bench/generate_dossiers.py $(BENCH_N)
	@for b in bench_worklist bench_public_lookup bench_receive bench_housekeeping bench_relay; do \
		echo "== bench/$$b.py"; $(PY) bench/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) var/*.sqlite3*
