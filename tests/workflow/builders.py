"""Small helpers to write process definitions in tests as the JSON the import service reads."""

from motcua.workflow.services import process_definition_import


def step(key, *, role="processing_officer", hours="1", terminal=False, kind="normal", go=(), **extra):
    """A step; `go` is a list of (action, to_key_or_None)."""
    data = {
        "key": key,
        "name": extra.pop("name", f"Bước {key}"),
        "role": role,
        "kind": kind,
        "allotment_hours": str(hours),
        "is_terminal": terminal,
        "transitions": [{"action": a, "to": t} for a, t in go],
    }
    data.update(extra)
    return data


def payload(procedure, steps, *, agency=None, name="Quy trình thử nghiệm", status="draft"):
    return {
        "procedure": procedure.code,
        "agency": agency.identifier if agency is not None else None,
        "name": name,
        "status": status,
        "steps": list(steps),
    }


def simple_steps(hours=("8", "4", "0")):
    return [
        step("thu-ly", hours=hours[0], go=[("forward", "duyet")]),
        step("duyet", role="leader", hours=hours[1], go=[("approve", "ket-qua"), ("reject", None)]),
        step("ket-qua", role="desk_officer", hours=hours[2], terminal=True),
    ]


def make_definition(procedure, steps=None, *, agency=None, publish=False, name="Quy trình thử nghiệm"):
    return process_definition_import(
        payload(procedure, steps if steps is not None else simple_steps(), agency=agency, name=name),
        publish=publish,
    )
