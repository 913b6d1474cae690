"""Build gold.json (beside this file) from the annotations below.

Claims are listed per document in text order; each surface is located by searching
forward from the end of the previous entry, so repeated surfaces resolve to the right
occurrence.  Run:  python3 build_gold.py  (writes gold.json and prints counts).
"""

import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")

CLUSTERS = {
    "HA-uk-cpi-september-2022": "UK CPI inflation for September 2022 (ONS, 19 October 2022) in four outlets: 10.1% (up from 9.9% in August; economists expected 10%), the 40-year high, and food inflation given as 14.5% by some and 14.6% by others (the Independent has both). Look-alikes: the Bank of England's 11% peak / 'above 10%' forecast, February 1982's 10.2%, the 0.5% monthly rise, hotels' 9.7%.",
    "HB-nationwide-house-prices-september-2020": "Nationwide's September 2020 house price index (30 September 2020) in three outlets: 5% annual (highest since September 2016), 0.9% monthly, poll forecasts 4.5% and 0.5%; plus Nationwide's October 2020 release (5.8% annual, 0.8% monthly) which restates September's 0.9% and adds an unemployment rate of 4.5% that looks like the September forecast.",
    "HC-logan-opening-weekend-march-2017": "Logan's opening weekend (3-5 March 2017): UK £9.44m incl. £2.50m previews (Guardian) / £9.4m incl. £2.5m (DCM) / $11.4m (£9.3m) (Independent, via The Hollywood Reporter), US $85.3m (£69.6m), US Thursday previews $9.5m (SuperHeroHype); Viceroy's House £921,000 incl. £12,000 previews; The Wolverine (2013) £4.69m/£4.7m incl. £939,000. Look-alikes: Moonlight's £2.5m total vs Logan's £2.5m previews, X-Men Origins' $85m vs Logan's $85.3m, Days of Future Past's £9.14m.",
    "HD-opec-output-cut-november-2016": "OPEC's 30 November 2016 Vienna deal: cut of 1.2 million barrels a day to 32.5 million, first since 2008 / in eight years, about 600,000 b/d from non-OPEC; Brent up $3.77 at $50.15 and WTI up $3.98 at $49.21 at 1622 GMT (AFP, in Daily Sabah and a near-copy in Kuwait Times). Intraday look-alikes: Bloomberg's Brent $49.90 (+7.6%) at 1:23 p.m. Vienna time, RT's 'nearly $4 higher above $50' at 1:30pm GMT, 'almost eight percent', 'over 9 percent'; Iran's 3.7 million current vs about 3.9 million allowed.",
}

FILES = {
    "HA1": ("HA1-independent-2022-10-19.txt", "HA-uk-cpi-september-2022"),
    "HA2": ("HA2-irishtimes-2022-10-19.txt", "HA-uk-cpi-september-2022"),
    "HA3": ("HA3-financialnews-2022-10.txt", "HA-uk-cpi-september-2022"),
    "HA4": ("HA4-standard-2022-10-19.txt", "HA-uk-cpi-september-2022"),
    "HB1": ("HB1-yahoo-2020-09-30.txt", "HB-nationwide-house-prices-september-2020"),
    "HB2": ("HB2-times-2020-09-30.txt", "HB-nationwide-house-prices-september-2020"),
    "HB3": ("HB3-britishherald-2020-09-30.txt", "HB-nationwide-house-prices-september-2020"),
    "HB4": ("HB4-financialreporter-2020-10.txt", "HB-nationwide-house-prices-september-2020"),
    "HC1": ("HC1-guardian-showfilmfirst-2017-03.txt", "HC-logan-opening-weekend-march-2017"),
    "HC2": ("HC2-dcm-2017-03.txt", "HC-logan-opening-weekend-march-2017"),
    "HC3": ("HC3-independent-2017-03.txt", "HC-logan-opening-weekend-march-2017"),
    "HC4": ("HC4-superherohype-2017-03-03.txt", "HC-logan-opening-weekend-march-2017"),
    "HD1": ("HD1-dailysabah-2016-11-30.txt", "HD-opec-output-cut-november-2016"),
    "HD2": ("HD2-energyvoice-2016-11-30.txt", "HD-opec-output-cut-november-2016"),
    "HD3": ("HD3-almanar-2016-11-30.txt", "HD-opec-output-cut-november-2016"),
    "HD4": ("HD4-kuwaittimes-2016-12-01.txt", "HD-opec-output-cut-november-2016"),
}


def C(surface, kind, value, subject, q="exact", grp=None, unit=None, cur=None, opt=False, note=None):
    return {
        "t": "c",
        "surface": surface,
        "kind": kind,
        "value": value,
        "qualifier": q,
        "subject": subject,
        "grp": grp,
        "unit": unit,
        "currency": cur,
        "optional": opt,
        "note": note,
    }


def N(surface, reason):
    return {"t": "n", "surface": surface, "reason": reason}


def M(surface, subject, q="exact", grp=None, cur="GBP", value=None, opt=False, note=None):
    """Money helper: parses £9.44m / $11.4 million / £939,000 / £939k unless value is given."""
    if value is None:
        s = surface
        for w in ("almost ", "about ", "nearly ", "more than ", "above ", "below ", "past ", "over "):
            s = s.replace(w, "")
        s = s.split(" a barrel")[0].split(" per barrel")[0]
        s = s.replace("£", "").replace("$", "").replace(",", "").strip()
        mult = 1
        low = s.lower()
        for suf, mlt in ((" million", 1e6), ("million", 1e6), ("m", 1e6), ("k", 1e3), ("bn", 1e9)):
            if low.endswith(suf):
                mult = mlt
                s = s[: len(s) - len(suf)].strip()
                break
        value = round(float(s) * mult, 6)
        if value == int(value):
            value = int(value)
    return C(surface, "money", value, subject, q=q, grp=grp, cur=cur, opt=opt, note=note)


def B(surface, value, subject, q="exact", grp=None, note=None):
    """Oil volume in barrels per day."""
    return C(surface, "other", value, subject, q=q, grp=grp, unit="barrel_per_day", note=note)


# ---------------------------------------------------------------- cluster HA
CPI = "UK CPI annual inflation rate, 12 months to September 2022 (ONS)"
CPI_AUG = "UK CPI annual inflation rate, 12 months to August 2022 (ONS)"
CPI_FC = "economists' forecast of UK CPI annual inflation for September 2022"
TGT = "UK government's CPI inflation target"
Y40 = "period since UK CPI inflation was last this high (the '40-year high', September 2022)"
FOOD = "annual rise in UK food (and non-alcoholic drink) prices, 12 months to September 2022"
FOOD40 = "period since UK food price inflation was last this high (September 2022)"
BYLINE_DATE = "publication date in the byline"

