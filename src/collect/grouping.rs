//! Whether `--group-by` may be honoured. Results side by side by a field are only safe to
//! publish when many returns share each value: grouping by the case reference, or by a field
//! whose values are nearly all different, would print single cases.
//!
//! The rule: the field must be a metadata field of the checklist, not its case reference, and
//! the returns may not have more groups than half their number (counting "Not recorded" as
//! one group); a single group is always allowed.

use super::returns::Return;
use super::CollectError;
use crate::model::{Checklist, Model};

/// Refuses a field the checklist does not have, and the case reference.
pub fn check_field(c: &Checklist, field: &str) -> Result<(), CollectError> {
    let Some(f) = c.metadata_fields.iter().find(|f| f.id == field) else {
        let ids: Vec<&str> = c.metadata_fields.iter().map(|f| f.id.as_str()).collect();
        return Err(CollectError::Usage(format!(
            "error: --group-by {field}: the checklist has no metadata field `{field}` (fields: {})",
            ids.join(", ")
        )));
    };
    if super::case_reference_field(c).as_deref() == Some(field) {
        return Err(CollectError::Usage(format!(
            "error: --group-by {field}: {} is the checklist's case reference, so grouping by it would publish every case on its own; group by a field that many returns share, such as a team",
            f.label
        )));
    }
    Ok(())
}

/// Refuses a field whose values are nearly all different among `returns`.
pub fn check_spread(
    model: &Model,
    c: &Checklist,
    field: &str,
    returns: &[Return],
) -> Result<(), CollectError> {
    // Only how many groups there are counts here, not what the empty one is called.
    let english = crate::locale::Locale::english();
    let groups = super::tally::group(model, c, field, returns, &english).len();
    if groups < 2 || groups * 2 <= returns.len() {
        return Ok(());
    }
    let label = c
        .metadata_fields
        .iter()
        .find(|f| f.id == field)
        .map_or(field, |f| f.label.as_str());
    Err(CollectError::Usage(format!(
        "error: --group-by {field}: the {} returns have {groups} different values of {label}, more than half as many as there are returns, so the groups would show single cases; group by a field that many returns share, or leave out --group-by",
        returns.len()
    )))
}
