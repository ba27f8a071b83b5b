"""`python -m bench.web_server URL PORT`: the web application over one benchmark database, one
uvicorn worker, as `ocop web` runs it (the benchmark's clients run in another process)."""

import sys

import uvicorn

from bench.dataset import TODAY
from bootstrap.system import build_system
from web.app import create_app


def main() -> None:
    url, port = sys.argv[1], int(sys.argv[2])
    app = create_app(build_system(database_url=url, today=TODAY))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
