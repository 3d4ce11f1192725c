//! The form: one OpenDocument control per answer box or option, declared in `office:forms`
//! and placed in the text by a `draw:control` that names it.
//!
//! Field names are the return's (docs/returns.md): every option of a question's radio group has
//! the question's `form:name` and its own `form:value`; nothing is selected.

use super::xml::{Xml, R};

/// What a control is.
pub(super) enum Kind {
    /// One option of a radio group: its label and the value a return records.
    Radio { label: String, value: String },
    /// A one-line text box.
    Text,
    /// A text box of several lines.
    TextArea,
}

/// A control of the form, in reading (and tab) order.
pub(super) struct Control {
    pub name: String,
    /// What the control asks (its tooltip, and what assistive technology reads).
    pub title: String,
    pub kind: Kind,
}

/// The id a control's `draw:control` refers to.
pub(super) fn id(index: usize) -> String {
    format!("control{}", index + 1)
}

/// `<office:forms>`: one form holding every control. LibreOffice shows controls only when the
/// form names its implementation; the document opens ready to fill in (not in design mode).
pub(super) fn forms(x: &mut Xml, controls: &[Control]) -> R {
    x.start(
        "office:forms",
        &[
            ("form:automatic-focus", "false"),
            ("form:apply-design-mode", "false"),
        ],
    )?;
    x.start(
        "form:form",
        &[
            ("form:name", "Form"),
            ("form:apply-filter", "true"),
            ("form:command-type", "table"),
            (
                "form:control-implementation",
                "ooo:com.sun.star.form.component.Form",
            ),
        ],
    )?;
    for (i, c) in controls.iter().enumerate() {
        control(x, &id(i), i + 1, c)?;
    }
    x.end("form:form")?;
    x.end("office:forms")
}

fn control(x: &mut Xml, id: &str, tab: usize, c: &Control) -> R {
    let tab = tab.to_string();
    let (element, implementation) = match c.kind {
        Kind::Radio { .. } => ("form:radio", "ooo:com.sun.star.form.component.RadioButton"),
        Kind::Text => ("form:text", "ooo:com.sun.star.form.component.TextField"),
        Kind::TextArea => ("form:textarea", "ooo:com.sun.star.form.component.TextField"),
    };
    let mut attrs = vec![
        ("form:name", c.name.as_str()),
        ("form:control-implementation", implementation),
        ("xml:id", id),
        ("form:id", id),
        ("form:title", c.title.as_str()),
        ("form:tab-index", tab.as_str()),
    ];
    if let Kind::Radio { label, value } = &c.kind {
        attrs.extend([
            ("form:label", label.as_str()),
            ("form:value", value.as_str()),
            ("form:image-position", "start"),
        ]);
    }
    if matches!(c.kind, Kind::TextArea) {
        x.start(element, &attrs)?;
        x.start("form:properties", &[])?;
        x.empty(
            "form:property",
            &[
                ("form:property-name", "MultiLine"),
                ("office:value-type", "boolean"),
                ("office:boolean-value", "true"),
            ],
        )?;
        x.end("form:properties")?;
        x.end(element)
    } else {
        x.empty(element, &attrs)
    }
}

/// The `draw:control` that places control `index` in the text, `width` × `height` cm.
pub(super) fn place(x: &mut Xml, index: usize, width: f32, height: f32) -> R {
    let (w, h) = (format!("{width:.2}cm"), format!("{height:.2}cm"));
    let z = index.to_string();
    x.empty(
        "draw:control",
        &[
            ("text:anchor-type", "as-char"),
            ("draw:z-index", &z),
            ("draw:style-name", "gr1"),
            ("draw:text-style-name", "Pctl"),
            ("svg:width", &w),
            ("svg:height", &h),
            ("draw:control", &id(index)),
        ],
    )
}