ANN = {}
ANN["HA1"] = [
    N("19 October 2022", BYLINE_DATE),
    C("40-year", "duration", 40, Y40, grp="A-y40", unit="year"),
    C("10.1 per cent", "rate", 0.101, CPI, grp="A-cpi"),
    C("10.1 per cent", "rate", 0.101, CPI, grp="A-cpi"),
    C("9.9 per cent", "rate", 0.099, CPI_AUG, grp="A-aug"),
    C("10 per cent", "rate", 0.10, CPI_FC, grp="A-fc"),
    C("40-year", "duration", 40, Y40, grp="A-y40", unit="year"),
    C("2 per cent", "rate", 0.02, TGT, grp="A-tgt"),
    C(
        "September 2022",
        "date",
        "2022-09",
        "end month of the year over which housing and household services were the main driver of prices",
    ),
    C("14.5 per cent", "rate", 0.145, FOOD, grp="A-food", note="Photo caption credited (PA)."),
    N("G7", "name of a group of countries (G7), not a quantity"),
    C(
        "two years",
        "duration",
        2,
        "period over which the UK is forecast to have the lowest growth in the G7 (Rachel Reeves)",
        unit="year",
    ),
    C("40-year", "duration", 40, FOOD40, grp="A-food40", unit="year"),
    C(
        "14.6 per cent",
        "rate",
        0.146,
        FOOD,
        grp="A-food",
        note="Same document gives 14.5 per cent for food prices in the caption and 14.6 per cent for 'food and non-alcoholic beverages' here.",
    ),
]
ANN["HA2"] = [
    C("40-year", "duration", 40, Y40, grp="A-y40", unit="year"),
    N("19 October 2022", BYLINE_DATE),
    C("40-year", "duration", 40, Y40, grp="A-y40", unit="year"),
    C("10.1 per cent", "rate", 0.101, CPI, grp="A-cpi"),
    C("9.9 per cent", "rate", 0.099, CPI_AUG, grp="A-aug"),
    C("10 per cent", "rate", 0.10, CPI_FC, grp="A-fc"),
    C("40-year", "duration", 40, Y40, grp="A-y40", unit="year"),
    C("2 per cent", "rate", 0.02, TGT, grp="A-tgt"),
    C("14.5 per cent", "rate", 0.145, FOOD, grp="A-food"),
    C("40 years", "duration", 40, FOOD40, grp="A-food40", unit="year"),
    C("over 40 years", "duration", 40, FOOD40, q="lower_bound", grp="A-food40", unit="year"),
]
ANN["HA3"] = [
    C("10.1%", "rate", 0.101, CPI, grp="A-cpi"),
    N("October 2022", BYLINE_DATE),
    C("40-year", "duration", 40, Y40, grp="A-y40", unit="year"),
    C("10.1%", "rate", 0.101, CPI, grp="A-cpi"),
    C("12 months", "duration", 12, "period over which the September 2022 CPI change is measured", unit="month"),
    C("September 2022", "date", "2022-09", "end month of the CPI measurement period"),
    C("9.9%", "rate", 0.099, CPI_AUG, grp="A-aug"),
    C("over 10%", "rate", 0.10, "UK inflation level last exceeded before 2022 in February 1982", q="lower_bound"),
    C("February 1982", "date", "1982-02", "month UK inflation was last over 10% before 2022"),
    C("10.2%", "rate", 0.102, "UK inflation rate, February 1982"),
    C("1980", "year", 1980, "year of the last jump in food prices as big as September 2022's"),
    C(
        "11%",
        "rate",
        0.11,
        "Bank of England's expected peak of UK CPI inflation (October 2022, forecast made in September)",
    ),
    C(
        "above 10%",
        "rate",
        0.10,
        "Bank of England's expected UK CPI inflation for a few months after the October 2022 peak",
        q="lower_bound",
    ),
]
ANN["HA4"] = [
    C(
        "double-figures",
        "rate",
        {"min": 0.10, "max": 0.999},
        "UK CPI annual inflation, September 2022, described as 'double figures' (at least 10%)",
        q="range",
        opt=True,
        note="Headline 'returns to double-figures': inflation of at least 10%; borderline expression.",
    ),
    N("19 October 2022", BYLINE_DATE),
    C("14.6 per cent", "rate", 0.146, FOOD, grp="A-food", note="Standfirst."),
    C("40 years", "duration", 40, FOOD40, grp="A-food40", unit="year"),
    C("40-year", "duration", 40, Y40, grp="A-y40", unit="year"),
    C("10.1 per cent", "rate", 0.101, CPI, grp="A-cpi"),
    C("9.9 per cent", "rate", 0.099, CPI_AUG, grp="A-aug"),
    C("10.1 per cent", "rate", 0.101, CPI, grp="A-cpi"),
    C(
        "1982",
        "year",
        1982,
        "year UK CPI inflation was last as high as in September 2022 ('joint highest level since 1982')",
    ),
    C("0.5 per cent", "rate", 0.005, "UK consumer prices, monthly change during September 2022 (ONS)"),
    C("14.6 per cent", "rate", 0.146, FOOD, grp="A-food"),
    C("40 years", "duration", 40, FOOD40, grp="A-food40", unit="year"),
    C("9.7 per cent", "rate", 0.097, "annual rise in the cost of eating out and hotels, September 2022"),
    C("over 40 years", "duration", 40, FOOD40, q="lower_bound", grp="A-food40", unit="year"),
    C(
        "a full percentage point",
        "rate",
        0.01,
        "rise in the Bank of England rate expected by City traders for November 2022",
        q="upper_bound",
        note="'by as much as a full percentage point'; percentage points as a fraction, as in the dev set (0.27 points = 0.0027).",
    ),
    C(
        "two year",
        "duration",
        2,
        "term of the fixed-rate mortgages ('two year fixes') passing 6.5 per cent",
        unit="year",
    ),
    C(
        "6.5 per cent",
        "rate",
        0.065,
        "interest rate on two-year fixed mortgages, Tuesday 18 October 2022",
        q="lower_bound",
        note="'passing 6.5 per cent': an interest rate level, written as a fraction like the other rates.",
    ),
]

