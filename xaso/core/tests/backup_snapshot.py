"""What a restore must bring back, read the same way before the backup and after the restore (in
another process, against the restored database and folders): rows per model, a few public pages
as HTML, every document's and image's bytes, every submission with its attachments' bytes.

Run as a program it restores the backup named on its command line first, then writes the
snapshot as JSON to the file named last."""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any

# Derived from the rest and rebuilt by the restore itself.
DERIVED: set[str] = set()


def _digest(field: Any) -> str | None:
    if not field:
        return None
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def snapshot(pages: list[tuple[str, str]]) -> dict[str, Any]:
    from django.apps import apps
    from django.test import Client
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from xaso.feedback.models import Submission

    client = Client()
    html = {}
    for host, path in pages:
        response = client.get(path, HTTP_HOST=host)
        html[f"{host}{path}"] = [response.status_code, response.content.decode()]
    return {
        "counts": {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models()
            if model._meta.label not in DERIVED and not model._meta.proxy
        },
        "pages": html,
        "documents": {
            str(document.pk): [document.file.name, _digest(document.file)]
            for document in get_document_model().objects.order_by("pk")
        },
        "images": {
            str(image.pk): [image.file.name, _digest(image.file)]
            for image in get_image_model().objects.order_by("pk")
        },
        "submissions": [
            {
                "tracking_code": submission.tracking_code,
                "sender_name": submission.sender_name,
                "sender_phone": submission.sender_phone,
                "content": submission.content,
                "status": submission.status,
                "attachments": [
                    [attachment.file.name, _digest(attachment.file)]
                    for attachment in submission.attachments.order_by("pk")
                ],
            }
            for submission in Submission.objects.order_by("pk")
        ],
    }


def main(arguments: list[str]) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    backup, pages, output = arguments[0], json.loads(arguments[1]), arguments[2]
    call_command("restore", backup)
    with open(output, "w", encoding="utf-8") as handle:
        json.dump(snapshot([tuple(page) for page in pages]), handle)


if __name__ == "__main__":
    main(sys.argv[1:])
