"""The overview: a unit's folder in one window, its 汇总表, and work on all its projects."""
