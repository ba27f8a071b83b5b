"""`make demo`: a replayed 2022 in Bắc Giang on the embedded default (SQLite, file outbox).

Officers' steps go through the use cases on the dates they happen; the flows run through the
real Prefect engine on the dates that matter (not 365 engine runs).
"""

import random
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bootstrap.system import System, build_system, overriding
from demo.preparer import Preparer
from demo.synthetic import person, sample_product
from states.clock import Clock
from states.errors import OcopError
from states.runtime import Runtime
from states.vocabulary import CampaignKind, State
from use_cases import admin, dossiers
from use_cases.queries import list_campaigns

if TYPE_CHECKING:
    from demo.summary import CouncilOutcome

UNITS = ("tp-bac-giang", "hiep-hoa", "lang-giang", "luc-nam", "luc-ngan", "son-dong", "tan-yen",
         "viet-yen", "yen-dung", "yen-the")
# Districts that are slow to act: their dossiers go late and show up in digests.
SLOW_UNITS = frozenset({"son-dong", "yen-the", "luc-nam"})
DOCS = ["registration-form", "business-plan", "organisation", "business-registration", "samples",
        "food-safety", "product-story"]
DAILY = ["expire-certificates", "renewal-campaign", "revocation-campaign", "deadline-reminders"]
ADMIN = "admin"
COUNCIL_FOLDER = "hoi-dong"  # the council's printouts (demo/council_act.py)


@dataclass
class Demo:
    system: System
    rng: random.Random
    log: list[str] = field(default_factory=list)
    flow_runs: int = 0
    unit_of: dict[int, str] = field(default_factory=dict)
    # The day of each dossier's last step: the next one may not be dated before it.
    last_step: dict[int, date] = field(default_factory=dict)
    # Issue 14 (demo/preparer.py): who prepares each dossier, and what that does to it.
    preparer: Preparer | None = None
    # Issue 21 (demo/council_act.py): the council that scored on the members' sheets.
    council: "CouncilOutcome | None" = None

    @property
    def rt(self) -> Runtime:
        return self.system.rt

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
            view = dossiers.register_product(
                self.rt, ADMIN, unit=unit, producer=sample.producer,
                producer_type=sample.producer_type, product=sample.product, group=sample.group,
                email=sample.email, preparation=self.preparer.plan(unit) if self.preparer else None)
            if self.preparer:
                self.preparer.remember(view.id)
            ids.append(view.id)
            self.unit_of[view.id] = unit
            self.last_step[view.id] = self.rt.clock.today()
        return ids

    def evaluate_locally(self, ids: list[int], start: date) -> list[int]:
        """Inspection, district council and forwarding; slow units take longer. Returns forwarded."""
        forwarded = []
        for dossier_id in ids:
            slow = self.unit_of[dossier_id] in SLOW_UNITS
            day = max(start, self.last_step.get(dossier_id, start)) + timedelta(
                days=self.rng.randrange(5, 40 if slow else 20))
            self.on(day)
            dossiers.inspect(self.rt, ADMIN, dossier_id, on=day,
                             inspectors=[person(self.rng), person(self.rng)],
                             minutes_ref=f"BB-{dossier_id:04d}")
            self.on(day + timedelta(days=self.rng.randrange(3, 25 if slow else 12)))
            points = round(self.rng.gauss(62, 11), 1)
            if self.preparer:
                points = self.preparer.points(dossier_id, points)
            members = [round(max(20.0, min(99.0, points + self.rng.uniform(-4, 4))), 1)
                       for _ in range(5)]
            dossiers.score(self.rt, ADMIN, dossier_id, totals=members)
            docs = DOCS if self.rng.random() > 0.08 else DOCS[:3]
            if self.preparer:
                docs = self.preparer.documents(dossier_id, docs)
            dossiers.update_documents(self.rt, ADMIN, dossier_id, add=docs, remove=[])
            self.on(self.rt.clock.today() + timedelta(days=self.rng.randrange(1, 6)))
            self.last_step[dossier_id] = self.rt.clock.today()
            if self.try_step(partial(dossiers.forward, self.rt, ADMIN, dossier_id)):
                forwarded.append(dossier_id)
            else:
                dossiers.return_dossier(self.rt, ADMIN, dossier_id,
                                        reason="Chưa đạt 50 điểm hoặc thiếu hồ sơ bắt buộc")
        return forwarded

    def provincial_council(self, ids: list[int], day: date, decision: str) -> None:
        for dossier_id in ids:
            # A dossier forwarded after the council met is decided on the day it arrived.
            decided = max(day, self.last_step.get(dossier_id, day))
            self.on(decided)
            points = round(min(98.0, max(35.0, self.rng.gauss(72, 10))), 1)
            if self.preparer:
                points = self.preparer.points(dossier_id, points)
            if points < 50:
                dossiers.not_recognise(self.rt, ADMIN, dossier_id, note="Dưới 50 điểm")
                continue
            view = dossiers.certify(self.rt, ADMIN, dossier_id, totals=[points], decision=decision,
                                    on=decided)
            if view.state == State.CENTRAL_REVIEW:
                self.on(decided + timedelta(days=30))
                dossiers.certify(self.rt, ADMIN, dossier_id, totals=[min(99.0, points + 1)],
                                 decision=f"TW-{decision}", on=self.rt.clock.today())
                self.on(day)

    def run_flows(self, day: date, names: list[str], **parameters: Any) -> dict[str, Any]:
        from flows.runner import run_flows

        results = run_flows(names, day, parameters)  # on the database of `demo_system`
        self.flow_runs += len(results)
        self.log.append(f"{day:%d/%m/%Y}: {', '.join(results)}")
        return results

    def open_campaign_id(self, kind: CampaignKind) -> int:
        return next(c.id for c in list_campaigns(self.rt) if c.kind == kind and c.status == "open")


# The demo's OCOP_RULES_DIR: Bắc Giang's 2022 plan (plan-2022.toml).
DEMO_RULES_DIR = Path(__file__).parent / "rules"


def demo_settings(folder: Path) -> dict[str, Any]:
    """The embedded default, whatever the environment says: SQLite, the file outbox and the
    demo's own plan."""
    return {"database_url": f"sqlite:///{folder / 'ocop-demo.db'}", "notifier": "file",
            "outbox_dir": folder / "outbox", "rules_dir": DEMO_RULES_DIR, "rulebook": None,
            "files_store": "local", "files_dir": folder / "files"}


def clean(folder: Path) -> None:
    for leftover in ("ocop-demo.db", "ocop-demo.db-wal", "ocop-demo.db-shm", "outbox", "files",
                     COUNCIL_FOLDER):
        path = folder / leftover
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    folder.mkdir(parents=True, exist_ok=True)


@contextmanager
def demo_system(folder: Path) -> Iterator[System]:
    """A fresh demo database; flows run inside this block see the same settings."""
    clean(folder)
    with overriding(**demo_settings(folder)):
        system = build_system(today=date(2019, 9, 2))
        admin.init(system.rt)
        try:
            yield system
        finally:
            system.close()
