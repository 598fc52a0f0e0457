"""The English pages of a Vietnamese system keep Vietnamese dates (dd/mm/yyyy), as the documents do."""

from motcua.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
