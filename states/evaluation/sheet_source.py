"""The one seam through which councils reach a score sheet: the runtime's finder (the shipped
sheets' loader, or a test's sheets), asked by rulebook, product group and sub-group."""

from states.errors import ConfigurationError
from states.rules.rulebooks import Rulebook
from states.rules.score_sheets import ScoreSheet
from states.runtime import Runtime


def sheet_for(rt: Runtime, rulebook: Rulebook, group: str,
              subgroup: str | None = None) -> ScoreSheet:
    if rt.sheets is None:
        raise ConfigurationError("Chưa nạp phiếu đánh giá nào: hội đồng chưa thể chấm trên "
                                 "hệ thống (hãy chấm trên phiếu giấy với 'ocop dossier score').")
    return rt.sheets(rulebook, group, subgroup)


def provisional_note(provisional: bool) -> str:
    """What every screen and printout of a provisional sheet says."""
    return (" (phiếu tạm thời: nội dung phụ lục chưa được xác nhận với văn bản chính thức)"
            if provisional else "")
