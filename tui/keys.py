"""Key bindings whose labels follow the interface language.

BINDINGS hold catalog keys (``Binding("f2", "manual", "key.manual", tooltip="tip.manual")``);
each instance translates its own copy when it is created, so a language chosen at start-up (or
switched between tests) shows in the footer even though the classes were imported earlier.
"""

from dataclasses import replace

from tui.i18n import t


def localize_bindings(node) -> None:
    # Textual copies the class bindings into ``_bindings`` per instance; translating that copy
    # leaves the class-level (key-only) definitions untouched.
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(
                binding,
                description=t(binding.description) if binding.description else "",
                tooltip=t(binding.tooltip) if binding.tooltip else "",
            )
            for binding in bindings
        ]


class Localized:
    """Mix in before the Textual base class: ``class MyScreen(Localized, Screen)``."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        localize_bindings(self)
