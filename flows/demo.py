"""`make demo`: a replayed 2022 in Bắc Giang on the embedded default (SQLite, file outbox).

Officers' steps go through the service layer on the dates they happen; the flows run
through the real Prefect engine on the dates that matter (not 365 engine runs).
"""

import os
import random
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from flows import prefect_env
from states import admin_commands, campaigns
from states import dossier_commands as c
from states.clock import Clock
from states.errors import OcopError
from states.runtime import Runtime
from states.settings import Settings
from states.synthetic import person, sample_product

UNITS = ("tp-bac-giang", "hiep-hoa", "lang-giang", "luc-nam", "luc-ngan", "son-dong", "tan-yen",
         "viet-yen", "yen-dung", "yen-the")
# Districts that are slow to act: their dossiers go late and show up in digests.
SLOW_UNITS = frozenset({"son-dong", "yen-the", "luc-nam"})
DOCS = ["registration-form", "business-plan", "organisation", "business-registration", "samples",
        "food-safety", "product-story"]
DAILY = ["expire-certificates", "renewal-campaign", "revocation-campaign", "deadline-reminders"]


@dataclass
class Demo:
    rt: Runtime
    rng: random.Random
    log: list[str] = field(default_factory=list)
    flow_runs: int = 0
    unit_of: dict[int, str] = field(default_factory=dict)

    def on(self, day: date) -> None:
        self.rt.clock = Clock(day)

    def try_step(self, step: Callable[[], Any]) -> bool:
        try:
            step()
            return True
        except OcopError:
            return False

    def register(self, count: int, start: date, days: int) -> list[int]:
        ids = []
        for serial in range(count):
            self.on(start + timedelta(days=self.rng.randrange(days)))
            sample = sample_product(self.rng, serial)
            unit = self.rng.choice(UNITS)
            view = c.register_product(self.rt, "admin", unit=unit,
                                      producer=sample.producer, producer_type=sample.producer_type,
                                      product=sample.product, group=sample.group, email=sample.email)
            ids.append(int(view["id"]))
            self.unit_of[int(view["id"])] = unit
        return ids

    def evaluate_locally(self, ids: list[int], start: date) -> list[int]:
        """Inspection, district council and forwarding; slow units take longer. Returns forwarded."""
        forwarded = []
        for dossier_id in ids:
            slow = self.unit_of[dossier_id] in SLOW_UNITS
            day = start + timedelta(days=self.rng.randrange(5, 40 if slow else 20))
            self.on(day)
            c.inspect(self.rt, "admin", dossier_id, on=day, inspectors=[person(self.rng),
                                                                        person(self.rng)],
                      minutes_ref=f"BB-{dossier_id:04d}")
            self.on(day + timedelta(days=self.rng.randrange(3, 25 if slow else 12)))
            points = round(self.rng.gauss(62, 11), 1)
            members = [max(20.0, min(99.0, points + self.rng.uniform(-4, 4))) for _ in range(5)]
            members = [round(m, 1) for m in members]
            c.score(self.rt, "admin", dossier_id, totals=members)
            c.update_documents(self.rt, "admin", dossier_id,
                               add=DOCS if self.rng.random() > 0.08 else DOCS[:3], remove=[])
            self.on(self.rt.clock.today() + timedelta(days=self.rng.randrange(1, 6)))
            if self.try_step(partial(c.forward, self.rt, "admin", dossier_id)):
                forwarded.append(dossier_id)
            else:
                c.return_dossier(self.rt, "admin", dossier_id,
                                 reason="Chưa đạt 50 điểm hoặc thiếu hồ sơ bắt buộc")
        return forwarded

    def provincial_council(self, ids: list[int], day: date, decision: str) -> None:
        self.on(day)
        for dossier_id in ids:
            points = round(min(98.0, max(35.0, self.rng.gauss(72, 10))), 1)
            if points < 50:
                c.not_recognise(self.rt, "admin", dossier_id, note="Dưới 50 điểm")
                continue
            view = c.certify(self.rt, "admin", dossier_id, totals=[points], decision=decision, on=day)
            if view["state"] == "central_review":
                self.on(day + timedelta(days=30))
                c.certify(self.rt, "admin", dossier_id, totals=[min(99.0, points + 1)],
                          decision=f"TW-{decision}", on=self.rt.clock.today())
                self.on(day)

    def run_flows(self, day: date, names: list[str], **parameters: Any) -> dict[str, Any]:
        from flows.runner import run_flows

        results = run_flows(names, day, self.rt.db.url, parameters)
        self.flow_runs += len(results)
        self.log.append(f"{day:%d/%m/%Y}: {', '.join(results)}")
        return results


def fresh_runtime(folder: Path) -> Runtime:
    for leftover in ("ocop-demo.db", "ocop-demo.db-wal", "ocop-demo.db-shm", "outbox"):
        path = folder / leftover
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["OCOP_NOTIFIER"] = "file"
    os.environ["OCOP_OUTBOX_DIR"] = str(folder / "outbox")
    rt = Runtime.from_settings(Settings(database_url=f"sqlite:///{folder / 'ocop-demo.db'}",
                                        today=date(2019, 9, 2)))
    admin_commands.init(rt)
    return rt


