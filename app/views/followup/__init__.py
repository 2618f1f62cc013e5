"""Uppföljning: the follow-up page, its models, charts and the targets dialog."""
