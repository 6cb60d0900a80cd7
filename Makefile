# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

EXPLORER := api/static/graphiql/.built
APIDOCS := api/static/swagger-ui/.built
EXPLORE := api/static/explore/.built
EXPLORE_SOURCES := $(wildcard frontend/explore/src/*.js frontend/explore/src/*.css frontend/explore/src/queries/*.graphql)

.PHONY: run test lint typecheck lock schema clean bench

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# GraphiQL, its explorer plugin and React from the npm registry (pinned by explorer/package-lock.json), copied
# into the package so /graphql serves its explorer without reaching a CDN.
$(EXPLORER): explorer/package.json explorer/package-lock.json
	cd explorer && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(dir $@)
	cp explorer/node_modules/react/umd/react.production.min.js \
	   explorer/node_modules/react-dom/umd/react-dom.production.min.js \
	   explorer/node_modules/graphiql/graphiql.min.js \
	   explorer/node_modules/graphiql/graphiql.min.css $(dir $@)
	cp explorer/node_modules/@graphiql/plugin-explorer/dist/index.umd.js $(dir $@)plugin-explorer.umd.js
	cp explorer/node_modules/@graphiql/plugin-explorer/dist/style.css $(dir $@)plugin-explorer.css
	touch $@

# Swagger UI from the npm registry (pinned by apidocs/package-lock.json), copied into the package so
# /docs shows the OpenAPI reference without reaching a CDN.
$(APIDOCS): apidocs/package.json apidocs/package-lock.json
	cd apidocs && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(dir $@)
	cp apidocs/node_modules/swagger-ui-dist/swagger-ui-bundle.js \
	   apidocs/node_modules/swagger-ui-dist/swagger-ui.css \
	   apidocs/node_modules/swagger-ui-dist/LICENSE $(dir $@)
	touch $@

# The /explore page: Leaflet, world-atlas's country outlines and esbuild from the npm registry (pinned by
# frontend/explore/package-lock.json); esbuild bundles frontend/explore/src (with its .graphql queries)
# into the package, so the page works with no network.
$(EXPLORE): frontend/explore/package.json frontend/explore/package-lock.json frontend/explore/build.mjs $(EXPLORE_SOURCES)
	cd frontend/explore && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && node build.mjs
	touch $@

# The conformance suites the tests run (pinned by tests/conformance/package-lock.json): graphql-http's
# GraphQL-over-HTTP audit and the RFC 7946 GeoJSON schemas. Only `make test` needs them.
CONFORMANCE := tests/conformance/node_modules/.built
$(CONFORMANCE): tests/conformance/package.json tests/conformance/package-lock.json
	cd tests/conformance && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# PostGraphile 5 from the npm registry (pinned by bench/peers/postgraphile/package-lock.json): the peer
# the API benchmark measures readout against. Only `make bench` needs it.
POSTGRAPHILE := bench/peers/postgraphile/node_modules/.built
$(POSTGRAPHILE): bench/peers/postgraphile/package.json bench/peers/postgraphile/package-lock.json
	cd bench/peers/postgraphile && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

run: $(STAMP) $(EXPLORER) $(APIDOCS) $(EXPLORE)
	@echo "== migrating the database"
	$(BIN)/readout db upgrade
	@echo "== loading seeds/ (the first load reads spaCy's model and analyses each article; a reload skips stored ones)"
	$(BIN)/readout load seeds/
	@$(BIN)/readout stats
	@echo "== serving on http://$(HOST):$(PORT)/ (the explorer at /explore, GraphiQL at /graphql, the REST reference at /docs); Ctrl-C stops"
	$(BIN)/readout serve --host $(HOST) --port $(PORT)

test: $(STAMP) $(EXPLORER) $(APIDOCS) $(EXPLORE) $(CONFORMANCE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

# readout's GraphQL and REST beside PostGraphile and a raw-SQL ceiling on a Postgres of 20,000 events
# (bench/api_benchmark.py; wrk from Debian). BENCH_ARGS passes options, e.g. BENCH_ARGS="--seconds 2".
bench: $(STAMP) $(POSTGRAPHILE)
	$(BIN)/python bench/api_benchmark.py $(BENCH_ARGS)

# Rewrite schema/schema.graphql from the code (a test fails while they differ).
schema: $(STAMP)
	$(BIN)/readout schema export --output schema/schema.graphql

# Re-pin every dependency (needs the package index); commit the result.
lock:
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache explorer/node_modules apidocs/node_modules api/static tests/conformance/node_modules \
	       frontend/explore/node_modules \
	       bench/peers/postgraphile/node_modules
