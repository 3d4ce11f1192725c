//! The id index: every id in the tree, what it names, where it is defined and where it lives
//! in the built site. Duplicate and malformed ids are reported here.

use crate::diag::{Diagnostic, Report};
use crate::model::*;
use std::collections::BTreeMap;

/// Whether `id` is lower-kebab-case: `[a-z0-9]+(-[a-z0-9]+)*`.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Builds the index of every id in the model, reporting malformed and duplicate ids.
pub fn build_index(m: &Model, report: &mut Report) -> BTreeMap<String, Target> {
    let mut index: BTreeMap<String, Target> = BTreeMap::new();
    let mut define = |id: &str,
                      kind: Kind,
                      file: usize,
                      path: &str,
                      status: Status,
                      title: &str,
                      url: String| {
        let pos = m.pos(file, path);
        if !is_kebab(id) {
            let help = format!(
                "ids use lower-case letters, digits and single hyphens, e.g. `{}`",
                slug::slugify(id)
            );
            report.push(
                Diagnostic::error(file, pos, format!("id `{id}` is not lower-kebab-case"))
                    .with_help(help),
            );
            return;
        }
        if let Some(first) = index.get(id) {
            let first_at = format!(
                "{}:{}:{}",
                m.sources.files[first.file].display, first.pos.line, first.pos.col
            );
            let msg = format!(
                "duplicate id `{id}`: already used for {} at {first_at}",
                first.kind.article()
            );
            report.push(
                Diagnostic::error(file, pos, msg)
                    .with_help("ids must be unique across the whole content tree"),
            );
            return;
        }
        let title = title.to_string();
        index.insert(
            id.to_string(),
            Target {
                kind,
                file,
                pos,
                status,
                title,
                url,
            },
        );
    };
    let add = &mut define;
    let id_path = |has: bool| if has { "id" } else { "" };
    for g in &m.guides {
        let gd = &g.guide;
        add(
            &gd.id,
            Kind::Guide,
            gd.file,
            id_path(gd.data.id.is_some()),
            gd.status,
            &gd.title,
            format!("guides/{}/index.html", gd.id),
        );
        for c in &g.chapters {
            add(
                &c.id,
                Kind::Chapter,
                c.file,
                id_path(c.data.id.is_some()),
                c.status,
                &c.title,
                format!("guides/{}/{}.html", gd.id, c.id),
            );
        }
    }
    for s in &m.standards {
        let url = format!("standards/{}.html", s.id);
        let title = format!("{} {}", s.number, s.title);
        add(
            &s.id,
            Kind::Standard,
            s.file,
            id_path(s.data.id.is_some()),
            s.status,
            &title,
            url.clone(),
        );
        for (i, kq) in s.key_questions.iter().enumerate() {
            let path = format!("key_questions.{i}.id");
            add(
                &kq.id,
                Kind::KeyQuestion,
                s.file,
                &path,
                s.status,
                &format!("{} {}", kq.code, kq.text),
                format!("{url}#{}", kq.id),
            );
            for (j, p) in kq.prompts.iter().enumerate() {
                let pid = kq.prompt_id(p);
                let path = format!("key_questions.{i}.prompts.{j}.letter");
                add(
                    &pid,
                    Kind::Prompt,
                    s.file,
                    &path,
                    s.status,
                    &format!("{} ({}) {}", kq.code, p.letter, p.text),
                    format!("{url}#{pid}"),
                );
            }
        }
    }
    for e in &m.evidence {
        add(
            &e.id,
            Kind::Evidence,
            e.file,
            id_path(e.data.id.is_some()),
            e.status,
            &e.title,
            format!("evidence/{}.html", e.id),
        );
    }
    for f in &m.findings {
        let url = format!("findings/{}.html", f.id);
        add(
            &f.id,
            Kind::Findings,
            f.file,
            id_path(f.data.id.is_some()),
            f.status,
            &f.title,
            url.clone(),
        );
        for (i, s) in f.statistics.iter().enumerate() {
            add(
                &s.id,
                Kind::Statistic,
                f.file,
                &format!("statistics.{i}.id"),
                f.status,
                &s.label,
                format!("{url}#{}", s.id),
            );
        }
    }
    for e in &m.examples {
        add(
            &e.id,
            Kind::Example,
            e.file,
            id_path(e.data.id.is_some()),
            e.status,
            &e.title,
            format!("examples/{}.html", e.id),
        );
    }
    for qf in &m.quote_files {
        for (i, q) in qf.quotes.iter().enumerate() {
            add(
                &q.id,
                Kind::Quote,
                qf.file,
                &format!("quotes.{i}.id"),
                qf.status,
                &q.attribution,
                format!("quotes.html#{}", q.id),
            );
        }
    }
    for s in &m.scales {
        add(
            &s.id,
            Kind::Scale,
            s.file,
            id_path(s.data.id.is_some()),
            s.status,
            &s.title,
            format!("scales/{}.html", s.id),
        );
    }
    for s in &m.response_scales {
        add(
            &s.id,
            Kind::ResponseScale,
            s.file,
            id_path(s.data.id.is_some()),
            s.status,
            &s.title,
            format!("checklists/index.html#{}", s.id),
        );
    }
    for c in &m.checklists {
        let url = format!("checklists/{}.html", c.id);
        add(
            &c.id,
            Kind::Checklist,
            c.file,
            id_path(c.data.id.is_some()),
            c.status,
            &c.title,
            url.clone(),
        );
        for (i, s) in c.sections.iter().enumerate() {
            for (j, q) in s.questions.iter().enumerate() {
                let path = format!("sections.{i}.questions.{j}.id");
                add(
                    &q.id,
                    Kind::Question,
                    c.file,
                    &path,
                    c.status,
                    &format!("{} {}", q.code, q.text),
                    format!("{url}#{}", q.id),
                );
            }
        }
    }
    if let Some(g) = &m.glossary {
        for (i, t) in g.terms.iter().enumerate() {
            add(
                &t.id,
                Kind::Term,
                g.file,
                &format!("terms.{i}.id"),
                g.status,
                &t.term,
                format!("glossary.html#{}", t.id),
            );
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::is_kebab;

    #[test]
    fn kebab_ids() {
        assert!(is_kebab("ps-2-1"));
        assert!(is_kebab("a"));
        assert!(!is_kebab("Ps-2"));
        assert!(!is_kebab("a--b"));
        assert!(!is_kebab("-a"));
        assert!(!is_kebab("a_b"));
        assert!(!is_kebab(""));
    }
}
