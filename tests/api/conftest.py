"""The API tests live in the dossier tests' world (a service centre, two departments, staff for every
role, a citizen) at a fixed Monday 09:00, with uploads in a temporary folder."""

from tests.dossiers.world import fixed_clock, media_root, world  # noqa: F401 (fixtures)
