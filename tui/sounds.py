"""Bell patterns a clerk tells apart without looking: two short bells for a ✔ with a note (hand
something over, send them to the presidium), one for a ⚠, three for a ✖; a plain ✔ is silent.
The bells are spaced with timers, so the event loop never waits for a sound and the next scan
is answered at once."""

BELLS = {"note": 2, "warn": 1, "error": 3}
GAP_SECONDS = 0.18  # apart enough to count, short enough to end before the next badge


def answer_sound(state: str, has_note: bool = False) -> str | None:
    """The pattern for a desk's answer (ok / warn / error), or None for silence."""
    if state == "ok":
        return "note" if has_note else None
    return state if state in BELLS else None


def ring(app, pattern: str | None) -> None:
    """Ring ``pattern``'s bells on the App: the first now, the others on timers."""
    count = BELLS.get(pattern or "", 0)
    if count:
        app.bell()
    for index in range(1, count):
        app.set_timer(GAP_SECONDS * index, app.bell)
