"""The commands that change a dossier. Each is one transaction: the state change, its audit
event and the new deadline are written together, or nothing is."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.certificates import certificate_number, expiry_date
from states.contacts import valid_email
from states.deadlines import due_at_for, due_at_on
from states.errors import InvalidInput, NotFound
from states.lifecycle import GuardContext, fire
from states.models import (
    Certificate,
    DocumentReceipt,
    Dossier,
    DossierEvent,
    EvaluationRound,
    Inspection,
    Producer,
    Product,
    ScoreSheet,
    User,
)
from states.permissions import authorize
from states.queries import DOSSIER_WITH_NAMES, certificate_view, dossier_view
from states.rulebooks import Rulebook
from states.runtime import Runtime, find_user
from states.scoring import council_average
from states.units import find_unit

PRODUCER_TYPES: dict[str, str] = {
    "cooperative": "Hợp tác xã",
    "cooperative-group": "Tổ hợp tác",
    "enterprise": "Doanh nghiệp",
    "household": "Hộ kinh doanh / hộ sản xuất",
}

REVOCATION_REASONS: dict[str, str] = {
    "ceased": "Ngừng hoạt động sản xuất, kinh doanh",
    "dissolved": "Giải thể",
    "violation": "Vi phạm điều kiện sản xuất / an toàn thực phẩm",
    "failed-mandatory": "Không đạt tiêu chí bắt buộc khi đánh giá lại",
    "not-reevaluated": "Không đánh giá lại trong 36 tháng",
    "other": "Lý do khác",
}

View = dict[str, Any]


def round_for(session: Session, rt: Runtime) -> EvaluationRound:
    """The evaluation round of today's half-year, pinned to a rulebook when first opened."""
    today = rt.clock.today()
    code = f"{today.year}-{1 if today.month <= 6 else 2}"
    found = session.scalar(select(EvaluationRound).where(EvaluationRound.code == code))
    if found is None:
        rt.rules.get(rt.settings.rulebook)
        found = EvaluationRound(code=code, rulebook_code=rt.settings.rulebook, opened_on=today)
        session.add(found)
        session.flush()
    return found


def register_product(rt: Runtime, actor: str, *, unit: str, producer: str, producer_type: str,
                     product: str, group: str, email: str | None = None) -> View:
    if producer_type not in PRODUCER_TYPES:
        raise InvalidInput(
            f"Loại chủ thể '{producer_type}' không hợp lệ. Chọn: {', '.join(PRODUCER_TYPES)}."
        )
    if not producer.strip() or not product.strip():
        raise InvalidInput("Tên chủ thể và tên sản phẩm không được để trống.")
    address = valid_email(email) if email else None
    with rt.transaction() as session:
        unit_row = find_unit(session, unit)
        authorize(find_user(session, actor), "register", unit_row.id)
        evaluation_round = round_for(session, rt)
        rulebook = rt.rules.get(evaluation_round.rulebook_code)
        rulebook.group_name(group)
        producer_row = session.scalar(
            select(Producer).where(Producer.unit_id == unit_row.id, Producer.name == producer.strip())
        )
        if producer_row is None:
            producer_row = Producer(name=producer.strip(), kind=producer_type, unit_id=unit_row.id,
                                    email=address)
            session.add(producer_row)
        elif address:
            producer_row.email = address
        product_row = Product(name=product.strip(), group_code=group, producer=producer_row)
        now = rt.clock.now()
        dossier = Dossier(product=product_row, unit_id=unit_row.id, round_id=evaluation_round.id,
                          state="registered", entered_state_at=now, created_at=now,
                          due_at=due_at_for(rt.rules, rulebook, "registered", now))
        session.add(dossier)
        session.flush()
        session.add(DossierEvent(dossier_id=dossier.id, from_state=None, to_state="registered",
                                 trigger="register", actor=actor, at=now, details={
                                     "round": evaluation_round.code,
                                     "rulebook": rulebook.code}))
        session.flush()
        return dossier_view(session, rt, dossier)


