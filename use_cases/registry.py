"""The registry out: the public look-up (no login), the open data, the printed certificate."""

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from notices.certificate_pdf import certificate_pdf
from notices.sheet_cells import csv_field
from states.clock import local_date
from states.jsonable import jsonable
from states.registry.printable import Printable, printable
from states.registry.register_search import (
    RegistryEntry,
    SearchPage,
    by_token,
    certificate_url,
    search,
    whole_registry,
)
from states.runtime import Runtime
from states.territory.lookups import find_user
from use_cases.queries import visible_dossier

OPEN_DATA_FIELDS = ("certificate_number", "product", "producer", "unit", "stars", "decision",
                    "decided_on", "expires_on", "validity", "revocation_decision", "url",
                    "generated_on")


def search_registry(rt: Runtime, text: str = "", *, unit: str | None = None,
                    stars: int | None = None, offset: int = 0, limit: int = 20) -> SearchPage:
    """Recognised products by name or producer (diacritics and case aside), unit and stars."""
    with rt.transaction() as session:
        return search(session, rt.clock.today(), text=text, unit=unit, stars=stars,
                      offset=offset, limit=limit)


def public_certificate(rt: Runtime, token: str) -> RegistryEntry:
    with rt.transaction() as session:
        return by_token(session, token, rt.clock.today())


@dataclass(frozen=True)
class OpenData:
    filename: str
    media_type: str
    generated_at: datetime
    content: bytes


def _records(entries: Iterable[RegistryEntry], base_url: str,
             generated_on: str) -> Iterable[dict[str, object]]:
    for e in entries:
        yield {"certificate_number": e.number, "product": e.product, "producer": e.producer,
               "unit": e.unit, "stars": e.stars, "decision": e.decision,
               "decided_on": e.decided_on.isoformat(), "expires_on": e.expires_on.isoformat(),
               "validity": e.validity.value, "revocation_decision": e.revocation_decision,
               "url": certificate_url(base_url, e.token), "generated_on": generated_on}


def open_data(rt: Runtime, fmt: str, base_url: str) -> OpenData:
    """The whole registry as CSV (UTF-8 with BOM, for Excel) or JSON, with the day and time it
    was generated: codes and ISO dates, each certificate's public URL."""
    now = rt.clock.now()
    generated_on = local_date(now).isoformat()
    with rt.transaction() as session:
        records = _records(whole_registry(session, local_date(now)), base_url, generated_on)
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.DictWriter(out, OPEN_DATA_FIELDS, lineterminator="\n")
            writer.writeheader()
            # Opened in Excel (the BOM says so): no name may run as a formula there.
            writer.writerows({k: csv_field(v) for k, v in r.items()} for r in records)
            return OpenData(f"so-dang-ky-ocop-{generated_on}.csv", "text/csv; charset=utf-8", now,
                            ("\ufeff" + out.getvalue()).encode("utf-8"))
        products = [{k: v for k, v in r.items() if k != "generated_on"} for r in records]
    document = {"generated_at": jsonable(now), "generated_on": generated_on,
                "count": len(products), "products": products}
    return OpenData(f"so-dang-ky-ocop-{generated_on}.json", "application/json", now,
                    json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))


def printed_certificate(rt: Runtime, actor: str, ref: str, base_url: str) -> tuple[str, bytes]:
    """The certificate of dossier `ref` (its newest) or of certificate number `ref`, as a PDF
    file name and content; the QR code links to its public page under `base_url`."""
    with rt.transaction() as session:
        find_user(session, actor)
        paper = printable(session, rt.rules, ref, rt.clock.today())
    return _pdf(paper, base_url)


def dossier_certificate(rt: Runtime, actor: str, dossier_id: int,
                        base_url: str) -> tuple[str, bytes]:
    """The dossier page's button: its newest certificate, for whoever may see the dossier
    (another unit's dossier is "no such dossier")."""
    with rt.transaction() as session:
        visible_dossier(session, find_user(session, actor), dossier_id)
        paper = printable(session, rt.rules, str(dossier_id), rt.clock.today())
    return _pdf(paper, base_url)


def _pdf(paper: Printable, base_url: str) -> tuple[str, bytes]:
    name = "giay-chung-nhan-" + "".join(c if c.isalnum() or c == "-" else "-"
                                        for c in paper.entry.number) + ".pdf"
    return name, certificate_pdf(paper, certificate_url(base_url, paper.entry.token))
