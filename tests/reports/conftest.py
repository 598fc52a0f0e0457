from tests.dossiers.world import *  # noqa: F403  (fixtures: world, fixed_clock, media_root)