# ---------------------------------------------------------------- cluster HB
NW = "Nationwide UK house prices, annual change to September 2020"
NWM = "Nationwide UK house prices, monthly change in September 2020"
FCM = "economists' (Reuters poll) median forecast of Nationwide's monthly house price change, September 2020"
FCA = "economists' (Reuters poll) forecast of Nationwide's annual house price change, September 2020"
S2016 = "month of the last annual house price rise as high as September 2020's (Nationwide)"
ANN["HB1"] = [
    C("5pc", "rate", 0.05, NW, grp="B-ann"),
    N("30 September 2020", BYLINE_DATE),
    C("5pc", "rate", 0.05, NW, grp="B-ann"),
    C("September 2016", "date", "2016-09", S2016, grp="B-2016"),
    C("0.9pc", "rate", 0.009, NWM, grp="B-mom"),
    C("0.5pc", "rate", 0.005, FCM, grp="B-fcm"),
    C("5pc", "rate", 0.05, NW, grp="B-ann"),
    C("4.5pc", "rate", 0.045, FCA, grp="B-fca"),
    M(
        "below £500,000",
        "property price below which the temporary stamp duty cut applies (until March 2021)",
        q="upper_bound",
    ),
]
ANN["HB2"] = [
    N("30 September 2020", BYLINE_DATE),
    C(
        "four years",
        "duration",
        4,
        "period since UK house prices last rose this fast (Nationwide, September 2020)",
        unit="year",
        note="Restates 'since September 2016' as a duration; kept apart from the date because kinds differ.",
    ),
    C("5 per cent", "rate", 0.05, NW, grp="B-ann"),
    C("September 2016", "date", "2016-09", S2016, grp="B-2016"),
    C("4.5 per cent", "rate", 0.045, FCA, grp="B-fca"),
    C(
        "10 per cent",
        "proportion",
        0.10,
        "share of people surveyed by Nationwide who were moving as a result of the pandemic",
    ),
    C(
        "15 per cent",
        "proportion",
        0.15,
        "share of London respondents to Nationwide's survey who were moving as a result of the pandemic",
    ),
    C("0.9 per cent", "rate", 0.009, NWM, grp="B-mom"),
]
ANN["HB3"] = [
    C("5%", "rate", 0.05, NW, grp="B-ann"),
    N("30 September 2020", BYLINE_DATE),
    C("5%", "rate", 0.05, NW, grp="B-ann"),
    C("September 2016", "date", "2016-09", S2016, grp="B-2016"),
    C("0.9%", "rate", 0.009, NWM, grp="B-mom"),
    C("0.5%", "rate", 0.005, FCM, grp="B-fcm"),
    C("5%", "rate", 0.05, NW, grp="B-ann"),
    C("4.5%", "rate", 0.045, FCA, grp="B-fca"),
]
ANN["HB4"] = [
    C(
        "five-year",
        "duration",
        5,
        "period since Nationwide's annual house price growth was as high as in October 2020",
        unit="year",
    ),
    N("October 2020", BYLINE_DATE),
    C("0.8%", "rate", 0.008, "Nationwide UK house prices, monthly change (seasonally adjusted), October 2020"),
    C("0.9%", "rate", 0.009, NWM, grp="B-mom", note="Nationwide's October release restating September's monthly rise."),
    C("2.1%", "rate", 0.021, "UK monthly economic growth, August 2020"),
    C("6.4%", "rate", 0.064, "UK monthly economic growth, July 2020"),
    C("4.5%", "proportion", 0.045, "UK unemployment rate, three months to August 2020"),
    C(
        "three months",
        "duration",
        3,
        "period of the unemployment rate measurement (three months to August 2020)",
        unit="month",
    ),
    C("3.8%", "proportion", 0.038, "UK average unemployment rate, 2019"),
    C("2019", "year", 2019, "year of the 3.8% average unemployment rate"),
    C("91,500", "count", 91500, "UK mortgage approvals for house purchase, September 2020"),
    C("2007", "year", 2007, "year UK mortgage approvals were last as high as in September 2020"),
    N("Covid-19", "name of the disease (Covid-19), not a quantity"),
    C("5.8%", "rate", 0.058, "Nationwide UK house prices, annual change to October 2020"),
]

