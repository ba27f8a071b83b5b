"""The public look-up without a login: the search page, each certificate's page, the public API,
the open data, the limit per client address; and the dossier page's printed certificate."""

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from states.db.models import Certificate
from tests.builders import advance, register
from tests.conftest import at
from tests.registry.lists import BAC_GIANG, filled_template
from tests.registry.test_import_products import run
from tests.web.conftest import Site
from use_cases.dossiers import revoke
from web.app import create_app
from web.downloads import disposition
from web.rate_limit import TokenBuckets

TODAY = date(2023, 1, 10)


@pytest.fixture
def registry(any_site: Site, tmp_path: Path) -> Site:
    rt = at(any_site.rt, TODAY)
    run(rt, filled_template(rt, BAC_GIANG, tmp_path / "ds.xlsx"))
    return any_site


def certificate_link(html: str, product: str) -> str:
    found = re.search(rf'<a href="(/tra-cuu/giay-chung-nhan/[^"]+)">{product}</a>', html)
    assert found, product
    return found.group(1)


def test_the_public_finds_a_product_typed_without_accents_and_reads_its_page(
        registry: Site) -> None:
    public = registry.client()  # nobody logged in
    found = public.get("/tra-cuu?q=vai+thieu")
    assert found.status_code == 200
    assert "Vải thiều sấy khô" in found.text and "HTX Vải thiều Phượng Sơn" in found.text
    assert "Còn hiệu lực đến ngày 25/07/2025" in found.text
    assert "Mỳ Chũ" not in found.text
    shown = public.get(certificate_link(found.text, "Vải thiều sấy khô"))
    assert shown.status_code == 200
    for expected in ("Vải thiều sấy khô", "HTX Vải thiều Phượng Sơn", "Huyện Lục Ngạn",
                     "4 sao", "Số 1563/QĐ-UBND ngày 25/07/2022",
                     "Còn hiệu lực đến ngày 25/07/2025"):
        assert expected in shown.text, expected
    every = public.get("/tra-cuu").text + shown.text
    assert "example.vn" not in every and "0912" not in every and "admin" not in every


def test_filters_pages_and_nothing_unrecognised(registry: Site) -> None:
    register(registry.rt, unit="Huyện Lục Ngạn", name="Vải thiều tươi")  # registered only
    public = registry.client()
    page = public.get("/tra-cuu?q=&unit=luc+ngan&stars=3").text
    assert re.findall(r'giay-chung-nhan/[^"]+">([^<]+)</a>', page) == ["Mỳ Chũ gạo lứt"]
    assert "Vải thiều tươi" not in public.get("/tra-cuu?q=vai").text
    assert public.get("/tra-cuu?stars=9&offset=x").status_code == 200  # read as "any"
    assert "Không có sản phẩm OCOP nào" in public.get("/tra-cuu?q=khong+co+dau").text


def test_a_revoked_certificate_says_so_with_its_decision(registry: Site) -> None:
    with registry.rt.transaction() as session:
        dossier_id = session.scalar(select(Certificate.dossier_id).where(
            Certificate.number == "BG-2022-017"))
    assert dossier_id is not None
    public = registry.client()
    link = certificate_link(public.get("/tra-cuu?q=ga+doi").text, "Gà đồi Yên Thế")
    revoke(registry.rt, "admin", dossier_id, reason="ceased", decision="2011/QĐ-UBND")
    shown = public.get(link).text
    assert "Đã thu hồi theo Quyết định số 2011/QĐ-UBND" in shown
    expired = public.get(certificate_link(public.get("/tra-cuu?q=banh+da").text, "Bánh đa Kế"))
    assert "Hết hiệu lực từ ngày 21/12/2022" in expired.text
    missing = public.get("/tra-cuu/giay-chung-nhan/1")
    assert missing.status_code == 404
    assert "Không có giấy chứng nhận OCOP nào ứng với đường dẫn này." in missing.text


def test_the_public_api_needs_no_token(registry: Site) -> None:
    public = registry.client()
    reply = public.get("/api/v1/public/products", params={"q": "mat ong"})
    assert reply.status_code == 200
    [item] = reply.json()["items"]
    assert (item["product"], item["stars"], item["decided_on"], item["validity"]) == (
        "Mật ong hoa rừng", 3, "2019-12-20", "expired")
    assert item["url"] == f"http://localhost:8000/tra-cuu/giay-chung-nhan/{item['token']}"
    assert "email" not in item and "phone" not in item
    first = public.get("/api/v1/public/products", params={"limit": 5}).json()
    assert len(first["items"]) == 5 and first["next_offset"] == 5
    rest = public.get("/api/v1/public/products", params={"offset": 5, "limit": 5}).json()
    assert len(rest["items"]) == 2 and rest["next_offset"] is None
    bad = public.get("/api/v1/public/products", params={"stars": 9})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_input"


