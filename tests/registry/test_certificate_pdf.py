"""The printed certificate: A4 landscape, its Vietnamese read back from the PDF (pdftotext), its
QR code decoded from the rendered page (pdftoppm, zbarimg) back to the public URL."""

import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from notices.pdf_fonts import FONTS
from states.errors import NotFound, RuleRefused
from states.runtime import Runtime
from tests.builders import advance, register
from tests.conftest import at
from use_cases.dossiers import revoke
from use_cases.registry import printed_certificate, public_certificate

BASE = "https://ocop.bacgiang.gov.vn"


def text_of(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True)
    return " ".join(done.stdout.split())


def qr_of(pdf: Path) -> str:
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf),
                    str(pdf.with_suffix(""))], check=True)
    done = subprocess.run(["zbarimg", "--quiet", "--raw", str(pdf.with_suffix(".png"))],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def certified(rt: Runtime) -> int:
    at(rt, date(2022, 7, 25))
    dossier_id = register(rt, unit="Huyện Lục Ngạn", name="Vải thiều sấy khô",
                          producer="HTX Vải thiều Phượng Sơn")
    advance(rt, dossier_id, "certified", provincial=78.5)
    return dossier_id


def test_the_certificate_reads_in_vietnamese_and_its_qr_leads_to_its_page(
        rt: Runtime, tmp_path: Path) -> None:
    dossier_id = certified(rt)
    name, content = printed_certificate(rt, "admin", str(dossier_id), BASE)
    assert name == f"giay-chung-nhan-OCOP-2022-{dossier_id:06d}-1.pdf"
    pdf = tmp_path / name
    pdf.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.28 pts (A4)" in info  # landscape
    text = text_of(pdf)
    for expected in ("ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "GIẤY CHỨNG NHẬN", "SẢN PHẨM ĐẠT CHUẨN OCOP",
                     "Hạng 4 sao (78,5 điểm)", "Sản phẩm: Vải thiều sấy khô",
                     "Chủ thể: HTX Vải thiều Phượng Sơn", "Nhóm sản phẩm: Thực phẩm",
                     "Công nhận theo Quyết định số 123/QĐ-UBND ngày 25/07/2022",
                     "có giá trị 36 tháng, đến ngày 25/07/2025", "Quét mã để tra cứu"):
        assert expected in text, expected
    url = qr_of(pdf)
    token = url.removeprefix(f"{BASE}/tra-cuu/giay-chung-nhan/")
    assert url != token and str(dossier_id) != token
    assert public_certificate(rt, token).product == "Vải thiều sấy khô"


def test_a_revoked_certificate_is_not_printed_again(rt: Runtime) -> None:
    dossier_id = certified(rt)
    revoke(rt, "admin", dossier_id, reason="violation", decision="99/QĐ-UBND")
    with pytest.raises(RuleRefused):
        printed_certificate(rt, "admin", str(dossier_id), BASE)
    with pytest.raises(NotFound):
        printed_certificate(rt, "admin", "OCOP-1999-000000-1", BASE)


def test_the_shipped_font_has_every_vietnamese_letter() -> None:
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy"
               for tone in tones} | set("bcdđghklmnpqrstvx")
    letters |= {letter.upper() for letter in letters}
    for font in ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"):
        cmap = TTFont(FONTS / font).getBestCmap()
        assert sorted(c for c in letters if ord(c) not in cmap) == [], font
    assert (FONTS / "LICENSE-DejaVu.txt").read_text(encoding="utf-8").count("Bitstream") > 1
