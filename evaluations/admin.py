"""No admin for plans, goals, evaluations or belastbaarheidsprofielen.

They are case content, which the beheerder does not see (DESIGN.md, roles), and the admin
writes no access-log row. They are read in the app, where access is checked and logged, and
change only through evaluations.services.
"""
