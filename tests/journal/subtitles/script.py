"""A hand-written quiet drama about repair, as subtitles: "The Mended Cup" (about 100 minutes).

Hana comes back to her father's pottery workshop after eight years. A cup she broke as a girl
sits mended with gold on the shelf; a letter she sent him was never opened. "I'm sorry" comes
back through the film, changed each time; generic phrases ("did you", "it's") recur too.
Sound descriptions, a song and the subtitler's credit are there as real files have them.
"""

from __future__ import annotations

from journal.subtitles.cues import Cue

# (start seconds, end seconds, text)
SCRIPT: list[tuple[float, float, str]] = [
    (95, 98, "[wind against the windows]"),
    (130, 133, "Dad? It's me."),
    (135, 138, "Did you lock the gate?"),
    (140, 143, "I'm sorry. I should have called."),
    (146, 149, "(kettle whistles)"),
    (150, 154, "You found the way, at least."),
    (156, 160, "The workshop looks the same."),
    (163, 167, "Nothing here is the same."),
    (170, 173, "Did you eat?"),
    (175, 178, "I had something on the train."),
    (320, 324, "The cup is still on the shelf."),
    (326, 330, "Of course it is. It's mended."),
    (332, 336, "With gold. That's the old way."),
    (340, 343, "[door closes]"),
    (600, 604, "I read the papers you sent."),
    (606, 610, "But not the letter."),
    (612, 615, "No. Not the letter."),
    (618, 622, "It's in the drawer. Still sealed."),
    (900, 903, "♪ Slowly, slowly, the river turns ♪"),
    (904, 907, "♪ and carries home what once was lost ♪"),
    (1300, 1304, "Do you remember breaking it?"),
    (1306, 1310, "I was nine. I ran."),
    (1312, 1316, "I'm sorry, Dad."),
    (1318, 1321, "You were a child."),
    (1323, 1327, "It's not about the cup."),
    (1330, 1333, "(sighs)"),
    (1800, 1804, "Did you keep the kiln going?"),
    (1806, 1810, "Every winter. Out of habit."),
    (1812, 1816, "Mother would have liked that."),
    (2100, 2104, "Why didn't you open the letter?"),
    (2106, 2110, "I was afraid of what it said."),
    (2112, 2116, "It said I'm sorry."),
    (2118, 2121, "Three pages of I'm sorry."),
    (2400, 2404, "[rain on the roof]"),
    (2700, 2704, "Help me with the clay."),
    (2706, 2710, "Press it slowly. Let the wheel work."),
    (2712, 2716, "It's harder than it looks."),
    (2718, 2721, "Everything is."),
    (3200, 3203, "I promise I'll stay this time."),
    (3205, 3209, "Don't promise. Just stay."),
    (3500, 3504, "It's cracked again."),
    (3506, 3510, "Then we mend it again."),
    (3512, 3516, "Gold in the cracks."),
    (3900, 3904, "I'm so sorry, Dad."),
    (3906, 3910, "For which part?"),
    (3912, 3916, "For leaving. For the silence."),
    (3918, 3922, "I was silent too."),
    (4300, 4303, "Did you sleep?"),
    (4305, 4309, "Not much. The house talks at night."),
    (4700, 4704, "Open it with me."),
    (4706, 4710, "The letter?"),
    (4712, 4716, "Yes. The letter."),
    (4718, 4722, "\"Dad, I'm sorry. I'm sorry I ran.\""),
    (4724, 4728, "I forgive you. I forgave you then."),
    (5100, 5104, "The cup goes back on the shelf."),
    (5106, 5110, "Gold in the cracks, like you said."),
    (5400, 5404, "I'm sorry it took so long."),
    (5406, 5410, "You came home. That's enough."),
    (5700, 5704, "♪ and carries home what once was lost ♪"),
    (5820, 5830, "Subtitles by the Mended Cup team\nwww.example-subs.org"),
]

RUNTIME_MS = 6_000_000  # 100 minutes; credits roll after the last line


def script_cues() -> tuple[Cue, ...]:
    """The script as cues, in film order."""
    return tuple(Cue(round(start * 1000), round(end * 1000), text) for start, end, text in SCRIPT)


def _clock(ms: int, separator: str = ",") -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02}:{minutes:02}:{seconds:02}{separator}{millis:03}"


def as_srt(cues: tuple[Cue, ...] | list[Cue], newline: str = "\n") -> str:
    """Cues written as a well-formed SubRip file."""
    blocks = [
        f"{number}\n{_clock(cue.start_ms)} --> {_clock(cue.end_ms)}\n{cue.text}\n"
        for number, cue in enumerate(cues, start=1)
    ]
    return "\n".join(blocks).replace("\n", newline)
