"""Cleaning keeps the story and cuts the page around it, recording every cut against the raw text."""

from __future__ import annotations

import pytest

from loaders.clean import REASONS, CleanedText, clean_text, extract_metadata


def cuts(cleaned: CleanedText) -> list[tuple[str, str]]:
    return [(span.reason, span.text) for span in cleaned.removed]


def assert_offsets_hold(raw: str, cleaned: CleanedText) -> None:
    """Removed spans quote the raw text, and the story plus the cuts account for every visible character."""
    covered = [False] * len(raw)
    for span in cleaned.removed:
        assert raw[span.start : span.end] == span.text
        assert span.reason in REASONS
        covered[span.start : span.end] = [True] * (span.end - span.start)
    for start, end in cleaned.captions:
        assert 0 <= start < end <= len(cleaned.text)
    assert all(line == line.rstrip() for line in cleaned.text.split("\n"))
    left = "".join(ch for ch, cut in zip(raw, covered, strict=True) if not cut)
    assert visible(left) == visible(cleaned.text)


def visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\u200b\ufeff")


def test_title_with_outlet_its_repeat_and_the_comment_form() -> None:
    raw = (
        "Envoys reopen talks on river dam | The Delta Ledger\n\n"
        "Envoys reopen talks on river dam\n\n"
        "Negotiators from the three riverside states met on Tuesday to discuss water sharing, officials said.\n\n"
        "The next round is planned for the spring.\n\n"
        "Leave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *"
    )
    cleaned = clean_text(raw)
    assert cleaned.text == (
        "Negotiators from the three riverside states met on Tuesday to discuss water sharing, officials said.\n\n"
        "The next round is planned for the spring."
    )
    assert cuts(cleaned) == [
        ("title", "Envoys reopen talks on river dam | The Delta Ledger"),
        ("title", "Envoys reopen talks on river dam"),
        ("comment-prompt", "Leave a Reply"),
        ("comment-prompt", "Your email address will not be published."),
        ("comment-prompt", "Required fields are marked *"),
    ]
    assert_offsets_hold(raw, cleaned)


def test_masthead_header_dates_standfirst_and_a_repeated_caption() -> None:
    raw = (
        "Northern Valley TV\n\n"
        "Tuesday, March 5, 2024 \u00a0\n"
        "24 Sha'ban 1445 \u00a0\n\n"
        "Ministers pledge to restore border crossings\n\n"
        "Both sides also traded sharp words over fishing rights along the disputed coastline\n"
        "The two foreign ministers shake hands in Oslo, Norway on November 2, 2023. AFP\n"
        "The two foreign ministers shake hands in Oslo, Norway on November 2, 2023. AFP\n\n"
        "The two governments agreed to reopen three border crossings, their foreign ministers said on Thursday.\n"
    )
    cleaned = clean_text(raw)
    assert cuts(cleaned) == [
        ("masthead", "Northern Valley TV"),
        ("page-date", "Tuesday, March 5, 2024"),
        ("page-date", "24 Sha'ban 1445"),
        ("title", "Ministers pledge to restore border crossings"),
        ("credit", "AFP"),
        ("duplicate", "The two foreign ministers shake hands in Oslo, Norway on November 2, 2023."),
        ("credit", "AFP"),
    ]
    caption = "The two foreign ministers shake hands in Oslo, Norway on November 2, 2023."
    assert cleaned.text.split("\n\n") == [
        "Both sides also traded sharp words over fishing rights along the disputed coastline",
        caption,
        "The two governments agreed to reopen three border crossings, their foreign ministers said on Thursday.",
    ]
    [(start, end)] = cleaned.captions
    assert cleaned.text[start:end] == caption
    assert_offsets_hold(raw, cleaned)


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("KYIV (Reuters) – ", "KYIV (Reuters) –"),
        ("GENEVA — ", "GENEVA —"),
        ("NEW YORK, Sept 21 (AP) - ", "NEW YORK, Sept 21 (AP) -"),
        ("Nairobi (AFP) — ", "Nairobi (AFP) —"),
        ("(CNN) — ", "(CNN) —"),
        ("JAKARTA: ", "JAKARTA:"),
        ("JAKARTA, Indonesia, Sept 4 (Reuters) - ", "JAKARTA, Indonesia, Sept 4 (Reuters) -"),
    ],
)
def test_the_dateline_is_cut_from_the_first_paragraph(opening: str, dateline: str) -> None:
    raw = f"{opening}Delegates from both countries held a first round of talks, a spokesperson said.\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "Delegates from both countries held a first round of talks, a spokesperson said."
    assert cuts(cleaned) == [("dateline", dateline)]


