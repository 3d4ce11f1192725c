//! The HTML form's CSV export: `field,value` rows, `checklist` and `version` first.

use super::returns::Return;

/// A value as typed in the form: the export puts an apostrophe before a value that a
/// spreadsheet could take for a formula (one starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) or that starts with an apostrophe itself; that one apostrophe is removed.
/// An apostrophe before anything else was typed, and is kept.
pub fn restore(value: &str) -> String {
    match value.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with(super::report_csv::FORMULA_STARTS) || rest.starts_with('\'') =>
        {
            rest.to_string()
        }
        _ => value.to_string(),
    }
}

/// Reads a CSV return. The error says why the file is not one.
pub fn read(file: &str, bytes: &[u8]) -> Result<Return, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| format!("not a valid CSV file ({e})"))?
        .clone();
    if headers.len() != 2 || &headers[0] != "field" || &headers[1] != "value" {
        return Err("CSV, but not a guidewright return (the header is not `field,value`)".into());
    }
    let (mut checklist, mut version) = (None, None);
    let mut fields = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| format!("not a valid CSV file at row {} ({e})", i + 2))?;
        let (k, v) = (rec[0].to_string(), restore(&rec[1]));
        match k.as_str() {
            "checklist" => checklist = Some(v),
            "version" => version = Some(v),
            _ => fields.push((k, v)),
        }
    }
    let Some(checklist) = checklist else {
        return Err("CSV, but not a guidewright return (no `checklist` row)".into());
    };
    Ok(Return::from_fields(
        file,
        checklist,
        version.unwrap_or_default(),
        fields,
    ))
}

#[cfg(test)]
mod tests {
    use super::restore;

    #[test]
    fn the_exports_apostrophe_is_removed_once() {
        assert_eq!(restore("'=1+1"), "=1+1");
        assert_eq!(restore("'-5 days"), "-5 days");
        assert_eq!(restore("''tis"), "'tis");
        assert_eq!(restore("'tis"), "'tis");
        assert_eq!(restore("North"), "North");
        assert_eq!(restore("'"), "'");
    }
}
