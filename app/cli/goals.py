"""Subcommands for the goal hierarchy."""

from __future__ import annotations

import argparse

from app.cli.common import db_argument, open_db


def _goal_find_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("text", help="söktext: rubrik, kod, beskrivning eller indikatornamn")


def cmd_goal_find(args: argparse.Namespace) -> int:
    from app.services.goals import editing as goals

    with open_db(args).session() as session:
        found = goals.search_goals(session, args.text)
        for goal_id in goals.in_tree_order(session, found.matches):
            detail = goals.goal_detail(session, goal_id)
            print(f"{detail.code or '-'}\t{detail.level.sv}\t{detail.title}")
    return 0 if found.matches else 1


def _goal_move_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("codes", nargs="+", metavar="KOD", help="målen som flyttas (med allt under dem)")
    parser.add_argument("--under", required=True, metavar="KOD", help="nytt överordnat mål")
    parser.add_argument("--row", type=int, default=-1, help="plats bland syskonen (0 = först; standard: sist)")


def cmd_goal_move(args: argparse.Namespace) -> int:
    from app.services.goals import editing as goals

    with open_db(args, writes=True).transaction() as session:
        ids = [goals.goal_id_by_code(session, code) for code in args.codes]
        goals.move_goals(session, ids, goals.goal_id_by_code(session, args.under), args.row)
    print(f"{len(ids)} mål flyttade under {args.under}")
    return 0


SUBCOMMANDS = {
    "goal-find": ("sök mål på rubrik, kod, beskrivning och indikatornamn", _goal_find_arguments, cmd_goal_find),
    "goal-move": ("flytta mål (med allt under dem) till ett nytt överordnat mål", _goal_move_arguments,
                  cmd_goal_move),
}
