from tests.dossiers.world import *  # noqa: F403  (fixtures)
