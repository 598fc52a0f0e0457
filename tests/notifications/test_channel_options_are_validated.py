"""Channel options are validated when the channels are built: a wrong URL, a missing token or a
malformed Zalo template list is an error at start, not at the first message; an unset gateway means
the channel is off (no messages written for it)."""

import pydantic
import pytest

from motcua.notifications.apps import _check_channels
from motcua.notifications.channels import registry
from motcua.notifications.models import Notification
from tests.dossiers.world import receive


def test_unset_gateways_are_off(settings):
    settings.MOTCUA_NOTIFY_CHANNELS = "email,sms,zalo"
    settings.MOTCUA_SMS_URL = ""
    settings.MOTCUA_ZALO_ACCESS_TOKEN = ""
    assert set(registry.enabled()) == {"email"}


@pytest.mark.parametrize(
    ("name", "value", "error"),
    [
        ("MOTCUA_SMS_URL", "not a url", pydantic.ValidationError),
        ("MOTCUA_SMS_SENDER", "A-BRANDNAME-TOO-LONG", pydantic.ValidationError),
        ("MOTCUA_ZALO_TEMPLATE_IDS", "received:123", ValueError),
        ("MOTCUA_ZALO_URL", "ftp//zalo", pydantic.ValidationError),
    ],
)
def test_wrong_options_fail_at_start(settings, fake_sms, fake_zalo, name, value, error):
    settings.MOTCUA_NOTIFY_CHANNELS = "sms,zalo"
    setattr(settings, name, value)
    registry.reset()
    with pytest.raises(error):
        registry.enabled()
    # the system check itself (run_checks() would also run other apps' checks, some of them reading
    # the database, which this test has no access to)
    errors = [e for e in _check_channels(None) if e.id == "notifications.E001"]
    assert len(errors) == 1 and name.removeprefix("MOTCUA_").split("_")[0].lower() in errors[0].msg


def test_bad_settings_never_block_a_dossier_action(world, fixed_clock, settings, fake_sms):
    settings.MOTCUA_NOTIFY_CHANNELS = "email,sms"
    settings.MOTCUA_SMS_URL = "not a url"
    registry.reset()
    dossier = receive(world)
    assert dossier.state == "received" and not Notification.objects.filter(dossier=dossier).exists()


def test_phone_numbers_go_out_with_the_country_code():
    assert registry.phone_e164_vn("0912 345 678") == "84912345678"
    assert registry.phone_e164_vn("84912345678") == "84912345678"
