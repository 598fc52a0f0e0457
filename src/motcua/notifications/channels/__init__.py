"""The notification channels: a small plugin port (see `registry`)."""
