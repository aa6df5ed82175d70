"""Phone numbers: validated by `phonenumbers` (Google's libphonenumber data), which
knows which Finnish ranges exist; the `tel:` form is E.164, short service numbers
(112, 116 111, 116117) are dialled as they are."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import shortnumberinfo

REGION = "FI"
# The EU's harmonised numbers of social value (Commission Decision 2007/116/EC):
# 116 and three digits, free from any phone in the EU. phonenumbers' Finnish
# short-number data lacks some that Finland has opened (116 016, Nollalinja).
EU_116 = re.compile(r"^116\d{3}$")
WRITTEN = re.compile(r"^\+?[0-9][0-9 ()-]*[0-9]$")


def tel(number: str) -> str:
    """'09 2525 0111' -> '+358925250111'; '116 111' -> '116111'.

    Raises ValueError, with a reason an editor understands, for anything that is not
    a number that exists in Finland (or abroad, when written with +).
    """
    if not isinstance(number, str) or not WRITTEN.match(number.strip()):
        raise ValueError(f"{number!r} is not a phone number (digits, spaces and hyphens only)")
    digits = re.sub(r"\D", "", number)
    try:
        parsed = phonenumbers.parse(number, REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"{number!r} is not a phone number ({exc})") from None
    if not number.strip().startswith(("0", "+")):
        if shortnumberinfo.is_valid_short_number_for_region(parsed, REGION) or EU_116.match(digits):
            return digits
        raise ValueError(f"{number!r} is not a Finnish service number; a longer number starts "
                         "with 0 (or + and the country code)")
    if not phonenumbers.is_valid_number(parsed):
        where = "Finland" if number.strip().startswith("0") else "its country"
        raise ValueError(f"{number!r} is not a number in use: {where} has no such range")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
