//! Dates and numbers as a language writes them: "2 September 2024" / "2 Medi 2024", and the
//! thousands and decimal separators.

use super::Locale;

impl Locale {
    /// A date `2024-09-02` in the locale's `date_format` with its month names ("2 Medi
    /// 2024"); anything that is not a date unchanged (validation has refused those already).
    pub fn long_date(&self, s: &str) -> String {
        match crate::dates::parse(s) {
            Some(d) => self.fmt(
                "date_format",
                &[
                    ("day", &d.day().to_string()),
                    ("month", self.get(&format!("month_{}", u8::from(d.month())))),
                    ("year", &d.year().to_string()),
                ],
            ),
            None => s.to_string(),
        }
    }

    /// A whole number with the locale's thousands separator between groups of three digits
    /// ("12,345").
    pub fn thousands(&self, n: u64) -> String {
        let sep = self.get("thousands_separator");
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }

    /// A percentage to one decimal place, without a trailing ".0" ("52.6", "40"), with the
    /// locale's decimal separator.
    pub fn percent(&self, p: f64) -> String {
        let plain = crate::render::views::format_pct(p);
        plain.replace('.', self.get("decimal_separator"))
    }
}
