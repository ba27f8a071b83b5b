"""The one seam through which councils reach a score sheet: the shipped and province sheets'
book, or a test's own sheets, asked by rulebook, product group and sub-group."""

from states.rules.rulebooks import Rulebook
from states.rules.score_sheets import ScoreSheet
from states.runtime import Runtime


def sheet_for(rt: Runtime, rulebook: Rulebook, group: str,
              subgroup: str | None = None) -> ScoreSheet:
    if rt.sheet_finder is not None:
        return rt.sheet_finder(rulebook, group, subgroup)
    return rt.sheets.sheet_for(rulebook.code, group, subgroup)


def provisional_note(provisional: bool) -> str:
    """What every screen and printout of a provisional sheet says."""
    return (" (phiếu tạm thời: nội dung phụ lục chưa được xác nhận với văn bản chính thức)"
            if provisional else "")
