"""Creating a contest and changing its events, scoring scheme and tie-breakers."""

from decimal import Decimal

from sqlalchemy import func, insert, select, update

from models import audit
from models.clock import now_iso
from models.congress import require_congress
from models.contests.lookup import _scorable, load_contest
from models.contests.match_format import HEATS, MatchFormat, check_format, format_text
from models.contests.records import (
    BREAKER_ALIASES,
    MEMBERS_MAX_CHARS,
    T_CONTEST,
    T_ENTRANT,
    T_EVENT,
    TEAM_SCORES,
    ContestInfo,
    EventInfo,
    _dumps,
    quiz_json,
    stage_json,
)
from models.errors import refuse
from models.roster import lock_congress
from models.rules.ranking import UNROUNDED, awards_spec, parse_awards
from models.rules.scoring import (
    HIGHER,
    LOWER,
    MAX_DECIMALS,
    MEASURED,
    QUIZ,
    SUM,
    QuizRules,
    Stage,
    parse_decimal,
    plain,
    stage_problems,
    trim_problems,
)

# --- creating ------------------------------------------------------------------------------------


def clean_name(text: str, key: str, limit: int = 100) -> str:
    name = " ".join(str(text or "").split())
    if not name:
        raise refuse(key)
    if len(name) > limit:
        raise refuse("contest.name_too_long", name=name[:20], limit=limit)
    return name


def _check_entrant_lengths(unit: str, group: str, team: str, members: list[str]) -> None:
    """Held to the columns, so a long text typed at the CLI is refused on both backends alike."""
    for text, limit in ((unit, 100), (group, 50), (team, 100), *((m, 100) for m in members)):
        tidy = " ".join(text.split())
        if len(tidy) > limit:
            raise refuse("contest.name_too_long", name=tidy[:20], limit=limit)
    stored = _dumps(members)
    if len(stored) > MEMBERS_MAX_CHARS:
        raise refuse(
            "contest.name_too_long", name="、".join(members)[:20], limit=MEMBERS_MAX_CHARS // 2
        )


def parse_breakers(items) -> tuple[str, ...]:
    """Tie-breakers in order: a stage name (its score, oriented by the stage) or ``unrounded``."""
    out = []
    for item in items or ():
        name = str(item).strip()
        if not name:
            continue
        out.append(BREAKER_ALIASES.get(name, name))
    if len(set(out)) != len(out):
        raise refuse("contest.duplicate_breaker")
    return tuple(out)


def _check_breakers(breakers, events) -> None:
    stages = {s.name for e in events for s in e.stages if s.name}
    for name in breakers:
        if name != UNROUNDED and name not in stages:
            raise refuse("contest.bad_breaker", name=name)


