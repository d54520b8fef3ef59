"""The editor: one project's form in a window, its controller, undoable edits and tables."""
