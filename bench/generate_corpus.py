"""Deterministic generator of news-like documents for the benchmarks.

Each document is built from its own seeded random stream (seed, index), so the corpus can be
streamed one document at a time without being held in memory, and document i is the same
bytes whichever way it is produced.

Documents look like the copy the workbench ingests: a headline, a byline and date line, 6-15
paragraphs of prose from templates with a realistic density of numbers (percentages, "per
cent", "£2.5bn", "pounds 180,226", "one in seven", "a quarter of", "nearly 70%", "more than
300", years, "2014/15", "12 March 2015", durations, ranges), quotes attributed with "said Mr
X", page furniture (navigation, "Sign up to our newsletter", URLs, phone numbers), press
releases with ENDS and notes to editors, some hard-wrapped at ~70 characters and some saved
as cp1252 bytes.

    python bench/generate_corpus.py OUT_DIR --docs 10000 [--seed 2015]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

DEFAULT_SEED = 2015
WORDS_PER_DOC = 500  # the target average
NUMBER_SHARE = 0.25  # share of sentences from a template with numbers: about one claim per 24 words
# (the five seeds have one per 60 words; statistics-led stories one per 20-30)

# --------------------------------------------------------------------------- vocabulary

FIRST = """Sarah James Helen David Priya Tom Fiona Mark Aisha Robert Emma Andrew Louise Daniel
Rachel Simon Claire Mohammed Kate Peter Joanne Gareth Hannah Neil Sophie Richard Amira Paul
Lucy Stephen Grace Ian Nadia Martin Ruth Alan Debbie Chris Elaine Owen Bethany Kwame Alison
Rory Siobhan Tariq Margaret Colin Yvonne Imran""".split()
SURNAMES = """Champion Perry Munn Hardy Wilshaw Jones Cleary Wood Patel Thompson Walsh Okafor
Campbell Hughes Robinson Clarke Bennett Harrison Shah Morgan Griffiths Evans Murray Kaur
Fletcher Lewis Chowdhury Price Holloway Barker Reid Fraser Doyle Kendall Marsh Ahmed
Whitfield Stewart Osei Lambert Byrne Carter Nolan Pearson Rahman Sutherland Tierney Wallace
Ellison Hussain""".split()
TITLES = ["Mr", "Mrs", "Ms", "Dr", "Cllr", "Professor", "Sir", "Dame", "Lord"]
ORGS = [
    "Office for National Statistics",
    "Local Government Association",
    "NHS England",
    "Department for Education",
    "Ofsted",
    "Institute for Fiscal Studies",
    "Resolution Foundation",
    "Bank of England",
    "Treasury",
    "Environment Agency",
    "Royal College of Nursing",
    "British Retail Consortium",
    "Met Office",
    "Home Office",
    "Citizens Advice",
    "Shelter",
    "Age UK",
    "National Audit Office",
    "Joseph Rowntree Foundation",
    "Federation of Small Businesses",
    "Confederation of British Industry",
    "Office for Budget Responsibility",
    "Care Quality Commission",
    "Association of Directors of Children's Services",
    "King's Fund",
    "Nuffield Trust",
    "Rail Delivery Group",
    "Energy Saving Trust",
    "Trussell Trust",
    "Health Foundation",
    "Crown Prosecution Service",
    "Land Registry",
    "Nationwide",
    "Halifax",
    "Ofgem",
    "Ofwat",
    "National Farmers' Union",
    "Road Haulage Association",
    "Royal Society for the Protection of Birds",
]
PLACES = [
    "England",
    "Wales",
    "Scotland",
    "Northern Ireland",
    "London",
    "the North East",
    "the North West",
    "Yorkshire",
    "the Midlands",
    "the South West",
    "the East of England",
    "Birmingham",
    "Manchester",
    "Leeds",
    "Sheffield",
    "Bristol",
    "Liverpool",
    "Newcastle",
    "Nottingham",
    "Cardiff",
    "Glasgow",
    "Edinburgh",
    "Belfast",
    "Rotherham",
    "Hampshire",
    "Kent",
    "Essex",
    "Norfolk",
    "Somerset",
    "Cornwall",
    "Cumbria",
    "Lancashire",
    "Devon",
    "Surrey",
    "the Isle of Wight",
    "Leicester",
    "Coventry",
    "Hull",
    "Plymouth",
    "Stoke-on-Trent",
    "Sunderland",
    "Bradford",
    "Swansea",
]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
]
DENOM_WORDS = {
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    10: "ten",
    20: "20",
    50: "50",
    100: "100",
}

# Topics: subjects (plural nouns), measures (things that rise and fall), programmes (money).
TOPICS = {
    "housing": (
        [
            "first-time buyers",
            "households",
            "private renters",
            "new homes",
            "housing associations",
            "landlords",
            "families in temporary accommodation",
            "homeowners",
            "council tenants",
        ],
        [
            "average house prices",
            "private rents",
            "mortgage approvals",
            "homelessness applications",
            "housing starts",
            "the number of empty homes",
            "repossessions",
            "deposits",
        ],
        [
            "the affordable homes programme",
            "the housing budget",
            "the Help to Buy scheme",
            "the homelessness prevention fund",
        ],
    ),
    "health": (
        [
            "patients",
            "hospitals",
            "nurses",
            "GP surgeries",
            "A&E departments",
            "ambulance trusts",
            "care homes",
            "junior doctors",
            "mental health trusts",
            "cancer patients",
        ],
        [
            "waiting lists",
            "emergency admissions",
            "delayed discharges",
            "prescription costs",
            "staff vacancies",
            "bed occupancy",
            "cancelled operations",
            "agency spending",
        ],
        [
            "the NHS budget",
            "the public health grant",
            "the mental health investment standard",
            "the social care precept",
        ],
    ),
    "education": (
        [
            "pupils",
            "schools",
            "teachers",
            "academies",
            "sixth-form colleges",
            "universities",
            "apprentices",
            "children on free school meals",
            "graduates",
            "nurseries",
        ],
        [
            "exam pass rates",
            "class sizes",
            "teacher vacancies",
            "exclusions",
            "tuition fees",
            "school funding per pupil",
            "persistent absence",
            "applications",
        ],
        ["the pupil premium", "the schools budget", "the teacher training bursary", "the free childcare scheme"],
    ),
    "economy": (
        [
            "businesses",
            "exporters",
            "manufacturers",
            "small firms",
            "retailers",
            "consumers",
            "workers",
            "savers",
            "pensioners",
            "start-ups",
        ],
        [
            "inflation",
            "unemployment",
            "average earnings",
            "economic growth",
            "retail sales",
            "business investment",
            "borrowing",
            "productivity",
            "interest rates",
            "household debt",
        ],
        ["the deficit", "the spending review", "the business rates relief scheme", "the national insurance rise"],
    ),
    "crime": (
        [
            "offenders",
            "police forces",
            "victims",
            "prisoners",
            "officers",
            "young people",
            "magistrates' courts",
            "probation staff",
            "drivers",
        ],
        [
            "recorded crime",
            "knife offences",
            "burglaries",
            "fraud reports",
            "the prison population",
            "court backlogs",
            "stop and search",
            "reoffending rates",
            "charge rates",
        ],
        ["the policing grant", "the victims' fund", "the prison building programme", "the violence reduction budget"],
    ),
    "transport": (
        [
            "passengers",
            "commuters",
            "rail operators",
            "bus routes",
            "cyclists",
            "motorists",
            "airports",
            "lorry drivers",
            "train services",
        ],
        [
            "fares",
            "delays",
            "cancellations",
            "passenger numbers",
            "road deaths",
            "congestion",
            "fuel prices",
            "punctuality",
        ],
        [
            "the roads programme",
            "the bus service improvement fund",
            "the rail upgrade",
            "the cycling and walking budget",
        ],
    ),
    "energy": (
        [
            "households",
            "energy suppliers",
            "wind farms",
            "homes",
            "customers on prepayment meters",
            "solar installations",
            "power stations",
            "heat pumps",
        ],
        [
            "energy bills",
            "gas prices",
            "carbon emissions",
            "fuel poverty",
            "electricity demand",
            "renewable output",
            "standing charges",
        ],
        ["the warm homes discount", "the energy price guarantee", "the green homes grant", "the insulation scheme"],
    ),
    "social care": (
        [
            "local authorities",
            "councils",
            "children in care",
            "care leavers",
            "social workers",
            "foster carers",
            "older people",
            "carers",
            "disabled adults",
        ],
        [
            "caseloads",
            "referrals",
            "care costs",
            "the number of looked-after children",
            "staff turnover",
            "assessments",
            "child protection plans",
            "agency fees",
        ],
        [
            "the social care grant",
            "the troubled families programme",
            "the better care fund",
            "the children's services budget",
        ],
    ),
    "environment": (
        [
            "farmers",
            "rivers",
            "water companies",
            "beaches",
            "woodlands",
            "councils",
            "species",
            "bathing sites",
            "recycling centres",
        ],
        [
            "sewage spills",
            "recycling rates",
            "rainfall",
            "flood warnings",
            "air pollution",
            "bird populations",
            "plastic waste",
            "tree planting",
        ],
        ["the flood defence budget", "the nature recovery fund", "the farming transition fund", "the clean air fund"],
    ),
}
TOPIC_NAMES = sorted(TOPICS)
JUDGED = [
    "inadequate",
    "outstanding",
    "good",
    "requiring improvement",
    "unsafe",
    "poor",
    "failing",
    "adequate",
    "overcrowded",
    "unfit for purpose",
]
UP = ["rose", "increased", "climbed", "jumped", "grew", "surged", "went up"]
DOWN = ["fell", "dropped", "declined", "slipped", "decreased", "went down", "shrank"]
UP_PP = ["risen", "increased", "climbed", "grown", "gone up", "jumped"]
DOWN_PP = ["fallen", "dropped", "declined", "slipped", "gone down", "shrunk"]
HEDGE = [
    "nearly",
    "almost",
    "about",
    "around",
    "more than",
    "over",
    "at least",
    "fewer than",
    "some",
    "roughly",
    "up to",
    "just under",
    "just over",
    "approximately",
]
REPORTED = ["said", "warned", "found", "revealed", "showed", "estimated", "reported", "concluded"]
SOURCES = [
    "the report",
    "the figures",
    "the analysis",
    "the survey",
    "the review",
    "the study",
    "official data",
    "the latest statistics",
    "the inspection",
    "the audit",
]
ADJ = [
    "significant",
    "worrying",
    "sharp",
    "modest",
    "steady",
    "surprising",
    "dramatic",
    "gradual",
    "record",
    "long-term",
    "sustained",
    "marked",
]
ACTIONS = [
    "tighten the rules",
    "publish a full response",
    "review the funding formula",
    "bring forward legislation",
    "set up an independent inquiry",
    "protect front-line services",
    "invest in early intervention",
    "cut red tape",
    "hire more staff",
    "reform the system",
    "consult on the proposals",
    "extend the pilot scheme",
]
CONCERNS = [
    "the quality of leadership",
    "a lack of oversight by management",
    "the pressure on staff",
    "the gap between rich and poor areas",
    "the reliance on agency workers",
    "poor record keeping",
    "the cost of living",
    "the impact on the most vulnerable",
    "a shortage of skilled staff",
    "the state of ageing buildings",
]
CLAUSES = [
    "despite rising demand",
    "according to the latest figures",
    "in the wake of the pandemic",
    "amid concerns about funding",
    "for the first time in a decade",
    "across the country",
    "at a time of stretched budgets",
    "in spite of repeated warnings",
    "as the effects of the cuts continue to be felt",
    "ahead of the next election",
    "while the picture varies widely between regions",
    "under the new inspection regime",
]
ROLES = [
    "chief executive of the {org}",
    "a spokesperson for the {org}",
    "director of policy at the {org}",
    "chair of the {org}",
    "chief economist at the {org}",
    "head of research at the {org}",
    "the minister responsible",
    "the shadow minister",
    "a senior fellow at the {org}",
    "the leader of the council",
    "president of the {org}",
]
PURPOSES = [
    "tackle the backlog",
    "improve standards",
    "support struggling families",
    "recruit more staff",
    "upgrade ageing equipment",
    "expand the scheme nationwide",
    "reduce waiting times",
    "help those most in need",
]

# --------------------------------------------------------------------------- number expressions


def _comma(n: int) -> str:
    return f"{n:,}"


def _by_roll(r: random.Random, *forms: tuple[float, Callable[[], str]], rest: Callable[[], str]) -> str:
    """One of several forms, chosen by a single roll: the first whose bound the roll is under (the
    bounds rise), else `rest`. A form draws from `r` only once chosen, after the roll, so that the
    stream (and every document) stays the same."""
    roll = r.random()
    for bound, form in forms:
        if roll < bound:
            return form()
    return rest()


def _pct_value(r: random.Random) -> str:
    return _by_roll(
        r,
        (0.5, lambda: str(r.randint(2, 95))),
        (0.85, lambda: f"{r.uniform(0.2, 60):.1f}"),
        rest=lambda: str(r.choice([10, 20, 25, 30, 40, 50, 60, 75])),
    )


def pct(r: random.Random) -> str:
    value = _pct_value(r)
    roll = r.random()
    body = f"{value}%" if roll < 0.55 else f"{value} per cent" if roll < 0.9 else f"{value} percent"
    return f"{r.choice(HEDGE)} {body}" if r.random() < 0.25 else body


def money(r: random.Random) -> str:
    return _by_roll(
        r,
        (0.25, lambda: f"£{r.uniform(0.1, 40):.1f}bn"),
        (0.45, lambda: f"£{r.randint(2, 950)}m"),
        (0.55, lambda: f"pounds {_comma(r.randint(1000, 999999))}"),
        (0.65, lambda: f"£{r.uniform(1, 30):.1f} million"),
        (0.75, lambda: f"£{_comma(r.randrange(500, 95000, 50))}"),
        (0.8, lambda: f"${r.uniform(1, 90):.1f}bn"),
        (0.85, lambda: f"€{_comma(r.randrange(1000, 500000, 1000))}"),
        (0.9, lambda: f"£{r.randint(1, 99)}.{r.randint(0, 99):02d}"),
        (0.95, lambda: f"pounds {r.uniform(1, 20):.1f}bn"),
        rest=lambda: f"{r.choice(HEDGE)} £{r.randint(2, 500)}m",
    )


def count(r: random.Random) -> str:
    round_numbers = [50, 100, 150, 200, 300, 500, 1000, 2000, 5000, 10000, 20000]
    return _by_roll(
        r,
        (0.3, lambda: _comma(r.randint(12, 250000))),
        (0.55, lambda: f"{r.choice(HEDGE)} {_comma(r.choice(round_numbers) * r.randint(1, 9))}"),
        (0.65, lambda: r.choice(NUMBER_WORDS)),
        (0.75, lambda: f"{r.uniform(1.1, 9.9):.1f} million"),
        (
            0.82,
            lambda: r.choice(
                [
                    "tens of thousands of",
                    "hundreds of",
                    "thousands of",
                    "dozens of",
                    "hundreds of thousands of",
                    "millions of",
                ]
            ),
        ),
        (0.9, lambda: f"{r.choice(HEDGE)} {r.randint(2, 900)}"),
        rest=lambda: str(r.randint(3, 99)),
    )


def _one_in(r: random.Random) -> str:
    d = r.choice([3, 4, 5, 6, 7, 8, 10, 20, 50, 100])
    return f"{r.choice(['one', 'one', 'two', 'three'])} in {DENOM_WORDS[d]}"


def _out_of(r: random.Random) -> str:
    total = r.randint(20, 400)
    return f"{r.randint(2, total - 1)} out of the {total}"


def fraction(r: random.Random) -> str:
    return _by_roll(
        r,
        (0.35, lambda: _one_in(r)),
        (
            0.75,
            lambda: r.choice(
                [
                    "a quarter of",
                    "a third of",
                    "half of",
                    "two-thirds of",
                    "three-quarters of",
                    "a fifth of",
                    "almost half of",
                    "nearly a third of",
                    "more than half of",
                    "a tenth of",
                    "two in five of",
                    "four out of five",
                ]
            ),
        ),
        rest=lambda: _out_of(r),
    )


def year(r: random.Random) -> str:
    return str(r.randint(1985, 2016))


def split_year(r: random.Random) -> str:
    y = r.randint(2004, 2016)
    return r.choice([f"{y}/{(y + 1) % 100:02d}", f"{y}-{(y + 1) % 100:02d}", f"{y}/{y + 1}"])


def date(r: random.Random) -> str:
    d, m, y = r.randint(1, 28), r.choice(MONTH_NAMES), r.randint(2009, 2016)
    return _by_roll(
        r,
        (0.6, lambda: f"{d} {m} {y}"),
        (0.85, lambda: f"{m} {d}, {y}"),
        rest=lambda: f"{r.choice(WEEKDAYS)} {d} {m} {y}",
    )


def duration(r: random.Random) -> str:
    return _by_roll(
        r,
        (0.4, lambda: f"{r.choice(NUMBER_WORDS[:8])} {r.choice(['months', 'years', 'weeks', 'days'])}"),
        (0.7, lambda: f"{r.randint(2, 52)} {r.choice(['weeks', 'days', 'hours', 'months'])}"),
        (0.85, lambda: r.choice(["a decade", "two decades", "18 months", "48 hours", "a fortnight", "six years"])),
        rest=lambda: (
            f"{r.choice(['nearly', 'almost', 'more than', 'about'])} {r.randint(2, 30)} "
            f"{r.choice(['minutes', 'weeks', 'years'])}"
        ),
    )


def num_range(r: random.Random) -> str:
    a = r.randint(2, 40)
    b = a + r.randint(2, 30)
    return _by_roll(
        r,
        (0.4, lambda: f"between {a} and {b} per cent"),
        (0.7, lambda: f"{a}-{b}%"),
        rest=lambda: _money_range(r.uniform(0.5, 5), r),
    )


def _money_range(x: float, r: random.Random) -> str:
    return f"between £{x:.1f}bn and £{x + r.uniform(0.2, 3):.1f}bn"


def measure(r: random.Random) -> str:
    unit = r.choice(["miles", "km", "tonnes", "hectares", "acres", "litres", "degrees", "mph", "feet", "GW"])
    return f"{_comma(r.randint(2, 12000))} {unit}"


def person(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(SURNAMES)}"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# --------------------------------------------------------------------------- sentences

# Slots: {PCT} {MONEY} {COUNT} {FRAC} {YEAR} {SPLIT} {DATE} {DUR} {RANGE} {MEASURE} {SUBJ}
# {MEAS} {PROG} {ORG} {PLACE} {UP} {DOWN} {UPPP} {DOWNPP} {JUDGED} {SOURCE} {REPORTED} {ADJ}
# {ACTION} {CONCERN} {PURPOSE} {MONTH} {PERSON} {AGE} {N} {NUMWORD}
NUMBER_SENTENCES = [
    "{MEAS_CAP} in {PLACE} {UP} by {PCT} in {SPLIT}, according to the {ORG}.",
    "The {ORG} said {MEAS} had {DOWNPP} {PCT} since {YEAR}.",
    "{FRAC_CAP} {SUBJ} in {PLACE} were judged to be {JUDGED}, {SOURCE} {REPORTED}.",
    "Around {COUNT} {SUBJ} were affected last year, up from {COUNT} a year earlier.",
    "The government has pledged {MONEY} over the next {DUR} to {PURPOSE}.",
    "{FRAC_CAP} {SUBJ} said they had struggled in the past {DUR}.",
    "Figures published on {DATE} show that {COUNT} {SUBJ} were helped in {SPLIT}, compared with {COUNT} in {SPLIT}.",
    "The scheme, which cost {MONEY}, was launched in {YEAR} and has since reached {COUNT} {SUBJ}.",
    "Spending on {PROG} is forecast to reach {MONEY} by {FYEAR}, an increase of {PCT}.",
    "Of the {N} {SUBJ} inspected, {N} were rated {JUDGED} and {N} {JUDGED}.",
    "Waiting times have risen to {DUR}, against a target of {DUR}.",
    "{MEAS_CAP} now stand at {MONEY}, {PCT} higher than in {YEAR}.",
    "{SUBJ_CAP} earning less than {MONEY} a year make up {PCT} of the total.",
    "{RANGE_CAP} of {SUBJ} are expected to benefit, {SOURCE} {REPORTED}.",
    "Unemployment fell to {PCT} in the three months to {MONTH}, the lowest rate since {YEAR}.",
    "Inflation rose to {PCT} in {MONTH}, up from {PCT} the month before.",
    "The company reported pre-tax profits of {MONEY} for the year to {MONTH} {YEAR}, down {PCT}.",
    "Police recorded {COUNT} offences in {SPLIT}, a rise of {PCT} on the previous year.",
    "Nearly {PCTNUM}% of {SUBJ} in {PLACE} now fall into this group.",
    "{COUNT_CAP} {SUBJ} have been waiting more than {DUR} for a decision.",
    "A fine of pounds {BIGINT} was imposed on {DATE}.",
    "The {ORG} estimates that {FRAC} {SUBJ} will be affected by {FYEAR}.",
    "Some {DISTANCE} of new track will be laid at a cost of {MONEY}.",
    "About {MEASURE} were recorded at the site, {SOURCE} {REPORTED}.",
    "The population of {PLACE} grew by {COUNT} between {YEAR} and {YEAR}.",
    "Temperatures reached {N} degrees on {DATE}, the highest since {YEAR}.",
    "{PERSON}, {AGE}, from {PLACE}, said the change had made a real difference.",
    "Only {NUMWORD} of the {N} councils met the target in {SPLIT}.",
    "{MEAS_CAP} {DOWN} {PCT} in {MONTH} to {MONEY}, the {ORG} said.",
    "That compares with {PCT} in {PLACE} and {PCT} in {PLACE}.",
    "The number of {SUBJ} has {UPPP} by {COUNT} to {COUNT} in {DUR}.",
    "In {YEAR}, {FRAC} {SUBJ} were in this position; by {YEAR} the figure was {PCT}.",
    "{SOURCE_CAP} {REPORTED} that {MEAS} cost {SUBJ} an average of {MONEY} a year.",
    "More than {N} {SUBJ} took part in the survey, which ran for {DUR} from {DATE}.",
    "The {ORG} has set aside {MONEY} for {SPLIT}, a {ADJ} increase of {PCT}.",
    "Since {YEAR}, {MEAS} have {UPPP} by {RANGE}.",
    "One in {DENOM} {SUBJ} now waits longer than {DUR}.",
    "The target of {COUNT} {SUBJ} by {FYEAR} will be missed by {DUR}, the {ORG} warned.",
    "{SUBJ_CAP} received {MONEY} in total, or {MONEY} each.",
    "The {ADJ} rise in {MEAS} added {MONEY} to costs in {SPLIT}.",
    "Over {DUR}, {MEAS} have {DOWNPP} by {FRAC} in {PLACE}.",
]
PLAIN_SENTENCES = [
    "The findings will add to pressure on ministers to {ACTION}.",
    "The {ORG} said it would respond to the findings in due course.",
    "Critics argue that the changes do not go far enough.",
    "Campaigners have long warned that {SUBJ} in {PLACE} face an uncertain future.",
    "A spokesperson for the {ORG} said the department was working to {ACTION}.",
    "The report also highlighted {CONCERN}.",
    "Ministers are expected to set out further details later this month.",
    "The picture varies widely across {PLACE}, with some areas faring far better than others.",
    "Opposition parties called the figures a damning verdict on government policy.",
    "Inspectors praised the commitment of staff but said {CONCERN} remained a problem.",
    "The {ORG} has been approached for comment.",
    "It is the {ADJ} change since the current system was introduced.",
    "Local leaders said they had been given too little time to prepare.",
    "Those most affected are {SUBJ} in deprived areas, {SOURCE} {REPORTED}.",
    "The announcement was welcomed by {SUBJ} but criticised by unions.",
    "Officials insist that the trend is being monitored closely.",
    "The review will now consider whether to {ACTION}.",
    "Many {SUBJ} said they had not been consulted on the plans.",
    "The decision follows months of negotiation between the {ORG} and the {ORG}.",
    "Experts cautioned that the data should be treated with care.",
    "There is no sign yet that the pressure on {SUBJ} is easing.",
    "The {ORG} described the situation as {ADJ} but manageable.",
    "Further details are due to be published alongside the budget.",
    "Councils in {PLACE} have already begun to {ACTION}.",
    "The changes come into force next spring.",
    "Both sides say they want to avoid a repeat of last winter.",
]
HEADLINES = [
    "{MEAS_CAP} {UP} {PCT} in {PLACE}",
    "{FRAC_CAP} {SUBJ} judged {JUDGED}, says {ORG}",
    "{ORG} warns over {CONCERN}",
    "Ministers pledge {MONEY} to {PURPOSE}",
    "{SUBJ_CAP} face {ADJ} squeeze as {MEAS} rise",
    "{MEAS_CAP} hit highest level since {YEAR}",
    "{PLACE} councils {DOWN} behind on {MEAS}",
    "Report heralds more support for {SUBJ}",
    "{COUNT_CAP} {SUBJ} waiting more than {DUR}",
    "{ORG} responds to annual report on {MEAS}",
]
QUOTE_INTROS = ["said", "added", "warned", "explained", "argued", "insisted"]
SLOT = re.compile(r"\{(\w+)\}")


class _Filler:
    """Fills the slots of one template from a document's random stream and topic."""

    def __init__(self, r: random.Random, topic: str) -> None:
        self.r = r
        self.subjects, self.measures, self.programmes = TOPICS[topic]

    def fill(self, template: str) -> str:
        return SLOT.sub(self._slot, template)

    def _slot(self, m: re.Match) -> str:
        name = m.group(1)
        capital = name.endswith("_CAP")
        if capital:
            name = name[:-4]
        value = self.value(name)
        return cap(value) if capital else value

    def value(self, name: str) -> str:
        r = self.r
        match name:
            case "PCT":
                return pct(r)
            case "PCTNUM":
                return str(r.randint(20, 90))
            case "MONEY":
                return money(r)
            case "COUNT":
                return count(r)
            case "FRAC":
                return fraction(r)
            case "YEAR":
                return year(r)
            case "FYEAR":
                return str(r.randint(2017, 2030))
            case "SPLIT":
                return split_year(r)
            case "DATE":
                return date(r)
            case "DUR":
                return duration(r)
            case "RANGE":
                return num_range(r)
            case "MEASURE":
                return measure(r)
            case "DISTANCE":
                return f"{_comma(r.randint(2, 900))} {r.choice(['miles', 'km', 'kilometres'])}"
            case "BIGINT":
                return _comma(r.randint(1000, 999999))
            case "N":
                return str(r.randint(3, 160))
            case "AGE":
                return str(r.randint(19, 88))
            case "DENOM":
                return r.choice(["three", "four", "five", "seven", "ten", "20"])
            case "NUMWORD":
                return r.choice(NUMBER_WORDS[:6])
            case "MONTH":
                return r.choice(MONTH_NAMES)
            case "SUBJ":
                return r.choice(self.subjects)
            case "MEAS":
                return r.choice(self.measures)
            case "PROG":
                return r.choice(self.programmes)
            case "ORG":
                return r.choice(ORGS)
            case "PLACE":
                return r.choice(PLACES)
            case "UP":
                return r.choice(UP)
            case "DOWN":
                return r.choice(DOWN)
            case "UPPP":
                return r.choice(UP_PP)
            case "DOWNPP":
                return r.choice(DOWN_PP)
            case "JUDGED":
                return r.choice(JUDGED)
            case "SOURCE":
                return r.choice(SOURCES)
            case "REPORTED":
                return r.choice(REPORTED)
            case "ADJ":
                return r.choice(ADJ)
            case "ACTION":
                return r.choice(ACTIONS)
            case "CONCERN":
                return r.choice(CONCERNS)
            case "PURPOSE":
                return r.choice(PURPOSES)
            case "PERSON":
                return person(r)
        raise KeyError(name)


