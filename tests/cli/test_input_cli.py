"""Issue 9, input: every value an officer types is checked before anything is written, on
SQLite and PostgreSQL alike (one Vietnamese sentence, the README's exit code, no traceback)."""

import json

import pytest
from typer.testing import CliRunner

from ocop_cli.main import app
from states.errors import InvalidInput, NotFound

runner = CliRunner()


@pytest.fixture
def ocop(db_url: str):  # type: ignore[no-untyped-def]
    def call(*args: str, today: str = "2022-03-01"):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["--db", db_url, "--today", today, "--as", "admin", *args])
    return call


def register(ocop, **options: str) -> int:  # type: ignore[no-untyped-def]
    values = {"--unit": "Huyện Lục Ngạn", "--producer": "HTX Nông sản Lục Ngạn",
              "--producer-type": "cooperative", "--name": "Vải thiều sấy", "--group": "food",
              **options}
    result = ocop("--json", "product", "register", *[x for kv in values.items() for x in kv])
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["id"])


def refused(result, code: int = InvalidInput.exit_code) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return str(result.stderr)


@pytest.mark.parametrize("number", ["99999999999999999999", "2147483648", "0", "-1"])
def test_ids_outside_the_32_bit_range_name_nothing(ocop, number: str) -> None:  # type: ignore[no-untyped-def]
    for command in (["dossier", "show"], ["dossier", "history"], ["dossier", "forward"],
                    ["campaign", "close"], ["training", "attend"], ["outbox", "retry"],
                    ["certificate", "pdf"]):
        args = [*command, "--", number] if number.startswith("-") else [*command, number]
        if command == ["training", "attend"]:
            args.append("admin")
        result = ocop(*args)
        assert result.exit_code == NotFound.exit_code, (command, result.output)
        assert number in result.stderr or command[0] == "certificate", result.stderr


@pytest.mark.parametrize("day", ["9999-12-31", "1900-01-01", "31/12/2101", "1989-12-31"])
def test_days_outside_1990_2100_are_bad_input(ocop, day: str) -> None:  # type: ignore[no-untyped-def]
    assert "1990–2100" in refused(ocop("dossier", "list", today=day))
    dossier_id = register(ocop)
    assert "1990–2100" in refused(ocop("dossier", "inspect", str(dossier_id), "--on", day,
                                       "--inspectors", "An"))
    assert "1990–2100" in refused(ocop("campaign", "open", "renewal", "--deadline", day))
    shown = json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)
    assert shown["state"] == "registered"


def test_ocop_today_from_the_environment_is_checked_too(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "--as", "admin", "dossier", "list"],
                           env={"OCOP_TODAY": "9999-12-31"})
    assert result.exit_code == 7 and "1990–2100" in result.stderr, result.output


@pytest.mark.parametrize("name", ["\u200b\u200b", "Gà\u200b đồi", "Gà \u202eđồi", "Gà\x1b[31m",
                                  "\u0301\u0301", "   "])
def test_unseen_characters_and_empty_names_are_refused(ocop, name: str) -> None:  # type: ignore[no-untyped-def]
    refused(ocop("product", "register", "--unit", "Huyện Lục Ngạn", "--producer", "HTX A",
                 "--producer-type", "cooperative", "--name", name, "--group", "food"))
    refused(ocop("user", "add", f"admin{name}", "--role", "department"))
    assert json.loads(ocop("--json", "dossier", "list").stdout) == []


def test_names_are_composed_and_stripped_and_look_alikes_are_one(ocop) -> None:  # type: ignore[no-untyped-def]
    decomposed = "HTX Ga\u0300 \u0111o\u0302\u0300i"  # "HTX Gà đồi" with combining accents
    first = register(ocop, **{"--producer": "  HTX Gà đồi ", "--name": "  Ga\u0300 "})
    second = register(ocop, **{"--producer": decomposed.upper()})
    one, two = (json.loads(ocop("--json", "dossier", "show", str(i)).stdout)
                for i in (first, second))
    assert one["producer"] == two["producer"] == "HTX Gà đồi"  # one producer, composed
    assert one["product"] == "Gà"
    assert "tồn tại" in refused(ocop("user", "add", "ADMIN", "--role", "department"))
    assert "tồn tại" in refused(ocop("user", "add", "A\u0064min ", "--role", "department"))
    assert ocop("user", "add", "Trà\u0300", "--role", "department").exit_code == 2
    assert ocop("user", "add", "tra\u0300", "--role", "department").exit_code == 0
    assert "tồn tại" in refused(ocop("user", "add", "TRÀ", "--role", "department"))


