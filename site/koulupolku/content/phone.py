"""Phone numbers: one written form for people, one `tel:` form for phones."""

from __future__ import annotations

import re

COUNTRY = "+358"


def tel(number: str) -> str:
    """'09 2525 0111' -> '+358925250111'; service numbers such as '112' stay short.

    Raises ValueError for anything that is not a Finnish or international number.
    """
    if not isinstance(number, str) or not re.fullmatch(r"\+?[0-9][0-9 ()-]*[0-9]", number.strip()):
        raise ValueError(f"{number!r} is not a phone number (digits, spaces and hyphens only)")
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        if not 8 <= len(digits) <= 15:
            raise ValueError(
                f"{number!r} has {len(digits)} digits; an international number has 8–15")
        return "+" + digits
    if digits.startswith("0"):
        if not 7 <= len(digits) <= 12:
            raise ValueError(f"{number!r} has {len(digits)} digits; a Finnish number has 7–12")
        return COUNTRY + digits[1:]
    if 3 <= len(digits) <= 6:  # 112, 116 111, 116 016: service numbers dialled as they are
        return digits
    raise ValueError(f"{number!r} is neither a service number nor a number starting with 0 or +")
