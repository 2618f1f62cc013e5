"""Organisationsnummer: NNNNNN-NNNN, the last digit a Luhn (mod 10) check digit over the first nine,
as Skatteverket assigns them. A typo in one digit, or two neighbours swapped, fails the check."""

from __future__ import annotations

import re

from app.models.errors import RuleViolation


def luhn_valid(digits: str) -> bool:
    """The Luhn check over a string of digits (the last one is the check digit); a hyphen or space
    between the groups is allowed."""
    digits = digits.replace("-", "").replace(" ", "")
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
    shaped = re.fullmatch(r"(16|19|20)?(\d{6})[- ]?(\d{4})", raw)
    digits = shaped.group(2) + shaped.group(3) if shaped else ""
    if not shaped:
        raise RuleViolation(f"{raw!r} är inget organisationsnummer (tio siffror, NNNNNN-NNNN).",
                            f"{raw!r} is not an organisation number (ten digits, NNNNNN-NNNN).")
    if not luhn_valid(digits):
        raise RuleViolation(f"Organisationsnumret {raw} har fel kontrollsiffra (sista siffran).",
                            f"The organisation number {raw} has a wrong check digit (the last digit).")
    return f"{digits[:6]}-{digits[6:]}"
