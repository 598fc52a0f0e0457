from tests.dossiers.world import *  # noqa: F403  (fixtures)
from tests.payments.gateway import *  # noqa: F403  (fixtures)
from tests.payments.world import fee_world  # noqa: F401
