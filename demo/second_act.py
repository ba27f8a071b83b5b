"""The second act of `make demo`: Bắc Giang's 2022 certificates reach their 2025 renewal
across the switch of 1/7/2025 (districts abolished, Bắc Giang merged into Bắc Ninh), then a
commune-level round under QĐ 1489 in 2026. It continues the first act's database."""

import csv
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from demo.council_act import council_act
from demo.producer_own import producer_completes_its_dossier
from demo.replay import ADMIN, Demo
from demo.synthetic import sample_product
from states.db.models import AdministrativeUnit, Dossier
from states.programme.campaigns import open_campaigns, units_with_pending_renewals
from states.reorganisation.reorganisation import plan_moves
from states.territory.territory import load_territory
from states.vocabulary import TERMINAL_STATES, CampaignKind, State, UnitLevel, tier_of
from use_cases import dossiers, units

PLAN = "bac-ninh-2025"
MERGER, SWITCH = date(2025, 1, 1), date(2025, 7, 1)
COUNCIL_DAY = date(2026, 5, 15)  # a Friday: the provincial council of the 2026 round
# A producer the Department could not reach: its commune stays unknown.
UNKNOWN_SHARE = 0.06
# QĐ 1489 has no separate textile and souvenir groups: both are handicraft there.
GROUPS_1489 = {"textile": "handicraft", "souvenir": "handicraft"}


def communes_by_district(demo: Demo, day: date) -> dict[int, list[str]]:
    """For each district of 2022, the codes of the communes that lay in it or in what it went
    into (Yên Dũng's communes are filed under the city it merged into)."""
    with demo.rt.transaction() as session:
        territory = load_territory(session)
    districts = [u for u in territory.units.values() if u.level == UnitLevel.DISTRICT]
    communes = [u for u in territory.units.values()
                if tier_of(u.level) == UnitLevel.COMMUNE and u.valid_on(day)]
    found: dict[int, list[str]] = {}
    for district in districts:
        related = territory.related(district.id)
        found[district.id] = [c.code for c in communes
                              if related & set(territory.ancestors(c.id)[1:2])]
    return found


def collect_communes(demo: Demo, folder: Path) -> Path:
    """May 2025: the Department asks each unit for its producers' communes and imports the
    spreadsheet, as an officer would (`ocop producer import-communes`). Products registered in
    2022 and never inspected are withdrawn first."""
    day = date(2025, 5, 15)
    demo.on(day)
    for dossier_id in stale_registrations(demo):
        dossiers.withdraw(demo.rt, ADMIN, dossier_id, note="Chủ thể không tiếp tục tham gia")
    options = communes_by_district(demo, day)
    with demo.rt.transaction() as session:
        live = list(session.execute(
            select(Dossier.id, Dossier.unit_id).join(AdministrativeUnit,
                                                     Dossier.unit_id == AdministrativeUnit.id)
            .where(Dossier.state.not_in(TERMINAL_STATES),
                   AdministrativeUnit.level == UnitLevel.DISTRICT).order_by(Dossier.id)))
    path = folder / "xa-cua-chu-the-2025.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        sheet = csv.writer(handle)
        sheet.writerow(["dossier", "commune"])
        for dossier_id, unit_id in live:
            if options.get(unit_id) and demo.rng.random() > UNKNOWN_SHARE:
                sheet.writerow([dossier_id, demo.rng.choice(options[unit_id])])
    units.import_producer_communes(demo.rt, ADMIN, path)
    return path


def stale_registrations(demo: Demo) -> list[int]:
    with demo.rt.transaction() as session:
        return list(session.scalars(select(Dossier.id).where(
            Dossier.state == State.REGISTERED, Dossier.cycle == 1).order_by(Dossier.id)))


def waiting_for_the_province(demo: Demo) -> list[int]:
    with demo.rt.transaction() as session:
        return list(session.scalars(select(Dossier.id).where(
            Dossier.state == State.PROVINCIAL_REVIEW).order_by(Dossier.id)))


def switch_over(demo: Demo, say: Callable[[str], None]) -> None:
    """1/1/2025 (Yên Dũng into the city), then 1/7/2025: a dry run, the switch, one settled."""
    demo.on(MERGER)
    units.reorganise(demo.rt, ADMIN, plan=PLAN, on=MERGER)
    # Expiry notices of July's certificates, still signed by Bắc Giang's Department.
    demo.run_flows(date(2025, 6, 25), ["expire-certificates"])
    plan = units.reorganise(demo.rt, ADMIN, plan=PLAN, on=SWITCH, dry_run=True)
    demo.on(SWITCH)
    done = units.reorganise(demo.rt, ADMIN, plan=PLAN, on=SWITCH)
    say(f"   Chạy thử rồi chuyển {done.moved} hồ sơ sang {len(done.per_successor)} xã, phường "
        f"(kế hoạch: {sum(s.dossiers for s in plan.per_successor)}); "
        f"{len(done.unsettled)} hồ sơ chưa xác định xã")
    demo.on(SWITCH + timedelta(days=1))
    for row in done.unsettled[:1]:
        units.assign_unit(demo.rt, ADMIN, row.dossier_id, row.candidates[0])


