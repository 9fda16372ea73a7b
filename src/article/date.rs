//! Article dates: reading them from the many ways people write them, and the forms byline shows
//! and matches them in.
//!
//! Dates are civil dates (no time zone): a news article's date line names a day, and comparing
//! days is all that sorting and filtering need.

use jiff::civil::Date;

/// Formats tried, in order, on a trimmed date line.
const FORMATS: &[&str] = &[
    "%d %B %Y",     // 31 December 2014
    "%d %b %Y",     // 31 Dec 2014
    "%A, %d %b %Y", // Wed, 31 Dec 2014
    "%b %d, %Y",    // Dec 31, 2014
    "%A, %d %B %Y", // Wednesday, 31 December 2014
    "%A %d %B %Y",  // Wednesday 31 December 2014
    "%B %d, %Y",    // December 31, 2014
    "%B %d %Y",     // December 31 2014
    "%A, %B %d, %Y",
    "%Y-%m-%d", // 2014-12-31
    "%Y/%m/%d",
];

/// Reads a date line such as `31 December 2014`, `Dec. 31, 2014` or `2014-12-31`.
///
/// Returns `None` for anything that is not a whole date, so that a title or author line is never
/// mistaken for one.
pub fn parse(line: &str) -> Option<Date> {
    let line = line.trim();
    if line.is_empty() || line.len() > 40 || !line.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // Timestamps (RFC 3339, ISO 8601 with a time): the date as written, in its own offset.
    if let Ok(pieces) = jiff::fmt::temporal::Pieces::parse(line) {
        return Some(pieces.date());
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(line) {
        return Some(zoned.date());
    }
    // "Dec. 31" and "Sept 3": jiff knows three-letter abbreviations only.
    let normalised = line.replace('.', "").replace("Sept ", "Sep ");
    FORMATS
        .iter()
        .find_map(|format| Date::strptime(format, &normalised).ok())
}

/// Today, in the system's time zone.
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// A date in a strftime `format` (`%d %b %Y`), or why the format cannot be used.
pub fn format(date: Date, format: &str) -> Result<String, String> {
    jiff::fmt::strtime::format(format, date).map_err(|e| e.to_string())
}

/// A date near `today` as people say it (`today`, `yesterday`, `3 days ago`, up to six days);
/// `None` for an older one, or one still to come, which is written as a date.
pub fn relative(date: Date, today: Date) -> Option<String> {
    let days = (today - date).get_days();
    match days {
        0 => Some("today".to_string()),
        1 => Some("yesterday".to_string()),
        2..=6 => Some(format!("{days} days ago")),
        _ => None,
    }
}

/// The widest `format` writes a date, over a year of them (month names differ in length).
pub fn format_width(format: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    (1..=12)
        .filter_map(|month| Date::new(2000, month, 28).ok())
        .filter_map(|d| self::format(d, format).ok())
        .map(|s| s.width())
        .max()
        .unwrap_or(10)
}

/// `2014-12-31`: the form shown in the list and in `--json`.
pub fn iso(date: Date) -> String {
    date.to_string()
}

/// `31 December 2014`: the form shown in the reading pane.
pub fn long(date: Date) -> String {
    format!("{} {} {}", date.day(), month_name(date), date.year())
}

/// `Dec 2014`: the form people type when they remember only the month.
pub fn month(date: Date) -> String {
    let name = month_name(date);
    format!("{} {}", &name[..3], date.year())
}

/// The months' names in English, January first.
pub const MONTHS: [&str; 12] = [
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
];

/// `December`.
pub fn month_name(date: Date) -> &'static str {
    MONTHS[(date.month() - 1) as usize]
}

#[cfg(test)]
mod tests {

    #[test]
    fn near_dates_are_said_as_people_say_them() {
        let today = jiff::civil::date(2026, 3, 2);
        let ago = |days: i64| relative(today - jiff::Span::new().days(days), today);
        assert_eq!(ago(0).as_deref(), Some("today"));
        assert_eq!(ago(1).as_deref(), Some("yesterday"));
        assert_eq!(
            ago(3).as_deref(),
            Some("3 days ago"),
            "across the end of February"
        );
        assert_eq!(ago(6).as_deref(), Some("6 days ago"));
        assert_eq!(ago(7), None, "a week on: the date");
        assert_eq!(ago(-1), None, "tomorrow: the date");
    }

    use jiff::civil::date;

    use super::*;

    #[test]
    fn reads_common_english_forms() {
        let d = date(2014, 12, 31);
        for line in [
            "31 December 2014",
            "  31 December 2014 ",
            "31 Dec 2014",
            "December 31, 2014",
            "Dec. 31, 2014",
            "Wednesday, 31 December 2014",
            "2014-12-31",
        ] {
            assert_eq!(parse(line), Some(d), "{line:?}");
        }
        assert_eq!(parse("3 Sept 2021"), Some(date(2021, 9, 3)));
        for timestamp in [
            "2014-12-31T23:30:00Z",
            "2014-12-31T23:30:00+09:00",
            "2014-12-31T23:30:00.123-05:00",
            "2014-12-31 23:30",
            "Wed, 31 Dec 2014 23:30:00 +0900",
            "Wed, 31 Dec 2014 23:30:00 GMT",
        ] {
            assert_eq!(parse(timestamp), Some(d), "{timestamp:?}");
        }
        assert_eq!(parse("29 February 2024"), Some(date(2024, 2, 29)));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for line in [
            "",
            "Ben McGrath",
            "31 Smarch 2014",
            "30 February 2023",
            "The 2014 budget",
            "2014",
        ] {
            assert_eq!(parse(line), None, "{line:?}");
        }
    }

    #[test]
    fn formats_each_form() {
        let d = date(2014, 12, 31);
        assert_eq!(iso(d), "2014-12-31");
        assert_eq!(long(d), "31 December 2014");
        assert_eq!(month(d), "Dec 2014");
        assert_eq!(long(date(2020, 5, 1)), "1 May 2020");
    }
}
