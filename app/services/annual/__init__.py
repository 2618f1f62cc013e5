"""Planering och uppföljning through the year: uppdrag, internkontroll, finances (budget, utfall,
prognos, balanskrav) and the delårsrapport and årsredovisning built on the follow-up."""
