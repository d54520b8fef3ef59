"""Readers of filled 自评表 files (.docx, .xlsx) into the model. No Qt."""
