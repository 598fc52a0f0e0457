from tests.dossiers.world import fixed_clock, media_root, world  # noqa: F401  (fixtures)
from tests.factories.signing import dev_ca  # noqa: F401  (fixture)
