"""Component kinds: a component to present for checking ("xuất trình") or to hand in person only is
not uploaded online — the online pre-check does not ask for it and refuses a file for it — while the
desk checklist still requires it to be seen at receipt."""

import pytest

from motcua.catalog.models import ComponentKind
from motcua.catalog.spec import ComponentSpec
from motcua.dossiers import submission
from motcua.dossiers.submission import ComponentsMissing

from .world import make_world, pdf, receive, submit

COMPONENTS = (
    ComponentSpec(name="Tờ khai", originals=1),
    ComponentSpec(name="Căn cước (xuất trình)", originals=1, kind=ComponentKind.PRESENT),
    ComponentSpec(name="Hai bên có mặt", kind=ComponentKind.IN_PERSON),
)


@pytest.fixture
def present_world(db, fixed_clock):
    return make_world(components=COMPONENTS)


def test_online_submission_needs_only_the_components_to_submit(present_world):
    dossier = submit(present_world, components=[{"position": 1, "files": [pdf()]}])
    assert dossier.state == "submitted"


def test_a_file_for_a_present_only_component_is_refused_online(present_world):
    with pytest.raises(ComponentsMissing) as caught:
        submit(
            present_world, components=[{"position": 1, "files": [pdf()]}, {"position": 2, "files": [pdf()]}]
        )
    assert caught.value.code == "component_not_uploaded_online"
    assert "xuất trình" in caught.value.message_vi


def test_the_desk_must_see_present_only_and_in_person_components(present_world):
    with pytest.raises(ComponentsMissing) as caught:
        receive(present_world, components=[{"position": 1}])
    assert {m["name"] for m in caught.value.extra["missing"]} == {"Căn cước (xuất trình)", "Hai bên có mặt"}
    dossier = receive(present_world, components=[{"position": 1}, {"position": 2}, {"position": 3}])
    assert dossier.state in ("received", "processing")


def test_the_pre_check_is_the_one_rule():
    required = {1: "Tờ khai", 2: "Căn cước (xuất trình)"}
    kinds = {1: "submit", 2: "present"}
    online = submission.missing_components(required, {}, online=True, kinds=kinds)
    assert [p for p, *_ in online] == [1]
    at_desk = submission.missing_components(required, {}, online=False, kinds=kinds)
    assert [p for p, *_ in at_desk] == [1, 2]
