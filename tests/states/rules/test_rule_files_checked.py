"""Issue 9: province.toml and a province's rulebooks are checked whole; a wrong key, an absurd
time limit, a misspelt state or a rulebook code that would replace a national text is refused
with the file and the key named (exit 7 from the CLI)."""

from pathlib import Path

import pytest

from states.errors import ConfigurationError
from states.rules.rulebooks import BUILTIN_DIR, load_rules


@pytest.mark.parametrize(("text", "said"), [
    ("[time_limits]\nregistered = -3\n", "khoá 'time_limits.registered': phải từ 1"),
    ("[time_limits]\nregistered = 100000\n", "tối đa là 250"),
    ("[time_limits]\nregsitered = 5\n", "regsitered"),
    ("[notice]\nexpiry_notice_days = 10\n", "khoá 'notice': khoá này không được dùng"),
    ("[training]\ngap_month = 6\n", "khoá 'training.gap_month'"),
    ("[campaigns]\nrenewal_window_days = -1\n", "renewal_window_days"),
])
def test_a_wrong_province_file_is_refused_naming_file_and_key(tmp_path: Path, text: str,
                                                              said: str) -> None:
    (tmp_path / "province.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_rules(tmp_path)
    assert "province.toml" in refused.value.message and said in refused.value.message


def test_a_province_rulebook_may_not_replace_a_national_one(tmp_path: Path) -> None:
    national = (BUILTIN_DIR / "qd1048-2019.toml").read_text(encoding="utf-8")
    (tmp_path / "rieng.toml").write_text(national, encoding="utf-8")
    with pytest.raises(ConfigurationError) as refused:
        load_rules(tmp_path)
    assert "rieng.toml" in refused.value.message and "qd1048-2019" in refused.value.message
    (tmp_path / "rieng.toml").write_text(national.replace('code = "qd1048-2019"',
                                                          'code = "bac-giang-2022"')
                                         .replace("registered = 15", "registerd = 15"),
                                         encoding="utf-8")
    with pytest.raises(ConfigurationError) as misspelt:
        load_rules(tmp_path)
    assert "registerd" in misspelt.value.message
    (tmp_path / "rieng.toml").write_text(national.replace('code = "qd1048-2019"',
                                                          'code = "bac-giang-2022"')
                                         + "\nunknown_key = 1\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="unknown_key"):
        load_rules(tmp_path)


def test_the_ocop_cli_says_it_with_exit_7(tmp_path: Path, sqlite_url: str) -> None:
    from typer.testing import CliRunner

    from ocop_cli.main import app

    (tmp_path / "province.toml").write_text("[time_limits]\nregistered = 0\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", sqlite_url, "--as", "admin", "--today",
                                      "2022-03-01", "product", "register", "--unit", "Lục Ngạn",
                                      "--producer", "HTX A", "--producer-type", "cooperative",
                                      "--name", "Vải", "--group", "food"],
                                env={"OCOP_RULES_DIR": str(tmp_path)})
    assert result.exit_code == 7 and "province.toml" in result.stderr, result.output
