"""`ocop import products`: the template filled with a province's list imports at once; every row
is checked first; one bad row writes nothing and is named by row and column; importing again
changes nothing. On SQLite and PostgreSQL."""

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from states.db.models import Certificate, Dossier, DossierEvent, Producer, Product
from states.errors import PermissionDenied
from states.runtime import Runtime
from states.vocabulary import ImportKind
from tests.conftest import at
from tests.registry.lists import BAC_GIANG, filled_template, sheet
from use_cases.admin import add_user
from use_cases.imports import ImportResult, import_table

TODAY = date(2023, 1, 10)


def run(rt: Runtime, path: Path, **options: bool) -> tuple[ImportResult, bytes | None]:
    with path.open("rb") as stream:
        return import_table(rt, "admin", ImportKind.PRODUCTS, stream, path.name, **options)


def counts(rt: Runtime) -> dict[str, int]:
    with rt.transaction() as session:
        return {model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
                for model in (Producer, Product, Dossier, Certificate, DossierEvent)}


def test_the_filled_template_imports_at_once_and_again_changes_nothing(
        any_rt: Runtime, tmp_path: Path) -> None:
    rt = at(any_rt, TODAY)
    path = filled_template(rt, BAC_GIANG, tmp_path / "ds-ocop-bac-giang.xlsx")
    result, report = run(rt, path)
    assert (result.rows, result.new, result.invalid, result.written) == (7, 7, 0, 7)
    assert report is None
    # Two products of one cooperative make one producer.
    assert counts(rt) == {"producers": 6, "products": 7, "dossiers": 7, "certificates": 7,
                          "dossier_events": 7}
    again, _ = run(rt, path)
    assert (again.new, again.existing, again.written) == (0, 7, 0)
    assert counts(rt)["dossier_events"] == 7


def test_each_row_is_a_certified_or_expired_dossier_with_one_event(any_rt: Runtime,
                                                                   tmp_path: Path) -> None:
    rt = at(any_rt, TODAY)
    run(rt, filled_template(rt, BAC_GIANG, tmp_path / "ds.xlsx"))
    with rt.transaction() as session:
        rows = {product: (state, status, stars, expires, number) for product, state, status, stars,
                expires, number in session.execute(
                    select(Product.name, Dossier.state, Certificate.status, Certificate.stars,
                           Certificate.expires_on, Certificate.number)
                    .join(Dossier, Dossier.product_id == Product.id)
                    .join(Certificate, Certificate.dossier_id == Dossier.id))}
        events = session.execute(select(DossierEvent.trigger, DossierEvent.from_state,
                                        DossierEvent.note)).all()
        kinds = {p.name: p.kind for p in session.scalars(select(Producer))}
    assert rows["Mỳ Chũ"] == ("certified", "valid", 4, date(2024, 11, 30), "BG-2021-001")
    # 20/12/2019 + 36 months has passed on 10/01/2023; so has the expiry written in the list.
    assert rows["Mật ong hoa rừng"][:2] == ("expired", "expired")
    assert rows["Bánh đa Kế"][:2] == ("expired", "expired")
    assert rows["Bánh đa Kế"][3] == date(2022, 12, 20)
    # No number in the list: the system numbers it, as for a certificate it issues.
    assert rows["Vải thiều sấy khô"][4].startswith("OCOP-2022-")
    assert {(t, f) for t, f, _ in events} == {("import", None)}
    assert "Nhập từ tệp ds.xlsx, dòng 4" in {note for _, _, note in events}
    # The type left blank is read from the name ("Công ty TNHH …").
    assert kinds["Công ty TNHH Gà đồi Yên Thế"] == "enterprise"


def test_one_bad_row_writes_nothing_and_is_named_by_row_and_column(any_rt: Runtime,
                                                                   tmp_path: Path) -> None:
    rt = at(any_rt, TODAY)
    rows = list(BAC_GIANG)
    rows[3] = (*rows[3][:8], 4, 65, *rows[3][10:])  # 65 points are 3 stars, not 4
    result, report = run(rt, filled_template(rt, rows, tmp_path / "ds.xlsx"))
    assert result.refused and result.written == 0
    assert counts(rt)["dossiers"] == 0
    [problem] = result.problems
    assert (problem.row, problem.column) == (5, "Hạng sao")
    assert "65 điểm là hạng 3 sao" in problem.reason and "QĐ 1048" in problem.reason
    assert report is not None
    checked = [r for r in load_workbook(BytesIO(report)).worksheets[0].iter_rows(values_only=True)]
    assert checked[0][-1] == "Lỗi"
    assert [r[-1] is not None for r in checked[1:]] == [False, False, False, True, False, False,
                                                         False]
    assert checked[4][-1].startswith("Hạng sao: 4 sao không khớp 65 điểm")


