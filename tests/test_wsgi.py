"""The production entry point: `gunicorn motcua.wsgi:application` (docs/operations.md)."""

from gunicorn.util import import_app


def test_gunicorn_loads_the_wsgi_application():
    application = import_app("motcua.wsgi:application")
    assert callable(application)
