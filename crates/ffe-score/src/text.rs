//! Numbers as people read them in explanations.

/// A number with at most two decimals and no trailing zeros: 80, 87.5, 33.33.
pub fn num(value: f64) -> String {
    let rounded = round2(value);
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Rounded to two decimals.
pub fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(num(80.0), "80");
        assert_eq!(num(87.5), "87.5");
        assert_eq!(num(100.0 / 3.0), "33.33");
        assert_eq!(num(-0.001), "0");
    }
}
