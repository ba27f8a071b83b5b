"""The demo's producer who completes its own dossier, without the Prefect engine: every step
through the real use cases, and what they leave behind (files, a rejection letter with the
link to the producer's page, the inspection)."""

import random
from datetime import date
from pathlib import Path

from sqlalchemy import select

from bootstrap.system import build_system
from demo.producer_own import EMAIL, REASON, producer_completes_its_dossier
from demo.replay import Demo
from states.db.models import DocumentFile, Dossier, OutboxMessage
from states.documents.store import FileDesk, FileLimits
from storage.factory import build_store


def test_the_demo_producer_uploads_is_refused_once_replaces_and_is_inspected(
        sqlite_url: str, tmp_path: Path) -> None:
    system = build_system(database_url=sqlite_url, today=date(2022, 3, 1))
    system.files = FileDesk(build_store("local", tmp_path / "files"), FileLimits())
    demo = Demo(system, random.Random(7))
    [invited_from] = demo.register(1, date(2022, 3, 1), 1)
    said: list[str] = []
    number = producer_completes_its_dossier(demo, invited_from, date(2022, 3, 7), said.append)
    with system.rt.transaction() as session:
        dossier = session.get(Dossier, number)
        assert dossier is not None and dossier.state == "district_inspected"
        assert not dossier.paper_originals  # the form's dossier is one of files
        files = session.scalars(select(DocumentFile).where(DocumentFile.dossier_id == number)).all()
        assert {f.uploaded_by for f in files} == {EMAIL}
        assert [(f.version, f.status) for f in files if f.document_code == "business-plan"] == [
            (1, "rejected"), (2, "accepted")]
        assert all(f.status == "accepted" for f in files if f.version > 1 or
                   f.document_code != "business-plan")
        letter = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "file_rejected")).one()
        assert REASON in letter.text_body
        assert f"/producer/dossiers/{number}" in letter.text_body
    assert len(list((tmp_path / "files").rglob("*"))) > len(files)  # objects on disk
    assert EMAIL in said[0]
    system.close()
