"""Placeholder: the owning issue implements this plugin."""


def register():
    pass
