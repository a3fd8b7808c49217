"""Signals other apps listen to, so the foundation app needs none of them."""

from django.dispatch import Signal

# Sent after the transaction that anonymised a case commits; argument: case_id. Apps that keep
# copies of case data elsewhere (cached PDFs, change history) drop them in a receiver.
case_anonymised = Signal()