class DossierChange:
    """The shared shape of every dossier command: load, authorise, gather, fire, record."""

    def __init__(self, rt: Runtime, session: Session, actor: str, dossier_id: int,
                 action: str | Callable[[Dossier], str]) -> None:
        self.rt = rt
        self.session = session
        self.actor = actor
        dossier = session.get(Dossier, dossier_id, options=DOSSIER_WITH_NAMES)
        if dossier is None:
            raise NotFound(f"Không có hồ sơ số {dossier_id}.")
        self.dossier = dossier
        self.user: User = find_user(session, actor)
        # Some steps are someone else's depending on where the dossier stands.
        authorize(self.user, action if isinstance(action, str) else action(dossier),
                  dossier.unit_id)
        self.rulebook: Rulebook = rt.rules.get(dossier.round.rulebook_code)

    def context(self, **facts: Any) -> GuardContext:
        return GuardContext(rulebook=self.rulebook, **facts)

    def move(self, trigger: str, ctx: GuardContext, *, note: str | None = None,
             details: dict[str, Any] | None = None,
             after: Callable[[str], date | None] | None = None) -> View:
        """Fire `trigger`; `after` writes what the step produces and may set the due date."""
        dossier = self.dossier
        from_state = dossier.state
        # One UPDATE per command, so the version moves by exactly one.
        with self.session.no_autoflush:
            to_state = fire(dossier, trigger, ctx)
            due_on = after(to_state) if after is not None else None
            now = self.rt.clock.now()
            dossier.entered_state_at = now
            dossier.due_at = (due_at_on(due_on) if due_on is not None
                              else due_at_for(self.rt.rules, self.rulebook, to_state, now))
        self.record(from_state, to_state, trigger, note, details or {})
        return dossier_view(self.session, self.rt, dossier, with_scores=False)

    def record(self, from_state: str | None, to_state: str, trigger: str, note: str | None,
               details: dict[str, Any]) -> None:
        self.session.add(DossierEvent(
            dossier_id=self.dossier.id, from_state=from_state, to_state=to_state, trigger=trigger,
            actor=self.actor, at=self.rt.clock.now(), note=note, details=details))
        # Flushing here runs the version check: a stale dossier raises before commit.
        self.session.flush()

    def sheet(self, level: str) -> ScoreSheet | None:
        return self.session.scalar(
            select(ScoreSheet).where(ScoreSheet.dossier_id == self.dossier.id,
                                     ScoreSheet.cycle == self.dossier.cycle,
                                     ScoreSheet.level == level)
            .order_by(ScoreSheet.id.desc()).limit(1))

    def add_sheet(self, level: str, totals: list[float], failed_mandatory: str | None) -> float:
        average = council_average(totals)
        self.session.add(ScoreSheet(
            dossier_id=self.dossier.id, cycle=self.dossier.cycle, level=level,
            member_totals=totals, average=average, failed_mandatory=failed_mandatory or None,
            recorded_at=self.rt.clock.now()))
        return average

    def valid_certificate(self) -> Certificate | None:
        return self.session.scalar(
            select(Certificate).where(Certificate.dossier_id == self.dossier.id,
                                      Certificate.status == "valid")
            .order_by(Certificate.id.desc()).limit(1))

    def present_documents(self) -> set[str]:
        return set(self.session.scalars(
            select(DocumentReceipt.code).where(DocumentReceipt.dossier_id == self.dossier.id,
                                               DocumentReceipt.cycle == self.dossier.cycle)))

    def has_inspection(self) -> bool:
        return self.session.scalar(
            select(Inspection.id).where(Inspection.dossier_id == self.dossier.id,
                                        Inspection.cycle == self.dossier.cycle).limit(1)) is not None


def _not_in_future(rt: Runtime, day: date, what: str) -> None:
    if day > rt.clock.today():
        raise InvalidInput(f"{what} {day:%d/%m/%Y} không thể ở tương lai.")


def inspect(rt: Runtime, actor: str, dossier_id: int, *, on: date, inspectors: list[str],
            minutes_ref: str | None = None) -> View:
    names = [n.strip() for n in inspectors if n.strip()]
    if not names:
        raise InvalidInput("Biên bản kiểm tra cần ít nhất một người kiểm tra (--inspectors).")
    _not_in_future(rt, on, "Ngày kiểm tra")
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "inspect")

        def write_minutes(_: str) -> None:
            session.add(Inspection(dossier_id=dossier_id, cycle=change.dossier.cycle,
                                   inspected_on=on, inspectors=names, minutes_ref=minutes_ref,
                                   recorded_at=rt.clock.now()))

        return change.move("inspect", change.context(), after=write_minutes, details={
            "inspected_on": on.isoformat(), "inspectors": names, "minutes_ref": minutes_ref})


