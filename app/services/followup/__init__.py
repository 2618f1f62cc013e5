"""Uppföljning: periods, målvärden, utfall, status and roll-up, assessment and analysis, chart data."""
