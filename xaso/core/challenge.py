"""A light challenge for public forms, without any outside service: a sum of two numbers from
one to nine, asked in words, and an invisible field that robots fill in (a honeypot).

The form carries a signed token holding only a random nonce and the time it was issued. The two
numbers are derived from the nonce with a keyed hash (SECRET_KEY), so the token tells nothing of
the question or its answer, yet the same question is asked again when the form comes back with
an error. A token is good for one accepted form (its nonce is remembered in the rate-limit cache
until the token expires), for a few wrong answers, and only after a person could have filled the
form in.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import ratelimit
from .text import fold, nfc

SALT = "xaso.core.challenge"
MAX_AGE = 2 * 3600  # seconds a form stays valid
MIN_SECONDS = 3  # a person takes longer than this to fill a form
MAX_WRONG = 5  # wrong answers to one question before it is replaced
NUMBER_WORDS = [
    gettext_lazy("one"),
    gettext_lazy("two"),
    gettext_lazy("three"),
    gettext_lazy("four"),
    gettext_lazy("five"),
    gettext_lazy("six"),
    gettext_lazy("seven"),
    gettext_lazy("eight"),
    gettext_lazy("nine"),
]


def min_seconds() -> float:
    return float(getattr(settings, "XASO_FORM_MIN_SECONDS", MIN_SECONDS))


@dataclass(frozen=True)
class Challenge:
    scope: str  # which form: a token of one form is no good for another
    token: str
    nonce: str
    issued: float

    @property
    def numbers(self) -> tuple[int, int]:
        digest = salted_hmac(f"{SALT}:{self.scope}", self.nonce, algorithm="sha256").digest()
        return digest[0] % 9 + 1, digest[1] % 9 + 1

    def question(self) -> str:
        first, second = self.numbers
        return capfirst(
            _("%(first)s plus %(second)s makes how many?")
            % {"first": NUMBER_WORDS[first - 1], "second": NUMBER_WORDS[second - 1]}
        )

    def accepts(self, answer: str) -> bool:
        total = sum(self.numbers)
        accepted = {str(total)}
        if total <= len(NUMBER_WORDS):
            accepted.add(fold(str(NUMBER_WORDS[total - 1])))
        return fold(nfc(answer or "")).strip() in accepted


def _salt(scope: str) -> str:
    return f"{SALT}:{scope}"


def issue(scope: str, *, issued: float | None = None) -> Challenge:
    nonce = secrets.token_urlsafe(16)
    issued = time.time() if issued is None else issued
    token = signing.dumps({"n": nonce, "t": issued}, salt=_salt(scope))
    return Challenge(scope=scope, token=token, nonce=nonce, issued=issued)


def read(scope: str, token: str) -> Challenge | None:
    """The challenge of a token this site issued for this form and that has not expired."""
    try:
        payload = signing.loads(token or "", salt=_salt(scope), max_age=MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("n"), str):
        return None
    try:
        issued = float(payload["t"])
    except (KeyError, TypeError, ValueError):
        return None
    if not 0 <= time.time() - issued <= MAX_AGE + 60:
        return None
    return Challenge(scope=scope, token=token, nonce=payload["n"], issued=issued)


def _spent_scope(challenge: Challenge) -> str:
    return f"challenge-{challenge.scope}"


def spend(challenge: Challenge) -> bool:
    """Use the token for an accepted form: True the first time, False if it was used before."""
    return ratelimit.first_use(_spent_scope(challenge), challenge.nonce, seconds=MAX_AGE + 120)


def is_spent(challenge: Challenge) -> bool:
    return ratelimit.was_used(_spent_scope(challenge), challenge.nonce)


def _wrong_scope(challenge: Challenge) -> str:
    return f"challenge-wrong-{challenge.scope}"


def wrong_answer(challenge: Challenge) -> None:
    ratelimit.allow(
        _wrong_scope(challenge), challenge.nonce, limit=MAX_WRONG, seconds=MAX_AGE + 120
    )


def wrong_answers_used_up(challenge: Challenge) -> bool:
    return ratelimit.exceeded(_wrong_scope(challenge), challenge.nonce, limit=MAX_WRONG)


class ChallengeForm(forms.Form):
    """A form with the honeypot `website` and the question `answer`; the template adds the
    hidden input `challenge` holding `form.challenge_token`. Subclasses name `challenge_scope`.
    The view calls `spend_challenge()` once everything else is valid, just before saving."""

    challenge_scope: ClassVar[str] = ""

    # Left empty by people (they never see it); filled in by robots that fill every field.
    website = forms.CharField(
        label=gettext_lazy("Website"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert self.challenge_scope
        for name in ("website", "answer"):  # after the form's own fields
            self.fields[name] = self.fields.pop(name)
        self.submitted_challenge = (
            read(self.challenge_scope, str(self.data.get("challenge", "")))
            if self.is_bound
            else None
        )
        submitted = self.submitted_challenge
        if submitted is None or is_spent(submitted) or wrong_answers_used_up(submitted):
            self._show(issue(self.challenge_scope))
        else:
            self._show(submitted)

    def _show(self, challenge: Challenge) -> None:
        self.challenge = challenge
        self.fields["answer"].label = challenge.question()

    @property
    def challenge_token(self) -> str:
        return self.challenge.token

    def renew_challenge(self) -> None:
        """A new question in place of the one answered (its answer is cleared)."""
        self._show(issue(self.challenge_scope))
        if self.is_bound and self.data.get("answer"):
            data = cast(Any, self.data).copy()  # a QueryDict's copy is mutable, as a dict's
            data["answer"] = ""
            self.data = data

    def is_honeypot_hit(self) -> bool:
        return bool(str(self.data.get("website") or "").strip())

    def clean_answer(self) -> str:
        answer = str(self.cleaned_data["answer"])
        submitted = self.submitted_challenge
        if submitted is None:
            raise forms.ValidationError(
                _("This form has expired. Answer the new question below and send it again.")
            )
        if is_spent(submitted):
            raise forms.ValidationError(self.already_sent_message())
        if time.time() - submitted.issued < min_seconds():
            raise forms.ValidationError(
                _("The form was sent too quickly. Check it and send it again.")
            )
        if not wrong_answers_used_up(submitted) and not submitted.accepts(answer):
            wrong_answer(submitted)
            if not wrong_answers_used_up(submitted):
                raise forms.ValidationError(_("The answer is not right. Write the sum in digits."))
        if wrong_answers_used_up(submitted):
            self.renew_challenge()
            raise forms.ValidationError(
                _("Too many wrong answers to this question. Answer the new question below.")
            )
        return answer

    @staticmethod
    def already_sent_message() -> str:
        return _(
            "This form has already been sent once and cannot be sent again. "
            "Answer the new question below to send another."
        )

    def spend_challenge(self) -> bool:
        """Use up the token, once the form is valid; False (with the error on `answer` and a new
        question) if it was already used, e.g. by the same form sent twice at once."""
        submitted = self.submitted_challenge
        if submitted is not None and spend(submitted):
            return True
        self.add_error("answer", self.already_sent_message())
        self.renew_challenge()
        return False