def replay(folder: Path, say: Callable[[str], None], size: int = 1) -> Demo:
    prefect_env.configure(folder / "prefect-home")
    demo = Demo(fresh_runtime(folder), random.Random(2022))
    rt = demo.rt

    say("1/6 Lịch sử: các sản phẩm được công nhận 2019-2020 (giấy chứng nhận hết hạn 2022-2023)")
    history = demo.register(70 * size, date(2019, 8, 22), 12)
    forwarded = demo.evaluate_locally(history, date(2019, 8, 26))
    demo.provincial_council([i for n, i in enumerate(forwarded) if n % 2 == 0], date(2019, 10, 10),
                            "2856/QĐ-UBND")
    demo.provincial_council([i for n, i in enumerate(forwarded) if n % 2 == 1], date(2020, 4, 28),
                            "712/QĐ-UBND")

    say("2/6 Đợt 1/2022: đăng ký, kiểm tra, chấm điểm; nhắc việc qua Prefect")
    round1 = demo.register(110 * size, date(2022, 2, 14), 18)
    demo.run_flows(date(2022, 3, 21), ["deadline-reminders"])
    forwarded = demo.evaluate_locally(round1, date(2022, 3, 1))
    demo.run_flows(date(2022, 4, 4), ["deadline-reminders", "stuck-dossiers"])
    demo.provincial_council(forwarded, date(2022, 7, 25), "1563/QĐ-UBND")

    say("3/6 Đợt 2/2022 và chiến dịch đánh giá lại, thu hồi (hạn 15/10/2022)")
    round2 = demo.register(90 * size, date(2022, 8, 1), 10)
    demo.run_flows(date(2022, 9, 5), ["renewal-campaign"], deadline=date(2022, 10, 15))
    demo.run_flows(date(2022, 9, 5), ["revocation-campaign"], deadline=date(2022, 10, 15))
    demo.run_flows(date(2022, 9, 5), ["expire-certificates", "deadline-reminders", "stuck-dossiers"])
    # Some districts have not finished round 2 by December: they show up as stuck.
    started2 = [i for i in round2 if demo.rng.random() < 0.8]
    forwarded2 = demo.evaluate_locally(started2, date(2022, 8, 15))

    say("4/6 Các huyện phản hồi; nhắc hạn 30/09, 07/10, 13/10")
    with rt.transaction() as session:
        renewal_ids = [i for ids in campaigns.units_with_pending_renewals(
            session, campaigns.open_campaigns(session, "renewal")[0]).values() for i in ids]
    responding = [i for i in renewal_ids if demo.rng.random() < 0.65]
    renewed = demo.evaluate_locally(responding, date(2022, 9, 12))
    demo.on(date(2022, 9, 28))
    with rt.transaction() as session:
        revocation = campaigns.open_campaigns(session, "revocation")[0].id
    candidates = [i for i in renewal_ids if i not in responding]
    for dossier_id, reason in zip(candidates[:6], ["ceased", "dissolved", "violation", "ceased",
                                                   "not-reevaluated", "dissolved"], strict=False):
        campaigns.propose_revocation(rt, "admin", revocation, dossier_id, reason)
    for day in (date(2022, 9, 30), date(2022, 10, 7), date(2022, 10, 13)):
        demo.run_flows(day, DAILY)

    say("5/6 Sau hạn: hết hiệu lực, danh sách thu hồi, quyết định của UBND tỉnh")
    demo.run_flows(date(2022, 10, 17), [*DAILY, "stuck-dossiers"])
    from notifiers.campaign_mail import close_campaign
    demo.on(date(2022, 10, 18))
    close_campaign(rt, "admin", revocation, folder)
    demo.on(date(2022, 11, 15))
    campaigns.decide_revocation(rt, "admin", revocation, "2011/QĐ-UBND")

    say("6/6 Hội đồng tỉnh đợt 2 và đánh giá lại; tổng kết")
    demo.provincial_council(forwarded2[: len(forwarded2) * 3 // 4] + renewed, date(2022, 11, 25),
                            "2377/QĐ-UBND")
    demo.run_flows(date(2022, 12, 5), [*DAILY, "stuck-dossiers"])
    return demo


def summary(rt: Runtime) -> dict[str, Any]:
    from sqlalchemy import func, select

    from notifiers.campaign_mail import stuck_report
    from states.models import AdministrativeUnit, Dossier, OutboxMessage

    with rt.transaction() as session:
        by_unit_state = session.execute(
            select(AdministrativeUnit.name, Dossier.state, func.count())
            .join(AdministrativeUnit, Dossier.unit_id == AdministrativeUnit.id)
            .group_by(AdministrativeUnit.name, Dossier.state)).all()
        emails = Counter(dict(session.execute(
            select(OutboxMessage.kind, func.count()).where(OutboxMessage.status == "sent")
            .group_by(OutboxMessage.kind)).all()))
        stuck = stuck_report(rt, session)
    return {"by_unit_state": [(u, s, n) for u, s, n in by_unit_state], "emails": emails,
            "stuck": stuck}
