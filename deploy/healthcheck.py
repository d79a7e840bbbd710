"""The container's health check: Streamlit's /_stcore/health under the configured path prefix.

Reads the same environment variables Streamlit does (STREAMLIT_SERVER_PORT, default 8501, and
STREAMLIT_SERVER_BASE_URL_PATH, default none); exits 0 when the server answers "ok", 1 with a
one-line reason otherwise. Standard library only, as it runs in the image as it is.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def health_url() -> str:
    port = os.environ.get("STREAMLIT_SERVER_PORT", "").strip() or "8501"
    prefix = os.environ.get("STREAMLIT_SERVER_BASE_URL_PATH", "").strip().strip("/")
    return f"http://127.0.0.1:{port}/" + (f"{prefix}/" if prefix else "") + "_stcore/health"


def main() -> int:
    url = health_url()
    try:
        with urllib.request.urlopen(url, timeout=4) as answer:
            body = answer.read(64).decode("utf-8", "replace").strip()
    except (OSError, urllib.error.URLError) as exc:
        print(f"unhealthy: {url}: {exc}", file=sys.stderr)
        return 1
    if body != "ok":
        print(f"unhealthy: {url} answered {body!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