def test_story_prose_glued_after_end_of_story_furniture_is_kept() -> None:
    raw = (
        "Trade envoys wrapped up two days of talks in Lisbon on Friday, a ministry statement said.\n\n"
        "Leave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *Stay informed with free updates\n"
        "Just sign up for the Harbour Digest \u2014 delivered straight to your inbox.\n"
        "Separately, the defence ministers of two Baltic states met in Riga on Thursday to discuss air patrols.\n"
        "They agreed to hold joint exercises next year, an official said.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == [
        "Trade envoys wrapped up two days of talks in Lisbon on Friday, a ministry statement said.",
        "Separately, the defence ministers of two Baltic states met in Riga on Thursday to discuss air patrols.",
        "They agreed to hold joint exercises next year, an official said.",
    ]
    assert [reason for reason, _ in cuts(cleaned)] == [
        "comment-prompt",
        "comment-prompt",
        "comment-prompt",
        "share-subscribe",
        "share-subscribe",
    ]
    assert_offsets_hold(raw, cleaned)


def test_subheadings_stay_and_trailing_tags_go() -> None:
    raw = (
        "The two leaders spoke by phone for an hour on Monday, their offices said.\n\n"
        "Energy on the agenda\n\n"
        "They also discussed gas supplies for the coming winter, the statement said.\n\n"
        "For the latest news, follow us on Twitter @example. We are also on Facebook and YouTube.\n\n"
        "Emmanuel Macron\n\n"
        "Germany\n\n"
        "Comments are closed on this story.\n\n"
        "Taboola ads will show in this div"
    )
    cleaned = clean_text(raw)
    assert "Energy on the agenda" in cleaned.text.split("\n\n")
    assert "Emmanuel Macron" not in cleaned.text
    assert cuts(cleaned)[1:] == [
        ("tag-list", "Emmanuel Macron"),
        ("tag-list", "Germany"),
        ("comment-prompt", "Comments are closed on this story."),
        ("ad", "Taboola ads will show in this div"),
    ]
    assert cuts(cleaned)[0][0] == "share-subscribe"
    assert_offsets_hold(raw, cleaned)