def renewals_after_the_switch(demo: Demo) -> list[int]:
    """The new province's renewal campaign for Bắc Giang's 2022 certificates; the communes
    send back most of them. Returns those forwarded to the province."""
    demo.run_flows(date(2025, 7, 28), ["expire-certificates"])  # July's certificates lapse
    # The flow opens the campaign of the 2025 plan (demo/rules/plan-2025.toml) by itself.
    demo.run_flows(date(2025, 9, 8), ["renewal-campaign"])
    with demo.rt.transaction() as session:
        campaign = open_campaigns(session, CampaignKind.RENEWAL)[-1]
        renewal_ids = [i for ids in units_with_pending_renewals(session, campaign).values()
                       for i in ids]
    responding = [i for i in renewal_ids if demo.rng.random() < 0.75]
    forwarded = demo.evaluate_locally(sorted(responding), date(2025, 9, 15))
    demo.run_flows(date(2025, 10, 17), ["renewal-campaign", "deadline-reminders"])
    demo.run_flows(date(2025, 11, 3), ["renewal-campaign"])  # closed: the Department's list
    return forwarded


def commune_round(demo: Demo, size: int) -> list[int]:
    """2026: products registered in communes and wards, under QĐ 1489."""
    with demo.rt.transaction() as session:
        codes = [u.code for u in session.scalars(select(AdministrativeUnit).where(
            AdministrativeUnit.valid_from == SWITCH,
            AdministrativeUnit.level.in_([UnitLevel.COMMUNE, UnitLevel.WARD])))]
    chosen = demo.rng.sample(codes, 18)
    ids = []
    for serial in range(40 * size):
        demo.on(date(2026, 2, 2) + timedelta(days=demo.rng.randrange(15)))
        sample = sample_product(demo.rng, 10_000 + serial)
        unit = demo.rng.choice(chosen)
        view = dossiers.register_product(
            demo.rt, ADMIN, unit=unit, producer=sample.producer, producer_type=sample.producer_type,
            product=sample.product, group=GROUPS_1489.get(sample.group, sample.group),
            email=sample.email)
        demo.unit_of[view.id] = unit
        ids.append(view.id)
    # A few communes have not started by June: their digests and the stuck list show it.
    return demo.evaluate_locally([i for i in ids if demo.rng.random() < 0.85], date(2026, 2, 23))


def second_act(demo: Demo, folder: Path, say: Callable[[str], None], size: int = 1) -> None:
    say("Năm 2025, 1/3: Sở thu thập xã của chủ thể; 01/07/2025 bỏ cấp huyện, Bắc Giang nhập "
        "vào Bắc Ninh")
    collect_communes(demo, folder)
    switch_over(demo, say)
    say("Năm 2025, 2/3: đánh giá lại các giấy chứng nhận Bắc Giang cấp năm 2022, tại xã, phường")
    renewed = renewals_after_the_switch(demo)
    # The council also decides the 2022 dossiers still waiting for it, now in communes.
    demo.provincial_council(sorted({*renewed, *waiting_for_the_province(demo)}),
                            date(2025, 11, 20), "2150/QĐ-UBND")
    say("Năm 2026, 3/3: đợt 1/2026 theo QĐ 1489, xã, phường đăng ký và đánh giá, tỉnh công nhận")
    forwarded = commune_round(demo, size)
    producer_completes_its_dossier(demo, forwarded[0], date(2026, 3, 2), say)
    demo.run_flows(date(2026, 3, 20), ["expire-certificates", "deadline-reminders"])
    # Issue 21: three dossiers before the province's council of five, scored on the sheets;
    # the others are decided from typed totals, as before.
    demo.council = council_act(demo, forwarded, "bac-ninh", COUNCIL_DAY, "980/QĐ-UBND", folder,
                               say)
    scored = {row.dossier_id for row in demo.council.rows}
    demo.provincial_council([i for i in forwarded if i not in scored], COUNCIL_DAY, "980/QĐ-UBND")
    demo.on(date(2026, 6, 1))
    demo.run_flows(date(2026, 6, 1), ["deadline-reminders", "stuck-dossiers"])
    with demo.rt.transaction() as session:
        left = len(plan_moves(session, date(2026, 6, 1)).unsettled)
    say(f"   Còn {left} hồ sơ chưa xác định xã (ocop dossier unassigned)")
