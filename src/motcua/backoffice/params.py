"""From a POSTed action form to the lifecycle's parameters (parsing only; the lifecycle validates)."""

from __future__ import annotations

from django.http import QueryDict

from motcua.core.dates import parse_vn_datetime


def _text(post: QueryDict, name: str, limit: int = 4000) -> str:
    return (post.get(name) or "").strip()[:limit]


def components_from(post: QueryDict, files, catalogue) -> list[dict]:
    """The ticked catalogue components: `comp_<pos>` (received), `copy_<pos>` ("original"/"copy"),
    `digitised_<pos>`, `file_<pos>` (scans, several allowed), `note_<pos>`."""
    items = []
    for c in catalogue:
        pos = c.position
        uploads = files.getlist(f"file_{pos}") if files else []
        if not post.get(f"comp_{pos}") and not uploads:
            continue
        kind = post.get(f"copy_{pos}") or ""
        note = {"original": "Bản chính", "copy": "Bản sao"}.get(kind, "")
        extra = _text(post, f"note_{pos}", 400)
        items.append(
            {
                "position": pos,
                "files": uploads,
                "digitised": bool(post.get(f"digitised_{pos}")) or bool(uploads),
                "note": "; ".join(p for p in (note, extra) if p),
            }
        )
    return items


def missing_from(post: QueryDict) -> list[str]:
    missing = [m.strip() for m in post.getlist("missing") if m.strip()]
    missing += [line.strip() for line in _text(post, "missing_other").splitlines() if line.strip()]
    return missing


def action_params(action: str, post: QueryDict, files, dossier) -> dict:
    """The keyword parameters of `lifecycle.perform` for one action."""
    params: dict = {}
    comment = _text(post, "comment")
    if comment:
        params["comment"] = comment
    reason = _text(post, "reason")
    if reason:
        params["reason"] = reason
    catalogue = dossier.procedure_version.components.all()
    if action in ("receive", "supplement"):
        params["components"] = components_from(post, files, catalogue)
    if action == "request_supplement":
        params["missing"] = missing_from(post)
    if action in ("forward", "approve", "reject", "issue_result", "send_back", "transfer"):
        if post.get("to_step"):
            params["to_step"] = post["to_step"]
        officer = post.get(f"officer__{post.get('to_step')}") or post.get("officer")
        if officer:
            params["officer"] = officer
    if action == "transfer":
        params["competent_agency"] = post.get("competent_agency") or ""
    if action == "consult":
        params["agencies"] = [a for a in post.getlist("agencies") if a]
        params["question"] = _text(post, "question")
        if post.get("due_hours"):
            params["due_hours"] = post["due_hours"]
    if action == "answer_consultation":
        params["answer"] = _text(post, "answer")
    if action == "request_payment":
        if post.get("amount"):
            params["amount"] = post["amount"].replace(".", "").replace(",", "").strip()
        params["description"] = _text(post, "description", 500)
        params["exemptions"] = [str(code)[:64] for code in post.getlist("exemptions")[:20]]
    if action == "pay":
        params["reference"] = _text(post, "reference", 100)
    if action == "issue_result":
        if post.get("signed"):  # a result the leader signed here (sign_result)
            params["results"] = [{"signed": post["signed"]}]
        else:
            result = {
                "number": _text(post, "number", 100),
                "name": _text(post, "name", 500),
                "signer": _text(post, "signer", 255),
                "document_date": _text(post, "document_date", 10),
            }
            upload = files.get("result_file") if files else None
            if upload is not None:
                result["file"] = upload
                result["is_electronic"] = True
            params["results"] = [result]
    if action == "sign_result":
        for name, limit in (("number", 100), ("name", 500), ("signer", 255), ("document_date", 10)):
            params[name] = _text(post, name, limit)
        upload = files.get("result_file") if files else None
        if upload is not None:
            params["file"] = upload
        else:
            params["generate"] = bool(post.get("generate"))
    if action == "digitise":
        params["components"] = [
            {
                "position": c.position,
                "files": files.getlist(f"scan_{c.position}"),
                "pages": post.get(f"pages_{c.position}") or "",
                "original_seen": bool(post.get(f"seen_{c.position}")),
            }
            for c in catalogue
            if files and files.getlist(f"scan_{c.position}")
        ]
    if action == "return_result":
        params["return_channel"] = post.get("return_channel") or ""
    if action == "apologize":
        params["new_due_at"] = parse_vn_datetime(post.get("new_due_at") or "")
    return params
