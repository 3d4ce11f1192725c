//! Calendar dates as authors write them (`YYYY-MM-DD`): which strings are real dates, how they
//! read on a page ("1 March 2024"), and today's date for `guidewright check`.
//!
//! The calendar itself (month lengths, leap years) comes from the `time` crate; only the
//! written shape, four digits, a hyphen, two digits, a hyphen, two digits, is checked here,
//! because `time`'s own format parser would also accept a sign or a longer year.

use time::{Date, Month, OffsetDateTime};

/// The date `s` names, if it is written `YYYY-MM-DD` and exists in the calendar
/// (`2023-02-30` and `2023-13-01` do not).
pub fn parse(s: &str) -> Option<Date> {
    if !shaped(s) {
        return None;
    }
    let year: i32 = s[0..4].parse().ok()?;
    let month: u8 = s[5..7].parse().ok()?;
    let day: u8 = s[8..10].parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// Whether `s` has the shape `dddd-dd-dd` (ASCII digits).
fn shaped(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, c)| match i {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Whether `s` is a real date written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    parse(s).is_some()
}

/// Why `s` is not a date, for messages: a wrong shape, or a day that does not exist.
pub fn problem(s: &str) -> String {
    if shaped(s) {
        format!("`{s}` is not a date: there is no such day in the calendar")
    } else {
        format!("`{s}` is not a date: write it as YYYY-MM-DD")
    }
}

/// A date `2024-03-01` as "1 March 2024"; anything else unchanged (validation has already
/// refused anything that is not a real date).
pub fn long_date(s: &str) -> String {
    match parse(s) {
        Some(d) => format!("{} {} {}", d.day(), d.month(), d.year()),
        None => s.to_string(),
    }
}

/// Today's date in UTC as YYYY-MM-DD, from the system clock (only `check` uses it, so builds
/// never depend on the clock).
pub fn today() -> String {
    let d = OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates_only() {
        assert!(is_date("2024-03-01"));
        assert!(is_date("2024-02-29"), "2024 is a leap year");
        assert!(!is_date("2023-02-29"), "2023 is not");
        assert!(!is_date("2023-02-30"));
        assert!(!is_date("2023-04-31"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("2024-00-10"));
        assert!(!is_date("2024-01-00"));
        assert!(!is_date("1 March 2024"));
        assert!(!is_date("2024-3-1"));
        assert!(!is_date("+024-03-01"));
        assert!(!is_date("2024-03-1x"));
        assert!(!is_date("２０２４-03-01"));
    }

    #[test]
    fn long_dates_and_messages() {
        assert_eq!(long_date("2024-03-01"), "1 March 2024");
        assert_eq!(long_date("2023-12-25"), "25 December 2023");
        assert_eq!(long_date("2023-02-30"), "2023-02-30");
        assert!(problem("2023-02-30").contains("no such day"));
        assert!(problem("1st March").contains("YYYY-MM-DD"));
        assert!(is_date(&today()), "{}", today());
    }
}