# ---------------------------------------------------------------- cluster HC
UK = "Logan's UK opening weekend takings including previews (3-5 March 2017)"
UKP = "Logan's UK preview takings (opening weekend, March 2017)"
US = "Logan's US opening weekend takings (March 2017)"
USP = "Logan's US Thursday night preview takings (2 March 2017)"
W13 = "The Wolverine's (2013) UK opening including previews"
W13P = "The Wolverine's (2013) UK preview takings"
VH = "Viceroy's House UK opening including previews (March 2017)"
VHP = "Viceroy's House UK preview takings (March 2017)"
Y2013 = "release year of The Wolverine"
ANN["HC1"] = [
    N("March 2017", BYLINE_DATE),
    M("£9.44m", UK, grp="C-uk"),
    M("£2.50m", UKP, grp="C-prev"),
    C("third", "count", 3, "Logan's position in the Wolverine film series", opt=True, grp="C-third"),
    C("2009", "year", 2009, "release year of X-Men Origins: Wolverine"),
    M("£6.66m", "X-Men Origins: Wolverine's UK opening including previews (2009)"),
    M("£1.87m", "X-Men Origins: Wolverine's UK preview takings (2009)"),
    C("2013", "year", 2013, Y2013, grp="C-2013"),
    M("£4.69m", W13, grp="C-w13"),
    M("£939,000", W13P, grp="C-w13p"),
    C("three", "count", 3, "number of Wolverine films"),
    C("six", "count", 6, "number of X-Men films not counting the Wolverine films"),
    C("2000", "year", 2000, "release year of the first film of the original X-Men trilogy"),
    C("2003", "year", 2003, "release year of the second film of the original X-Men trilogy"),
    C("2006", "year", 2006, "release year of the third film of the original X-Men trilogy"),
    C("two", "count", 2, "number of X-Men films featuring the new cast"),
    C("2011", "year", 2011, "release year of the first of the two X-Men films featuring a new cast"),
    C("2016", "year", 2016, "release year of the second of the two X-Men films featuring a new cast"),
    C("2014", "year", 2014, "release year of X-Men: Days of Future Past"),
    M("£27.1m", "X-Men: Days of Future Past's UK total box office"),
    N("X-Men 2", "film title (X-Men 2)"),
    M("£20.7m", "X-Men 2's UK total box office"),
    M("£20m", "UK total that only two films in the X-Men franchise have passed"),
    M("£13.8m", "The Wolverine's (2013) UK total box office"),
    C("May 2014", "date", "2014-05", "month X-Men: Days of Future Past opened in the UK"),
    M("£9.14m", "X-Men: Days of Future Past's UK opening including previews (May 2014)"),
    M("£1.59m", "X-Men: Days of Future Past's UK preview takings (May 2014)"),
    C("second", "other", 2, "rank of Logan's UK opening among 2017 debuts (including previews)", unit="rank", opt=True),
    C("2017", "year", 2017, "year of the UK debut ranking"),
    M("£10.49m", "Sing's UK opening including previews (2017)"),
    M("£6.95m", "Logan's UK opening weekend takings excluding previews (March 2017)"),
    M("£6.29m", "Sing's UK opening weekend takings excluding previews"),
    C("453", "count", 453, "number of UK cinemas Viceroy's House was released into"),
    M("£921,000", VH, grp="C-vh"),
    M("£12,000", VHP, grp="C-vhp"),
    M("£1.02m", "It's a Wonderful Afterlife's total UK box office"),
]
ANN["HC2"] = [
    N("March 2017", BYLINE_DATE),
    M("£9.4m", UK, grp="C-uk"),
    M("£2.5m", UKP, grp="C-prev"),
    C("2013", "year", 2013, Y2013, grp="C-2013"),
    M("£4.7m", W13, grp="C-w13"),
    M("£939k", W13P, grp="C-w13p"),
    C("one-day", "duration", 1, "length of The Wolverine's UK preview period (2013)", unit="day"),
    M("£7.4m", "X-Men: Apocalypse's UK opening including previews (May 2016)"),
    M("£2m", "X-Men: Apocalypse's UK preview takings (May 2016)"),
    M("£18.3m", "X-Men: Apocalypse's UK final total"),
    C(
        "three weeks",
        "duration",
        3,
        "time The LEGO Batman Movie held the UK top spot before Logan's opening",
        unit="week",
    ),
    C(
        "second",
        "other",
        2,
        "The LEGO Batman Movie's UK chart position, Logan's opening weekend",
        unit="rank",
        opt=True,
    ),
    M("£1.5m", "The LEGO Batman Movie's UK weekend takings, Logan's opening weekend"),
    M("£25m", "The LEGO Batman Movie's UK total to date (March 2017)"),
    M("£34.3m", "The LEGO Movie's UK final total"),
    C("third", "other", 3, "Viceroy's House's UK chart position, opening weekend", unit="rank", opt=True),
    M("£921k", VH, grp="C-vh"),
    M("£12k", VHP, grp="C-vhp"),
    M("£11.6m", "Bend It Like Beckham's UK gross"),
    M("£5.5m", "Angus, Thongs and Perfect Snogging's UK gross"),
    M("£5.2m", "Bride and Prejudice's UK gross"),
    M("£800k", "Sing's UK weekend takings, Logan's opening weekend"),
    C("fourth", "other", 4, "Sing's UK chart position, Logan's opening weekend", unit="rank", opt=True),
    M("£27.5m", "Sing's UK total to date (March 2017)"),
    M("£29.9m", "La La Land's UK total to date (March 2017)"),
    C("2017", "year", 2017, "year of La La Land's ranking as the biggest film to date"),
    C("86%", "rate", 0.86, "change in Moonlight's UK weekend takings after its Oscar win"),
    M("£731k", "Moonlight's UK weekend takings, Logan's opening weekend"),
    M("£2.5m", "Moonlight's UK total to date (March 2017)"),
    C("top five", "count", 5, "size of the UK top of the chart outside which Lion sits", opt=True),
    C("24%", "rate", -0.24, "change in Lion's UK weekend takings, Logan's opening weekend"),
    M("£529k", "Lion's UK weekend takings, Logan's opening weekend"),
    C("eighth", "other", 8, "Lion's UK chart position, Logan's opening weekend", unit="rank", opt=True),
    M("£10m", "Lion's UK total to date (March 2017)", q="lower_bound", note="'crossing the £10m mark'."),
    M("£400k", "Fist Fight's UK opening weekend takings"),
    C("10th", "other", 10, "Fist Fight's UK chart position, opening weekend", unit="rank", opt=True),
    C("34%", "rate", 0.34, "change in overall UK box office from the previous weekend (Logan's opening weekend)"),
    C("71%", "rate", 0.71, "change in overall UK box office from the same weekend of 2016"),
    C("four", "count", 4, "number of top films listed for the same weekend of 2016"),
]
ANN["HC3"] = [
    N("March 2017", BYLINE_DATE),
    M("£69.6 million", US, grp="C-us", note="Standfirst: the US opening restated in pounds."),
    M("£9.3 million", UK, grp="C-uk", note="Standfirst."),
    C("third", "count", 3, "Logan's position in the Wolverine film series", opt=True, grp="C-third"),
    C("second", "count", 2, "Logan's position among Fox's R-rated superhero releases", opt=True),
    M("$237.8 million", "Logan's worldwide opening weekend takings (March 2017)", cur="USD", grp="C-ww"),
    M("£193.9 million", "Logan's worldwide opening weekend takings (March 2017)", grp="C-ww"),
    M("$11.4 million", UK, cur="USD", grp="C-uk"),
    M("£9.3 million", UK, grp="C-uk"),
    M("$85.3 million", US, cur="USD", grp="C-us"),
    M("£69.6 million", US, grp="C-us"),
    M("$46.2 million", "Logan's China opening takings (March 2017)", cur="USD", grp="C-cn"),
    M("£37.7 million", "Logan's China opening takings (March 2017)", grp="C-cn"),
    M("$3.6 million", "The Lego Batman Movie's China takings (Logan's opening weekend)", cur="USD", grp="C-lbcn"),
    M("£2.9 million", "The Lego Batman Movie's China takings (Logan's opening weekend)", grp="C-lbcn"),
    M("$132.4 million", "Deadpool's US opening weekend takings (2016)", cur="USD", grp="C-dp"),
    M("£108 million", "Deadpool's US opening weekend takings (2016)", grp="C-dp"),
    C("fifth-biggest", "other", 5, "rank of Logan's US debut among R-rated films", unit="rank", opt=True),
    N("Fifty", "number word in a film title (Fifty Shades of Grey)"),
    C("second", "count", 2, "The Hangover Part II (the 'second Hangover film')", opt=True),
    C("second", "other", 2, "Get Out's US chart position, Logan's opening weekend", unit="rank", opt=True),
    C("22%", "rate", -0.22, "change in Get Out's US weekend takings, Logan's opening weekend"),
    C("17 March", "date", "--03-17", "Get Out's UK release date (2017)"),
]
ANN["HC4"] = [
    M("$9.5 Million", USP, cur="USD", grp="C-usp"),
    N("3 March 2017", BYLINE_DATE),
    N("20th", "part of a company name (20th Century Fox)"),
    M("$9.5 million", USP, cur="USD", grp="C-usp"),
    C("two", "count", 2, "number of preceding X-Men films compared (Apocalypse and Days of Future Past)", grp="C-two"),
    M(
        "$8.1",
        "X-Men: Apocalypse's US Thursday preview takings",
        cur="USD",
        value=8100000,
        note="'$8.1 and 8.2 million ... respectively': the million applies to both.",
    ),
    M("8.2 million", "X-Men: Days of Future Past's US Thursday preview takings", cur="USD"),
    M("$90.8 million", "X-Men: Days of Future Past's US Memorial Day weekend takings", cur="USD"),
    M("$65.7 million", "X-Men: Apocalypse's US Memorial Day weekend takings", cur="USD"),
    C("two years", "duration", 2, "gap between the releases of Days of Future Past and Apocalypse", unit="year"),
    M("$12.7 million", "Deadpool's US Thursday preview takings", cur="USD"),
    C("four-day", "duration", 4, "length of Deadpool's holiday opening weekend", unit="day"),
    C("two", "count", 2, "number of preceding X-Men films compared (Apocalypse and Days of Future Past)", grp="C-two"),
    M("almost $85 million", "Doctor Strange's US takings (as stated: 'ended up grossing')", q="approx", cur="USD"),
    M("$85 million", "X-Men Origins: Wolverine's US opening weekend takings (2009)", cur="USD"),
    C("2013", "year", 2013, Y2013, grp="C-2013"),
]

