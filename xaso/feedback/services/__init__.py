"""Every step of a submission, from the sender's form to its closure (Decree 20/2008, Art. 9):
received and logged with its number → classified (not accepted for missing information; about an
official's conduct or outside the commune's competence: to be forwarded within 5 working days;
within its competence: assigned and answered by a due date in working days) → answered → closed.

Permission, rules and a handling step (`Event`) for each, one transaction each; the sender's
text is stored in NFC as typed (pages escape it).

One module per entity — `submissions`, `questions` (the published questions and answers),
`personal_data` (found and redacted before anything is published); callers import from here.
"""

from __future__ import annotations

from .personal_data import REDACTED, personal_data_in, personal_data_redact
from .questions import (
    QUESTIONS_INTRO,
    QUESTIONS_SLUG,
    QUESTIONS_TITLE,
    default_answerer,
    question_delete,
    question_from_submission,
    question_index,
    question_save,
    questions_page_ensure,
)
from .submissions import (
    ANSWER_DAYS,
    ATTACHMENT_TYPES,
    CHANGE_PERMISSION,
    CODE_ALPHABET,
    CODE_LENGTH,
    FORWARD_DAYS,
    MAX_ATTACHMENTS,
    answer_days,
    new_tracking_code,
    submission_answer,
    submission_classify,
    submission_close,
    submission_create,
    submission_forward,
)

__all__ = [
    "ANSWER_DAYS",
    "ATTACHMENT_TYPES",
    "CHANGE_PERMISSION",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "FORWARD_DAYS",
    "MAX_ATTACHMENTS",
    "QUESTIONS_INTRO",
    "QUESTIONS_SLUG",
    "QUESTIONS_TITLE",
    "REDACTED",
    "answer_days",
    "default_answerer",
    "new_tracking_code",
    "personal_data_in",
    "personal_data_redact",
    "question_delete",
    "question_from_submission",
    "question_index",
    "question_save",
    "questions_page_ensure",
    "submission_answer",
    "submission_classify",
    "submission_close",
    "submission_create",
    "submission_forward",
]
