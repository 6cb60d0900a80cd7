# readout in a container: GraphiQL and Swagger UI installed with npm, the explorer bundled with esbuild,
# the wheel built with hatchling (whose hook refuses a wheel without those files), then installed with
# its declared dependencies, pinned by requirements.lock, into a slim image that runs as a non-root user.
# spaCy's English model is one of those dependencies, so the image needs no network at run time.
#
#   docker build -t readout .
#   docker run -p 8000:8000 -v readout-data:/data readout            # SQLite in the volume
#   docker run -e READOUT_DATABASE_URL=postgresql+asyncpg://… readout  # or Postgres
#   docker run -v "$PWD/seeds:/seeds:ro" -v readout-data:/data readout readout load /seeds

FROM node:22-bookworm-slim AS assets
WORKDIR /src
COPY explorer/package.json explorer/package-lock.json explorer/
COPY apidocs/package.json apidocs/package-lock.json apidocs/
COPY frontend/explore frontend/explore
RUN cd explorer && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error \
 && cd ../apidocs && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error \
 && cd ../frontend/explore && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error \
 # The same bundle as the Makefile's target: into /src/api/static/explore.
 && node build.mjs
# The same files as the Makefile's targets copy.
RUN mkdir -p api/static/graphiql api/static/swagger-ui \
 && cp explorer/node_modules/react/umd/react.production.min.js \
       explorer/node_modules/react-dom/umd/react-dom.production.min.js \
       explorer/node_modules/graphiql/graphiql.min.js \
       explorer/node_modules/graphiql/graphiql.min.css api/static/graphiql/ \
 && cp explorer/node_modules/@graphiql/plugin-explorer/dist/index.umd.js api/static/graphiql/plugin-explorer.umd.js \
 && cp explorer/node_modules/@graphiql/plugin-explorer/dist/style.css api/static/graphiql/plugin-explorer.css \
 && cp apidocs/node_modules/swagger-ui-dist/swagger-ui-bundle.js \
       apidocs/node_modules/swagger-ui-dist/swagger-ui.css \
       apidocs/node_modules/swagger-ui-dist/LICENSE api/static/swagger-ui/

FROM python:3.11-slim-bookworm AS wheel
WORKDIR /src
COPY requirements.lock pyproject.toml README.md hatch_build.py ./
COPY api api
COPY schema schema
COPY loaders loaders
COPY db db
COPY alembic alembic
COPY openapi openapi
COPY --from=assets /src/api/static api/static
RUN grep -E '^hatchling==' requirements.lock > build-requirements.txt \
 && pip install --no-cache-dir -r build-requirements.txt \
 && python -m hatchling build --target wheel --directory /dist \
 # The lock's pins without their hashes: constraints for installing the wheel's own dependencies.
 && grep -E '^[A-Za-z0-9]' requirements.lock | cut -d' ' -f1 > /dist/constraints.txt

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/readout/bin:$PATH \
    READOUT_DATABASE_URL=sqlite+aiosqlite:////data/readout.db
COPY --from=wheel /dist /dist
RUN python -m venv /opt/readout \
 && /opt/readout/bin/pip install --no-cache-dir /dist/readout-*.whl -c /dist/constraints.txt \
 && rm -rf /dist \
 && useradd --system --uid 10001 --home-dir /data --create-home readout
USER readout
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status != 200)"
# Migrates (a no-op when up to date), then serves on every interface of the container.
CMD ["sh", "-c", "readout db upgrade && exec readout serve --host 0.0.0.0 --port 8000"]
