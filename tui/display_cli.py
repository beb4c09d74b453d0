"""``huiwu display``: the projector view in this terminal, or served as a page (textual-serve)."""


def run_display(*, db, lang, contest, serve: bool, host: str, port: int) -> None:
    raise NotImplementedError("the projector view is being built")