def score(rt: Runtime, actor: str, dossier_id: int, *, totals: list[float],
          failed_mandatory: str | None = None) -> View:
    council_average(totals)
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "score")
        ctx = change.context(has_inspection=change.has_inspection())
        holder: dict[str, float] = {}

        def write_sheet(_: str) -> None:
            holder["average"] = change.add_sheet("local", totals, failed_mandatory)

        view = change.move("score", ctx, after=write_sheet, details={
            "members": totals, "failed_mandatory": failed_mandatory})
        view["district_points"] = holder["average"]
        return view


def forward(rt: Runtime, actor: str, dossier_id: int) -> View:
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "forward")
        sheet = change.sheet("local")
        present = change.present_documents()
        missing = [d.name for d in change.rulebook.documents
                   if d.required and d.code not in present]
        ctx = change.context(
            district_points=sheet.average if sheet else None,
            district_failed_mandatory=sheet.failed_mandatory if sheet else None,
            missing_documents=missing)
        return change.move("forward", ctx)


def return_dossier(rt: Runtime, actor: str, dossier_id: int, *, reason: str) -> View:
    if not reason.strip():
        raise InvalidInput("Cần ghi lý do trả lại (--reason).")
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "return")
        return change.move("return", change.context(), note=reason.strip())


def certify_action(dossier: Dossier) -> str:
    """Recognising from the district council's score (QĐ 148, 3 stars) is the district's act;
    every other recognition is the Department's."""
    return "certify_locally" if dossier.state == "district_scored" else "certify"


def certify(rt: Runtime, actor: str, dossier_id: int, *, totals: list[float],
            decision: str | None, on: date | None, failed_mandatory: str | None = None) -> View:
    average = council_average(totals)
    if on is not None:
        _not_in_future(rt, on, "Ngày quyết định công nhận")
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, certify_action)
        level = {"central_review": "central", "district_scored": "local"}.get(
            change.dossier.state, "provincial")
        ctx = change.context(points=average, failed_mandatory=failed_mandatory)
        issued: list[Certificate] = []

        def issue(to_state: str) -> date | None:
            change.add_sheet(level, totals, failed_mandatory)
            if to_state != "certified":
                return None
            if not decision or on is None:
                raise InvalidInput("Công nhận cần số quyết định (--decision) và ngày (--on).")
            previous = change.valid_certificate()
            if previous is not None:
                previous.status = "superseded"
            expires_on = expiry_date(on, change.rulebook.certificate_months)
            if expires_on < rt.clock.today():
                raise InvalidInput(
                    f"Quyết định ngày {on:%d/%m/%Y} đã quá {change.rulebook.certificate_months} "
                    "tháng: giấy chứng nhận sẽ hết hạn ngay khi cấp.")
            issued.append(Certificate(
                dossier_id=dossier_id,
                number=certificate_number(on, dossier_id, change.dossier.cycle),
                stars=change.rulebook.stars_for(average), points=average, decision_no=decision,
                recognised_on=on, expires_on=expires_on, status="valid"))
            session.add(issued[0])
            # A certified dossier's next date is its certificate's expiry.
            return expires_on

        view = change.move("certify", ctx, after=issue, details={
            "members": totals, "points": average, "decision": decision,
            "on": on.isoformat() if on else None})
        view["district_points" if level == "local" else "provincial_points"] = average
        view["certificate"] = certificate_view(issued[0]) if issued else None
        return view


def not_recognise(rt: Runtime, actor: str, dossier_id: int, *, note: str | None = None,
                  totals: list[float] | None = None) -> View:
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "not_recognise")

        def keep_points(_: str) -> None:
            if totals:
                change.add_sheet("provincial", totals, None)

        return change.move("not_recognise", change.context(), note=note, after=keep_points)


