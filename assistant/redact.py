"""Personal data kept out of what we store and log: NHS numbers, emails, UK phones, postcodes, dates of birth.

Staff may paste a patient's details into a question or a feedback reason. Nothing needs them (the assistant
answers from planning documents), so they are replaced by a label such as "[NHS number]" before text is
written to the feedback store or a log line. GOV.UK Chat's PII check (alphagov/govuk-chat
`app/validators/pii_validator.rb`: email, phone, National Insurance number) is the reference; this adds the
identifiers a health service sees: NHS numbers (validated by their Modulus 11 check digit, so a ten-digit
figure that is not one is left alone), UK postcodes and dates of birth.

Patterns run in order, most specific first, so an email's digits are never read as a phone number.
Dates are only redacted where they read as a date of birth: after a cue ("born", "DOB", "date of birth"),
or a full numeric date in the 1900s; the documents' own dates ("by 1 April 2025") must survive in feedback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

NHS_NUMBER = "NHS number"
EMAIL = "email address"
PHONE = "phone number"
NI_NUMBER = "National Insurance number"
POSTCODE = "postcode"
DATE_OF_BIRTH = "date of birth"

PATIENT_DETAILS_NOTICE = (
    "Please do not enter patient details such as NHS numbers: the assistant answers from planning documents "
    "and does not need them (they are removed before anything is stored)."
)

_EMAIL = re.compile(
    r"(?<![\w.!#$%&'*+/=?^`{|}~-])[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
# Ten digits written 3-3-4 (the NHS's own format) or run together, spaces or dashes between the groups.
_NHS_CANDIDATE = re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d])")
# +44 or 0, then the rest of a UK number (9 or 10 more digits, checked below) in groups, area code maybe
# in brackets; the same shape as GOV.UK Chat's phone pattern, narrowed to UK numbers.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0)\d{2,5}\)?(?:[ -]?\d{2,4}){1,3}(?![\d])",
)
_NI_NUMBER = re.compile(r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)
# The Royal Mail formats (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA) with their letter rules.
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y])"
    r" ?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_NUMERIC_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
_WORDED_DATE = rf"\d{{1,2}}(?:st|nd|rd|th)? {_MONTHS},? \d{{4}}|{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
_DOB_CUE = r"(?:born(?: on)?|d\.?o\.?b\.?|date of birth|birth ?date|birthday)\s*(?:is|was|[:=-])?\s*"
_DATE_OF_BIRTH = re.compile(
    rf"\b{_DOB_CUE}(?P<date>{_NUMERIC_DATE}|{_WORDED_DATE})\b"
    rf"|(?<![\d/.-])(?P<old>\d{{1,2}}[/.-]\d{{1,2}}[/.-]19\d{{2}})(?![\d/.-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Redaction:
    """Redacted text and the kinds of personal data found in it, in the order first seen."""

    text: str
    kinds: tuple[str, ...]

    @property
    def has_nhs_number(self) -> bool:
        return NHS_NUMBER in self.kinds


def nhs_number_valid(value: str) -> bool:
    """True for ten digits (spaces and dashes ignored) whose last is the Modulus 11 check of the first nine."""
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 10 or any(c not in "0123456789 -" for c in value):
        return False
    remainder = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    # A check of 10 is never issued: such a number is not an NHS number.
    return check != 10 and check == digits[9]


def _uk_phone(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    national = digits[2:] if match.startswith("+44") else digits[1:]
    if "(0)" in match:  # +44 (0)20 …: the trunk 0 written out of habit
        national = national[1:]
    return national[:1] != "0" and len(national) in (9, 10)


def _date_of_birth(match: re.Match[str]) -> str:
    whole = match.group(0)
    date = match.group("date")
    # Keep the cue ("born on") so the sentence still reads; only the date itself is personal.
    if not date:
        return f"[{DATE_OF_BIRTH}]"
    return whole[: len(whole) - len(date)] + f"[{DATE_OF_BIRTH}]"


_Rule = tuple[str, re.Pattern[str], Callable[[str], bool] | None]
_RULES: tuple[_Rule, ...] = (
    (EMAIL, _EMAIL, None),
    (NHS_NUMBER, _NHS_CANDIDATE, nhs_number_valid),
    (PHONE, _PHONE, _uk_phone),
    (NI_NUMBER, _NI_NUMBER, None),
    (POSTCODE, _POSTCODE, None),
)


def redact(text: str) -> Redaction:
    """Replace each piece of personal data with its label, e.g. "[NHS number]"; other text is unchanged."""
    found: list[str] = []

    def note(kind: str) -> None:
        if kind not in found:
            found.append(kind)

    for kind, pattern, accept in _RULES:

        def replace(match: re.Match[str], kind: str = kind, accept: Callable[[str], bool] | None = accept) -> str:
            if accept is not None and not accept(match.group(0)):
                return match.group(0)
            note(kind)
            return f"[{kind}]"

        text = pattern.sub(replace, text)

    def replace_date(match: re.Match[str]) -> str:
        note(DATE_OF_BIRTH)
        return _date_of_birth(match)

    text = _DATE_OF_BIRTH.sub(replace_date, text)
    return Redaction(text, tuple(found))


def redact_text(text: str) -> str:
    """Only the redacted text (for stores and log lines)."""
    return redact(text).text


def holds_nhs_number(text: str) -> bool:
    """Whether the text holds a valid NHS number: the cue for reminding the person not to enter patient details."""
    return any(nhs_number_valid(m.group(0)) for m in _NHS_CANDIDATE.finditer(text))
