import pytest


@pytest.fixture(autouse=True)
def _few_demo_dossiers(settings):
    """The demo's few hundred dossiers take a while to live through the lifecycle; tests about other
    demo data load about thirty (every kind of life once or twice). test_demo_dossiers.py loads all."""
    settings.MOTCUA_DEMO_DOSSIERS = 30


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """The online demo dossiers' sample PDFs go to a temporary directory, not the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"  # the development CA's key too (demo/eresults.py)