def test_skip_invalid_writes_the_good_rows_and_dry_run_writes_none(any_rt: Runtime,
                                                                   tmp_path: Path) -> None:
    rt = at(any_rt, TODAY)
    rows = list(BAC_GIANG)
    rows[0] = ("Huyện Hà Nội", *rows[0][1:])
    path = filled_template(rt, rows, tmp_path / "ds.xlsx")
    dry, _ = run(rt, path, dry_run=True, skip_invalid=True)
    assert (dry.new, dry.invalid, dry.written) == (6, 1, 0) and counts(rt)["dossiers"] == 0
    done, report = run(rt, path, skip_invalid=True)
    assert (done.written, done.invalid, done.refused) == (6, 1, False)
    assert report is not None and counts(rt)["dossiers"] == 6
    assert done.problems[0].reason == "không có đơn vị 'Huyện Hà Nội' (xem: ocop unit list)"


def test_checks_a_real_list_needs(any_rt: Runtime, tmp_path: Path) -> None:
    rt = at(any_rt, date(2023, 6, 30))
    base = ["Huyện Lục Nam", "HTX Lục Nam", "HTX", "", "", "", "Na dai", "Thực phẩm", 3, 60,
            "12/QĐ-UBND", "01/06/2022", "", ""]
    rows = [
        base,
        [*base[:10], "12/QĐ-UBND", "01/06/2022", "", ""],  # the same product and decision
        [*base[:6], "Thủ công", "Thủ công mỹ nghệ", 3, 60, "13/QĐ-UBND", "01/06/2022", "", ""],
        [*base[:6], "Mây tre", "Thủ công mỹ nghệ", 3, 60, "13/QĐ-UBND", "01/06/2023", "X-1", ""],
        [*base[:6], "Chè", "Đồ uống", 3, 60, "14/QĐ-UBND", "15/03/2018", "X-2", ""],
        [*base[:6], "Gạo", "Thực phẩm", 3, 60, "15/QĐ-UBND", "01/06/2022", "X-1", ""],
        [*base[:6], "Ổi", "Thực phẩm", 2, 40, "16/QĐ-UBND", "01/06/2022", "", ""],
        [*base[:6], "Bưởi", "Thực phẩm", 3, 60, "17/QĐ-UBND", "01/06/2024", "", ""],
        [*base[:6], "Sắn", "Thực phẩm", 3, 60, "18/QĐ-UBND", "01/06/2022", "", "01/05/2022"],
        [*base[:6], "Khoai", "Thực phẩm", 3, 60, "19/QĐ-UBND", "01/06/2022", "", "31/06/2025"],
    ]
    headings = ["Đơn vị", "Chủ thể", "Loại hình", "Địa chỉ", "E-mail", "SĐT", "Sản phẩm", "Nhóm",
                "Số sao", "Tổng điểm", "Số QĐ", "Ngày QĐ", "Số GCN", "Hết hạn"]
    result, _ = run(rt, sheet(tmp_path / "ds.xlsx", headings, rows, above=[["DANH SÁCH"], []]))
    found = {(p.row, p.column): p.reason for p in result.problems}
    assert found[(5, "Sản phẩm")] == "trùng đơn vị, chủ thể, sản phẩm và quyết định với dòng 4"
    # Under QĐ 1048 (in force on 01/06/2022) handicrafts were not a group; under QĐ 148 they are.
    assert found[(6, "Nhóm")].startswith("nhóm 'Thủ công mỹ nghệ' không có trong QĐ 1048")
    assert (7, "Nhóm") not in found
    assert found[(8, "Ngày QĐ")] == "Không có bộ quy định nào có hiệu lực ngày 15/03/2018"
    assert found[(9, "Số GCN")] == "trùng số giấy chứng nhận với dòng 7"
    assert found[(10, "Số sao")] == "hạng 2 sao chưa được công nhận (chỉ từ 3 sao)"
    assert found[(11, "Ngày QĐ")] == "ngày 01/06/2024 ở tương lai"
    assert found[(12, "Hết hạn")] == "ngày hết hạn 01/05/2022 phải sau ngày quyết định"
    assert found[(13, "Hết hạn")] == "ngày '31/06/2025' không hợp lệ (dạng dd/mm/yyyy)"
    assert (result.new, result.invalid) == (2, 8)