def withdraw(rt: Runtime, actor: str, dossier_id: int, *, note: str | None = None) -> View:
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "withdraw")
        ctx = change.context(has_certificate=change.valid_certificate() is not None)
        return change.move("withdraw", ctx, note=note)


def open_renewal(rt: Runtime, actor: str, dossier_id: int, *, note: str | None = None,
                 due_on: date | None = None) -> View:
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "open_renewal")
        ctx = change.context(has_certificate=change.valid_certificate() is not None)
        new_round = round_for(session, rt)

        def next_cycle(_: str) -> date | None:
            change.dossier.cycle += 1
            change.dossier.round = new_round
            change.rulebook = rt.rules.get(new_round.rulebook_code)
            return due_on

        return change.move("open_renewal", ctx, note=note, after=next_cycle,
                           details={"round": new_round.code})


def expire(rt: Runtime, actor: str, dossier_id: int) -> View:
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "expire")
        certificate = change.valid_certificate()
        lapsed = certificate is not None and certificate.expires_on < rt.clock.today()
        ctx = change.context(has_certificate=certificate is not None, certificate_expired=lapsed)

        def lapse(_: str) -> None:
            if certificate is not None:
                certificate.status = "expired"

        return change.move("expire", ctx, after=lapse)


def check_revocation_reason(reason: str, note: str | None) -> None:
    if reason not in REVOCATION_REASONS:
        raise InvalidInput(
            f"Lý do thu hồi '{reason}' không hợp lệ. Chọn: {', '.join(REVOCATION_REASONS)}.")
    if reason == "other" and not (note and note.strip()):
        raise InvalidInput("Lý do 'other' cần ghi rõ nội dung (--note).")


def revoke(rt: Runtime, actor: str, dossier_id: int, *, reason: str, decision: str,
           note: str | None = None) -> View:
    check_revocation_reason(reason, note)
    if not decision.strip():
        raise InvalidInput("Cần số quyết định thu hồi (--decision).")
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "revoke")
        return revoke_in(change, reason=reason, decision=decision, note=note)


def revoke_in(change: DossierChange, *, reason: str, decision: str, note: str | None) -> View:
    """Revoke inside an open transaction (one dossier, or a campaign's decision for many)."""
    certificate = change.valid_certificate() or change.session.scalar(
        select(Certificate).where(Certificate.dossier_id == change.dossier.id,
                                  Certificate.status == "expired")
        .order_by(Certificate.id.desc()).limit(1))
    ctx = change.context(has_certificate=certificate is not None)

    def mark(_: str) -> None:
        assert certificate is not None
        certificate.status = "revoked"
        certificate.revoked_reason = reason
        certificate.revocation_decision = decision

    view = change.move("revoke", ctx, note=note, after=mark, details={
        "reason": reason, "reason_label": REVOCATION_REASONS[reason], "decision": decision})
    view["certificate"] = certificate_view(certificate)
    return view


def update_documents(rt: Runtime, actor: str, dossier_id: int, *, add: list[str],
                     remove: list[str]) -> list[dict[str, Any]]:
    with rt.transaction() as session:
        change = DossierChange(rt, session, actor, dossier_id, "documents")
        for code in [*add, *remove]:
            change.rulebook.document(code)
        present = change.present_documents()
        added = [c for c in dict.fromkeys(add) if c not in present]
        removed = [c for c in dict.fromkeys(remove) if c in present]
        now = rt.clock.now()
        for code in added:
            session.add(DocumentReceipt(dossier_id=dossier_id, cycle=change.dossier.cycle,
                                        code=code, received_at=now))
        if removed:
            for receipt in session.scalars(select(DocumentReceipt).where(
                    DocumentReceipt.dossier_id == dossier_id,
                    DocumentReceipt.cycle == change.dossier.cycle,
                    DocumentReceipt.code.in_(removed))):
                session.delete(receipt)
        if added or removed:
            state = change.dossier.state
            change.record(state, state, "documents", None, {"added": added, "removed": removed})
        present = (present | set(added)) - set(removed)
        return [{"code": d.code, "name": d.name, "required": d.required,
                 "present": d.code in present} for d in change.rulebook.documents]
