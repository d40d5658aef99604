"""Residents' feedback for the tests, made through the services."""

from __future__ import annotations

from typing import Any

from .. import services
from ..models import Submission

# HTML in a field: shown as text everywhere, never run.
SCRIPT = '<script>alert("x")</script><b onmouseover="x()">đậm</b>'


def make_submission(commune: Any, **fields: Any) -> Submission:
    """A resident's feedback about a road, with every field the form asks, through the service."""
    data = {
        "kind": "feedback",
        "field": "building",
        "content": "Đoạn đường trục xã qua thôn 9 bị sụt lún sau mưa, xe máy đi lại nguy hiểm.",
        "sender_name": "Trần Văn Hùng",
        "sender_address": "Thôn 9, xã Liên Khê",
        "sender_phone": "0912 345 678",
        "consent_handling": True,
        **fields,
    }
    return services.submission_create(commune=commune, submission=Submission(**data))
