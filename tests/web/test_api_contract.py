"""Schemathesis, an independent tester, against every operation of /api/openapi.json: all
checks, every phase (examples, coverage, fuzzing, stateful along the OpenAPI links), a fixed
seed, on a seeded SQLite database. An endpoint added later is in the schema, so in this run."""

from typing import Any

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

from tests.builders import advance, register
from tests.web.conftest import Site
from use_cases.identity import create_token
from web.app import create_app

SEED = 24
# Enough to meet every operation's edge cases and walk a dossier along the links, few enough
# for `make test` on a loaded machine.
EXAMPLES = 12
STATEFUL_STEPS = 6


def config_for(token: str) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict({
        "seed": SEED,
        "generation": {"max-examples": EXAMPLES, "deterministic": True},
        "checks": {"enabled": True},
        "phases": {"stateful": {"max-steps": STATEFUL_STEPS}},
        "auth": {"openapi": {"bearer": {"bearer": token}}},
    })


def seeded(site: Site) -> None:
    """Dossiers in several states, so that lists, views and steps have something to show."""
    register(site.rt, unit="Huyện Yên Thế", name="Gà đồi")
    scored = register(site.rt, unit="Huyện Lục Ngạn")
    advance(site.rt, scored, "district_scored")


def failures_of(stream: Any, answered: dict[str, set[int]]) -> list[str]:
    found: list[str] = []
    for event in stream:
        if isinstance(event, events.PhaseFinished):
            print("PHASE", event.phase.name, event.status)
        if isinstance(event, events.ScenarioFinished):
            for interaction in event.recorder.interactions.values():
                if interaction.response is not None:
                    key = f"{event.phase.value} {interaction.request.method} {interaction.request.uri.split('?')[0]}"
                    answered.setdefault(key, set()).add(interaction.response.status_code)
                    if interaction.request.method == "POST" and interaction.request.uri.endswith("/dossiers"):
                        print("REG", event.phase.value, interaction.response.status_code, interaction.response.content.decode()[:150])
        if isinstance(event, events.NonFatalError | events.FatalError):
            found.append(f"error: {getattr(event, 'value', getattr(event, 'exception', event))!r}")
        if isinstance(event, events.ScenarioFinished):
            for case_id, checks in event.recorder.checks.items():
                interaction = event.recorder.interactions.get(case_id)
                for check in checks:
                    if check.status == Status.FAILURE:
                        found.append(_described(event.phase, check, interaction))
        if isinstance(event, events.EngineFinished):
            found.extend(f"after run: {failure!r}" for failure in event.failures)
    return found


def _described(phase: Any, check: Any, interaction: Any) -> str:
    failure = check.failure_info.failure if check.failure_info else None
    where = ""
    if interaction is not None:
        request, response = interaction.request, interaction.response
        where = (f" {request.method} {request.uri} body={request.body!r} -> "
                 f"{response.status_code if response else '?'} "
                 f"{(response.content[:300] if response and response.content else b'')!r}")
    return f"[{phase.value}] {check.name}: {getattr(failure, 'title', '')} {getattr(failure, 'message', '')}{where}"


def test_schemathesis_finds_no_failure(site: Site) -> None:
    seeded(site)
    token = create_token(site.rt, "admin", "admin").token
    app = create_app(site.system, wall=site.wall)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, config=config_for(token))
    answered: dict[str, set[int]] = {}
    failures = failures_of(from_schema(schema).execute(), answered)
    for k, v in sorted(answered.items()):
        print(k, sorted(v))
    assert not failures, "\n".join(failures)