# ---------------------------------------------------------------- cluster HD
CUT = "OPEC output cut agreed in Vienna, 30 November 2016 (barrels a day)"
TGT32 = "OPEC output level after the cut, from January 2017 (barrels a day)"
Y2008 = "year of OPEC's previous joint output cut"
Y8 = "period since OPEC's previous output cut (as of 30 November 2016)"
BRENT = "Brent crude price for January delivery, 30 November 2016 (AFP, 1622 GMT)"
BRENTUP = "rise in Brent crude price for January delivery, 30 November 2016 (AFP, 1622 GMT)"
WTI = "West Texas Intermediate price, 30 November 2016 (AFP, 1622 GMT)"
WTIUP = "rise in West Texas Intermediate price, 30 November 2016 (AFP, 1622 GMT)"
MONTH = "period since Brent was last above $50 (as of 30 November 2016)"
Y2014 = "year OPEC's Saudi-led strategy of flooding the market was introduced"
NONOPEC = "output reduction by non-OPEC countries expected in the deal (barrels a day)"
THREE = "number of OPEC's biggest producers whose differences were resolved (Saudi Arabia, Iraq, Iran)"
JAN1 = "start date of the OPEC output cut"
# AFP's paragraph on the prices at 1622 GMT and the deal, word for word in HD1 (Daily Sabah) and HD4
# (Kuwait Times): the same claims, annotated once.
AFP_PRICES = [
    M("$3.77", BRENTUP, cur="USD", grp="D-brentup"),
    M("$50.15", BRENT, cur="USD", grp="D-brent"),
    M("above $50", BRENT, q="lower_bound", cur="USD", grp="D-brent"),
    C("a month", "duration", 1, MONTH, unit="month", grp="D-month"),
    M("$3.98", WTIUP, cur="USD", grp="D-wtiup"),
    M("$49.21", WTI, cur="USD", grp="D-wti"),
    C("2014", "year", 2014, Y2014, grp="D-2014"),
    B("1.2 million barrels per day", 1200000, CUT, grp="D-cut"),
    B("32.5 million bpd", 32500000, TGT32, grp="D-tgt"),
]
ANN["HD1"] = [
    B("1.2 million barrels", 1200000, CUT, grp="D-cut"),
    C("2008", "year", 2008, Y2008, grp="D-2008"),
    N("30 November 2016", BYLINE_DATE),
    C("14", "count", 14, "number of OPEC member countries (November 2016)", note="Photo caption."),
    C("a third", "proportion", 0.333333, "OPEC members' share of world oil production", note="Photo caption."),
    C("2008", "year", 2008, Y2008, grp="D-2008"),
    N("1622 GMT", "time of day (timestamp of the quoted prices), not a quantity"),
    *AFP_PRICES,
    C(
        "January 1",
        "date",
        "--01-01",
        JAN1,
        grp="D-jan1",
        note="Year not stated (it is 2017); partial date as in the dev set's '16 March'.",
    ),
    C("15 years", "duration", 15, "period since Russia last joined OPEC output reductions", unit="year"),
    C(
        "over 9 percent",
        "rate",
        0.09,
        "Brent crude price rise on the deal, 30 November 2016 (AFP, later in the day)",
        q="lower_bound",
    ),
    M(
        "more than $50 a barrel",
        BRENT,
        q="lower_bound",
        cur="USD",
        grp="D-brent",
        note="Compatible with the $50.15 quoted earlier in the same story.",
    ),
    C("two", "count", 2, "number of proxy wars Iran and Russia are fighting against Saudi Arabia"),
]
ANN["HD2"] = [
    N("30 November 2016", BYLINE_DATE),
    C("eight years", "duration", 8, Y8, unit="year", grp="D-8y"),
    B("1.2 million barrels a day", 1200000, CUT, grp="D-cut"),
    B("32.5 million a day", 32500000, TGT32, grp="D-tgt"),
    C("7.6 percent", "rate", 0.076, "Brent crude price rise, 30 November 2016, 1:23 p.m. Vienna time (Bloomberg)"),
    M("$49.90 a barrel", "Brent crude price in London, 30 November 2016, 1:23 p.m. Vienna time (Bloomberg)", cur="USD"),
    N("1:23 p.m.", "time of day, not a quantity"),
    C("three", "count", 3, THREE, grp="D-three"),
    C("2008", "year", 2008, Y2008, grp="D-2008"),
    B("about 3.9 million barrels a day", 3900000, "Iran's permitted production under the deal", q="approx"),
    B("about 600,000 barrels a day", 600000, NONOPEC, q="approx", grp="D-nonopec"),
]
ANN["HD3"] = [
    N("30 November 2016", BYLINE_DATE),
    B("1.2 million barrels per day", 1200000, CUT, grp="D-cut"),
    B("33.64 million barrels", 33640000, "OPEC's current output before the cut (Bloomberg, barrels a day)"),
    C(
        "almost eight percent",
        "rate",
        0.08,
        "crude price rise on the Bloomberg report, 30 November 2016 (RT)",
        q="approx",
    ),
    N("1:30pm GMT", "time of day, not a quantity"),
    M("nearly $4", "rise in Brent crude price, 30 November 2016, 1:30pm GMT (RT)", q="approx", cur="USD"),
    M("above $50 per barrel", "Brent crude price, 30 November 2016, 1:30pm GMT (RT)", q="lower_bound", cur="USD"),
    M("above $48", "WTI price, 30 November 2016, 1:30pm GMT (RT)", q="lower_bound", cur="USD"),
    C("eight years", "duration", 8, Y8, unit="year", grp="D-8y"),
    B("200,000 bpd", 200000, "permitted increase in Iran's production under the deal (Bloomberg estimate)"),
    B("3.7 million", 3700000, "Iran's current production (Bloomberg estimate, barrels a day)"),
    B("about 600,000 pbd", 600000, NONOPEC, q="approx", grp="D-nonopec", note="'pbd' is the source's typo for bpd."),
    B("11.2 million bpd", 11200000, "Russia's oil output, October 2016"),
    C("2008", "year", 2008, Y2008, grp="D-2008"),
    C(
        "more than halved",
        "rate",
        -0.5,
        "fall in crude prices over the two years to November 2016",
        q="lower_bound",
        opt=True,
        note="'more than halved': a fall of more than 50%; borderline expression.",
    ),
    C("two years", "duration", 2, "period over which crude prices more than halved (to November 2016)", unit="year"),
]
ANN["HD4"] = [
    M(
        "above $50 a barrel",
        BRENT,
        q="lower_bound",
        cur="USD",
        grp="D-brent",
        note="First line of the stored page (a subheading).",
    ),
    N("1 December 2016", BYLINE_DATE),
    C("2008", "year", 2008, Y2008, grp="D-2008"),
    *AFP_PRICES,
    C("Jan 1", "date", "--01-01", JAN1, grp="D-jan1", note="Year not stated (it is 2017)."),
    C("three", "count", 3, THREE, grp="D-three"),
]

