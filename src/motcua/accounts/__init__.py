"""Applicant accounts: registration, login by email or phone, throttling, password reset, profile, SSO."""
