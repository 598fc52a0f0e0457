"""The connector's options, validated (pydantic): a bad URL or a missing password is a clear error at
start, not a failure at the first dossier."""

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, SecretStr, field_validator


def _codes(value: str) -> list[str]:
    return [c.strip() for c in str(value).split(",") if c.strip()]


class PortalOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

    auth_url: HttpUrl
    service_url: HttpUrl
    username: str = Field(min_length=1)
    password: SecretStr
    madonvi: str = Field(min_length=1)
    timeout: float = Field(default=15.0, gt=0, le=300)
    session_expired_codes: list[str] = ["-1"]
    already_exists_codes: list[str] = ["2"]
    not_found_codes: list[str] = ["3"]

    @field_validator("password")
    @classmethod
    def _password_set(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value():
            raise ValueError("password is required")
        return value


def options_from_settings() -> PortalOptions | None:
    """The options from MOTCUA_DVCQG_* settings; None (connector disabled) while both URLs are unset.
    Raises pydantic.ValidationError when they are set but wrong."""
    if not (settings.MOTCUA_DVCQG_AUTH_URL or settings.MOTCUA_DVCQG_SERVICE_URL):
        return None
    return PortalOptions(
        auth_url=settings.MOTCUA_DVCQG_AUTH_URL,
        service_url=settings.MOTCUA_DVCQG_SERVICE_URL,
        username=settings.MOTCUA_DVCQG_USERNAME,
        password=settings.MOTCUA_DVCQG_PASSWORD,
        madonvi=settings.MOTCUA_DVCQG_MADONVI,
        timeout=settings.MOTCUA_DVCQG_TIMEOUT,
        session_expired_codes=_codes(settings.MOTCUA_DVCQG_SESSION_EXPIRED_CODES),
        already_exists_codes=_codes(settings.MOTCUA_DVCQG_ALREADY_EXISTS_CODES),
        not_found_codes=_codes(settings.MOTCUA_DVCQG_NOT_FOUND_CODES),
    )
