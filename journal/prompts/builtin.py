"""The prompts that come with the app, in its own words, and the deck's About note.

Each built-in prompt has a fixed UUID written here. It must never change: answers, exported
documents and other machines name a prompt by it, and "Restore built-in prompts" finds the
original text by it. A new prompt gets a new UUID; a retired one keeps its UUID out of use.

Rewatch prompts may name the earlier viewing with ``{last_date}`` and ``{last_rating}``
(see ``journal.prompts.deck.render_text``).
"""

from __future__ import annotations

from typing import Final

ABOUT: Final = (
    "These questions are here if you want them. Skip any, hide any, change the words, "
    "or write your own; there are no right answers, and an empty page is fine too.\n\n"
    "This is a journal, not therapy. If a film stirs up more than you want to hold tonight, "
    "stop: close it, step away, come back another day or not at all. If something stays "
    "heavy for longer than a film should, tell someone you trust."
)

# (uid, moment, text) in the order the deck shows them within each moment.
BUILTIN_PROMPTS: Final[tuple[tuple[str, str, str], ...]] = (
    # After a viewing: three to five of these sit beside the reflection.
    (
        "311e8a44-ab95-4e2d-9f60-f3b9f22d550f",
        "viewing",
        "Which pause said the most? What was held in it?",
    ),
    (
        "3f896aae-ed2e-4285-8d89-bb3b946ae0bc",
        "viewing",
        "What was hard to watch? You can say why, or only that it was.",
    ),
    (
        "467676a0-df69-4385-9a85-2ffa9fa8e3fe",
        "viewing",
        "Who was finally heard, and who was the one listening?",
    ),
    (
        "63459e27-30b8-47e1-8fae-4968e5ccd37b",
        "viewing",
        "Where did \u201csorry\u201d become an apology? Was the harm named, explained without "
        "being excused, felt, and was something offered to mend it? Which part was missing?",
    ),
    (
        "e5b74b54-0dc0-4ba4-8243-2d5dc7ff36c0",
        "viewing",
        "Did someone forgive without coming back together, come back together without "
        "forgiving, or manage both?",
    ),
    (
        "7de8ed9f-61d2-4f30-b7ba-e6d559694393",
        "viewing",
        "What did the place witness: the kitchen, the road, the doorway? "
        "What would it say if it could?",
    ),
    (
        "fccca446-9b9f-4257-bc43-ece53f7aeeef",
        "viewing",
        "Name one small thing you could do this week because of this film.",
    ),
    (
        "3cd717b2-c1e4-4c35-bad3-6dcb627ca404",
        "viewing",
        "Which object carried what the people could not say?",
    ),
    (
        "2a26b54f-8efb-4e8c-a577-b2d5db4756d6",
        "viewing",
        "Whose silence did you understand best?",
    ),
    (
        "8ba6007b-09ad-432b-b3a0-d0223b8a9fd1",
        "viewing",
        "Where did someone choose to stay in the room when leaving would have been easier?",
    ),
    (
        "0cd245a3-8da5-43c5-9f9d-6d779b69d188",
        "viewing",
        "What was still unmended at the end? Could you let it stay that way?",
    ),
    (
        "bf2a397b-7d11-414e-a457-254e1f8e82c6",
        "viewing",
        "Which line do you think you will still hear tomorrow?",
    ),
    (
        "52df39d1-d3d3-4359-8309-bdbf60da3371",
        "viewing",
        "Who did you think of while you watched?",
    ),
    (
        "4f4b7bc5-34c5-4fb5-9018-a6c1881057f3",
        "viewing",
        "What did the film ask of the one who was wronged? Did that seem fair to you?",
    ),
    (
        "e4992c39-fee3-4a2a-86de-53811c118c5b",
        "viewing",
        "Was a memory told differently by the end than at the start? What changed it?",
    ),
    # On a rewatch.
    (
        "090c4400-b5ac-4434-b228-4da4cc4800b0",
        "rewatch",
        "What do you notice now that you did not see before?",
    ),
    (
        "2d4d1933-8893-4ed2-9864-80b90e7b26f3",
        "rewatch",
        "Which pause feels different this time: longer, shorter, kinder?",
    ),
    (
        "8df865ca-349c-453d-8255-91425c5e8cb7",
        "rewatch",
        "You last watched this on {last_date} ({last_rating}). "
        "Write a few lines to the person who watched it then.",
    ),
    (
        "c506799d-33d6-4922-8527-e1c27c02b6c0",
        "rewatch",
        "Has someone in the film changed for you since last time, or have you?",
    ),
    (
        "cfa1200a-6261-4d9d-b63f-ed1f6effb21d",
        "rewatch",
        "What had you remembered differently from how it is?",
    ),
    # One short line under the entry editor, by the entry's kind.
    ("67369ebe-e007-40ec-9787-78c8ae0d8a13", "pause", "What was held in this silence?"),
    ("8a3ff867-9a58-4138-9581-eddc559b926b", "pause", "Who looks away first, and who waits?"),
    (
        "f41e35ed-b280-4260-86bc-741ace39d763",
        "motif",
        "Where have you met this before, in this film or another?",
    ),
    ("de0797bf-8edf-43ca-b380-078c87e22a03", "motif", "How has it changed since it last appeared?"),
    (
        "d9768b81-4d91-4f44-82ec-d7f306fd1e3d",
        "dialogue",
        "The line as it was said, and what it left unsaid.",
    ),
    ("b56fe420-57c3-417f-9844-db9e880242b0", "dialogue", "Who needed to hear this?"),
    (
        "732a2573-1f7d-4c5a-af08-018397c7409c",
        "reaction",
        "What moved in you here, in a few plain words?",
    ),
    (
        "4e3dc6af-83e4-43d2-be4b-31c930f3d0f7",
        "reaction",
        "Is this feeling the film\u2019s, or something you brought with you?",
    ),
    (
        "cafeba03-d8e4-4d61-8f1b-130e81ba57a3",
        "scene",
        "What do the light and the room say that no one does?",
    ),
    (
        "13003429-aeb9-4768-93fb-dbc808fa0cd2",
        "scene",
        "Where is the camera standing, and why there?",
    ),
    ("25ec3b8b-973e-4c80-b639-3c8b5c5c951d", "note", "Anything you want to keep from this moment."),
    ("f72e6cbf-407d-4c85-9e17-36b787b12c8a", "note", "A question to come back to next time."),
)
