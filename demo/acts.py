"""The demo's script: 2019–2020 history, the two rounds of 2022 and the September campaigns."""

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

from demo import preparation
from demo.replay import DAILY, Demo
from states.programme.campaigns import open_campaigns, units_with_pending_renewals
from states.vocabulary import CampaignKind
from use_cases import campaigns, plans


def history(demo: Demo, size: int) -> None:
    ids = demo.register(70 * size, date(2019, 8, 22), 12)
    forwarded = demo.evaluate_locally(ids, date(2019, 8, 26))
    demo.provincial_council([i for n, i in enumerate(forwarded) if n % 2 == 0], date(2019, 10, 10),
                            "2856/QĐ-UBND")
    demo.provincial_council([i for n, i in enumerate(forwarded) if n % 2 == 1], date(2020, 4, 28),
                            "712/QĐ-UBND")


def first_round(demo: Demo, size: int) -> None:
    ids = demo.register(110 * size, date(2022, 2, 14), 18)
    # Kế hoạch 959/KH-UBND (10/3/2022): the Department enters the year's plan (demo/rules/).
    demo.on(date(2022, 3, 10))
    plans.load_plan_files(demo.rt, "admin")
    demo.run_flows(date(2022, 3, 21), ["deadline-reminders"])
    forwarded = demo.evaluate_locally(ids, date(2022, 3, 1))
    demo.run_flows(date(2022, 4, 4), ["deadline-reminders", "stuck-dossiers"])
    demo.provincial_council(forwarded, date(2022, 7, 25), "1563/QĐ-UBND")


def second_round_and_campaigns(demo: Demo, size: int) -> list[int]:
    ids = demo.register(90 * size, date(2022, 8, 1), 10)
    # Nobody opens the September campaigns: the daily flows open them as the plan says.
    demo.run_flows(date(2022, 9, 5), [*DAILY, "stuck-dossiers"])
    # Some districts have not finished round 2 by December: they show up as stuck.
    started = [i for i in ids if demo.rng.random() < 0.8]
    return demo.evaluate_locally(started, date(2022, 8, 15))


def units_respond(demo: Demo) -> list[int]:
    """Units send back some renewals and propose some revocations. Returns those forwarded."""
    with demo.rt.transaction() as session:
        campaign = open_campaigns(session, CampaignKind.RENEWAL)[0]
        renewal_ids = [i for ids in units_with_pending_renewals(session, campaign).values()
                       for i in ids]
    responding = [i for i in renewal_ids if demo.rng.random() < 0.65]
    renewed = demo.evaluate_locally(responding, date(2022, 9, 12))
    demo.on(date(2022, 9, 28))
    revocation = demo.open_campaign_id(CampaignKind.REVOCATION)
    candidates = [i for i in renewal_ids if i not in responding]
    for dossier_id, reason in zip(candidates[:6], ["ceased", "dissolved", "violation", "ceased",
                                                   "not-reevaluated", "dissolved"], strict=False):
        campaigns.propose_revocation(demo.rt, "admin", revocation, dossier_id, reason)
    for day in (date(2022, 9, 30), date(2022, 10, 7), date(2022, 10, 13)):
        demo.run_flows(day, DAILY)
    return renewed


def after_deadline(demo: Demo) -> None:
    revocation = demo.open_campaign_id(CampaignKind.REVOCATION)
    # Mon 17/10, the working day after the deadline: the flows close both campaigns and mail the
    # Department the renewals not sent back and the revocation list, each with its .xlsx.
    demo.run_flows(date(2022, 10, 17), [*DAILY, "stuck-dossiers"])
    demo.on(date(2022, 11, 15))
    campaigns.decide_revocation(demo.rt, "admin", revocation, "2011/QĐ-UBND")


def replay(folder: Path, say: Callable[[str], None], size: int = 1, year: int = 2025) -> Demo:
    from demo.replay import demo_system
    from flows import prefect_env

    prefect_env.configure(folder / "prefect-home")
    with demo_system(folder) as system:
        demo = Demo(system, random.Random(2022))
        preparation.setup(demo)  # issue 14: officers, consultants, self-prepared dossiers
        say("1/6 Lịch sử: các sản phẩm được công nhận 2019-2020 (giấy chứng nhận hết hạn 2022-2023)")
        history(demo, size)
        say("2/6 Đợt 1/2022: đăng ký, kế hoạch năm (959/KH-UBND), kiểm tra, chấm điểm; nhắc việc")
        first_round(demo, size)
        preparation.training_course(demo, folder)  # issue 14: June 2022, with its sign-in sheet
        say("3/6 Đợt 2/2022; 05/09 các luồng tự mở chiến dịch đánh giá lại, thu hồi theo kế hoạch "
            "(hạn 15/10/2022)")
        forwarded2 = second_round_and_campaigns(demo, size)
        say("4/6 Các huyện phản hồi; nhắc hạn 30/09, 07/10, 13/10")
        renewed = units_respond(demo)
        say("5/6 17/10: các luồng tự đóng chiến dịch, gửi Sở danh sách; quyết định của UBND tỉnh")
        after_deadline(demo)
        say("6/6 Hội đồng tỉnh đợt 2 và đánh giá lại; tổng kết")
        demo.provincial_council(forwarded2[: len(forwarded2) * 3 // 4] + renewed,
                                date(2022, 11, 25), "2377/QĐ-UBND")
        demo.run_flows(date(2022, 12, 5), [*DAILY, "stuck-dossiers"])
        if year >= 2025:  # the second act: the switch of 1/7/2025 and a 2026 commune round
            from demo.second_act import second_act

            second_act(demo, folder, say, size)
        return demo
