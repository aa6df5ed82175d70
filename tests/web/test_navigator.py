"""'Where do we start?': one question per URL, advice with an urgency level,
danger ending the questions at once, and a person to contact for every answer."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from koulupolku import create_app
from koulupolku.content import read_site
from koulupolku.content.contacts import offer, speaks
from koulupolku.content.hours import HELSINKI
from tests.scratch import REAL_CONTENT, write_tree

START = {"fi": "/fi/mista-aloittaa/", "sv": "/sv/var-borjar-vi/", "en": "/en/where-to-start/"}
# The crisis line in each language, and the Finnish one that always answers.
CRISIS = {"fi": "tel:+358925250111", "sv": "tel:+358925250112", "en": "tel:+358925250116"}
ALWAYS = "tel:+358925250111"
NOON = datetime(2026, 12, 2, 12, 0, tzinfo=HELSINKI)


def main(html: str) -> str:
    return html.split('<main', 1)[1].split("</main>", 1)[0]


def contacts_of(html: str) -> str:
    """The advice's list of services (empty when there is none)."""
    found = re.search(r'<ul class="routes">(.*?)</ul>\s*(?:<h2|<p class="nav-again")', html, re.S)
    return found.group(1) if found else ""


def test_each_step_is_a_url_that_works_without_javascript(client) -> None:
    html = client.get(START["fi"]).get_data(as_text=True)
    assert "Kysymys 1/5" in html
    # every answer is its own submit button: one tap answers, no script needed
    assert '<button type="submit" name="safety" value="danger">' in html
    step2 = client.get(START["fi"] + "?safety=safe").get_data(as_text=True)
    assert "Kysymys 2/5" in step2 and 'type="hidden" name="safety" value="safe"' in step2
    assert 'name="who" value="parent"' in step2 and "Takaisin" in step2


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_danger_on_the_first_step_goes_straight_to_help_now(client, lang) -> None:
    first = main(client.get(START[lang]).get_data(as_text=True))
    assert 'name="safety" value="danger"' in first  # the danger answer is on page one
    response = client.get(f"{START[lang]}?safety=danger")
    html = main(response.get_data(as_text=True))
    assert 'class="care-card help-now"' in html
    assert 'href="tel:112"' in html and f'href="{CRISIS[lang]}"' in html
    assert "<fieldset" not in html and 'type="submit"' not in html  # no further question
    assert html.index('href="tel:112"') < html.index(f'href="{CRISIS[lang]}"')
    assert response.headers["Cache-Control"] == "no-store"


def test_the_help_now_card_labels_the_crisis_lines_honestly(client) -> None:
    fi = main(client.get(START["fi"] + "?safety=danger").get_data(as_text=True))
    assert "Kriisipuhelin (suomi)" in fi and "Ympäri vuorokauden" in fi
    assert "tel:+358925250112" not in fi  # a Finnish reader's own line always answers
    sv = main(client.get(START["sv"] + "?safety=danger").get_data(as_text=True))
    # the Swedish line keeps limited hours, so the Finnish line that always answers follows it
    assert "Kristelefonen (svenska)" in sv and "oftast måndag till fredag" in sv
    assert f'href="{ALWAYS}"' in sv and "Kristelefonen (finska)" in sv and "Dygnet runt" in sv
    assert sv.index('href="tel:+358925250112"') < sv.index(f'href="{ALWAYS}"')
    en = main(client.get(START["en"] + "?safety=danger").get_data(as_text=True))
    assert "Crisis Helpline (English)" in en and "at least on Fridays" in en
    assert "Crisis Helpline (Finnish)" in en and "Around the clock" in en
    for html in (fi, sv, en):
        assert html.count('<li>') >= 5 + 3  # what to do while waiting, and the numbers
        assert 'class="call"' in html


def test_danger_ends_the_questions_at_any_step(client, real_site) -> None:
    """Later answers in the address are ignored: the help-now card stays."""
    later = "?safety=danger&who=parent&duration=months&cause=home&municipality=espoo"
    html = main(client.get(START["en"] + later).get_data(as_text=True))
    assert 'class="care-card help-now"' in html and "<fieldset" not in html
    assert "network-meeting" not in html and real_site.page("en", "network-meeting").url \
        not in html


def test_danger_asked_later_still_ends_the_questions_at_once(real_site) -> None:
    """The stop is a rule in the data, not a place in the order: with the safety
    question third, answering danger there shows the help-now card next."""
    navigator = real_site.navigator
    by_id = {q.id: q for q in navigator.questions}
    order = ("who", "duration", "safety", "cause", "municipality")
    moved = replace(navigator, questions=tuple(by_id[q] for q in order))
    app = create_app({"TESTING": True})
    app.extensions["koulupolku.site"] = replace(real_site, navigator=moved)
    client = app.test_client()
    step3 = main(client.get(START["sv"] + "?who=parent&duration=weeks").get_data(as_text=True))
    assert "Fråga 3 av 5" in step3 and 'name="safety" value="danger"' in step3
    html = main(client.get(START["sv"] + "?who=parent&duration=weeks&safety=danger")
                .get_data(as_text=True))
    assert 'class="care-card help-now"' in html and "<fieldset" not in html
    assert 'href="tel:112"' in html and f'href="{CRISIS["sv"]}"' in html
    assert moved.next_question({"who": "young", "duration": "days", "safety": "danger"}) is None


