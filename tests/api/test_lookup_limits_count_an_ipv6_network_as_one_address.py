"""The per-address limits count an IPv6 client by its /64 (one subscriber's network): enumerating codes
from 2001:db8:1:2::1, ::2, ::3 … is blocked like enumerating from one IPv4 address, while another /64
is still served; an IPv4-mapped address counts as its IPv4."""

import pytest
from django.test import Client, RequestFactory

from motcua.accounts.selectors import client_ip
from tests.dossiers.world import receive


@pytest.mark.parametrize(
    ("remote", "counted"),
    [
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("203.0.113.7", "203.0.113.7"),
        ("not-an-address", None),
    ],
)
def test_the_address_counted(remote, counted):
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=remote)) == counted


def test_rotating_addresses_in_one_ipv6_network_is_still_blocked(world, fixed_clock, settings):
    settings.MOTCUA_LOOKUP_MAX_MISSES_PER_IP = 3
    dossier = receive(world)
    for n in range(3):  # three different codes, each from a new address of the same /64
        response = Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}").post(
            f"/api/v1/dossiers/000.00.90.H99-260302-999{n}/lookup",
            {"id_number": "000000000001"},
            "application/json",
        )
        assert response.status_code in (404, 429)
    right = {"id_number": world.applicant.id_number}
    blocked = Client(REMOTE_ADDR="2001:db8:1:2::ff").post(
        f"/api/v1/dossiers/{dossier.code}/lookup", right, "application/json"
    )
    assert blocked.status_code == 429
    other = Client(REMOTE_ADDR="2001:db8:9:9::1").post(
        f"/api/v1/dossiers/{dossier.code}/lookup", right, "application/json"
    )
    assert other.status_code == 200
