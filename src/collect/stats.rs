//! The statistics behind the report's claims: 95% Wilson score intervals for a proportion,
//! funnel-plot control limits around an overall proportion, and where a group stands against
//! them.
//!
//! Written by hand rather than taken from a crate: each is a closed formula of a few lines
//! (no distribution functions are needed, only the two fixed normal quantiles below), and the
//! statistics crates (statrs and others) offer neither the Wilson interval nor funnel limits.

/// The standard normal quantile for a two-sided 95% interval (the 97.5th percentile).
pub const Z95: f64 = 1.959_963_984_540_054;
/// The standard normal quantile for two-sided 99.8% limits (the 99.9th percentile).
pub const Z998: f64 = 3.090_232_306_167_813_5;

/// The Wilson score interval for `x` successes in `n` trials at normal quantile `z`, as
/// proportions (0–1); none when `n` is 0.
///
/// `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)`, with `p = x/n` (Wilson 1927;
/// recommended for small samples by Newcombe 1998 and the ONS).
pub fn wilson(x: u32, n: u32, z: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (x, n) = (f64::from(x.min(n)), f64::from(n));
    let p = x / n;
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let denom = 1.0 + z2 / n;
    Some((
        ((centre - half) / denom).max(0.0),
        ((centre + half) / denom).min(1.0),
    ))
}

/// Funnel-plot control limits for a unit of `n` cases around the overall proportion `p0`
/// (0–1), by the normal approximation to the binomial: `p0 ± z·√(p0(1−p0)/n)`, cut to 0–1
/// (Spiegelhalter 2005, "Funnel plots for comparing institutional performance").
pub fn funnel_limits(p0: f64, n: u32, z: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let half = z * (p0 * (1.0 - p0) / f64::from(n)).sqrt();
    Some(((p0 - half).max(0.0), (p0 + half).min(1.0)))
}

/// Where a group's proportion lies against the funnel's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    /// Within the 95% limits.
    Inside,
    /// Above the 95% limits but within the 99.8% limits.
    Above95,
    /// Below the 95% limits but within the 99.8% limits.
    Below95,
    /// Above the 99.8% limits: differs from the rest.
    Above,
    /// Below the 99.8% limits: differs from the rest.
    Below,
}

impl Position {
    /// In words, for the data table.
    pub fn key(self) -> &'static str {
        match self {
            Position::Inside => "report_pos_inside",
            Position::Above95 => "report_pos_above95",
            Position::Below95 => "report_pos_below95",
            Position::Above => "report_pos_above",
            Position::Below => "report_pos_below",
        }
    }

    /// Outside the 99.8% limits: the only groups the text calls different.
    pub fn differs(self) -> bool {
        matches!(self, Position::Above | Position::Below)
    }
}

/// Where `x` of `n` lies against the limits around `p0`; none when `n` is 0. A proportion
/// exactly on a limit is inside it.
pub fn position(x: u32, n: u32, p0: f64) -> Option<Position> {
    let p = f64::from(x) / f64::from(n);
    let (lo95, hi95) = funnel_limits(p0, n, Z95)?;
    let (lo998, hi998) = funnel_limits(p0, n, Z998)?;
    Some(if p > hi998 {
        Position::Above
    } else if p < lo998 {
        Position::Below
    } else if p > hi95 {
        Position::Above95
    } else if p < lo95 {
        Position::Below95
    } else {
        Position::Inside
    })
}

/// A proportion (0–1) as a percentage to one decimal place, for the CSV.
pub fn one_decimal(p: f64) -> f64 {
    (p * 1000.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 5e-5
    }

    #[test]
    fn wilson_matches_published_values() {
        // Newcombe (1998), table I: 81/263 → 0.2553 to 0.3662; 15/148 → 0.0624 to 0.1605;
        // 0/20 → 0 to 0.1611; 1/29 → 0.0061 to 0.1718.
        for (x, n, lo, hi) in [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ] {
            let (l, h) = wilson(x, n, Z95).unwrap();
            assert!(close(l, lo) && close(h, hi), "{x}/{n}: {l} {h}");
        }
        assert_eq!(wilson(0, 0, Z95), None);
        let (l, h) = wilson(20, 20, Z95).unwrap();
        assert!(h == 1.0 && close(l, 1.0 - 0.1611));
    }

    #[test]
    fn funnel_limits_and_positions() {
        let (l, h) = funnel_limits(0.5, 100, Z95).unwrap();
        assert!(close(l, 0.5 - 0.098) && close(h, 0.5 + 0.098), "{l} {h}");
        assert_eq!(funnel_limits(0.9, 4, Z998).unwrap().1, 1.0);
        // 0.5 ± 1.96·0.05 = 0.402–0.598; ± 3.09·0.05 = 0.3455–0.6545.
        assert_eq!(position(50, 100, 0.5), Some(Position::Inside));
        assert_eq!(position(62, 100, 0.5), Some(Position::Above95));
        assert_eq!(position(38, 100, 0.5), Some(Position::Below95));
        assert_eq!(position(66, 100, 0.5), Some(Position::Above));
        assert_eq!(position(34, 100, 0.5), Some(Position::Below));
        assert_eq!(position(0, 0, 0.5), None);
        assert!(Position::Below.differs() && !Position::Below95.differs());
    }
}
