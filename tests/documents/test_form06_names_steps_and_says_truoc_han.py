"""Form 06 (the control slip) names the process's steps as people read them, never their slugs, and
"early" is "trước hạn" on the forms and on screen alike."""

import pytest

from motcua.documents import builders
from motcua.documents.rendering import render_form_pdf
from motcua.dossiers.states import StepOutcome
from motcua.workflow.models import Step
from tests.dossiers.world import FixedClock, act, make_world, receive, vn

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_the_slip_names_steps_not_slugs():
    FixedClock(vn(2026, 3, 2, 9, 0))
    world = make_world()
    dossier = receive(world)
    dossier = act(dossier, "forward", world.officer)
    steps = dict(Step.objects.filter(definition_id=dossier.process_definition_id).values_list("key", "name"))
    slip = builders.form06_for(dossier)
    cells = " ".join(f"{r.step} {r.to_name}" for r in slip.rows)
    for key in steps:
        if key in cells:
            assert f"({key})" not in cells and f"Bước {key}" not in cells, cells
    used = [name for name in steps.values() if name in cells]
    assert used, (cells, steps)
    text = pdf_text(render_form_pdf(slip))
    assert not any(f"Bước {key}" in text for key in steps if "-" in key), text


def test_early_is_truoc_han_everywhere():
    assert StepOutcome.EARLY.label == "Trước hạn"
    assert "Sớm hạn" not in str(StepOutcome.choices)
