"""'Where do we start?': one question per URL, advice with an urgency level."""

from __future__ import annotations

from pathlib import Path

import pytest

from koulupolku.content import read_site
from tests.scratch import REAL_CONTENT, write_tree

START = {"fi": "/fi/mista-aloittaa/", "sv": "/sv/var-borjar-vi/", "en": "/en/where-to-start/"}


def test_each_step_is_a_url_that_works_without_javascript(client) -> None:
    html = client.get(START["fi"]).get_data(as_text=True)
    assert "Kysymys 1/4" in html and 'name="who" value="parent"' in html
    step2 = client.get(START["fi"] + "?who=parent").get_data(as_text=True)
    assert "Kysymys 2/4" in step2 and 'type="hidden" name="who" value="parent"' in step2
    assert 'name="safety"' in step2 and "Takaisin" in step2


@pytest.mark.parametrize(("answers", "level", "page", "service"), [
    ("who=parent&safety=danger&duration=days&cause=anxiety", "help-now", "absence-causes",
     "emergency-112"),
    ("who=parent&safety=safe&duration=months&cause=home", "this-week", "network-meeting",
     "luvn-family-counselling"),
    ("who=young&safety=safe&duration=days&cause=sleep", "self-care", "sleep-and-rhythm",
     "sekasin-chat"),
    ("who=young&safety=safe&duration=days&cause=anxiety", "self-care", "school-anxiety",
     "sekasin-chat"),
    ("who=parent&safety=safe&duration=weeks&cause=unknown", "this-week", "talking-about-absence",
     "luvn-school-social-workers-and-psychologists"),
])
def test_advice(client, real_site, answers, level, page, service) -> None:
    for lang, start in START.items():
        html = client.get(f"{start}?{answers}").get_data(as_text=True)
        assert f'class="care-card {level}"' in html
        assert f'href="{real_site.page(lang, page).url}"' in html
        assert f'href="{real_site.service_url(lang, service)}"' in html


def test_unknown_answers_go_back_to_the_question(client) -> None:
    html = client.get(START["en"] + "?who=alien&safety=danger").get_data(as_text=True)
    assert "Question 1 of 4" in html and "care-card" not in html


def test_the_check_validates_every_reference(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {})
    text = (REAL_CONTENT / "navigator.yaml").read_text(encoding="utf-8")
    text = text.replace("pages: [after-long-absence]", "pages: [no-such-page]")
    text = text.replace("{when: {duration: days}", "{when: {duration: years}")
    (content / "navigator.yaml").write_text(text, encoding="utf-8")
    _, problems = read_site(content)
    found = "\n".join(str(p) for p in problems)
    assert "content/navigator.yaml" in found
    assert "'no-such-page' has no page in fi, sv, en" in found
    assert "'years' is not an answer to 'duration'" in found
    assert "'emergency-112' is not a directory entry" in found
