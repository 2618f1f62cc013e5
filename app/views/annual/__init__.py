"""Planering och uppföljning through the year: uppdrag, internkontroll, ekonomi and the reports."""