def test_the_municipality_question_is_optional(client, real_site) -> None:
    asked = "?safety=safe&who=parent&duration=weeks&cause=anxiety"
    html = main(client.get(START["fi"] + asked).get_data(as_text=True))
    assert "Kysymys 5/5 · vapaaehtoinen" in html and 'aria-describedby="q-hint"' in html
    assert 'name="municipality" value="raasepori">Raasepori</button>' in html
    assert 'name="municipality" value="elsewhere"' in html  # the way past it
    sv = main(client.get(START["sv"] + asked).get_data(as_text=True))
    assert 'value="raasepori">Raseborg</button>' in sv
    skipped = main(client.get(START["fi"] + asked + "&municipality=elsewhere")
                   .get_data(as_text=True))
    assert 'class="care-card this-week"' in skipped and contacts_of(skipped)
    assert real_site.navigator.place({"municipality": "elsewhere"}) is None
    assert real_site.navigator.place({"municipality": "espoo"}) == "espoo"


def test_a_municipality_leaves_out_services_that_do_not_serve_it(real_site) -> None:
    services = dict(real_site.services)
    school = services["luvn-school-social-workers-and-psychologists"]
    services["luvn-school-social-workers-and-psychologists"] = replace(
        school, municipalities=("hanko",))
    ids = ["luvn-school-social-workers-and-psychologists", "mieli-crisis-helpline"]
    in_espoo = [o.service.id for o in offer(services, ids, "fi", NOON, "espoo")]
    in_hanko = [o.service.id for o in offer(services, ids, "fi", NOON, "hanko")]
    not_said = [o.service.id for o in offer(services, ids, "fi", NOON, None)]
    assert in_espoo == ["mieli-crisis-helpline"]
    assert in_hanko == ids  # in the order the rules give
    assert not_said == ["mieli-crisis-helpline", "luvn-school-social-workers-and-psychologists"]


def test_every_reachable_answer_names_someone_to_contact(real_site) -> None:
    """No dead end: every finished set of answers, in every language, offers at
    least one service with a number to call or a link to follow."""
    navigator = real_site.navigator
    paths = list(navigator.paths())
    assert len(paths) > 1000  # every municipality, cause, duration and asker
    for answers in paths:
        advice = navigator.advise(answers)
        for lang in ("fi", "sv", "en"):
            found = offer(real_site.services, advice.services, lang, NOON,
                          navigator.place(answers))
            assert any(o.lines or o.links for o in found), (answers, lang)


def test_every_answer_page_shows_a_call_button_or_a_link(client, real_site) -> None:
    """The same through the pages: every path, the municipality left out or
    one given, a language in turn."""
    navigator = real_site.navigator
    paths = [a for a in navigator.paths() if a.get("municipality") in (None, "elsewhere",
                                                                        "lohja")]
    assert len(paths) > 200
    for number, answers in enumerate(paths):
        lang = ("fi", "sv", "en")[number % 3]
        query = "&".join(f"{k}={v}" for k, v in answers.items())
        html = main(client.get(f"{START[lang]}?{query}").get_data(as_text=True))
        assert "<fieldset" not in html, query
        listed = html if answers["safety"] == "danger" else contacts_of(html)
        assert 'href="tel:' in listed or 'rel="external' in listed, (lang, query)


@pytest.mark.parametrize(("answers", "level", "page", "service"), [
    ("safety=safe&who=parent&duration=months&cause=home&municipality=espoo", "this-week",
     "network-meeting", "luvn-family-counselling"),
    ("safety=safe&who=young&duration=days&cause=sleep&municipality=elsewhere", "self-care",
     "sleep-and-rhythm", "sekasin-chat"),
    ("safety=safe&who=young&duration=days&cause=anxiety&municipality=vihti", "self-care",
     "school-anxiety", "sekasin-chat"),
    ("safety=safe&who=parent&duration=weeks&cause=unknown&municipality=elsewhere", "this-week",
     "talking-about-absence", "luvn-school-social-workers-and-psychologists"),
    ("safety=heavy&who=professional&duration=days&cause=learning&municipality=inkoo",
     "this-week", "operational-model", "mieli-crisis-helpline"),
])
def test_advice(client, real_site, answers, level, page, service) -> None:
    for lang, start in START.items():
        html = client.get(f"{start}?{answers}").get_data(as_text=True)
        assert f'class="care-card {level}"' in html
        assert f'href="{real_site.page(lang, page).url}"' in html
        assert f'href="{real_site.service_url(lang, service)}"' in contacts_of(html)


