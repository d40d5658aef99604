"""What the feedback pages say about keeping senders' data."""

from django import template

from xaso.feedback import privacy

register = template.Library()


@register.simple_tag
def feedback_retention_months() -> int:
    """The retention period of a sender's data, in whole months (`privacy.retention_months`)."""
    return privacy.retention_months()
