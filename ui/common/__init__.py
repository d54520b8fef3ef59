"""What the windows share: the questions asked of the clerk, settings, geometry, the guide, printing."""