def test_lengths_are_the_columns_on_both_databases(ocop) -> None:  # type: ignore[no-untyped-def]
    long_name = "Gà đồi " * 50  # 350 characters: Producer.name holds 300
    assert "tối đa 300" in refused(ocop("product", "register", "--unit", "Huyện Lục Ngạn",
                                        "--producer", long_name, "--producer-type", "cooperative",
                                        "--name", "Gà", "--group", "food"))
    dossier_id = register(ocop)
    assert "tối đa" in refused(ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-01",
                                    "--inspectors", "An", "--minutes", "B" * 1000))
    assert json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)["state"] == \
        "registered"


def test_blank_numbers_and_dates_before_the_step_are_refused(ocop) -> None:  # type: ignore[no-untyped-def]
    result = ocop("--json", "product", "register", "--unit", "Huyện Lục Ngạn", "--producer",
                  "HTX A", "--producer-type", "cooperative", "--name", "Gà", "--group", "food",
                  today="2022-03-10")
    dossier_id = int(json.loads(result.stdout)["id"])
    assert "trống" in refused(ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-10",
                                   "--inspectors", "An", "--minutes", "   ", today="2022-03-10"))
    assert "10/03/2022" in refused(ocop("dossier", "inspect", str(dossier_id), "--on",
                                        "2022-03-09", "--inspectors", "An", today="2022-03-12"))
    assert ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-12", "--inspectors", "An",
                today="2022-03-12").exit_code == 0
    assert ocop("dossier", "score", str(dossier_id), "--sheets-ref", "P1", "--points", "62",
                today="2022-03-14").exit_code == 0
    ocop("dossier", "documents", str(dossier_id), "--add", "registration-form", "--add",
         "business-plan", "--add", "organisation", "--add", "business-registration", "--add",
         "samples", today="2022-03-14")
    assert ocop("dossier", "forward", str(dossier_id), today="2022-03-15").exit_code == 0
    assert "trống" in refused(ocop("dossier", "certify", str(dossier_id), "--points", "78",
                                   "--decision", "   ", "--on", "2022-03-20", today="2022-03-20"))
    assert "15/03/2022" in refused(ocop("dossier", "certify", str(dossier_id), "--points", "78",
                                        "--decision", "12/QĐ", "--on", "2022-03-14",
                                        today="2022-03-20"))
    shown = json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)
    assert shown["state"] == "provincial_review" and shown["certificate"] is None
    assert ocop("dossier", "certify", str(dossier_id), "--points", "78", "--decision",
                " 12/QĐ-UBND ", "--on", "2022-03-15", today="2022-03-20").exit_code == 0
    assert "--decision" in refused(ocop("dossier", "revoke", str(dossier_id), "--reason", "ceased",
                                   "--decision", "\t ", today="2022-03-21"))
    shown = json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)
    assert shown["certificate"]["decision"] == "12/QĐ-UBND"


def test_lists_are_parsed_strictly_and_alike(ocop) -> None:  # type: ignore[no-untyped-def]
    dossier_id = register(ocop)
    # The inspectors too: an empty item is a typo, never silently dropped.
    assert "mục trống" in refused(ocop("dossier", "inspect", str(dossier_id), "--on",
                                       "2022-03-01", "--inspectors", "An, , Bình"))
    ocop("dossier", "inspect", str(dossier_id), "--on", "2022-03-01", "--inspectors", "An")
    for typo in ("6 2,5 8", "62,,58", "1e2", "nan", "62;", "-5", "62.555"):
        assert "Điểm" in refused(ocop("dossier", "score", str(dossier_id),
                                      "--sheets-ref", "P1", "--members", typo))
    assert json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)["state"] == \
        "district_inspected"
    assert ocop("dossier", "score", str(dossier_id), "--sheets-ref", "P1", "--members", "60,62.5",
                "--members", "64").exit_code == 0
    shown = json.loads(ocop("--json", "dossier", "show", str(dossier_id)).stdout)
    assert shown["district_points"] == pytest.approx((60 + 62.5 + 64) / 3, abs=0.01)
    docs = json.loads(ocop("--json", "dossier", "documents", str(dossier_id), "--add",
                           "registration-form,business-plan", "--add", "samples").stdout)
    assert {r["code"] for r in docs if r["present"]} == {"registration-form", "business-plan",
                                                         "samples"}
    refused(ocop("dossier", "documents", str(dossier_id), "--add", "samples,,organisation"))
    assert "--members 62,58 --members 64" in ocop("dossier", "score", "--help").stdout
    assert "lặp lại" in ocop("dossier", "documents", "--help").stdout


