"""Turning what an officer types into values: the same parsers as the web forms and the API."""

from use_cases.inputs import parse_day, parse_points, split_codes, split_names

__all__ = ["parse_day", "parse_points", "split_codes", "split_names"]
