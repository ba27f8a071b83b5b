"""Correcting a dossier's inspection and local score, a product and a producer: audited with
before, after and the reason; refused where the rules say so; nothing written on bad input."""

import pytest

from tests.cli.corrections_setup import Cli, history_notes, registered, scored, with_officers


@pytest.fixture
def ocop(sqlite_url: str) -> Cli:
    cli = Cli(sqlite_url)
    with_officers(cli)
    return cli


def test_correcting_the_inspection_and_score_is_audited_and_shown(ocop: Cli) -> None:
    dossier = scored(ocop)
    version = ocop.json("dossier", "show", str(dossier))["version"]
    done = ocop.json("dossier", "correct", str(dossier), "--on", "2022-02-21", "--minutes",
                     "BB-13", "--members", "50,54,58", "--reason", "Nhập nhầm biên bản",
                     user="can-bo-luc-ngan")
    assert [c["what"] for c in done] == ["inspection", "score"]
    assert done[0]["before"] == {"inspected_on": "2022-02-20", "minutes_ref": "BB-12"}
    assert done[0]["after"] == {"inspected_on": "2022-02-21", "minutes_ref": "BB-13"}
    assert done[1]["before"] == {"members": [40, 44, 45], "average": 43}
    assert done[1]["after"] == {"members": [50, 54, 58], "average": 54}
    # A correction moves the version as a step does, so it cannot race a forward unseen.
    assert ocop.json("dossier", "show", str(dossier))["version"] == version + 1
    # The corrected score is the one the rules now read: 54 ≥ 50 lets the dossier go up.
    assert ocop("dossier", "documents", str(dossier), "--add", "registration-form", "--add",
                "business-plan", "--add", "organisation", "--add", "business-registration",
                "--add", "samples").exit_code == 0
    assert ocop("dossier", "forward", str(dossier)).exit_code == 0
    events = ocop.json("dossier", "history", str(dossier))
    corrections = [e for e in events if e["trigger"] == "correct"]
    assert [e["details"]["what"] for e in corrections] == ["inspection", "score"]
    assert {e["actor"] for e in corrections} == {"can-bo-luc-ngan"}
    assert corrections[0]["note"] == "Nhập nhầm biên bản"
    assert ocop("dossier", "history", str(dossier)).exit_code == 0
    notes = history_notes(ocop.url, dossier)
    assert ("Đã sửa biên bản kiểm tra thực tế: ngày kiểm tra: 20/02/2022 → 21/02/2022; số biên "
            "bản: BB-12 → BB-13. Lý do: Nhập nhầm biên bản") in notes
    assert ("Đã sửa điểm hội đồng cấp huyện / xã: điểm thành viên: 40; 44; 45 → 50; 54; 58; "
            "điểm trung bình: 43 → 54. Lý do: Nhập nhầm biên bản") in notes


def test_plain_output_names_the_dossier_and_the_change(ocop: Cli) -> None:
    dossier = scored(ocop)
    result = ocop("dossier", "correct", str(dossier), "--inspectors", "Nguyễn Văn An",
                  "--reason", "Chị Bình không đi kiểm tra")
    assert result.exit_code == 0, result.output
    assert (f"Hồ sơ số {dossier}: đã sửa biên bản kiểm tra thực tế: người kiểm tra: Nguyễn Văn "
            "An, Trần Thị Bình → Nguyễn Văn An. Lý do: Chị Bình không đi kiểm tra.") in " ".join(
                result.stdout.split())


def test_refused_once_forwarded_and_before_an_inspection(ocop: Cli) -> None:
    fresh = registered(ocop, product="Mật ong")
    assert "chưa có biên bản" in ocop.refused(3, "dossier", "correct", str(fresh), "--minutes",
                                              "BB-1", "--reason", "sai số")
    dossier = scored(ocop)
    assert ocop("dossier", "correct", str(dossier), "--members", "60", "--reason",
                "sai").exit_code == 0
    for doc in ("registration-form", "business-plan", "organisation", "business-registration",
                "samples"):
        assert ocop("dossier", "documents", str(dossier), "--add", doc).exit_code == 0
    assert ocop("dossier", "forward", str(dossier)).exit_code == 0
    out = ocop.refused(3, "dossier", "correct", str(dossier), "--members", "70", "--reason", "x")
    assert "chưa chuyển lên tỉnh" in out


def test_score_before_scoring_is_refused(ocop: Cli) -> None:
    dossier = registered(ocop)
    assert ocop("dossier", "inspect", str(dossier), "--on", "2022-02-20", "--inspectors",
                "An").exit_code == 0
    assert "chưa có điểm" in ocop.refused(3, "dossier", "correct", str(dossier), "--members",
                                          "60", "--reason", "x")


def test_only_the_units_officer_or_the_department(ocop: Cli) -> None:
    dossier = scored(ocop)
    ocop.refused(4, "dossier", "correct", str(dossier), "--minutes", "BB-99", "--reason", "x",
                 user="can-bo-yen-the")
    ocop.refused(4, "product", "edit", "1", "--name", "Khác", "--reason", "x",
                 user="can-bo-yen-the")
    ocop.refused(4, "producer", "edit", "1", "--phone", "0912345678", "--reason", "x",
                 user="can-bo-yen-the")


