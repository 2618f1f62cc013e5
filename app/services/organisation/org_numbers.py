"""Organisationsnummer: NNNNNN-NNNN, the last digit a Luhn (mod 10) check digit over the first nine,
as Skatteverket assigns them. A typo in one digit, or two neighbours swapped, fails the check."""

from __future__ import annotations

from app.models.errors import RuleViolation


def luhn_valid(digits: str) -> bool:
    """The Luhn check over a string of digits (the last one is the check digit)."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def check_digit(first_nine: str) -> str:
    """The digit that makes `first_nine` + it a valid number (for building examples)."""
    return next(d for d in "0123456789" if luhn_valid(first_nine + d))


def normalise_org_number(text: str) -> str:
    """"5566501796" or "556650-1796" → "556650-1796"; a RuleViolation naming the problem otherwise.
    A twelve-digit form with the century (16556650-1796, 19…, 20…) is shortened to ten digits."""
    raw = (text or "").strip()
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) == 12 and digits[:2] in ("16", "19", "20"):
        digits = digits[2:]
    if len(digits) != 10 or any(ch not in "0123456789- " for ch in raw):
        raise RuleViolation(f"{raw!r} är inget organisationsnummer (tio siffror, NNNNNN-NNNN).",
                            f"{raw!r} is not an organisation number (ten digits, NNNNNN-NNNN).")
    if not luhn_valid(digits):
        raise RuleViolation(f"Organisationsnumret {raw} har fel kontrollsiffra (sista siffran).",
                            f"The organisation number {raw} has a wrong check digit (the last digit).")
    return f"{digits[:6]}-{digits[6:]}"
