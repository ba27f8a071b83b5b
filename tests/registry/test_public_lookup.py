"""The public look-up: found without diacritics, validity as of today, nothing private, never
a dossier that was not recognised; certificates known by a random token; the open data."""

import csv
import dataclasses
import io
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from states.db.models import Certificate
from states.errors import NotFound
from states.registry.register_search import RegistryEntry
from states.runtime import Runtime
from tests.builders import advance, register
from tests.conftest import at
from tests.registry.lists import BAC_GIANG, filled_template
from tests.registry.test_import_products import run
from use_cases.dossiers import open_renewal, revoke
from use_cases.registry import open_data, public_certificate, search_registry

TODAY = date(2023, 1, 10)


@pytest.fixture
def registry(any_rt: Runtime, tmp_path: Path) -> Runtime:
    rt = at(any_rt, TODAY)
    run(rt, filled_template(rt, BAC_GIANG, tmp_path / "ds.xlsx"))
    return rt


def products(rt: Runtime, text: str = "", **options: object) -> list[str]:
    return [e.product for e in search_registry(rt, text, **options).items]  # type: ignore[arg-type]


def test_a_name_typed_without_diacritics_finds_the_product_and_its_validity(
        registry: Runtime) -> None:
    [entry] = search_registry(registry, "vai thieu").items
    assert (entry.product, entry.producer, entry.unit) == (
        "Vải thiều sấy khô", "HTX Vải thiều Phượng Sơn", "Huyện Lục Ngạn")
    assert entry.validity_text == "Còn hiệu lực đến ngày 25/07/2025"
    assert products(registry, "MỲ CHŨ") == ["Mỳ Chũ", "Mỳ Chũ gạo lứt"]  # 4 stars first
    assert products(registry, "chu gao") == ["Mỳ Chũ gạo lứt"]  # every word, anywhere
    assert products(registry, "htx mat ong") == ["Mật ong hoa rừng"]  # the producer's name too
    assert products(registry, "50%_") == []  # typed wildcards are text


def test_filters_by_unit_and_stars(registry: Runtime) -> None:
    assert products(registry, unit="luc ngan", stars=3) == ["Mỳ Chũ gạo lứt"]
    assert set(products(registry, stars=4)) == {"Mỳ Chũ", "Vải thiều sấy khô", "Gà đồi Yên Thế"}
    assert products(registry, unit="Hà Nội") == []
    page = search_registry(registry, limit=5)
    assert page.has_more and len(page.items) == 5
    assert len(search_registry(registry, offset=5, limit=5).items) == 2


def test_validity_expired_and_revoked_with_the_decision(registry: Runtime) -> None:
    by_name = {e.product: e for e in search_registry(registry).items}
    assert by_name["Bánh đa Kế"].validity_text == "Hết hiệu lực từ ngày 21/12/2022"
    # Past its date but not yet swept by the daily flow: the public already reads "expired".
    assert by_name["Mật ong hoa rừng"].validity.value == "expired"
    with registry.transaction() as session:
        dossier_id = session.scalar(select(Certificate.dossier_id).where(
            Certificate.number == "BG-2022-017"))
    assert dossier_id is not None
    revoke(registry, "admin", dossier_id, reason="ceased", decision="2011/QĐ-UBND")
    entry = public_certificate(registry, by_name["Gà đồi Yên Thế"].token)
    assert (entry.validity.value, entry.validity_text) == (
        "revoked", "Đã thu hồi theo Quyết định số 2011/QĐ-UBND")


def test_nothing_private_and_no_unrecognised_dossier(registry: Runtime) -> None:
    at(registry, date(2023, 1, 10))
    register(registry, unit="Huyện Lục Ngạn", name="Vải thiều tươi")  # registered only
    assert products(registry, "vai thieu") == ["Vải thiều sấy khô"]
    fields = {f.name for f in dataclasses.fields(RegistryEntry)}
    assert not fields & {"email", "phone", "producer_email", "actor", "officer", "full_name"}
    page = json.dumps(dataclasses.asdict(search_registry(registry)), default=str)
    assert "example.vn" not in page and "0912" not in page and "admin" not in page


def test_certificates_are_known_by_random_tokens(registry: Runtime) -> None:
    tokens = [e.token for e in search_registry(registry, limit=100).items]
    assert len(set(tokens)) == 7 and all(len(t) >= 22 for t in tokens)
    assert not any(t.isdigit() for t in tokens)
    with pytest.raises(NotFound):
        public_certificate(registry, "1")


def test_a_renewed_product_shows_its_newest_certificate(any_rt: Runtime) -> None:
    at(any_rt, date(2019, 10, 10))
    dossier_id = register(any_rt, unit="Huyện Lục Ngạn", name="Vải thiều sấy")
    advance(any_rt, dossier_id, "certified", provincial=60)
    at(any_rt, date(2022, 9, 1))
    open_renewal(any_rt, "admin", dossier_id)
    advance(any_rt, dossier_id, "certified", provincial=75)
    [entry] = search_registry(any_rt, "vai").items
    assert entry.stars == 4 and entry.decided_on == date(2022, 9, 1)


def test_open_data_has_every_current_certificate_and_its_date(registry: Runtime) -> None:
    as_csv = open_data(registry, "csv", "https://ocop.example.vn/")
    assert as_csv.filename == "so-dang-ky-ocop-2023-01-10.csv"
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert len(rows) == 7 and {r["generated_on"] for r in rows} == {"2023-01-10"}
    mychu = next(r for r in rows if r["product"] == "Mỳ Chũ")
    assert (mychu["stars"], mychu["decided_on"], mychu["validity"]) == ("4", "2021-11-30", "valid")
    assert mychu["url"].startswith("https://ocop.example.vn/tra-cuu/giay-chung-nhan/")
    as_json = json.loads(open_data(registry, "json", "https://ocop.example.vn").content)
    assert as_json["generated_on"] == "2023-01-10" and as_json["count"] == 7
    assert as_json["generated_at"].startswith("2023-01-10T")
    assert {p["validity"] for p in as_json["products"]} == {"valid", "expired"}
    assert "email" not in as_json["products"][0]