def test_swedish_pages_list_services_with_a_swedish_channel_first(client, real_site) -> None:
    answers = "safety=safe&who=young&duration=weeks&cause=anxiety&municipality=elsewhere"
    for lang in ("sv", "fi", "en"):
        listed = contacts_of(client.get(f"{START[lang]}?{answers}").get_data(as_text=True))
        ids = [url.rstrip("/").rsplit("/", 1)[1]
               for url in re.findall(r'<h3><a href="([^"]+)"', listed)]
        spoken = [speaks(real_site.services[i], lang) for i in ids]
        assert len(ids) >= 4 and spoken == sorted(spoken, reverse=True), (lang, ids)
    sv = contacts_of(client.get(f"{START['sv']}?{answers}").get_data(as_text=True))
    assert sv.index("Barn- och ungdomstelefonen</a>") < sv.index("Sekasin-chatten (på finska)</a>")
    assert 'href="tel:+35880096116"' in sv
    # a line only in Finnish is still offered, and says so
    assert sv.count("Bara på finska") == 2


def test_language_switch_keeps_the_answers(client) -> None:
    answers = "safety=safe&who=parent&duration=weeks"
    html = client.get(f"{START['sv']}?{answers}&utm_source=x&cause=nonsense").get_data(
        as_text=True)
    switch = html.split('class="langs"')[1].split("</nav>")[0]
    links = dict(re.findall(r'<a href="([^"?]+)\?([^"]*)" hreflang="(?:fi|en)"', switch))
    assert set(links) == {START["fi"], START["en"]}
    for query in links.values():
        # what the page understood is carried; what it ignored is not
        assert dict(parse_qsl(query.replace("&amp;", "&"))) == dict(parse_qsl(answers))
    advice = "safety=heavy&who=young&duration=days&cause=sleep&municipality=lohja"
    html = client.get(f"{START['fi']}?{advice}").get_data(as_text=True)
    en = re.search(r'<a href="([^"]+)" hreflang="en"', html).group(1).replace("&amp;", "&")
    assert urlsplit(en).path == START["en"]
    assert dict(parse_qsl(urlsplit(en).query)) == dict(parse_qsl(advice))
    followed = client.get(en).get_data(as_text=True)
    assert 'class="care-card this-week"' in followed and "sleep rhythm" in followed
    # with no answers, the switcher links stay plain
    first = client.get(START["fi"]).get_data(as_text=True)
    assert f'<a href="{START["sv"]}" hreflang="sv"' in first


def test_the_check_validates_every_reference(tmp_path: Path) -> None:
    content = write_tree(tmp_path, {})
    text = (REAL_CONTENT / "navigator.yaml").read_text(encoding="utf-8")
    text = text.replace("pages: [after-long-absence]", "pages: [no-such-page]")
    text = text.replace("{when: {duration: days}", "{when: {duration: years}")
    text = text.replace("{when: {safety: heavy}, level: this-week,",
                        "{when: {safety: heavy}, level: this-week, stop: true,")
    text = text.replace("options_from: municipalities", "options_from: counties")
    (content / "navigator.yaml").write_text(text, encoding="utf-8")
    _, problems = read_site(content)
    found = "\n".join(str(p) for p in problems)
    assert "content/navigator.yaml" in found
    assert "'no-such-page' has no page in fi, sv, en" in found
    assert "'years' is not an answer to 'duration'" in found
    assert "'emergency-112' is not a directory entry" in found
    assert "rules[1].stop: only a help-now rule may end the questions early" in found
    assert "'counties' is not one of municipalities" in found


def test_the_check_finds_answers_with_nobody_to_contact(tmp_path: Path) -> None:
    """Copy the real content, take the services out of the rules that give them to
    a parent: the check names the answers that would end with nobody to call."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, content)
    text = (content / "navigator.yaml").read_text(encoding="utf-8")
    text = text.replace(", services: [luvn-school-social-workers-and-psychologists, "
                        "mll-parents-helpline]", "")
    (content / "navigator.yaml").write_text(text, encoding="utf-8")
    site, problems = read_site(content)
    found = "\n".join(str(p) for p in problems if p.severity == "error")
    assert site is None
    assert "no rule names a service to contact for the answers safety: safe, who: parent, " \
        "duration: days" in found
    assert "more answer combinations without a service" in found


def test_pages_being_written_are_a_warning_and_shown_once_they_exist(real_site) -> None:
    _, problems = read_site(REAL_CONTENT)
    waiting = [str(p) for p in problems if "pages_once_written" in str(p)]
    advice = real_site.navigator.advise({"safety": "danger"})
    assert advice.stopped and advice.level == "help-now"
    for key in ("young-suicidal-thoughts", "parents-suicidal-thoughts"):
        assert key in advice.pages
        exists = all(real_site.page(lang, key) for lang in ("fi", "sv", "en"))
        assert exists or any(key in w and "warning" in w for w in waiting)


def test_unknown_answers_go_back_to_the_question(client) -> None:
    html = client.get(START["en"] + "?safety=alien&who=parent").get_data(as_text=True)
    assert "Question 1 of 5" in html and "care-card" not in html