def test_open_data_at_stable_urls_with_the_day_it_was_made(registry: Site) -> None:
    public = registry.client()
    as_csv = public.get("/tra-cuu/so-dang-ky-ocop.csv")
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert as_csv.headers["content-disposition"] == (
        'attachment; filename="so-dang-ky-ocop-2023-01-10.csv"')
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert len(rows) == 7 and {r["generated_on"] for r in rows} == {"2023-01-10"}
    as_json = public.get("/tra-cuu/so-dang-ky-ocop.json")
    assert as_json.headers["content-type"] == "application/json"
    assert as_json.json()["generated_on"] == "2023-01-10" and as_json.json()["count"] == 7
    assert '/tra-cuu/so-dang-ky-ocop.csv' in public.get("/tra-cuu").text


def test_each_client_address_has_its_own_limit(site: Site) -> None:
    app = create_app(site.system, wall=site.wall, public_limit=TokenBuckets(3, per_second=0.5))
    one, other = site.client(address="10.1.1.1", app=app), site.client(address="10.1.1.2", app=app)
    for url in ("/tra-cuu", "/api/v1/public/products", "/tra-cuu/so-dang-ky-ocop.json"):
        assert one.get(url).status_code == 200
    refused = one.get("/tra-cuu?q=vai")
    assert refused.status_code == 429 and refused.headers["retry-after"] == "2"
    assert "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn" in refused.text
    api = one.get("/api/v1/public/products")
    assert api.status_code == 429 and api.json()["code"] == "rate_limited"
    assert other.get("/tra-cuu").status_code == 200  # another address is not held back
    assert one.get("/login").status_code == 200  # only the public pages are limited
    site.wall.advance(seconds=2)
    assert one.get("/tra-cuu").status_code == 200
    assert one.get("/tra-cuu").status_code == 429


def test_the_default_bucket_allows_a_burst_then_one_request_a_second() -> None:
    buckets, start = TokenBuckets(), datetime(2023, 1, 10, tzinfo=UTC)
    assert [buckets.take("a", start) for _ in range(60)] == [0] * 60
    assert buckets.take("a", start) == 1
    assert buckets.take("a", start + timedelta(seconds=1)) == 0
    assert buckets.take("b", start) == 0
    small = TokenBuckets(2, per_second=1, max_addresses=2)
    for address in ("a", "b"):
        small.take(address, start)
    small.take("c", start + timedelta(seconds=5))  # a and b are full again: forgotten
    assert small.addresses() == 1
    for address in ("d", "e"):
        small.take(address, start + timedelta(seconds=5))
    assert small.addresses() == 0  # three addresses all busy: memory stays bounded


def test_the_dossier_page_prints_the_certificate_for_those_who_see_the_dossier(
        any_site: Site) -> None:
    dossier = register(any_site.rt, unit="Huyện Yên Thế", name="Gà đồi")
    department = any_site.login("admin")
    assert "Tải giấy chứng nhận" not in department.get(f"/dossiers/{dossier}").text
    advance(any_site.rt, dossier, "certified")
    assert f'href="/dossiers/{dossier}/certificate.pdf"' in department.get(f"/dossiers/{dossier}").text
    pdf = any_site.login("can-bo-yen-the").get(f"/dossiers/{dossier}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == (
        f'attachment; filename="giay-chung-nhan-OCOP-2022-{dossier:06d}-1.pdf"')
    assert any_site.login("can-bo-luc-ngan").get(f"/dossiers/{dossier}/certificate.pdf").status_code == 404
    revoke(any_site.rt, "admin", dossier, reason="ceased", decision="2011/QĐ-UBND")
    refused = department.get(f"/dossiers/{dossier}/certificate.pdf")
    assert refused.status_code == 409 and "không in lại" in refused.text


def test_a_file_name_beyond_ascii_is_sent_as_rfc_6266_says() -> None:
    assert disposition("so-dang-ky-ocop-2023-01-10.csv") == (
        'attachment; filename="so-dang-ky-ocop-2023-01-10.csv"')
    header = disposition("giay-chung-nhan-ĐB-01.pdf")
    assert header == ("attachment; filename=\"giay-chung-nhan--B-01.pdf\"; "
                      "filename*=UTF-8''giay-chung-nhan-%C4%90B-01.pdf")
    header.encode("latin-1")  # what an HTTP header must be