@pytest.mark.parametrize("args", [
    ("--minutes", "BB-13"),  # no reason
    ("--minutes", "BB-13", "--reason", "   "),
    ("--reason", "x"),  # nothing to correct
    ("--on", "2022-13-01", "--reason", "x"),
    ("--on", "2022-03-02", "--reason", "x"),  # after today
    ("--on", "2022-02-14", "--reason", "x"),  # before the registration of 15/02
    ("--inspectors", " , ", "--reason", "x"),
    ("--members", "60,abc", "--reason", "x"),
    ("--members", "60,101", "--reason", "x"),
    ("--minutes", "BB-12", "--reason", "x"),  # the same as recorded
])
def test_bad_input_changes_nothing(ocop: Cli, args: tuple[str, ...]) -> None:
    dossier = scored(ocop)
    ocop.refused(2, "dossier", "correct", str(dossier), *args)


def test_product_edit(ocop: Cli) -> None:
    dossier = registered(ocop)
    product = ocop.json("dossier", "show", str(dossier))
    assert (product["product_id"], product["producer_id"]) == (1, 1)
    done = ocop.json("product", "edit", "1", "--name", "Vải thiều sấy khô", "--reason",
                     "Đúng tên trên nhãn", user="can-bo-luc-ngan")
    assert done == {"what": "product", "id": 1, "before": {"name": product["product"]},
                    "after": {"name": "Vải thiều sấy khô"}, "reason": "Đúng tên trên nhãn"}
    assert ocop.json("dossier", "show", str(dossier))["product"] == "Vải thiều sấy khô"
    history = ocop.json("dossier", "history", str(dossier))
    assert history[-1]["details"]["what"] == "product"
    ocop.refused(2, "product", "edit", "1", "--group", "no-such-group", "--reason", "x")
    # The group as registration takes it: by its Vietnamese name too, stored as its code.
    regrouped = ocop.json("product", "edit", "1", "--group", "đồ uống", "--reason", "Nhầm nhóm")
    assert regrouped["after"] == {"group": "beverage"}
    ocop.refused(2, "product", "edit", "1", "--name", "  ", "--reason", "x")
    ocop.refused(2, "product", "edit", "1", "--name", "Khác")
    ocop.refused(5, "product", "edit", "99", "--name", "Khác", "--reason", "x")


def test_a_certified_products_name_stays(ocop: Cli) -> None:
    dossier = scored(ocop)
    assert ocop("dossier", "correct", str(dossier), "--members", "80", "--reason", "x").exit_code == 0
    for doc in ("registration-form", "business-plan", "organisation", "business-registration",
                "samples"):
        assert ocop("dossier", "documents", str(dossier), "--add", doc).exit_code == 0
    assert ocop("dossier", "forward", str(dossier)).exit_code == 0
    assert ocop("dossier", "certify", str(dossier), "--points", "78", "--decision", "1/QĐ",
                "--on", "2022-03-01").exit_code == 0
    assert "giấy chứng nhận" in ocop.refused(3, "product", "edit", "1", "--name", "Khác",
                                             "--reason", "x")


def test_producer_edit(ocop: Cli) -> None:
    dossier = registered(ocop)
    done = ocop.json("producer", "edit", "1", "--type", "enterprise", "--phone", "0912 345 678",
                     "--email", "ban.hang@example.vn", "--reason", "Chủ thể đã chuyển đổi",
                     user="can-bo-luc-ngan")
    assert done["before"] == {"kind": "cooperative", "email": "htx@example.vn", "phone": None}
    assert done["after"] == {"kind": "enterprise", "email": "ban.hang@example.vn",
                             "phone": "0912 345 678"}
    assert ocop.json("dossier", "show", str(dossier))["producer_type"] == "enterprise"
    assert "loại chủ thể: Hợp tác xã → Doanh nghiệp" in history_notes(ocop.url, dossier)[-1]
    ocop.refused(2, "producer", "edit", "1", "--email", "khong-phai-email", "--reason", "x")
    ocop.refused(2, "producer", "edit", "1", "--phone", "12", "--reason", "x")
    ocop.refused(2, "producer", "edit", "1", "--type", "khong-co-loai-nay", "--reason", "x")
    ocop.refused(5, "producer", "edit", "99", "--phone", "0912345678", "--reason", "x")


def test_producer_names_stay_distinct_in_a_unit(ocop: Cli) -> None:
    registered(ocop)
    assert ocop("product", "register", "--unit", "Huyện Lục Ngạn", "--producer", "HTX Khác",
                "--producer-type", "cooperative", "--name", "Mật ong", "--group",
                "food").exit_code == 0
    assert "HTX Khác" in ocop.refused(3, "producer", "edit", "1", "--name", "HTX Khác",
                                      "--reason", "x")
    # The same name in another case is the same producer, as registration decides.
    ocop.refused(3, "producer", "edit", "1", "--name", "htx khác", "--reason", "x")


def test_a_value_typed_again_unchanged_is_not_recorded(ocop: Cli) -> None:
    dossier = scored(ocop)
    done = ocop.json("dossier", "correct", str(dossier), "--minutes", "BB-12", "--members",
                     "50,52", "--reason", "Hội đồng chỉ có hai thành viên")
    assert [c["what"] for c in done] == ["score"]  # the minutes were already BB-12
    assert done[0]["after"] == {"members": [50, 52], "average": 51}


def test_a_product_is_not_renamed_into_another_of_its_producer(ocop: Cli) -> None:
    registered(ocop)
    other = registered(ocop, product="Mật ong")
    product = ocop.json("dossier", "show", str(other))["product_id"]
    said = ocop.refused(3, "product", "edit", str(product), "--name", "VẢI THIỀU SẤY",
                        "--reason", "x")
    assert "chủ thể đã có sản phẩm 'Vải thiều sấy' (sản phẩm số 1)" in " ".join(said.split())
