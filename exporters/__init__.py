"""Writers of a project to the district's .docx and .xlsx forms. No Qt."""
