"""When a flow's task tries again: after what may pass by itself (a database busy with another
writer, a connection that dropped, a provider's outage), not after a refusal that will read the
same ten seconds later (a configuration problem such as mail waiting for a placeholder address,
bad input, a rule). Those reach the operator at once."""

from typing import Any

from states.errors import Conflict, DatabaseBusy, OcopError


def worth_retrying(task: Any, task_run: Any, state: Any) -> bool:
    # The engine hands over a Failed state whose data is the exception the task raised.
    error = getattr(state, "data", None)
    return not isinstance(error, OcopError) or isinstance(error, Conflict | DatabaseBusy)


TASK_RETRIES: dict[str, Any] = {"retries": 2, "retry_delay_seconds": 10,
                                "retry_condition_fn": worth_retrying}
