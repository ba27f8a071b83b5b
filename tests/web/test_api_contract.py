"""Schemathesis, an independent tester, against every operation of /api/openapi.json: all
checks, every phase (coverage, fuzzing, stateful along the OpenAPI links), a fixed seed, on a
seeded SQLite database. It walks the schema, so an endpoint added later is in the same run.

No check is switched off: each applies to this API. Failures are fixed in the server or the
schema, never filtered here."""

from collections.abc import Iterable

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from schemathesis.engine.recorder import CheckNode, Interaction

from tests.builders import advance, register
from tests.states.evaluation.councils_setup import closed_council
from tests.storage.stores import PDF
from tests.web.conftest import Site, invite_and_set_password
from use_cases.document_files import upload_file
from use_cases.identity import create_token
from web.app import create_app

SEED = 24
# Enough to meet every operation's edge cases and walk dossiers along the links, few enough
# for `make test` on a loaded machine (about 30-45 s).
EXAMPLES = 8
STATEFUL_STEPS = 6


def config_for(token: str, producer_token: str) -> SchemathesisConfig:
    """The admin's token everywhere but on /api/v1/producer, a producer's own there (a staff
    token is 404 on it: with one token only, the producer's 200 would never be met)."""
    return SchemathesisConfig.from_dict({
        "seed": SEED,
        # The run is the seed's alone, never what an earlier run left in .schemathesis/.
        "cache": {"enabled": False},
        "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none"},
        # 412 is a schema-valid request's answer as 409 is (its default): an If-Match that
        # names an ETag the record no longer (or never) had; generated tags rarely match.
        "checks": {"enabled": True, "positive_data_acceptance": {
            "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "412", "429", "5xx"]},
            # A refusal as its default's 409 is: If-Match is checked before the data's rules.
            "negative_data_rejection": {"expected-statuses": [
                "400", "401", "403", "404", "405", "406", "409", "412", "415", "422", "428", "429",
                "5xx"]}},
        "phases": {"stateful": {"max-steps": STATEFUL_STEPS}},
        "auth": {"openapi": {"bearer": {"bearer": token}}},
        # An operation's own auth may only be basic: its header then.
        "operations": [{"include-path-regex": "^/api/v1/producer/",
                        "headers": {"Authorization": f"Bearer {producer_token}"}}],
    })


def seeded(site: Site) -> str:
    """Dossiers in two states, so that lists, views and steps have something to act on; a
    file (the tester's random bytes are no PDF: 409) to accept, reject and read; a closed
    council to publish; the first dossier's producer with an account. Its login."""
    first = register(site.rt, unit="Huyện Yên Thế", name="Gà đồi")
    upload_file(site.rt, site.system.files, "admin", first, "business-plan", "ke-hoach.pdf", [PDF])
    scored = register(site.rt, unit="Huyện Lục Ngạn")
    advance(site.rt, scored, "district_scored")
    clock = site.rt.clock
    closed_council(site.rt)  # issue 21: a closed council whose results may be published
    site.rt.clock = clock
    return invite_and_set_password(site, first, "htx@example.vn")


def _described(phase: str, check: CheckNode, interaction: Interaction | None) -> str:
    failure = check.failure_info.failure if check.failure_info else None
    said = f"[{phase}] {check.name}: {getattr(failure, 'title', '')} {getattr(failure, 'message', '')}"
    if interaction is None or interaction.response is None:
        return said
    request, response = interaction.request, interaction.response
    return (f"{said}\n  {request.method} {request.uri} {request.body!r}\n"
            f"  -> {response.status_code} {response.content[:300]!r}")


def run(stream: Iterable[events.EngineEvent]) -> tuple[list[str], set[str], set[str]]:
    """The failures, the operations called (also as "<operation> <status>"), and the phases
    that ran."""
    failures: list[str] = []
    called: set[str] = set()
    phases: set[str] = set()
    for event in stream:
        if isinstance(event, events.NonFatalError):
            failures.append(f"error in {event.label}: {event.value!r}")
        elif isinstance(event, events.FatalError):
            failures.append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.PhaseFinished) and event.status != Status.SKIP:
            phases.add(event.phase.name.value)
        elif isinstance(event, events.ScenarioFinished):
            called.add(event.recorder.label)
            called.update(f"{event.recorder.label} {i.response.status_code}"
                          for i in event.recorder.interactions.values() if i.response)
            for case_id, checks in event.recorder.checks.items():
                interaction = event.recorder.interactions.get(case_id)
                failures.extend(_described(event.phase.value, check, interaction)
                                for check in checks if check.status == Status.FAILURE)
        elif isinstance(event, events.EngineFinished):
            failures.extend(f"after the run: {failure!r}" for failure in event.failures)
    return failures, called, phases


def test_schemathesis_finds_no_failure_on_any_operation(site: Site) -> None:
    producer = seeded(site)
    token = create_token(site.rt, "admin", "admin").token
    producer_token = create_token(site.rt, "admin", producer).token
    app = create_app(site.system, wall=site.wall)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app,
                                            config=config_for(token, producer_token))
    failures, called, phases = run(from_schema(schema).execute())
    assert not failures, "\n".join(failures)
    operations = {f"{method.upper()} {path}" for path, item in app.openapi()["paths"].items()
                  for method in item}
    assert operations <= called, operations - called
    # The seeded file and the producer's token are used, not only refused.
    assert {"GET /api/v1/files/{file_id}/content 200", "GET /api/v1/dossiers/{dossier_id}/files 200",
            "GET /api/v1/producer/dossiers 200"} <= called, sorted(called)
    assert {"coverage", "fuzzing", "stateful"} <= phases, phases
