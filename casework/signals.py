"""Signals other apps listen to, so the foundation app needs none of them."""

from django.dispatch import Signal

# Sent after the transaction that anonymised a case commits; argument: case_id. Apps that keep
# copies of case data elsewhere (cached PDFs, change history) drop them in a receiver.
case_anonymised = Signal()

# Sent inside the transaction that ends a case (case_close and case_mark_not_started), after the
# status change; arguments: case (the ended case), by. What ends with the case (its consent)
# ends in a receiver, in the same transaction: an error there undoes the ending.
case_ended = Signal()

# Sent inside case_close's transaction, after case_ended; argument: case. For what follows a
# closing only (not a case that never started): a receiver queues its work on commit.
case_closed = Signal()
