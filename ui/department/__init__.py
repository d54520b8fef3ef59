"""部门整体 in the window: the dialog where the department's figures are typed and exported."""
