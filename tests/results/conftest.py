import pytest

from tests.factories.signing import certify_agency, dev_ca  # noqa: F401  (fixtures)


@pytest.fixture
def certify(dev_ca):  # noqa: F811
    """Give an agency a development signing certificate issued by the test CA."""
    return lambda agency: certify_agency(agency, dev_ca)
