"""部门整体 exported: its self-assessment table (Word, Excel) on its own grid, and the draft report."""