AGREE = ("agree", "none", "consistent")
GROUPS = {
    "A-cpi": (AGREE, "10.1% in all four outlets (headline and body)."),
    "A-aug": (AGREE, "August's 9.9% in all four."),
    "A-fc": (AGREE, "Economists' predicted 10 per cent (Independent, Irish Times)."),
    "A-tgt": (AGREE, "The 2 per cent inflation target."),
    "A-y40": (
        AGREE,
        "The '40-year high' of headline CPI inflation; the same period in every mention (headline inflation matches the July 2022 high).",
    ),
    "A-food40": (
        ("differ", "approximation", "consistent"),
        "Food inflation at its highest for 40 years / 'over 40 years' (the ONS quote); the bound is compatible with the round figure.",
    ),
    "A-food": (
        ("differ", "unexplained", "conflicting"),
        "Annual food price inflation to September 2022: 14.5 per cent (Independent caption credited PA, Irish Times) vs 14.6 per cent (Independent's last paragraph for 'food and non-alcoholic beverages', Evening Standard twice). The texts describe one quantity ('food prices') with two values and give no reason; a reviewer must check the ONS bulletin.",
    ),
    "B-ann": (AGREE, "Nationwide annual house price growth to September 2020: 5pc / 5 per cent / 5%."),
    "B-mom": (
        AGREE,
        "0.9% monthly rise in September 2020, including the October release's restatement ('following a 0.9% rise in September').",
    ),
    "B-fcm": (AGREE, "Poll median forecast of 0.5% month on month."),
    "B-fca": (AGREE, "Poll forecast of 4.5% annual growth."),
    "B-2016": (AGREE, "Highest/sharpest since September 2016."),
    "C-uk": (
        ("differ", "approximation", "consistent"),
        "Logan's UK opening weekend including previews: £9.44m (Guardian), £9.4m (DCM, rounded), and the Independent's $11.4m restated as £9.3m (standfirst and body) from The Hollywood Reporter's dollar figure. £9.3m is the dollar figure converted back at a different rate; within about 1.5% of £9.44m.",
    ),
    "C-prev": (("differ", "rounding", "consistent"), "UK previews £2.50m vs £2.5m (same value, different precision)."),
    "C-w13": (("differ", "rounding", "consistent"), "The Wolverine's 2013 UK opening £4.69m vs £4.7m."),
    "C-w13p": (AGREE, "£939,000 vs £939k."),
    "C-vh": (AGREE, "Viceroy's House £921,000 vs £921k."),
    "C-vhp": (AGREE, "Viceroy's House previews £12,000 vs £12k."),
    "C-2013": (AGREE, "2013's The Wolverine, in three stories."),
    "C-us": (AGREE, "Logan's US opening $85.3m, restated as £69.6m (body and standfirst)."),
    "C-ww": (AGREE, "Worldwide $237.8m restated as £193.9m in the same sentence."),
    "C-cn": (AGREE, "China $46.2m restated as £37.7m."),
    "C-lbcn": (AGREE, "Lego Batman China $3.6m restated as £2.9m."),
    "C-dp": (AGREE, "Deadpool's US opening $132.4m restated as £108m."),
    "C-usp": (AGREE, "Headline and body: $9.5m Thursday previews."),
    "C-third": (
        AGREE,
        "'The third Wolverine film' / 'the highly anticipated third Wolverine outing' (both optional: series ordinals).",
    ),
    "C-two": (AGREE, "'the last two X-Men movies' twice."),
    "D-cut": (
        AGREE,
        "Cut of 1.2 million barrels a day (Daily Sabah headline and body, Energy Voice, Al-Manar, Kuwait Times).",
    ),
    "D-tgt": (AGREE, "New output level 32.5 million barrels a day."),
    "D-2008": (AGREE, "First cut since 2008."),
    "D-8y": (AGREE, "First cut in eight years."),
    "D-brent": (
        ("differ", "approximation", "consistent"),
        "AFP's Brent quote at 1622 GMT: $50.15, 'the first time it has risen above $50 in a month', the Kuwait Times' 'above $50 a barrel' subheading and Daily Sabah's 'more than $50 a barrel'; the bounds are compatible with $50.15. RT's 'above $50' at 1:30pm GMT and Bloomberg's $49.90 at 1:23 p.m. Vienna time are other times of day and stay apart.",
    ),
    "D-brentup": (AGREE, "Brent up $3.77 (AFP)."),
    "D-wti": (AGREE, "WTI $49.21 (AFP)."),
    "D-wtiup": (AGREE, "WTI up $3.98 (AFP)."),
    "D-month": (AGREE, "First time above $50 'in a month'."),
    "D-2014": (AGREE, "Strategy introduced in 2014."),
    "D-jan1": (AGREE, "From January 1 / Jan 1 (2017)."),
    "D-nonopec": (AGREE, "About 600,000 barrels a day from non-OPEC producers (Energy Voice; Al-Manar writes 'pbd')."),
    "D-three": (AGREE, "OPEC's three biggest producers."),
}