def _sentence(f: _Filler, speakers: list[str]) -> str:
    r = f.r
    template = r.choice(NUMBER_SENTENCES) if r.random() < NUMBER_SHARE else r.choice(PLAIN_SENTENCES)
    s = f.fill(template)
    if r.random() < 0.15:
        s = s[:-1] + ", " + r.choice(CLAUSES) + "."
    if speakers and r.random() < 0.2:
        open_q, close_q = ("“", "”") if r.random() < 0.6 else ('"', '"')
        who = r.choice(speakers)
        roll = r.random()
        if roll < 0.5:
            s = f"{open_q}{s[:-1]},{close_q} {r.choice(QUOTE_INTROS)} {who}."
        elif roll < 0.8:
            s = f"{who} {r.choice(QUOTE_INTROS)}: {open_q}{s}{close_q}"
        else:
            s = f"{open_q}{s[:-1]},{close_q} {'she' if r.random() < 0.5 else 'he'} added."
    return s


# --------------------------------------------------------------------------- documents

NAV = [
    "Home | News | UK | Politics | Business | Health",
    "Skip to main content",
    "Menu",
    "Home > News > Local",
    "Back to News Items Index",
    "Skip over Navigation to the main Page Content (access key is 2)",
    "Search",
    "News | Sport | Weather | iPlayer",
]
TAIL = [
    "Sign up to our newsletter",
    "Share this article",
    "Share on Facebook | Share on Twitter | Email this",
    "Related stories",
    "Most read",
    "Follow us @{handle}",
    "Read more at https://www.{site}/news",
    "© {year} {outlet}. All rights reserved.",
    "Comments (12)",
    "Privacy policy | Cookie policy | Terms and conditions",
    "Advertisement",
    "Click here to download the app",
]
OUTLETS = [
    ("The Daily Courier", "dailycourier.co.uk"),
    ("Northern Echo Online", "northernecho-online.co.uk"),
    ("Westminster Report", "westminsterreport.org.uk"),
    ("The Gazette", "gazette-news.co.uk"),
    ("Midlands Today", "midlandstoday.co.uk"),
    ("Public Sector Weekly", "publicsectorweekly.com"),
]


