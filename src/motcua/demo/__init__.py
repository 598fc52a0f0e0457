"""Demo data for a merged province modelled on Hải Phòng after 1 Jul 2025 (see docs/demo-data.md).

`load_demo()` is idempotent: a second run changes nothing and creates no duplicates."""
