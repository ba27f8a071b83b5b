"""Issue 22: the tables `ocop` prints beside its commands' results fit an 80- and a 120-column
terminal too: an import's bad rows (products and users), and the demo's closing tables
(dossiers by unit and state, mail written, the stuck list), with long Vietnamese names."""

from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from demo.summary import summary
from ocop_cli import output
from ocop_cli.demo_cli import print_summary
from tests.cli.test_tables_fit import FULL_NAME, UNIT, Ocop, database, fits, narrow
from tests.conftest import make_runtime
from tests.registry.lists import BAC_GIANG, filled_template

__all__ = ["database", "narrow"]  # the fixtures, shared with the commands' own tables

LONG_UNIT = "Huyện Thượng Lan Hương Gián Đồng Tâm Quang Tiến Phượng Sơn Kiên Thành"
BAD_LOGIN = "can bo thuong lan hương gián"


def bad_products(folder: Path, url: str) -> Path:
    rows = list(BAC_GIANG)
    rows[1] = (LONG_UNIT, *rows[1][1:])
    rows[2] = (*rows[2][:11], "31/02/2022", *rows[2][12:])
    rt = make_runtime(url)
    try:
        return filled_template(rt, rows, folder / "ds-san-pham.xlsx")
    finally:
        rt.db.dispose()


def bad_users(folder: Path) -> Path:
    path = folder / "ds-nguoi-dung.csv"
    path.write_text("Tên đăng nhập,Họ và tên,Vai trò,Đơn vị,Email\n"
                    f"{BAD_LOGIN},{FULL_NAME},Cán bộ OCOP cấp huyện / xã,{UNIT},khong-phai-email\n"
                    f"nguoi-moi,{FULL_NAME},Giám đốc Sở,{LONG_UNIT},a@example.vn\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["products", "users"])
def test_an_imports_bad_rows_fit(narrow: tuple[int, Ocop], database: str, tmp_path: Path,
                                 kind: str) -> None:
    columns, ocop = narrow
    listed = bad_products(tmp_path, database) if kind == "products" else bad_users(tmp_path)
    done = ocop("import", kind, str(listed), "--dry-run", "--skip-invalid")
    assert done.exit_code == 0, done.output
    assert "Dòng lỗi" in done.stdout
    reason = ("ngày '31/02/2022' không hợp lệ" if kind == "products"
              else f"tên đăng nhập '{BAD_LOGIN}' chỉ gồm chữ, số")
    fits(columns, done.stdout, (reason,))


def test_the_demos_closing_tables_fit(database: str, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    rt = make_runtime(database, today=date(2022, 9, 20))
    data = summary(rt)
    rt.db.dispose()
    assert data.stuck, "the stuck list has a group"
    long = replace(data, by_unit_state=[*data.by_unit_state, (LONG_UNIT, "registered", 3),
                                        (UNIT, "certified", 12)],
                   emails=Counter({**data.emails, "renewal_reminder": 4, "kind_not_known": 1}))
    for columns in (80, 120):
        monkeypatch.setattr(output.console, "_width", columns)
        print_summary(long, date(2022, 9, 20))
        fits(columns, capsys.readouterr().out, (LONG_UNIT.removeprefix("Huyện "), UNIT,
                                                "Huyện Lục Ngạn"))
