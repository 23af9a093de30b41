"""Evaluation suite: gold set, metrics, baselines, reports and the CI gate."""
