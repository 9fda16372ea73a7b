//! Date conditions after `d:` (`2014-12`, `>=2014-06`, `2014..2015-01`, `<30d`), resolved to
//! day ranges against today when the query is parsed, so matching only compares days.

use std::ops::Range;

use jiff::Span;
use jiff::civil::Date;

use crate::article::date;
use crate::query::{DateRange, QueryError};

/// A date condition after `d:`; error spans are relative to `text`.
pub(super) fn date_condition(text: &str, today: Date) -> Result<DateRange, QueryError> {
    if let Some(dots) = text.find("..") {
        let (a, b) = (&text[..dots], &text[dots + 2..]);
        let from = match a {
            "" => None,
            _ => Some(partial_date(a, 0)?.0),
        };
        let to = match b {
            "" => None,
            _ => Some(partial_date(b, dots + 2)?.1),
        };
        if from.is_none() && to.is_none() {
            return Err(QueryError::new(
                "a range needs a date on one side at least (2014..2015)",
                0..text.len(),
            ));
        }
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(QueryError::new(
                "this range ends before it starts",
                0..text.len(),
            ));
        }
        return Ok(DateRange { from, to });
    }
    for op in [">=", "<=", ">", "<", "="] {
        let Some(value) = text.strip_prefix(op) else {
            continue;
        };
        let at = op.len();
        if value.is_empty() {
            return Err(QueryError::new(
                format!("a date or an age after {op} (2014-06, 30d)"),
                0..text.len(),
            ));
        }
        if let Some(age) = age(value, at)? {
            let cutoff = back_from(today, age, at..text.len())?;
            // An age compares the other way round: `<30d` is newer than 30 days ago.
            let range = match op {
                "<" => DateRange {
                    from: Some(next_day(cutoff, text)?),
                    to: None,
                },
                "<=" => DateRange {
                    from: Some(cutoff),
                    to: None,
                },
                ">" => DateRange {
                    from: None,
                    to: Some(previous_day(cutoff, text)?),
                },
                ">=" => DateRange {
                    from: None,
                    to: Some(cutoff),
                },
                _ => {
                    return Err(QueryError::new(
                        "an age needs < or > (d:<30d is the last 30 days)",
                        0..text.len(),
                    ));
                }
            };
            return Ok(range);
        }
        let (start, end) = partial_date(value, at)?;
        let range = match op {
            ">" => DateRange {
                from: Some(next_day(end, text)?),
                to: None,
            },
            ">=" => DateRange {
                from: Some(start),
                to: None,
            },
            "<" => DateRange {
                from: None,
                to: Some(previous_day(start, text)?),
            },
            "<=" => DateRange {
                from: None,
                to: Some(end),
            },
            _ => DateRange {
                from: Some(start),
                to: Some(end),
            },
        };
        return Ok(range);
    }
    if age(text, 0)?.is_some() {
        return Err(QueryError::new(
            "an age needs < or > (d:<30d is the last 30 days, d:>1y over a year ago)",
            0..text.len(),
        ));
    }
    let (from, to) = partial_date(text, 0)?;
    Ok(DateRange {
        from: Some(from),
        to: Some(to),
    })
}

/// The day after `day`; there is none after 9999-12-31.
fn next_day(day: Date, text: &str) -> Result<Date, QueryError> {
    day.tomorrow().map_err(|_| {
        QueryError::new(
            format!("no date comes after {}", date::iso(day)),
            0..text.len(),
        )
    })
}

/// The day before `day`; there is none before the first day jiff knows.
fn previous_day(day: Date, text: &str) -> Result<Date, QueryError> {
    day.yesterday().map_err(|_| {
        QueryError::new(
            format!("no date comes before {}", date::iso(day)),
            0..text.len(),
        )
    })
}

/// An age like `30d`, `2w`, `6m`, `1y`; `None` if `text` is not shaped like one.
fn age(text: &str, at: usize) -> Result<Option<Span>, QueryError> {
    let Some(unit) = text.chars().last().filter(|c| "dwmy".contains(*c)) else {
        return Ok(None);
    };
    let digits = &text[..text.len() - 1];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let span = at..at + text.len();
    let too_far = || QueryError::new("that is too far back", span.clone());
    let n: i64 = digits.parse().map_err(|_| too_far())?;
    let age = match unit {
        'd' => Span::new().try_days(n),
        'w' => Span::new().try_weeks(n),
        'm' => Span::new().try_months(n),
        _ => Span::new().try_years(n),
    };
    age.map(Some).map_err(|_| too_far())
}

/// The day `age` before `today`.
fn back_from(today: Date, age: Span, span: Range<usize>) -> Result<Date, QueryError> {
    today
        .checked_sub(age)
        .map_err(|_| QueryError::new("that is too far back", span))
}

/// A year, month or day: its first and last day. `at` is its offset, for errors.
fn partial_date(text: &str, at: usize) -> Result<(Date, Date), QueryError> {
    let span = at..at + text.len();
    let not_a_date = || {
        QueryError::new(
            format!("“{text}” is not a date (2014-12-31, 2014-12, 2014; or an age: <30d)"),
            span.clone(),
        )
    };
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(not_a_date());
    }
    let year_text = parts[0];
    let year_span = at..at + year_text.len();
    if year_text.len() != 4 {
        return Err(QueryError::new(
            format!("a year has four digits, not “{year_text}” (an age needs d, w, m or y: 30d)"),
            year_span,
        ));
    }
    let year: i16 = year_text.parse().map_err(|_| not_a_date())?;
    let month_at = at + year_text.len() + 1;
    let month = match parts.get(1) {
        None => None,
        Some(m) => {
            let month_span = month_at..month_at + m.len();
            let value: i8 = m.parse().unwrap_or(0);
            if m.len() > 2 || !(1..=12).contains(&value) {
                return Err(QueryError::new(
                    format!("there is no month {m}"),
                    month_span,
                ));
            }
            Some(value)
        }
    };
    let Some(month) = month else {
        let first = Date::new(year, 1, 1).map_err(|_| not_a_date())?;
        let last = Date::new(year, 12, 31).map_err(|_| not_a_date())?;
        return Ok((first, last));
    };
    let first = Date::new(year, month, 1).map_err(|_| not_a_date())?;
    let Some(d) = parts.get(2) else {
        return Ok((first, first.last_of_month()));
    };
    let day_at = month_at + parts[1].len() + 1;
    let value: i8 = d.parse().unwrap_or(0);
    let days = first.days_in_month();
    if d.len() > 2 || value < 1 || value > days {
        return Err(QueryError::new(
            format!("{} {year} has {days} days", date::month_name(first)),
            day_at..day_at + d.len(),
        ));
    }
    let day = Date::new(year, month, value).map_err(|_| not_a_date())?;
    Ok((day, day))
}
