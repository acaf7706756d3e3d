"""The clutter filter: each kind of page furniture goes, with its reason; prose stays."""

from __future__ import annotations

import pytest

from eventwire.ingest import clutter


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Subscribe now", "subscribe"),
        ("Get unlimited digital access for just $1 a week.", "subscribe"),
        ("Already a subscriber? Log in to keep reading", "subscribe"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("Get the top stories delivered to your inbox", "newsletter"),
        ("Register (it's free and takes a minute) or log in now.", "sign-in"),
        ("Share this article", "share"),
        ("Facebook", "share"),
        ("Follow us on Instagram and Telegram", "follow"),
        ("Want to share your view on this story?", "comment"),
        ("Leave a comment", "comment"),
        ("12 Comments", "comment"),
        ("Please check our Comment Policy before commenting.", "comment-policy"),
        ("Image: AFP/Jane Placeholder", "image-credit"),
        ("Photo by Sam Example/Getty Images", "image-credit"),
        ("File photo.", "image-credit"),
        ("Read more: Harbour fees to rise in spring", "read-more"),
        ("Related stories", "related"),
        ("You may also like...", "related"),
        ("ADVERTISEMENT", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Tags: ports, shipping, trade", "tags"),
        ("An error has occurred, please try again later.", "form"),
        ("Skip to main content", "navigation"),
        ("4 min read", "widget"),
        ("Listen to the article", "widget"),
        ("We use cookies to improve your experience.", "cookies"),
        ("Updated at 1:23 p.m.", "dateline"),
        ("Published 3 hours ago", "dateline"),
    ],
)
def test_prompts(line, reason):
    assert clutter.prompt(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The number of paying subscribers to the streaming service rose by a fifth in the quarter, the company said.",
        '"Subscribe now, pay later is not a business model," the regulator told lawmakers on Tuesday.',
        "The minister said the new rules would make it easier for companies to share data with researchers.",
        "Ministers from the three countries will meet on Thursday.",
        "Security cooperation drives partnership",
        "The streaming service added nine million subscribers in the third quarter.",
        "Readers left hundreds of comments under the first version of the story.",
    ],
)
def test_prose_stays(line):
    assert clutter.prompt(line) is None


def test_caption_printed_twice_goes_to_captions_once():
    caption = "Fishing boats moored at the harbour wall at dawn, a day before the strike began."
    lines = [caption, caption, "Image: Agency/Some Photographer", "", "The strike began on Monday and closed all three ports, officials said in a statement."]
    out = clutter.clean(lines)
    assert out.captions == (caption,)
    assert caption not in out.text
    assert out.text.startswith("The strike began")
    assert [r.reason for r in out.removed] == ["caption", "caption", "image-credit"]


def test_line_followed_by_credit_is_caption():
    lines = ["A crane lifts a container onto a ship in the port", "Photo: Jane Doe", "",
             "Dockers returned to work on Friday after the two sides agreed terms, the union said."]
    out = clutter.clean(lines)
    assert out.captions == ("A crane lifts a container onto a ship in the port",)


def test_known_captions_are_taken_out_of_the_body():
    body = "The ferry sailed again on Monday after six months in dry dock, the operator said in a statement."
    out = clutter.clean(["The refitted ferry leaves port.", body], captions=["The refitted ferry leaves port."], detect_captions=False)
    assert out.text == body
    assert out.removed[0].reason == "caption"


def test_adjacent_repeated_line_is_removed():
    para = "The council approved the budget by nine votes to four after a long debate on Tuesday."
    out = clutter.clean([para, "Most of the new money will go to repairing roads and schools, the mayor said afterwards.",
                         "Most of the new money will go to repairing roads and schools, the mayor said afterwards."],
                        detect_captions=False)
    assert [r.reason for r in out.removed] == ["repeated"]


def test_short_lines_inside_a_tail_block_go_with_it():
    body = "The ministers last met on this subject in Kampala nine years ago, according to the officials."
    out = clutter.clean([body, "", "Leave a comment", "", "Chat Icons", "", "Please read our comment policy before commenting."])
    assert out.text == body
    assert ("Chat Icons", "block") in [(r.line, r.reason) for r in out.removed]


def test_short_heading_inside_body_stays():
    a = "The three countries are battling an insurgency that began more than a decade ago in the north."
    b = "Officials from both sides suggest that a long-term alignment is under way, though no deal is public."
    out = clutter.clean([a, "", "Security drives partnership", "", b])
    assert "Security drives partnership" in out.text
    assert out.removed == ()


def test_related_list_after_heading():
    body = "The port will stay open through the holiday period, the harbour master said on Friday evening."
    out = clutter.clean([body, "Related stories", "Port upgrade plan approved", "Fish prices climb before holiday"])
    assert out.text == body
    assert [r.reason for r in out.removed] == ["related", "related", "related"]


def test_norm_folds_case_quotes_dashes_and_spaces():
    assert clutter.norm("It’s  a “Test” — OK") == clutter.norm("it's a \"test\" - ok")


def test_paragraph_printed_twice_inside_the_body_keeps_one_copy():
    a = "The council approved the budget by nine votes to four after a long debate on Tuesday night."
    b = "Most of the new money will go to repairing roads and schools, the mayor said afterwards."
    out = clutter.clean([a, "", b, "", b])
    assert out.text == f"{a}\n\n{b}"
    assert out.captions == ()
    assert [r.reason for r in out.removed] == ["repeated"]
