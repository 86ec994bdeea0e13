"""Reflection prompts in the window: the questions beside the reflection, the one-line prompt
under the entry editor, the deck editor, and their undoable commands."""
