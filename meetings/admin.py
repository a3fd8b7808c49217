"""No admin for meetings, their agenda items or actions.

The minutes and actions are case content, which the beheerder does not see (DESIGN.md,
roles), and the admin writes no access-log row. They are read in the app, where access is
checked and logged, and change only through meetings.services.
"""