def test_matches_what_is_in_the_database(any_rt: Runtime, tmp_path: Path) -> None:
    rt = at(any_rt, TODAY)
    run(rt, filled_template(rt, BAC_GIANG[:1], tmp_path / "first.xlsx"))
    headings = ["Đơn vị", "Tên chủ thể", "Tên sản phẩm", "Nhóm sản phẩm", "Hạng sao", "Điểm",
                "Số quyết định", "Ngày quyết định", "Số giấy chứng nhận", "Email"]
    rows = [
        # The same product (name cased otherwise) without a number: matched by its decision.
        ["Huyện Lục Ngạn", "HTX SẢN XUẤT VÀ KINH DOANH MỲ CHŨ", "mỳ chũ", "Thực phẩm", 4, 76.5,
         "1103/QĐ-UBND", "30/11/2021", "", ""],
        # The number of that certificate on another product.
        ["Huyện Lục Ngạn", "HTX Khác", "Miến dong", "Thực phẩm", 3, 60, "1103/QĐ-UBND",
         "30/11/2021", "BG-2021-001", ""],
        # A new product of the same producer: the producer is found, its missing e-mail filled.
        ["Huyện Lục Ngạn", "HTX Sản xuất và kinh doanh mỳ Chũ", "Mỳ Chũ khoai", "Thực phẩm", 3,
         60, "1563/QĐ-UBND", "25/07/2022", "", "khac@example.vn"],
    ]
    result, _ = run(rt, sheet(tmp_path / "second.xlsx", headings, rows), skip_invalid=True)
    assert (result.existing, result.invalid, result.written) == (1, 1, 1)
    assert result.problems[0].reason.startswith("số giấy chứng nhận đã dùng cho sản phẩm 'Mỳ Chũ'")
    with rt.transaction() as session:
        producers = session.execute(select(Producer.name, Producer.email)).all()
    # The list's first row gave the producer an e-mail: a later list does not overwrite it.
    assert producers == [("HTX Sản xuất và kinh doanh mỳ Chũ", "htx.mychu@example.vn")]


def test_only_the_department_imports_recognitions(any_rt: Runtime, tmp_path: Path) -> None:
    rt = at(any_rt, TODAY)
    add_user(rt, "admin", "can-bo-luc-ngan", "district", "Huyện Lục Ngạn", None)
    path = filled_template(rt, BAC_GIANG, tmp_path / "ds.xlsx")
    with path.open("rb") as stream, pytest.raises(PermissionDenied):
        import_table(rt, "can-bo-luc-ngan", ImportKind.PRODUCTS, stream, path.name)


def test_a_name_means_the_unit_of_its_decision_day_across_the_2025_switch(
        any_rt: Runtime, tmp_path: Path) -> None:
    rt = at(any_rt, date(2026, 1, 10))
    headings = ["Đơn vị", "Tên chủ thể", "Tên sản phẩm", "Nhóm sản phẩm", "Hạng sao", "Điểm",
                "Số quyết định", "Ngày quyết định"]
    result, _ = run(rt, sheet(tmp_path / "ds.xlsx", headings, [
        ["Lục Ngạn", "HTX Vải thiều Lục Ngạn", "Vải thiều sấy", "Thực phẩm", 4, 75, "1563/QĐ-UBND",
         "25/07/2022"],
        ["Lục Ngạn", "HTX Mây tre Lục Ngạn", "Giỏ mây", "Thủ công mỹ nghệ", 3, 60, "88/QĐ-UBND",
         "01/09/2025"]]))
    assert result.written == 2, result.problems
    with rt.transaction() as session:
        found = {name: (unit, issuer, commune, state) for name, unit, issuer, commune, state in
                 session.execute(select(Product.name, Certificate.unit_name, Certificate.issuer,
                                        Producer.commune_id, Dossier.state)
                                 .join(Dossier, Dossier.product_id == Product.id)
                                 .join(Producer, Product.producer_id == Producer.id)
                                 .join(Certificate, Certificate.dossier_id == Dossier.id))}
    assert found["Vải thiều sấy"] == ("Huyện Lục Ngạn", "UBND tỉnh Bắc Giang", None, "expired")
    unit, issuer, commune, state = found["Giỏ mây"]
    assert (unit, issuer, state) == ("Xã Lục Ngạn", "UBND tỉnh Bắc Ninh", "certified")
    assert commune is not None
