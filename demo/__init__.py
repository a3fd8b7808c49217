"""The demo: `seed_demo` fills every app with demo data and `rundemo` serves it with a Celery
worker and beat (`make run`). It orchestrates all apps, so it sits at the top of the layers,
just below config."""
