"""Corrections (issue 12), each one transaction with its audit: a dossier's inspection or local
score, a product, a producer, an account's role, a revocation proposal withdrawn."""

from states.corrections import dossier_corrections, record_edits
from states.people import account_changes
from states.programme import proposal_withdrawal
from use_cases.transaction import in_transaction

correct_dossier = in_transaction(dossier_corrections.correct_dossier)
edit_product = in_transaction(record_edits.edit_product)
edit_producer = in_transaction(record_edits.edit_producer)
set_role = in_transaction(account_changes.set_role)
withdraw_proposal = in_transaction(proposal_withdrawal.withdraw_proposal)