DISTRACTORS = [
    (
        ("HA1", "10 per cent", 1),
        ("HA1", "10.1 per cent", 2),
        "Economists' forecast (10%) vs the outcome (10.1%) for the same month: different quantities.",
    ),
    (("HA2", "10 per cent", 1), ("HA2", "10.1 per cent", 1), "Forecast vs outcome."),
    (
        ("HA3", "over 10%", 1),
        ("HA3", "above 10%", 1),
        "February 1982's level last exceeded vs the Bank of England's forecast for the months after October 2022.",
    ),
    (("HA3", "10.2%", 1), ("HA3", "10.1%", 2), "Inflation in February 1982 vs September 2022."),
    (
        ("HA3", "1980", 1),
        ("HA4", "1982", 1),
        "Last food price jump as big (1980) vs last time headline CPI was as high (1982).",
    ),
    (
        ("HA3", "11%", 1),
        ("HA4", "10.1 per cent", 1),
        "Bank of England's forecast peak for October vs September's outcome.",
    ),
    (
        ("HA4", "9.7 per cent", 1),
        ("HA1", "9.9 per cent", 1),
        "Restaurants and hotels' annual rise vs August's CPI rate.",
    ),
    (
        ("HA1", "40-year", 3),
        ("HA1", "40-year", 1),
        "Same surface in one document: 40-year high of food inflation vs of headline CPI.",
    ),
    (
        ("HA2", "over 40 years", 1),
        ("HA2", "40-year", 2),
        "Food inflation's 'over 40 years' vs headline CPI's 40-year high.",
    ),
    (("HA4", "two year", 1), ("HA1", "two years", 1), "Two-year mortgage fixes vs the two-year growth forecast."),
    (
        ("HA4", "0.5 per cent", 1),
        ("HB1", "0.5pc", 1),
        "Monthly CPI rise (September 2022) vs the forecast monthly house price rise (September 2020).",
    ),
    (("HB4", "5.8%", 1), ("HB1", "5pc", 2), "Nationwide annual growth to October 2020 vs to September 2020."),
    (("HB4", "0.8%", 1), ("HB2", "0.9 per cent", 1), "Monthly house price change in October vs September 2020."),
    (
        ("HB4", "4.5%", 1),
        ("HB3", "4.5%", 1),
        "Unemployment rate (three months to August 2020) vs the forecast annual house price rise.",
    ),
    (
        ("HB2", "10 per cent", 1),
        ("HB2", "15 per cent", 1),
        "Share of all respondents vs London respondents moving because of the pandemic.",
    ),
    (("HC2", "£2.5m", 2), ("HC2", "£2.5m", 1), "Same surface in one document: Moonlight's total vs Logan's previews."),
    (("HC1", "£9.14m", 1), ("HC1", "£9.44m", 1), "Days of Future Past's 2014 opening vs Logan's."),
    (("HC1", "£6.95m", 1), ("HC1", "£9.44m", 1), "Logan's opening excluding vs including previews."),
    (
        ("HC3", "$85.3 million", 1),
        ("HC4", "$85 million", 1),
        "Logan's US opening vs X-Men Origins: Wolverine's 2009 opening.",
    ),
    (("HC4", "$9.5 million", 1), ("HC2", "£9.4m", 1), "US Thursday previews vs UK opening weekend."),
    (("HC1", "£2.50m", 1), ("HC4", "$9.5 million", 1), "Logan's previews in the UK vs in the US."),
    (("HC4", "$12.7 million", 1), ("HC3", "$132.4 million", 1), "Deadpool's Thursday previews vs its opening weekend."),
    (("HC3", "$3.6 million", 1), ("HC2", "£1.5m", 1), "The LEGO Batman Movie in China vs in the UK the same weekend."),
    (
        ("HD2", "$49.90 a barrel", 1),
        ("HD1", "$50.15", 1),
        "Brent at 1:23 p.m. Vienna time (Bloomberg) vs at 1622 GMT (AFP).",
    ),
    (("HD2", "$49.90 a barrel", 1), ("HD4", "$49.21", 1), "Brent (Bloomberg) vs WTI (AFP)."),
    (("HD3", "nearly $4", 1), ("HD1", "$3.77", 1), "Brent's rise at 1:30pm GMT vs at 1622 GMT."),
    (("HD3", "above $50 per barrel", 1), ("HD4", "$50.15", 1), "Brent at 1:30pm GMT vs at 1622 GMT."),
    (("HD3", "above $48", 1), ("HD1", "$49.21", 1), "WTI at 1:30pm GMT vs at 1622 GMT."),
    (("HD2", "7.6 percent", 1), ("HD1", "over 9 percent", 1), "Brent's rise at 1:23 p.m. vs later in the day."),
    (
        ("HD3", "almost eight percent", 1),
        ("HD1", "over 9 percent", 1),
        "Price rise on the Bloomberg report vs later in the day.",
    ),
    (
        ("HD3", "3.7 million", 1),
        ("HD2", "about 3.9 million barrels a day", 1),
        "Iran's current output vs its permitted output under the deal.",
    ),
    (("HD3", "33.64 million barrels", 1), ("HD1", "32.5 million bpd", 1), "OPEC output before vs after the cut."),
    (
        ("HD3", "200,000 bpd", 1),
        ("HD2", "about 600,000 barrels a day", 1),
        "Iran's permitted increase vs non-OPEC cuts.",
    ),
]


