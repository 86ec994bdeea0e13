"""The subtitles room: Film → Subtitles…, the line at an entry's position, and the film's
silences and refrains (journal/subtitles/ does the work; these are its widgets and commands)."""
