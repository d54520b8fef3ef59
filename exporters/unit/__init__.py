"""A unit's year exported: the 汇总表 (Word, Excel) and the combined file of the 汇总表 and every form."""
