"""Imported certificates feed the flows exactly as certificates issued in the system: the
producer's notice before expiry, renewal campaigns, expiry on the date."""

from datetime import date
from pathlib import Path

from sqlalchemy import select

from states.db.models import Certificate, Dossier, OutboxMessage, Product
from states.runtime import Runtime
from states.vocabulary import CampaignKind
from tests.builders import advance, register
from tests.conftest import at
from tests.registry.lists import sheet
from tests.registry.test_import_products import run
from use_cases.campaigns import open_campaign
from use_cases.schedules import expire_certificates

HEADINGS = ["Đơn vị", "Tên chủ thể", "Email", "Tên sản phẩm", "Nhóm sản phẩm", "Hạng sao", "Điểm",
            "Số quyết định", "Ngày quyết định"]


def imported(rt: Runtime, tmp_path: Path) -> None:
    """Two products recognised on 20/12/2019 and 10/03/2020, imported in 2022."""
    at(rt, date(2022, 3, 1))
    result, _ = run(rt, sheet(tmp_path / "ds.xlsx", HEADINGS, [
        ["Huyện Sơn Động", "HTX Mật ong Sơn Động", "matong@example.vn", "Mật ong hoa rừng",
         "Thực phẩm", 3, 55, "734/QĐ-UBND", "20/12/2019"],
        ["Huyện Yên Thế", "HTX Gà đồi", None, "Gà đồi", "Thực phẩm", 4, 72, "201/QĐ-UBND",
         "10/03/2020"]]))
    assert result.written == 2


def states(rt: Runtime) -> dict[str, tuple[str, str]]:
    with rt.transaction() as session:
        return {name: (state, status) for name, state, status in session.execute(
            select(Product.name, Dossier.state, Certificate.status)
            .join(Dossier, Dossier.product_id == Product.id)
            .join(Certificate, Certificate.dossier_id == Dossier.id))}


def notices(rt: Runtime) -> dict[str, list[str]]:
    with rt.transaction() as session:
        return {key: recipients for key, recipients in session.execute(
            select(OutboxMessage.dedupe_key, OutboxMessage.recipients)
            .where(OutboxMessage.kind == "expiry_notice"))}


def test_the_producer_hears_30_days_before_and_the_certificate_lapses(any_rt: Runtime,
                                                                     tmp_path: Path) -> None:
    imported(any_rt, tmp_path)
    # 36 months from 20/12/2019: valid until 20/12/2022; told from 20/11/2022.
    at(any_rt, date(2022, 11, 19))
    assert expire_certificates(any_rt).notices_queued == 0
    at(any_rt, date(2022, 11, 20))
    assert expire_certificates(any_rt).notices_queued == 1
    assert list(notices(any_rt).values()) == [["matong@example.vn"]]
    at(any_rt, date(2022, 12, 20))
    assert expire_certificates(any_rt).dossiers_expired == 0
    at(any_rt, date(2022, 12, 21))
    assert expire_certificates(any_rt).dossiers_expired == 1
    assert states(any_rt)["Mật ong hoa rừng"] == ("expired", "expired")
    assert states(any_rt)["Gà đồi"] == ("certified", "valid")


def test_a_renewal_campaign_takes_imported_and_issued_certificates_alike(any_rt: Runtime,
                                                                        tmp_path: Path) -> None:
    imported(any_rt, tmp_path)
    at(any_rt, date(2020, 3, 10))
    issued = register(any_rt, unit="Huyện Lục Ngạn", name="Vải thiều sấy")
    advance(any_rt, issued, "certified")  # also expires on 10/03/2023
    at(any_rt, date(2022, 9, 5))
    opened = open_campaign(any_rt, "admin", CampaignKind.RENEWAL, date(2022, 10, 15),
                           expiring_before=date(2023, 4, 1))
    assert opened.products == 3
    assert {name: state for name, (state, _) in states(any_rt).items()} == {
        "Mật ong hoa rừng": "renewal", "Gà đồi": "renewal", "Vải thiều sấy": "renewal"}
