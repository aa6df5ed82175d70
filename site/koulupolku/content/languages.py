"""The site's languages, in the order they are offered."""

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")

# Each language's own name, as shown in the language switcher.
NATIVE_NAMES: dict[str, str] = {"fi": "Suomi", "sv": "Svenska", "en": "English"}

AUDIENCES: tuple[str, ...] = ("parents", "young-people", "professionals")
