"""A product's dossier, step by step: what officers and the Department do to it."""

from states.commands import endings, evaluation, recognition, register
from use_cases.transaction import in_transaction

register_product = in_transaction(register.register_product)
inspect = in_transaction(evaluation.inspect)
score = in_transaction(evaluation.score)
update_documents = in_transaction(evaluation.update_documents)
forward = in_transaction(evaluation.forward)
return_dossier = in_transaction(evaluation.return_dossier)
certify = in_transaction(recognition.certify)
not_recognise = in_transaction(recognition.not_recognise)
withdraw = in_transaction(endings.withdraw)
open_renewal = in_transaction(endings.open_renewal)
expire = in_transaction(endings.expire)
revoke = in_transaction(endings.revoke)
