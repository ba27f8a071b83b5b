"""A province's recognised products from its list: each new row becomes a producer (found or
added), a product, a dossier in `certified` (or `expired`, its expiry passed) with its
certificate, and one audit event; a batch at a time, in a handful of set-based statements."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Certificate, Dossier, EvaluationRound
from states.db.tables import table_of
from states.dossiers.history import record_events
from states.dossiers.open_dossier import open_in_units, reason
from states.dossiers.registered import Registered, by_numbers, by_products
from states.errors import InvalidInput
from states.folding import fold
from states.lifecycle.deadlines import due_at_on
from states.permissions import authorize
from states.registry.issuers import issued_by
from states.registry.producer_book import ProducerBook
from states.registry.product_book import product_ids_for
from states.registry.product_rows import (
    PRODUCTS,
    certificate_term,
    group_of,
    group_words,
    producer_type_of,
    recognition,
    subgroup_of,
)
from states.rules.certificates import certificate_number
from states.rules.rulebooks import Rulebook
from states.runtime import Runtime
from states.tables.checking import Candidate, identity
from states.tables.columns import CellError
from states.territory.lookups import find_user
from states.territory.unit_index import UnitIndex
from states.vocabulary import Action, RegistryEvent, RowOutcome, State

MatchKey = tuple[int, str, str, str]


def match_key(unit_id: int, producer: str, product: str, decision: str) -> MatchKey:
    # A product is compared folded, as its unique key does (issue 25): "Ga doi" is "Gà đồi".
    return unit_id, identity(producer), fold(product), identity(decision)


class ProductImporter:
    spec = PRODUCTS

    def __init__(self, rt: Runtime, session: Session, actor: str, source: str) -> None:
        # Recording a recognition is the Department's (as `dossier certify` is).
        authorize(find_user(session, actor), Action.CERTIFY)
        self.rt, self.session, self.actor, self.source = rt, session, actor, source
        self.today = rt.clock.today()
        self.units = UnitIndex.load(session)
        self.groups = group_words(rt.rules)
        self.producers = ProducerBook(session)
        self._rounds: dict[str, int] = {}
        self._issuers: dict[tuple[int, date, bool], dict[str, str]] = {}

    def check_row(self, candidate: Candidate) -> None:
        values = candidate.values
        unit = self.units.find(values["unit"], values["decision_date"])
        if isinstance(unit, str):
            candidate.refuse("unit", unit)
        else:
            values["unit_id"] = unit.id
            # A product registered in a commune (since 2025) is made in that commune.
            values["commune_id"] = unit.id if unit.commune else None
        kind = values.get("producer_type") or producer_type_of(values["producer"])
        if kind is None:
            candidate.refuse("producer_type", "không rõ loại chủ thể (hợp tác xã, tổ hợp tác, "
                                              "doanh nghiệp, hộ kinh doanh): hãy ghi cột này")
        values["producer_type"] = kind
        rulebook = self._rulebook(candidate)
        if rulebook is not None:
            self._recognition(candidate, rulebook)

    def _rulebook(self, candidate: Candidate) -> Rulebook | None:
        decided = candidate.values["decision_date"]
        if decided > self.today:
            candidate.refuse("decision_date", f"ngày {decided:%d/%m/%Y} ở tương lai")
            return None
        try:
            rulebook = self.rt.rules.in_force(decided)
        except InvalidInput as error:
            candidate.refuse("decision_date", error.message.rstrip("."))
            return None
        candidate.values["rulebook"] = rulebook.code
        return rulebook

    def _recognition(self, candidate: Candidate, rulebook: Rulebook) -> None:
        values = candidate.values
        problem = recognition(rulebook, values["stars"], values["points"])
        if problem is not None:
            candidate.refuse("stars", problem)
        group = _derive(candidate, "group", lambda: group_of(rulebook, self.groups, values["group"]))
        if group is not None:
            values["group"] = group
            values["subgroup"] = _derive(candidate, "subgroup", lambda: subgroup_of(
                rulebook, group, values.get("subgroup")))
        term = _derive(candidate, "expires_on", lambda: certificate_term(
            rulebook, values["decision_date"], values.get("expires_on"), self.today))
        if term is not None:
            values["expires_on"], values["state"], values["status"] = term
            if values["state"] == State.CERTIFIED:
                # One product per producer and folded name has one open dossier (issue 25).
                values["open_product"] = fold(values["product"])

    def check_batch(self, batch: list[Candidate]) -> None:
        numbers = by_numbers(self.session, {c.values["certificate"] for c in batch
                                            if "certificate" in c.values})
        for candidate in batch:
            known = numbers.get(candidate.values.get("certificate", ""))
            if known is None:
                continue
            if _key(candidate)[:3] == _registered_key(known)[:3]:  # the same product
                candidate.outcome = RowOutcome.EXISTING
            else:
                candidate.refuse("certificate", f"số giấy chứng nhận đã dùng cho sản phẩm "
                                 f"'{known.product}' của '{known.producer}' (hồ sơ số "
                                 f"{known.dossier_id})")
        rest = [c for c in batch if c.outcome == RowOutcome.NEW]
        present = {_registered_key(r) for r in by_products(
            self.session, {c.values["unit_id"] for c in rest},
            {fold(c.values["product"]) for c in rest})}
        for candidate in rest:
            if _key(candidate) in present:
                candidate.outcome = RowOutcome.EXISTING
        self._refuse_second_open([c for c in rest if c.outcome == RowOutcome.NEW
                                  and c.values["state"] == State.CERTIFIED])

    def _refuse_second_open(self, batch: list[Candidate]) -> None:
        """Issue 25: a certificate in force opens a dossier, and a product has one open dossier;
        the database's index holds it, this says which row and which dossier before any write
        (rows of one file are held to it by the spec's unique key `open_product`)."""
        held = {(unit_id, identity(producer), key): dossier for unit_id, producer, key, dossier
                in open_in_units(self.session, {c.values["unit_id"] for c in batch},
                                 {c.values["open_product"] for c in batch})}
        for candidate in batch:
            values = candidate.values
            found = held.get((values["unit_id"], identity(values["producer"]),
                              values["open_product"]))
            if found is not None:
                candidate.refuse("product", reason(found))

    def write_batch(self, batch: list[Candidate]) -> None:
        now = self.rt.clock.now()
        producer_ids = self.producers.ids_for([c.values for c in batch])
        product_ids = product_ids_for(self.session, [
            (producer_id, c.values["product"], c.values["group"], c.values.get("subgroup"))
            for c, producer_id in zip(batch, producer_ids, strict=True)])
        dossier_ids = self.session.scalars(
            insert(table_of(Dossier)).returning(Dossier.id, sort_by_parameter_order=True),
            [{"product_id": product_id, "unit_id": c.values["unit_id"],
              "round_id": self._round_id(c.values["rulebook"]), "cycle": 1,
              "state": c.values["state"], "version": 1, "entered_state_at": now,
              "created_at": now, "due_at": _due_at(c.values)}
             for c, product_id in zip(batch, product_ids, strict=True)]).all()
        pairs = list(zip(batch, dossier_ids, strict=True))
        self.session.execute(insert(table_of(Certificate)), [
            {**_certificate(c.values, d), **self._issuer(c.values)} for c, d in pairs])
        record_events(self.session, [
            {"dossier_id": dossier_id, "unit_id": c.values["unit_id"], "from_state": None,
             "to_state": c.values["state"], "trigger": RegistryEvent.IMPORT, "actor": self.actor,
             "at": now, "note": f"Nhập từ tệp {self.source}, dòng {c.row}",
             "details": {"source": self.source, "row": c.row, "rulebook": c.values["rulebook"]}}
            for c, dossier_id in pairs])

    def _issuer(self, values: dict[str, Any]) -> dict[str, str]:
        """Who issued it and the unit's name, as on the day of the decision (a list holds few
        decisions, so this is asked a few times, not once a row)."""
        rulebook = self.rt.rules.get(values["rulebook"])
        local = values["stars"] <= rulebook.local_recognition_max_stars
        key = (values["unit_id"], values["decision_date"], local)
        if key not in self._issuers:
            unit = self.session.get(AdministrativeUnit, values["unit_id"])
            assert unit is not None  # found by the check
            self._issuers[key] = issued_by(self.session, unit, values["decision_date"], local=local)
        return self._issuers[key]

    def _round_id(self, rulebook_code: str) -> int:
        """Imported products sit in one round per rulebook, so that their certificates are read
        (notice days, renewal) under the rulebook of their decision."""
        if rulebook_code not in self._rounds:
            self._rounds[rulebook_code] = import_round(self.rt, self.session, rulebook_code).id
        return self._rounds[rulebook_code]


def import_round(rt: Runtime, session: Session, rulebook_code: str) -> EvaluationRound:
    code = f"import-{rulebook_code}"[:32]
    found = session.scalar(select(EvaluationRound).where(EvaluationRound.code == code))
    if found is None:
        title = rt.rules.get(rulebook_code).title
        found = EvaluationRound(code=code, rulebook_code=rulebook_code, opened_on=rt.clock.today(),
                                name=f"Nhập danh sách đã công nhận ({title})"[:200])
        session.add(found)
        session.flush()
    return found


def _derive(candidate: Candidate, column: str, read: Callable[[], Any]) -> Any:
    try:
        return read()
    except CellError as error:
        candidate.refuse(column, str(error))
        return None


def _key(candidate: Candidate) -> MatchKey:
    values = candidate.values
    return match_key(values["unit_id"], values["producer"], values["product"], values["decision"])


def _registered_key(registered: Registered) -> MatchKey:
    return match_key(registered.unit_id, registered.producer, registered.product,
                     registered.decision)


def _due_at(values: dict[str, Any]) -> Any:
    # A certified dossier's next date is its certificate's expiry (as `dossier certify` sets).
    return due_at_on(values["expires_on"]) if values["state"] == State.CERTIFIED else None


def _certificate(values: dict[str, Any], dossier_id: int) -> dict[str, Any]:
    decided = values["decision_date"]
    return {"dossier_id": dossier_id, "stars": values["stars"], "points": values["points"],
            "number": values.get("certificate") or certificate_number(decided, dossier_id, 1),
            "decision_no": values["decision"], "recognised_on": decided,
            "expires_on": values["expires_on"], "status": values["status"]}
