"""How a council works where the national texts are silent: `[councils]` in province.toml.

Quorum, the discrepancy rule and the complaint window belong to each province's council
regulation (quy chế hoạt động), whose text this project could not confirm: they are settings,
shown as provisional until the province says it has set them from its own regulation
(`quorum_confirmed`, `complaint_days_confirmed`)."""

from pydantic import BaseModel, ConfigDict, Field


class CouncilPolicy(BaseModel):
    # A key nothing reads is a typo: refused (as rulebooks.Strict, which imports this module).
    model_config = ConfigDict(extra="forbid")

    # Members present / members, at least (Tây Ninh's provincial council, under 1048: 3/4).
    quorum_share: float = Field(default=0.75, gt=0, le=1)
    chair_must_attend: bool = True
    # False: the quorum above is this software's default, not the province's regulation.
    quorum_confirmed: bool = False
    # A member whose total is more than this far from the mean is discussed before closing.
    discrepancy_points: float = Field(default=15, gt=0, le=100)
    # Confirmed nationally: dossiers and samples reach members at least 2 working days before.
    package_working_days: int = Field(default=2, ge=0, le=30)
    # A mandatory criterion fails the product when at least this share of the members who
    # scored it chose an option worth nothing (0.5: half of them; a small share: any member).
    mandatory_fail_share: float = Field(default=0.5, gt=0, le=1)
    # Publishing a council's results opens a window for complaints (khiếu nại): recognition
    # from that council waits until it has passed. The national texts say the results are
    # published, not for how long complaints are heard: this software's default, provisional
    # until the province sets it from its own regulation (`complaint_days_confirmed`). Working
    # days (ngày làm việc), on the province's calendar, as officials count legal periods.
    complaint_days: int = Field(default=5, ge=0, le=90)
    complaint_days_confirmed: bool = False
