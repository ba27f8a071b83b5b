"""`ocop serve`: every schedule in one process, on Prefect's local server (the embedded default)."""

from flows import prefect_env
from flows.catalog import FLOWS, TIMEZONE
from flows.runner import load_flow


def serve_all(database_url: str | None = None) -> None:
    prefect_env.configure()
    from prefect import serve
    from prefect.schedules import Cron

    parameters = {"database_url": database_url} if database_url else {}
    deployments = [
        load_flow(item).to_deployment(  # type: ignore[attr-defined]
            name=item.name, schedule=Cron(item.cron, timezone=TIMEZONE),
            parameters=parameters, description=item.description)
        for item in FLOWS
    ]
    serve(*deployments)
