# The dashboard as an image: Debian slim, Chromium for the image exports, a non-root user, and
# the database built from pledges/ while the image is built. It runs on a read-only root file
# system (compose.yaml gives it a tmpfs on /tmp); every setting comes from the environment.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HOME=/tmp \
    COALITION_DATA=/app/pledges \
    COALITION_DB=/app/coalition.db \
    COALITION_READONLY=1 \
    COALITION_CHROMIUM=/usr/bin/chromium \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_BASE_URL_PATH= \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
# The dependencies first, in a layer of their own: an edit to the code reuses it.
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt
COPY app.py cli.py ./
COPY db ./db
COPY components ./components
COPY static ./static
COPY .streamlit ./.streamlit
COPY deploy/healthcheck.py ./deploy/healthcheck.py
RUN pip install --no-deps .

# The data, validated and built into the database now: at run time nothing is written.
COPY pledges ./pledges
RUN coalition validate && coalition build

RUN useradd --uid 10001 --no-create-home coalition
USER coalition

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "/app/deploy/healthcheck.py"]
CMD ["streamlit", "run", "app.py"]
