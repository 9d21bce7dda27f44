"""Bounds on how long a request may wait for PostgreSQL, so a hung database cannot hold
every worker: a connect timeout, and a statement_timeout on every statement."""

from sqlalchemy.engine import make_url


def engine_options(config: dict) -> dict:
    """SQLALCHEMY_ENGINE_OPTIONS with the timeouts added (PostgreSQL only)."""
    options = dict(config["SQLALCHEMY_ENGINE_OPTIONS"])
    url = make_url(config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        return options
    connect_args = dict(options.get("connect_args") or {})
    connect_args.setdefault("connect_timeout", max(1, round(config["DB_CONNECT_TIMEOUT"])))
    statement_ms = int(config["DB_STATEMENT_TIMEOUT"] * 1000)
    if statement_ms > 0:
        # Keep the URL's own options (a search_path, say): connect_args replaces them.
        given = url.query.get("options", "")
        given = " ".join(given) if isinstance(given, tuple) else given
        ours = f"-c statement_timeout={statement_ms}"
        connect_args["options"] = f"{given} {ours}".strip()
    options["connect_args"] = connect_args
    return options