def sections(text):
    l1 = text.index("\n")
    l3 = text.index("\n", l1 + 2)
    return [
        {"name": "title", "start": 0, "end": l1},
        {"name": "byline", "start": l1, "end": l3},
        {"name": "body", "start": l3, "end": len(text)},
    ]


def section_of(secs, start):
    for s in secs:
        if s["start"] <= start < s["end"]:
            return s["name"]
    raise AssertionError(start)


def build():
    documents, claims, non_claims = [], [], []
    by_doc_surface = {}
    for pre, (fname, cluster) in FILES.items():
        raw = open(os.path.join(DOCS, fname), "rb").read()
        text = raw.decode("utf-8")
        secs = sections(text)
        cur, n = 0, 0
        for e in ANN[pre]:
            i = text.find(e["surface"], cur)
            if i < 0:
                sys.exit(f"{pre}: {e['surface']!r} not found after offset {cur}")
            cur = i + len(e["surface"])
            sec = section_of(secs, i)
            if e["t"] == "n":
                non_claims.append(
                    {
                        "doc": fname,
                        "surface": e["surface"],
                        "start": i,
                        "end": cur,
                        "section": sec,
                        "reason": e["reason"],
                    }
                )
                continue
            if sec == "byline":
                sys.exit(f"{pre}: claim {e['surface']!r} in byline")
            n += 1
            c = {
                "id": f"{pre}-c{n:03d}",
                "doc": fname,
                "section": sec,
                "surface": e["surface"],
                "start": i,
                "end": cur,
                "kind": e["kind"],
                "value": e["value"],
                "qualifier": e["qualifier"],
                "unit": e["unit"],
                "currency": e["currency"],
                "subject": e["subject"],
                "optional": e["optional"],
            }
            if e["note"]:
                c["note"] = e["note"]
            c["_grp"] = e["grp"]
            claims.append(c)
            k = (pre, e["surface"])
            by_doc_surface.setdefault(k, []).append(c)
        documents.append(
            {
                "file": fname,
                "cluster": cluster,
                "encoding": "utf-8",
                "bytes": len(raw),
                "chars": len(text),
                "sha256": hashlib.sha256(raw).hexdigest(),
                "sections": secs,
                "n_claims": n,
            }
        )
    groups = []
    used = set()
    for key, ((rel, diff, rev), note) in GROUPS.items():
        mem = [c for c in claims if c["_grp"] == key]
        if len(mem) < 2:
            sys.exit(f"group {key} has {len(mem)} members")
        used.add(key)
        docs = {c["doc"] for c in mem}
        scope = "cross_document" if len(docs) > 1 else "within_document"
        vals = {json.dumps([c["value"], c["currency"], c["qualifier"]]) for c in mem}
        if rel == "agree" and len({json.dumps(c["value"]) for c in mem}) > 1 and diff == "none":
            cur_set = {c["currency"] for c in mem}
            if len(cur_set) < 2:
                sys.exit(f"group {key} says agree but values differ: {vals}")
        groups.append(
            {
                "id": key,
                "scope": scope,
                "subject": mem[0]["subject"],
                "members": [
                    {"doc": c["doc"], "surface": c["surface"], "claim_id": c["id"], "start": c["start"]} for c in mem
                ],
                "relation": rel,
                "difference_type": diff,
                "expected_review": rev,
                "note": note,
            }
        )
    stray = {c["_grp"] for c in claims if c["_grp"]} - used
    if stray:
        sys.exit(f"claims refer to undefined groups {stray}")
    # ids: cross first, then within, numbered per cluster letter
    cross = [g for g in groups if g["scope"] == "cross_document"]
    within = [g for g in groups if g["scope"] == "within_document"]
    for lst, tag in ((cross, "G"), (within, "W")):
        counters = {}
        for g in lst:
            letter = g["id"][0]
            counters[letter] = counters.get(letter, 0) + 1
            g["key"] = g["id"]
            g["id"] = f"H{letter}-{tag}{counters[letter]:02d}"
    groups = cross + within
    for c in claims:
        del c["_grp"]

    def ref(r):
        pre, surf, k = r
        lst = by_doc_surface.get((pre, surf))
        if not lst or len(lst) < k:
            sys.exit(f"distractor ref {r} not found")
        c = lst[k - 1]
        return c, {"doc": c["doc"], "surface": c["surface"], "claim_id": c["id"], "start": c["start"]}

    gid = {}
    for g in groups:
        for m in g["members"]:
            gid[m["claim_id"]] = g["id"]
    distractors = []
    for a, b, reason in DISTRACTORS:
        ca, ra = ref(a)
        cb, rb = ref(b)
        if ca["id"] == cb["id"]:
            sys.exit(f"distractor {a} {b} same claim")
        if gid.get(ca["id"]) and gid.get(ca["id"]) == gid.get(cb["id"]):
            sys.exit(f"distractor {a} {b} inside one group")
        distractors.append({"a": ra, "b": rb, "reason": reason})
    counts = {
        "documents": len(documents),
        "clusters": len(CLUSTERS),
        "claims": len(claims),
        "claims_optional": sum(c["optional"] for c in claims),
        "cross_document_groups": len(cross),
        "within_document_groups": len(within),
        "distractors": len(distractors),
        "non_claims": len(non_claims),
    }
    gold = {
        "name": "claim-workbench held-out set (news story clusters from several outlets, 2016-2022)",
        "version": 1,
        "counts": counts,
        "clusters": CLUSTERS,
        "conventions": json.load(open(os.path.join(HERE, "gold.json")))["conventions"]
        | {
            "section": "title (first line) | byline (outlet and date line; contains only non_claims) | body (includes standfirsts and captions)",
            "unit": "oil volumes are kind 'other' with unit 'barrel_per_day' (like 'hours_per_week'); chart positions and series ordinals are kind 'other' unit 'rank' and optional (the dev set does not annotate chart positions)",
        },
        "documents": documents,
        "claims": claims,
        "groups": groups,
        "distractors": distractors,
        "non_claims": non_claims,
    }
    return gold


if __name__ == "__main__":
    gold = build()
    with open(os.path.join(HERE, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
    print(json.dumps(gold["counts"]))
