FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
# WeasyPrint needs Pango; libharfbuzz-subset0 makes font subsetting fast (see shared/STACK.md).
# postgresql-client: pg_dump/pg_restore 15 for `manage.py backup`/`restore` against the
# postgres:15 of docker-compose.yml (the embedded wheel's are 18, whose pg_restore fails on 15).
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN pip install --no-cache-dir uv && uv sync --frozen --no-dev --python /usr/local/bin/python3
COPY . .
RUN SECRET_KEY=build-only-$(date +%s)-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx PRODUCTION=true \
    python manage.py collectstatic --noinput
RUN useradd --system --home /app plusdossier && mkdir -p /app/private && chown plusdossier /app/private
USER plusdossier
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
