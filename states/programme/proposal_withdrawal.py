"""Withdrawing a revocation proposal from its campaign before the Provincial People's Committee
decides: the unit proposed by mistake, or the producer resumed. Audited on the dossier."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import RevocationProposal
from states.dossiers.corrections import Corrected, record_on_dossiers, required_reason
from states.errors import NotFound, RuleRefused
from states.permissions import authorize
from states.programme.campaigns import find_campaign
from states.runtime import Runtime
from states.territory.lookups import find_dossier, find_user
from states.vocabulary import Action, CampaignKind, CampaignStatus, Correction, Role


def withdraw_proposal(rt: Runtime, session: Session, actor: str, campaign_id: int,
                      dossier_id: int, reason: str | None) -> Corrected:
    why = required_reason(reason)
    campaign = find_campaign(session, campaign_id, CampaignKind.REVOCATION)
    dossier = find_dossier(session, dossier_id)
    user = find_user(session, actor)
    authorize(user, Action.PROPOSE_REVOCATION, dossier.unit_id)
    proposal = session.scalar(select(RevocationProposal).where(
        RevocationProposal.campaign_id == campaign_id, RevocationProposal.dossier_id == dossier_id))
    if proposal is None:
        raise NotFound(f"Chiến dịch số {campaign_id} không có đề nghị thu hồi hồ sơ số {dossier_id}.")
    if campaign.status == CampaignStatus.DECIDED:
        raise RuleRefused(f"Chiến dịch số {campaign_id} đã có quyết định thu hồi "
                          f"{campaign.decision_no}: không rút đề nghị được nữa.")
    # Once closed, the list is with the Department for the Provincial People's Committee.
    if campaign.status == CampaignStatus.CLOSED and user.role != Role.DEPARTMENT:
        raise RuleRefused(f"Chiến dịch số {campaign_id} đã đóng, danh sách đã gửi Sở: đề nghị Sở "
                          "rút đề nghị này.")
    before = {"campaign": campaign_id, "reason": proposal.reason, "note": proposal.note,
              "proposed_by": proposal.proposed_by}
    session.delete(proposal)
    done = Corrected(Correction.PROPOSAL, dossier_id, before, {"campaign": campaign_id}, why)
    record_on_dossiers(session, [(dossier.id, dossier.unit_id, dossier.state)], actor,
                       rt.clock.now(), done)
    return done