def test_only_init_creates_a_database_and_a_corrupt_file_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing, corrupt = tmp_path / "thieu.db", tmp_path / "hong.db"
    corrupt.write_bytes(b"not a database at all" * 100)
    for command in (["dossier", "list"], ["dossier", "show", "1"], ["outbox", "list"],
                    ["user", "add", "x", "--role", "department"], ["stuck"]):
        result = runner.invoke(app, ["--db", f"sqlite:///{missing}", "--as", "admin", *command])
        assert result.exit_code == 7 and str(missing) in result.stderr, result.output
        assert "ocop init" in result.stderr and not missing.exists()
        result = runner.invoke(app, ["--db", f"sqlite:///{corrupt}", "--as", "admin", *command])
        assert result.exit_code == 7 and str(corrupt) in result.stderr, result.output
        assert isinstance(result.exception, SystemExit), result.exception
    assert corrupt.read_bytes() == b"not a database at all" * 100
    assert runner.invoke(app, ["--db", f"sqlite:///{missing}", "init"]).exit_code == 0
    assert missing.exists()


def test_init_seed_is_a_packaged_name_or_a_file_never_a_path_under_the_seeds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    for seed in ("../../x", "../seeds/bac-giang-2022", "/etc/passwd", "bac-giang-2022/../x"):
        result = runner.invoke(app, ["--db", url, "init", "--seed", seed])
        assert result.exit_code == 2 and "bac-giang-2022" in result.stderr, result.output
    from states.territory.seeding import SEEDS_DIR

    own = tmp_path / "tinh-thu.toml"
    own.write_text((SEEDS_DIR / "bac-giang-2022.toml").read_text(encoding="utf-8"),
                   encoding="utf-8")
    result = runner.invoke(app, ["--db", url, "--today", "2022-03-01", "init", "--seed", str(own)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("limit", ["-1", "0", "99999999999999999999"])
def test_outbox_limits_are_checked(ocop, limit: str) -> None:  # type: ignore[no-untyped-def]
    refused(ocop("outbox", "list", "--limit", limit))
    refused(ocop("outbox", "send", "--limit", limit if limit != "0" else "-5"))


def test_a_refusal_names_the_option_the_officer_typed(ocop) -> None:  # type: ignore[no-untyped-def]
    """The domain names the input ("reason"); the CLI says which option gives it."""
    dossier_id = register(ocop)
    assert "Lỗi (dữ liệu không hợp lệ): Cần ghi lý do trả lại (--reason)." in \
        refused(ocop("dossier", "return", str(dossier_id), "--reason", "   "))
    # A sentence that goes on after its first clause: the option ends the clause.
    assert "Cần ghi lý do sửa (--reason): lịch sử giữ lại" in refused(
        ocop("dossier", "correct", str(dossier_id), "--reason", " ", "--minutes", "BB1"))
    # Several inputs at fault; an option named unlike its parameter (`valid_from` is --from).
    assert "Kế thừa đơn vị khác cần ngày bắt đầu và căn cứ (--from, --basis)." in refused(
        ocop("unit", "add", "Xã Mới", "--code", "99001", "--level", "commune", "--parent",
             "Huyện Lục Ngạn", "--succeeds", "Huyện Lục Ngạn"))
    result = ocop("--json", "campaign", "open", "renewal", "--deadline", "2022-04-01",
                  "--expiring-before", "2022-02-01")
    assert json.loads(refused(result))["message"].endswith("phải sau hôm nay (--expiring-before).")


def test_the_option_ends_the_first_clause_never_inside_a_typed_value() -> None:
    from ocop_cli.option_hints import with_options

    assert with_options("Chủ thể 'Cty: ABC' chưa có email: ghi địa chỉ.", ["--email"]) == \
        "Chủ thể 'Cty: ABC' chưa có email (--email): ghi địa chỉ."
    assert with_options("Cần ghi lý do trả lại.", ["--reason"]) == "Cần ghi lý do trả lại (--reason)."
    assert with_options("Cần ghi lý do trả lại.", []) == "Cần ghi lý do trả lại."
