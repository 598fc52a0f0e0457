from tests.dossiers.world import *  # noqa: F403  (fixtures)
from tests.integrations.portal import *  # noqa: F403  (fixtures)
