"""Một Cửa: a province's electronic one-stop shop and online public services."""
