"""No admin for consent records.

The partner organisations named on a region's consent form are kept by the beheerder in
casework's Organisation admin (`on_consent_form`). A consent itself is case content, which
the beheerder does not see by default (DESIGN.md), and it changes only through
consent.services (a new version, a withdrawal), never by editing a row.
"""