def _date_line(r: random.Random) -> str:
    d, m, y = r.randint(1, 28), r.choice(MONTH_NAMES), r.randint(2010, 2016)
    return _by_roll(
        r,
        (0.35, lambda: f"{d} {m} {y}"),
        (
            0.6,
            lambda: (
                f"Published: {r.randint(6, 22):02d}:{r.randint(0, 59):02d}, {d} {m} {y} | "
                f"Updated: {r.randint(6, 23):02d}:{r.randint(0, 59):02d}, {d} {m} {y}"
            ),
        ),
        (0.8, lambda: f"{r.choice(WEEKDAYS)} {d} {m} {y}"),
        rest=lambda: f"{m} {d}, {y}",
    )


def _phone(r: random.Random) -> str:
    return r.choice(
        [
            f"020 7{r.randint(100, 999)} {r.randint(1000, 9999)}",
            f"0161 {r.randint(200, 999)} {r.randint(1000, 9999)}",
            f"+44 (0)20 {r.randint(7000, 8999)} {r.randint(1000, 9999)}",
        ]
    )


def generate_text(index: int, seed: int = DEFAULT_SEED, words: int = WORDS_PER_DOC) -> tuple[str, dict]:
    """The text of document `index` and a few facts about it (style, wrapped, encoding)."""
    r = random.Random(seed * 1_000_003 + index)
    topic = r.choice(TOPIC_NAMES)
    f = _Filler(r, topic)
    outlet, site = r.choice(OUTLETS)
    roll = r.random()
    style = "news" if roll < 0.6 else "press" if roll < 0.8 else "web"
    wrapped = r.random() < 0.15
    encoding = "cp1252" if r.random() < 0.1 else "utf-8"
    speakers = []
    for _ in range(r.randint(1, 3)):
        first, last = r.choice(FIRST), r.choice(SURNAMES)
        speakers.append(f"{r.choice(TITLES)} {last}" if r.random() < 0.5 else f"{first} {last}")

    head: list[str] = []
    tail: list[str] = []
    headline = f.fill(r.choice(HEADLINES))
    slug = re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")[:60]
    url = f"https://www.{site}/news/{topic.replace(' ', '-')}/{slug}-{seed}{index:07d}"
    if style == "web":
        head += r.sample(NAV, r.randint(1, 3))
    if style == "press":
        head += [
            "Press Release – For immediate release" if r.random() < 0.5 else "PRESS RELEASE",
            f"{r.choice(FIRST)} {r.choice(SURNAMES)}",
            f"Chair, {r.choice(ORGS)}",
            _date_line(r),
            headline,
        ]
    else:
        head += [
            headline,
            f"By {person(r)}" + (f", {cap(topic)} Correspondent" if r.random() < 0.5 else ""),
            _date_line(r),
        ]
        if r.random() < 0.4:
            head.append(f"Summary: {f.fill(r.choice(NUMBER_SENTENCES))}")

    n_paragraphs = r.randint(6, 15)
    target = max(120, int(r.gauss(words, words * 0.2)) - 30)  # less the headline, byline and furniture
    per_paragraph = target / n_paragraphs
    body: list[str] = []
    for _ in range(n_paragraphs):
        sentences: list[str] = []
        n = 0
        goal = per_paragraph * r.uniform(0.6, 1.4) - 8  # the last sentence overshoots
        while n < goal:
            s = _sentence(f, speakers)
            sentences.append(s)
            n += s.count(" ") + 1
        para = " ".join(sentences)
        if wrapped:
            para = textwrap.fill(para, width=r.randint(66, 76), break_long_words=False, break_on_hyphens=False)
        body.append(para)

    if style == "press":
        tail += [
            "ENDS",
            "Notes to Editors:",
            f"For more information call the press office on {_phone(r)}.",
            f"The full report can be accessed from: {url}",
        ]
    else:
        if r.random() < 0.7:
            tail.append(url)
        for line in r.sample(TAIL, r.randint(1, 4)):
            tail.append(line.format(handle=site.split(".")[0], site=site, year=r.randint(2010, 2016), outlet=outlet))
        if r.random() < 0.3:
            tail.append(f"Contact the newsdesk on {_phone(r)} or email news@{site}")
    gap = "\n\n"
    text = gap.join(head) + gap + gap.join(body) + gap + gap.join(tail) + "\n"
    return text, {"style": style, "wrapped": wrapped, "encoding": encoding, "topic": topic}


