"""Qt widgets: ui/app.py starts the windows; editor/, overview/, department/ are the documents' windows, common/ what they share."""
