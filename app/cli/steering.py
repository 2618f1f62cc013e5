"""Subcommands for the steering model (level names, depth, who adopts) and strategier."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.common import db_argument, open_db
from app.models.errors import StyrkortError


def _model_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--set", metavar="JSON", help='fil med {"name": …, "levels": [{"sv", "en", "adopted_by"}, …]}')
    parser.add_argument("--skr", action="store_true", help="återställ SKR:s standardmodell")


def cmd_steering_model(args: argparse.Namespace) -> int:
    from app.services.goals import steering_model as sm

    if args.set or args.skr:
        if args.skr:
            model = sm.SKR_DEFAULT
        else:
            try:
                data = json.loads(Path(args.set).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise StyrkortError(f"{args.set}: kan inte läsas som JSON ({exc}).",
                                    f"{args.set}: cannot be read as JSON ({exc}).") from None
            model = sm.parse_model(data)
        with open_db(args).transaction() as session:
            sm.set_steering_model(session, model)
    with open_db(args).session() as session:
        model = sm.steering_model(session)
    print(f"Styrmodell: {model.name or '–'} ({model.depth} nivåer)")
    for number, level in enumerate(model.levels, 1):
        print(f"{number}\t{level.sv}\t{level.en}\t{sm.ADOPTERS[level.adopted_by][0]}")
    return 0


def _strategy_add_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("title", metavar="RUBRIK")
    parser.add_argument("--code", metavar="KOD")
    parser.add_argument("--goal", action="append", default=[], metavar="MÅLKOD", help="mål som strategin tjänar")
    parser.add_argument("--owner", metavar="ENHETSKOD", help="ägare (nämnd eller enhet)")
    parser.add_argument("--description", default="", metavar="TEXT")


def cmd_strategy_add(args: argparse.Namespace) -> int:
    from app.services.goals import strategies
    from app.services.goals.editing import goal_id_by_code
    from app.services.organisation.editing import unit_id_by_code

    with open_db(args).transaction() as session:
        goals = [goal_id_by_code(session, code) for code in args.goal]
        owner = unit_id_by_code(session, args.owner) if args.owner else None
        strategy_id = strategies.create_strategy(session, args.title, code=args.code, owner_unit_id=owner,
                                                 description=args.description)
        for goal_id in goals:
            strategies.link_goal(session, strategy_id, goal_id)
    print(f"Strategin ”{args.title}” lades till, kopplad till {len(goals)} mål")
    return 0


def cmd_strategy_list(args: argparse.Namespace) -> int:
    from app.services.goals import strategies

    with open_db(args, readonly=True).session() as session:
        found = strategies.all_strategies(session)
    for s in found:
        goals = ", ".join(code or title for _id, code, title in s.goals) or "–"
        print(f"{s.code or '-'}\t{s.title}\t{s.owner_name or '–'}\t{goals}")
    return 0


SUBCOMMANDS = {
    "steering-model": ("visa eller ändra styrmodellen (nivåernas namn, djup, vem som fastställer)",
                       _model_arguments, cmd_steering_model),
    "strategy-add": ("lägg till en strategi kopplad till mål", _strategy_add_arguments, cmd_strategy_add),
    "strategy-list": ("lista strategierna med ägare och mål", db_argument, cmd_strategy_list),
}
