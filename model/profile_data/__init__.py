"""The rule profiles as JSON (朝阳区, 财预〔2020〕10号), shipped beside the code; model/profiles.py reads them."""
