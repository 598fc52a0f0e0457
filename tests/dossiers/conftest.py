from tests.dossiers.doors import doors  # noqa: F401  (fixture: the front doors of a submission)
from tests.dossiers.world import *  # noqa: F403  (fixtures)