def test_credits_related_headlines_and_the_author_box() -> None:
    raw = (
        "Ministers from the bloc met in Brussels on Wednesday to discuss sanctions, diplomats said.\n\n"
        "See also\u00a0 Floods force thousands from their homes in the south\n\n"
        "Talks will continue next week.\n\n"
        "Reporting by Ines Duarte in Brussels; Additional reporting by Karl Weber in Berlin; "
        "Editing by Nora Lind\n\n"
        "Our standards: The Example Trust Principles.\n\n"
        "Ines Duarte\n\n"
        "Ines Duarte is a senior correspondent based in Brussels. She covers European Union politics.\n\n"
        "Leave a Reply"
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == [
        "Ministers from the bloc met in Brussels on Wednesday to discuss sanctions, diplomats said.",
        "Talks will continue next week.",
    ]
    assert [reason for reason, _ in cuts(cleaned)] == [
        "related-headline",
        "credit",
        "credit",
        "author-bio",
        "author-bio",
        "comment-prompt",
    ]
    assert_offsets_hold(raw, cleaned)


def test_furniture_sentences_at_the_end_of_a_paragraph_are_cut() -> None:
    raw = "The ministers signed the accord in Hanoi, officials said. Follow us on Telegram for more updates.\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "The ministers signed the accord in Hanoi, officials said."
    assert_offsets_hold(raw, cleaned)
    assert cuts(cleaned) == [("share-subscribe", "Follow us on Telegram for more updates.")]


def test_header_date_glued_to_an_ad_slot_and_an_avatar_byline() -> None:
    raw = (
        "Outbrain ads will show in this divTue. Mar 5th, 2024\n\n"
        "SEOUL \u2014 The two sides held a second day of talks on Tuesday, according to a government official.\n\n"
        "Avatar photo\n\nBy Admin\n\nLeave a Reply"
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "The two sides held a second day of talks on Tuesday, according to a government official."
    assert cuts(cleaned) == [
        ("ad", "Outbrain ads will show in this div"),
        ("page-date", "Tue. Mar 5th, 2024"),
        ("dateline", "SEOUL \u2014"),
        ("byline", "Avatar photo"),
        ("byline", "By Admin"),
        ("comment-prompt", "Leave a Reply"),
    ]
    assert_offsets_hold(raw, cleaned)


def test_a_short_last_sentence_stays_before_the_comment_form() -> None:
    raw = "The envoy met the premier in Dhaka on Sunday, a spokesman said.\n\nHe declined to comment.\n\nLeave a Reply"
    assert clean_text(raw).text.endswith("He declined to comment.")


def test_hard_wrapped_text_is_unwrapped() -> None:
    story = (
        "The foreign ministers of the two countries met in Astana on Wednesday and agreed to set up a joint "
        "working group on transit routes, according to a statement released after the talks ended late in "
        "the evening. Officials said the group would meet every three months and report to both governments "
        "on progress with customs rules, rail tariffs and border checks along the shared frontier."
    )
    second = (
        "A second meeting is expected in the spring, though no date has been set, one of the diplomats told "
        "reporters outside the ministry building in the capital after the session."
    )
    wrapped = "\n\n".join(_wrap(p, 64) for p in (story, second))
    assert clean_text(wrapped).text == f"{story}\n\n{second}"


def _wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def test_a_sentence_broken_mid_way_is_joined() -> None:
    raw = "The delegation met officials from\nthe finance ministry on Monday, a spokesperson said.\n"
    assert (
        clean_text(raw).text == "The delegation met officials from the finance ministry on Monday, a spokesperson said."
    )


def test_plain_story_is_kept_and_normalised() -> None:
    raw = "  The talks   ended on Friday, officials said.  \r\n\r\n\r\nBoth sides\u00a0called them useful.\u200b\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "The talks ended on Friday, officials said.\n\nBoth sides called them useful."
    assert cleaned.removed == ()
    assert clean_text(raw) == cleaned  # deterministic
    assert_offsets_hold(raw, cleaned)


def test_question_headline_is_still_the_title() -> None:
    raw = "Can the two rivals keep talking?\n\nDiplomats from both sides met in Doha on Monday, officials said.\n"
    cleaned = clean_text(raw)
    assert cuts(cleaned) == [("title", "Can the two rivals keep talking?")]


def test_photo_credit_lines_go_and_credited_captions_stay() -> None:
    raw = (
        "Photo: Reuters\n\n"
        "The president greets the visiting premier at the palace in Hanoi, Vietnam, May 4, 2023. "
        "REUTERS/Jane Example/Pool\n\n"
        "The two leaders agreed on Thursday to upgrade ties, the foreign ministry said.\n"
    )
    cleaned = clean_text(raw)
    assert cuts(cleaned) == [("credit", "Photo: Reuters"), ("credit", "REUTERS/Jane Example/Pool")]
    [(start, end)] = cleaned.captions
    assert cleaned.text[start:end].endswith("Hanoi, Vietnam, May 4, 2023.")


def test_empty_input() -> None:
    assert clean_text("") == CleanedText("", (), ())
    assert clean_text("\n \n").text == ""


def test_a_closing_quote_stays_with_its_sentence_when_a_prompt_is_cut() -> None:
    raw = "The envoy said: \u201cWe agreed on a plan for the talks.\u201d Follow us on Twitter for updates."
    cleaned = clean_text(raw)
    assert cleaned.text == "The envoy said: \u201cWe agreed on a plan for the talks.\u201d"
    assert_offsets_hold(raw, cleaned)


def test_news_about_a_journalist_is_not_an_author_bio() -> None:
    raw = (
        "The foreign ministers discussed the case of a detained reporter on Monday, officials said.\n\n"
        "Evan Example is a reporter for a US newspaper who was arrested in March.\n\n"
        "Leave a Reply"
    )
    assert "Evan Example is a reporter" in clean_text(raw).text


def test_a_story_paragraph_with_an_agency_sign_off_is_not_a_caption() -> None:
    raw = "The talks will resume in Geneva next week, officials said on Friday. (AFP)\n"
    cleaned = clean_text(raw)
    assert cleaned.text == "The talks will resume in Geneva next week, officials said on Friday."
    assert cleaned.captions == ()
    assert cuts(cleaned) == [("credit", "(AFP)")]


def test_a_label_in_capitals_with_a_colon_is_no_dateline() -> None:
    raw = "UPDATE: Delegates from both countries held a first round of talks, a spokesperson said.\n"
    assert clean_text(raw).text == raw.strip()


def test_a_date_line_with_a_byline_is_cut_as_both() -> None:
    raw = (
        "Talks resume in Cairo\n\nPosted on June 12, 2023 by Omar Farouk\n\n"
        "Mediators met in Cairo on Monday to revive truce talks, officials said.\n"
    )
    cleaned = clean_text(raw)
    assert cuts(cleaned) == [
        ("title", "Talks resume in Cairo"),
        ("page-date", "Posted on June 12, 2023"),
        ("byline", "by Omar Farouk"),
    ]
    assert_offsets_hold(raw, cleaned)


def test_a_photo_label_goes_and_its_caption_and_date_stay() -> None:
    raw = (
        "Mediators met in Cairo on Monday to revive truce talks, officials said.\n\n"
        "Photo: The mediators shake hands at the foreign ministry in Cairo, 12 June 2023. (Pool)\n"
    )
    cleaned = clean_text(raw)
    assert ("credit", "Photo:") in cuts(cleaned)
    [(start, end)] = cleaned.captions
    assert cleaned.text[start:end] == "The mediators shake hands at the foreign ministry in Cairo, 12 June 2023."
    assert_offsets_hold(raw, cleaned)


@pytest.mark.parametrize(
    "label",
    [
        pytest.param("World | Middle East", id="sections"),
        pytest.param("Asia-Pacific › Korean Peninsula", id="breadcrumb"),
        pytest.param("Diplomacy", id="one-section"),
        pytest.param("Egypt", id="a-place"),
        pytest.param("Home   Sport   Weather   Podcasts   Live TV", id="menu-set-out-with-gaps"),
        pytest.param("Markets\tTech\tCulture", id="menu-set-out-with-tabs"),
    ],
)
def test_a_section_label_is_neither_the_title_nor_the_masthead(label: str) -> None:
    raw = (
        f"{label}\n\nTalks resume in Cairo\n\nMediators met in Cairo on Monday to revive truce talks, officials said.\n"
    )
    assert cuts(clean_text(raw)) == [("page-header", label), ("title", "Talks resume in Cairo")]


def test_a_cookie_banner_is_not_the_title() -> None:
    raw = (
        "This website uses cookies to give you the best experience. Manage cookies\n\n"
        "Talks resume in Cairo\n\nMediators met in Cairo on Monday to revive truce talks, officials said.\n"
    )
    assert [reason for reason, _ in cuts(clean_text(raw))] == ["cookie-notice", "title"]


@pytest.mark.parametrize(
    "heading",
    [
        pytest.param("Related", id="related"),
        pytest.param("More from Africa", id="more-from"),
        pytest.param("See also:", id="see-also"),
    ],
)
def test_the_headlines_a_heading_introduces_are_cut(heading: str) -> None:
    raw = (
        "William Ruto met Cyril Ramaphosa in Pretoria on Monday, officials said.\n\n"
        f"{heading}\n\n"
        "Ramaphosa names new finance minister after cabinet reshuffle\n\n"
        'Tinubu vows "bold steps" on naira as inflation bites\n\n'
        "Nora Lind is our Africa correspondent, based in Nairobi."
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "William Ruto met Cyril Ramaphosa in Pretoria on Monday, officials said."
    assert [reason for reason, _ in cuts(cleaned)][:3] == ["related-headline"] * 3
    assert_offsets_hold(raw, cleaned)


def test_bulleted_headlines_after_the_story_are_cut_and_a_sentence_list_stays() -> None:
    raw = (
        "Leaders of the bloc met in Jakarta on Tuesday and agreed on three points.\n\n"
        "• The members will hold joint patrols.\n\n"
        "→ Widodo hails new era of regional trade\n\n"
        "› How the bloc's consensus rule survived a decade"
    )
    cleaned = clean_text(raw)
    assert cleaned.text.split("\n\n") == [
        "Leaders of the bloc met in Jakarta on Tuesday and agreed on three points.",
        "• The members will hold joint patrols.",
    ]
    assert [reason for reason, _ in cuts(cleaned)] == ["related-headline", "related-headline"]
    assert_offsets_hold(raw, cleaned)


@pytest.mark.parametrize(
    "credit",
    [
        pytest.param("Text: Jane Roe, Nairobi, with reporting from Lagos by Ade Bello.", id="text-label"),
        pytest.param("Edição: Marcos Lima.", id="label-in-portuguese"),
    ],
)
def test_a_labelled_credit_ending_a_paragraph_is_cut(credit: str) -> None:
    raw = f"Ruto met Ramaphosa in Pretoria on Monday. The talks lasted two hours. {credit}"
    cleaned = clean_text(raw)
    assert cleaned.text == "Ruto met Ramaphosa in Pretoria on Monday. The talks lasted two hours."
    assert cuts(cleaned) == [("credit", credit)]


def test_share_buttons_under_a_label_in_any_language_are_cut() -> None:
    raw = "Ruto met Ramaphosa in Pretoria on Monday, officials said.\n\nCompartilhe: WhatsApp | Facebook | X | E-mail"
    assert clean_text(raw).text == "Ruto met Ramaphosa in Pretoria on Monday, officials said."


def test_a_headline_that_reads_as_a_sentence_above_a_byline_is_the_title() -> None:
    raw = (
        "Ruto in Pretoria: Ramaphosa says trade deal is 'within reach'\n\n"
        "Updated 18:42 GMT, Wednesday 18 October 2023\n"
        "By Nora Lind in Pretoria and Ade Bello in Lagos\n\n"
        "William Ruto met Cyril Ramaphosa in Pretoria on Wednesday, officials said."
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "William Ruto met Cyril Ramaphosa in Pretoria on Wednesday, officials said."
    assert [reason for reason, _ in cuts(cleaned)] == ["title", "page-date", "byline"]
    metadata = extract_metadata(raw, cleaned, declared_title=None)
    assert metadata.title == "Ruto in Pretoria: Ramaphosa says trade deal is 'within reach'"
    assert metadata.authors == ("Nora Lind", "Ade Bello")


def test_a_podcast_s_host_and_guest_line_is_a_credit() -> None:
    raw = "Host: Dewi Hartono | Guest: Dr. Rahul Mehta, senior fellow\n\nRuto met Ramaphosa in Pretoria on Monday."
    cleaned = clean_text(raw)
    assert cleaned.text == "Ruto met Ramaphosa in Pretoria on Monday."
    assert cuts(cleaned) == [("credit", "Host: Dewi Hartono | Guest: Dr. Rahul Mehta, senior fellow")]