def generate_document(index: int, seed: int = DEFAULT_SEED, words: int = WORDS_PER_DOC) -> tuple[str, bytes, int]:
    """(file name, bytes, word count) of document `index`."""
    text, facts = generate_text(index, seed, words)
    data = text.encode(facts["encoding"], errors="replace")
    return f"news_{index:06d}.txt", data, len(text.split())


def iter_documents(
    docs: int | None = None, *, words: int | None = None, seed: int = DEFAULT_SEED, start: int = 0
) -> Iterator[tuple[str, bytes, int]]:
    """Stream (name, bytes, words) until `docs` documents or `words` words have been produced."""
    produced = 0
    index = start
    while (docs is None or index - start < docs) and (words is None or produced < words):
        name, data, n = generate_document(index, seed)
        produced += n
        index += 1
        yield name, data, n


def write_corpus(folder: str | Path, docs: int, seed: int = DEFAULT_SEED) -> tuple[int, int]:
    """Write `docs` documents into folder; returns (documents, words)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, data, n in iter_documents(docs, seed=seed):
        (folder / name).write_bytes(data)
        total += n
    return docs, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", help="folder to write the documents into (omit with --show)")
    parser.add_argument("--docs", type=int, default=10_000, help="number of documents (default 10000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--show", type=int, metavar="INDEX", help="print one document's text and exit")
    args = parser.parse_args(argv)
    if args.show is not None:
        text, facts = generate_text(args.show, args.seed)
        print(facts, file=sys.stderr)
        sys.stdout.write(text)
        return 0
    if not args.out:
        parser.error("give an output folder, or --show INDEX")
    t = time.perf_counter()
    docs, words = write_corpus(args.out, args.docs, args.seed)
    print(f"wrote {docs:,} documents, {words:,} words to {args.out} in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
