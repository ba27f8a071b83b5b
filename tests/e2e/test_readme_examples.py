"""The README's shell examples (Everyday use, Corrections, Campaigns) run as typed, on a fresh
database."""

import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
SECTIONS = ("## Everyday use", "### Corrections", "### Campaigns")


def shell_block(heading: str) -> str:
    """The first ```sh block under a heading of the README, as a person would copy it."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(heading + "\n"):]
    match = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert match, f"no shell block under {heading}"
    return match.group(1)


def test_the_blocks_are_the_ones_a_reader_sees() -> None:
    everyday = shell_block(SECTIONS[0])
    assert everyday.startswith("ocop init")
    assert "export OCOP_USER=admin" in everyday
    assert "dossier correct 2" in shell_block(SECTIONS[1])
    assert "campaign decide 2" in shell_block(SECTIONS[2])


def test_readme_examples_run_as_typed(tmp_path: Path) -> None:
    script = "set -euo pipefail\n" + "\n".join(shell_block(s) for s in SECTIONS)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("OCOP_", "PREFECT_"))}
    # The venv's `ocop`, as after `make install` and activating the venv.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "80"
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=280)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert "Hồ sơ số 2: Mật ong rừng" in out
    assert "Đã công nhận" in out
    assert "Nhập nhầm ngày kiểm tra" in out  # the correction, in the dossier's history
    # `dossier list --overdue` on 25/03/2026: dossier 2 was due for inspection on 23/03/2026.
    assert re.search(r"│ 2 +│", out)
    assert "Đã thu hồi 1 sản phẩm theo quyết định 2011/QĐ-UBND" in out
    # The decision is mailed to the unit and to the producer (its e-mail set by the
    # Corrections block's `producer edit`).
    decided = out[out.index("Đã thu hồi 1 sản phẩm"):]
    assert "Đã xếp 2 thư vào hộp thư đi" in decided
    assert (tmp_path / "ocop.db").exists()
    assert (tmp_path / "danh-sach-thu-hoi-OCOP-2.xlsx").exists()
    assert "Traceback" not in result.stderr
