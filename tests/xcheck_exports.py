"""xcheck_exports.py - what tests/stats_xcheck.py and tests/drivers_xcheck.py
both read from a data directory, with nothing but the Python standard
library: the config, the report under test, timestamps, the CSV rows,
the as-of instant and each account's pauses, and calendar days less
pauses.  Written apart from gen/ on purpose: it is the independent side
of the comparison."""
import configparser, csv, datetime as dt, json, os


class Exports:
    def __init__(self, data, report):
        self.data = data
        self.ini = configparser.ConfigParser(inline_comment_prefixes=(';',),
                                             interpolation=None)
        self.ini.read(os.path.join(data, 'ttfv.ini'))
        self.rep = json.load(open(report))
        # the report's as-of date names its last day: the instant is the
        # end of that UTC day
        day = dt.date.fromisoformat(self.rep['as_of'])
        self.asof = dt.datetime(day.year, day.month, day.day,
                                tzinfo=dt.timezone.utc).timestamp() + 86400
        self.pauses = {}
        for r in self.rows_of('pauses.csv'):
            self.pauses.setdefault(r['account_id'], []).append(
                (ts(r['paused_at']), ts(r['resumed_at'])))

    def rows_of(self, name):
        """The file's rows as dicts; none when the export is absent."""
        path = os.path.join(self.data, name)
        return list(csv.DictReader(open(path))) if os.path.exists(path) \
            else []

    def duration(self, acct, a, b, span):
        """span(a, b) less the account's pauses within [a, b], merged."""
        iv = sorted((max(p, a), min(q if q else b, b))
                    for p, q in self.pauses.get(acct, []))
        merged = []
        for x in (x for x in iv if x[1] > x[0]):
            if merged and x[0] <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], x[1]))
            else:
                merged.append(x)
        return max(0.0, span(a, b) - sum(span(*x) for x in merged))


def ts(s):
    """An ISO instant or date (midnight UTC) as epoch seconds; None blank."""
    s = (s or '').strip()
    if not s:
        return None
    if len(s) == 10:
        s += 'T00:00:00+00:00'
    return dt.datetime.fromisoformat(s.replace('Z', '+00:00')).timestamp()


def calendar(a, b):
    return max(0.0, (b - a) / 86400)
