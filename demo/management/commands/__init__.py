"""`seed_demo` and `rundemo`."""
