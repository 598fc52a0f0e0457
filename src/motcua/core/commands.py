"""Helpers shared by management commands."""

import json

from django.core.management.base import BaseCommand, CommandError


def write_json(command: BaseCommand, data, output: str | None) -> bool:
    """JSON (UTF-8, readable Vietnamese) to `output`, or to stdout when none; True when a file was written.
    An unwritable file is a clear command error, not a traceback."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not output:
        command.stdout.write(text, ending="")
        return False
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise CommandError(
            f"Không ghi được tệp {output}: {exc.strerror}. / Cannot write {output}: {exc.strerror}.",
            returncode=1,
        ) from None
    return True