def new_contest(
    db,
    title: str,
    *,
    judges: int,
    trim: int = 1,
    decimals: int = 2,
    maximum="100",
    awards: str | None = None,
    tie_breakers=(),
    team_score: str = SUM,
    judge_names=(),
    stages=None,
    quiz: QuizRules | None = None,
    operator: str = "",
    station: str = "",
) -> ContestInfo:
    """A contest with its first event: scored by the judges' panel unless ``stages`` or ``quiz``
    say otherwise (more events via :func:`set_event`). One transaction: all of it or nothing."""
    title = clean_name(title, "contest.empty_title", 200)
    problems = trim_problems(judges, trim)
    if problems:
        raise problems[0]
    if not 0 <= decimals <= MAX_DECIMALS:
        raise refuse("contest.bad_decimals", decimals=decimals, max=MAX_DECIMALS)
    maximum = parse_decimal(str(maximum))
    if maximum <= 0:
        raise refuse("contest.bad_max", max=plain(maximum))
    tiers = parse_awards(awards)
    if team_score not in TEAM_SCORES:
        raise refuse("contest.bad_team_score", value=team_score)
    names = [" ".join(str(n).split()) for n in judge_names]
    if len(names) > judges:
        raise refuse("contest.too_many_judge_names", names=len(names), judges=judges)
    first = EventInfo(0, "", 1, _event_stages(stages, quiz, maximum), quiz)
    _check_stages(first.stages)
    breakers = parse_breakers(tie_breakers)
    _check_breakers(breakers, (first,))
    with db.write() as conn:
        congress = require_congress(conn)
        lock_congress(conn, congress.id)
        taken = conn.execute(
            select(T_CONTEST.c.number).where(
                T_CONTEST.c.congress_id == congress.id, T_CONTEST.c.title == title
            )
        ).first()
        if taken:
            raise refuse("contest.duplicate_title", title=title, number=taken.number)
        number = (
            conn.execute(
                select(func.max(T_CONTEST.c.number)).where(T_CONTEST.c.congress_id == congress.id)
            ).scalar()
            or 0
        ) + 1
        contest_id = conn.execute(
            insert(T_CONTEST).values(
                congress_id=congress.id,
                number=number,
                title=title,
                judges=judges,
                trim=trim,
                decimals=decimals,
                max_mark=plain(maximum),
                awards=awards_spec(tiers),
                tie_breakers=_dumps(list(breakers)),
                team_score=team_score,
                judge_names=_dumps(names),
                created_at=now_iso(),
            )
        ).inserted_primary_key[0]
        _insert_event(conn, contest_id, "", first.stages, quiz)
        audit.append(
            conn,
            "contest.new",
            {
                "contest": number,
                "title": title,
                "judges": judges,
                "trim": trim,
                "decimals": decimals,
                "max": plain(maximum),
                "awards": awards_spec(tiers),
                "tie_breakers": list(breakers),
                "team_score": team_score,
                "stages": [stage_json(st) for st in first.stages],
                "quiz": quiz_json(quiz) if quiz else None,
            },
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return load_contest(conn, number)


def _event_stages(stages, quiz: QuizRules | None, maximum: Decimal) -> tuple[Stage, ...]:
    """A quiz scores by question; no stages given means one panel stage up to ``maximum``."""
    if quiz is not None:
        return (Stage(name="", weight=Decimal(100), kind=QUIZ, maximum=Decimal(0)),)
    return tuple(stages or (Stage(name="", weight=Decimal(100), maximum=maximum),))


def _check_stages(stages) -> None:
    problems = stage_problems(stages)
    if problems:
        raise problems[0]
    for stage in stages:
        if stage.kind == MEASURED and stage.better not in (HIGHER, LOWER):
            raise refuse("contest.bad_better", better=stage.better)


def _insert_event(
    conn, contest_id: int, name: str, stages, quiz: QuizRules | None, matches=None
) -> int:
    position = (
        conn.execute(
            select(func.max(T_EVENT.c.position)).where(T_EVENT.c.contest_id == contest_id)
        ).scalar()
        or 0
    ) + 1
    return conn.execute(
        insert(T_EVENT).values(
            contest_id=contest_id,
            position=position,
            name=name,
            stages=_dumps([stage_json(s) for s in stages]),
            quiz=_dumps(quiz_json(quiz)) if quiz else None,
            matches=format_text(matches),
        )
    ).inserted_primary_key[0]


def _has_entrants(conn, event_id: int) -> bool:
    return (
        conn.execute(select(T_ENTRANT.c.id).where(T_ENTRANT.c.event_id == event_id)).first()
        is not None
    )


def set_event(
    db,
    contest_ref,
    name: str = "",
    *,
    stages=None,
    quiz: QuizRules | None = None,
    matches: MatchFormat | None = None,
    operator: str = "",
    station: str = "",
) -> ContestInfo:
    """Add an event (项目) or redefine one that has no entrants yet. ``stages`` are
    :class:`Stage` objects; a quiz event has one stage of kind quiz; a match event (``matches``)
    has no stages: its sides play matches (models.matches). The default unnamed event is
    replaced by the first named one when it has no entrants."""
    name = " ".join(str(name or "").split())
    plays = matches is not None and matches.format != HEATS
    if matches is not None:
        check_format(matches)
        if plays and (stages or quiz):
            raise refuse("match.not_scored")
        if not plays and not _one_measure(stages):
            raise refuse("match.heats_measured")
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        stages = () if plays else _event_stages(stages, quiz, contest.maximum)
        if not plays:
            _check_stages(stages)
        existing = next((e for e in contest.events if e.name == name), None)
        if existing is None and name and len(contest.events) == 1:
            lone = contest.events[0]
            if lone.name == "" and not _has_entrants(conn, lone.id):
                existing = lone  # the default event becomes the named one
        if existing is not None:
            if _has_entrants(conn, existing.id) and (
                existing.stages != stages or existing.quiz != quiz or existing.matches != matches
            ):
                raise refuse("contest.event_has_entrants", event=name or contest.title)
            conn.execute(
                update(T_EVENT)
                .where(T_EVENT.c.id == existing.id)
                .values(
                    name=name,
                    stages=_dumps([stage_json(s) for s in stages]),
                    quiz=_dumps(quiz_json(quiz)) if quiz else None,
                    matches=format_text(matches),
                )
            )
        else:
            _insert_event(conn, contest.id, name, stages, quiz, matches)
        events = load_contest(conn, contest.number).events
        _check_breakers(contest.tie_breakers, events)
        audit.append(
            conn,
            "contest.event",
            {
                "contest": contest.number,
                "event": name,
                "stages": [stage_json(s) for s in stages],
                "quiz": quiz_json(quiz) if quiz else None,
                **({"matches": matches.json()} if matches else {}),
            },
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return load_contest(conn, contest.number)


def _one_measure(stages) -> bool:
    """Heats are run on one measured result (a time, a distance)."""
    counted = [s for s in stages or () if s.weight > 0]
    return len(counted) == 1 and counted[0].kind == MEASURED


def set_tie_breakers(
    db, contest_ref, breakers, *, operator: str = "", station: str = ""
) -> ContestInfo:
    breakers = parse_breakers(breakers)
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        _check_breakers(breakers, contest.events)
        conn.execute(
            update(T_CONTEST)
            .where(T_CONTEST.c.id == contest.id)
            .values(tie_breakers=_dumps(list(breakers)))
        )
        audit.append(
            conn,
            "contest.tie_breakers",
            {"contest": contest.number, "tie_breakers": list(breakers)},
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return load_contest(conn, contest.number)
