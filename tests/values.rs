//! Values that must be real (dates, the site's address, every address an author writes) and
//! one cause, one error (a broken file reported once and first, suggestions, exact underlines).
//! Every expected place is found by searching the test's own YAML for the offending text.

mod common;
use common::{snapshot, Project};

/// The number of carets under the source line shown for the diagnostic at `location`.
fn carets_at(stderr: &str, location: &str) -> usize {
    let block = stderr
        .split_once(&format!("┌─ {location}\n"))
        .unwrap_or_else(|| panic!("no diagnostic at {location} in:\n{stderr}"))
        .1;
    let caret_line = block
        .lines()
        .find(|l| l.contains('^'))
        .unwrap_or_else(|| panic!("no carets after {location}:\n{stderr}"));
    caret_line.matches('^').count()
}

/// Builds the sample once so there is a previous output, then returns its snapshot.
fn built(p: &Project) -> Vec<(String, Vec<u8>)> {
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    snapshot(&p.path("output"))
}

/// Runs `build`, which must fail with exit status 1 and leave the previous output as it was.
fn failing_build(p: &Project, before: &[(String, Vec<u8>)]) -> String {
    let r = p.run(&["build"]);
    assert_eq!(r.code, 1, "build should fail:\n{}", r.stderr);
    assert!(
        snapshot(&p.path("output")) == before,
        "the previous output must survive a failed build"
    );
    r.stderr
}

fn problems(stderr: &str) -> usize {
    let line = stderr
        .lines()
        .find(|l| l.contains("found in the content"))
        .unwrap_or_else(|| panic!("no summary line in:\n{stderr}"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

const GUIDE: &str = "guides/keeping-people-safe/guide.yaml";
const INTRO: &str = "guides/keeping-people-safe/kps-introduction.yaml";

#[test]
fn impossible_dates_are_errors_where_written() {
    let p = Project::sample();
    let before = built(&p);
    p.edit(GUIDE, "published: 2024-03-01", "published: 2023-02-30");
    let findings = "findings/kcs-inspection-findings.yaml";
    let date = p
        .read(findings)
        .lines()
        .find_map(|l| l.trim().strip_prefix("date: ").map(str::to_string))
        .expect("the sample findings have a source date");
    p.edit(findings, &format!("date: {date}"), "date: 2023-04-31");
    // Every entity may carry dates, the site too.
    p.edit(
        "site.yaml",
        "language: en-GB\n",
        "language: en-GB\nupdated: 2023-02-29\n",
    );
    let err = failing_build(&p, &before);
    assert!(err.contains(&p.locate("site.yaml", "2023-02-29")), "{err}");
    let at = p.locate(GUIDE, "2023-02-30");
    assert!(
        err.contains(&format!(
            "`2023-02-30` is not a date: there is no such day in the calendar\n   ┌─ {at}\n"
        )),
        "{err}"
    );
    assert_eq!(carets_at(&err, &at), "2023-02-30".len());
    let at = p.locate(findings, "2023-04-31");
    assert!(err.contains(&at), "{err}");
    assert_eq!(problems(&err), 3, "{err}");

    // A real 29 February builds and reads as a date.
    p.edit(GUIDE, "published: 2023-02-30", "published: 2024-02-29");
    p.edit(findings, "date: 2023-04-31", &format!("date: {date}"));
    p.edit("site.yaml", "updated: 2023-02-29\n", "");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page =
        std::fs::read_to_string(p.path("output/guides/keeping-people-safe/index.html")).unwrap();
    assert!(page.contains("29 February 2024"), "{page}");
}

#[test]
fn base_url_in_site_yaml_must_be_an_absolute_web_address() {
    let p = Project::sample();
    let before = built(&p);
    let good = "base_url: https://example.org/guidance/";
    for bad in [
        "not-a-url",
        "/guidance/",
        "ftp://example.org/guidance/",
        "https://user:secret@example.org/",
        "https://example.org/guidance/?x=1",
        "javascript:alert(1)",
    ] {
        p.edit("site.yaml", good, &format!("base_url: {bad}"));
        let err = failing_build(&p, &before);
        let at = p.locate("site.yaml", bad);
        assert!(err.contains(&at), "{bad}: expected {at} in:\n{err}");
        assert_eq!(carets_at(&err, &at), bad.chars().count(), "{bad}:\n{err}");
        assert_eq!(problems(&err), 1, "{err}");
        p.edit("site.yaml", &format!("base_url: {bad}"), good);
    }
    // Without its trailing slash it is normalised, not refused.
    p.edit("site.yaml", good, "base_url: https://example.org/guidance");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sitemap = std::fs::read_to_string(p.path("output/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/guidance/index.html</loc>"),
        "{sitemap}"
    );
}

#[test]
fn base_url_flag_is_a_usage_error_unless_absolute_http() {
    let p = Project::sample();
    let before = built(&p);
    for bad in ["not-a-url", "example.org/guidance", "file:///tmp/site/", ""] {
        let r = p.run(&["build", "--base-url", bad]);
        assert_eq!(r.code, 2, "{bad:?}:\n{}", r.stderr);
        assert!(r.stderr.contains("--base-url"), "{}", r.stderr);
        assert!(snapshot(&p.path("output")) == before);
    }
    let r = p.run(&["build", "--base-url", "https://example.org/other"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sitemap = std::fs::read_to_string(p.path("output/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/other/index.html</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("not-a-url"));
}

#[test]
fn script_addresses_in_footer_links_fail_the_build() {
    let p = Project::sample();
    let before = built(&p);
    let good = "url: https://example.org/cookies";
    // As written in site.yaml, and the text the error must point at.
    for (written, offending) in [
        ("javascript:alert(document.cookie)", "javascript:"),
        ("JaVaScRiPt:alert(1)", "JaVaScRiPt:"),
        ("\"  javascript:alert(1)\"", "  javascript:"),
        ("\"java\\tscript:alert(1)\"", "java\\tscript:"),
        ("vbscript:msgbox(1)", "vbscript:"),
        ("\"data:text/html,<script>alert(1)</script>\"", "data:"),
        ("gopher://example.org/", "gopher:"),
        ("\"%6Aavascript:alert(1)\"", "%6Aavascript:"),
    ] {
        p.edit("site.yaml", good, &format!("url: {written}"));
        let err = failing_build(&p, &before);
        let at = p.locate("site.yaml", offending);
        assert!(err.contains(&at), "{written}: expected {at} in:\n{err}");
        assert_eq!(problems(&err), 1, "{err}");
        p.edit("site.yaml", &format!("url: {written}"), good);
    }
    let all: Vec<u8> = before.iter().flat_map(|(_, b)| b.clone()).collect();
    assert!(!String::from_utf8_lossy(&all).contains("javascript:"));
}

#[test]
fn markdown_addresses_are_checked_at_their_exact_column() {
    let p = Project::sample();
    let before = built(&p);
    let text = p.read(INTRO);
    let anchor = "(ref:ps-2-1)";
    assert!(text.contains(anchor));
    // Non-ASCII text before each address, so columns must count characters.
    let links = [
        ("Dŵr ŷ [click](JaVaScRiPt:alert(1))", "JaVaScRiPt:alert(1)"),
        (
            "Tŷ ![chart](data:image/png;base64,AAAA)",
            "data:image/png;base64,AAAA",
        ),
        (
            "“q” [e](&#106;avascript:alert(1))",
            "&#106;avascript:alert(1)",
        ),
        ("é [t](java&#9;script:alert(1))", "java&#9;script:alert(1)"),
        ("ŵ [p](%6Aavascript:alert(1))", "%6Aavascript:alert(1)"),
        ("ŷ <vbscript:msgbox(1)>", "vbscript:msgbox(1)"),
    ];
    let added: String = links.iter().map(|(l, _)| format!(" {l}")).collect();
    p.edit_first(INTRO, anchor, &format!("{anchor}{added}"));
    let err = failing_build(&p, &before);
    for (_, offending) in links {
        let at = p.locate(INTRO, offending);
        assert!(
            err.contains(&at),
            "expected {at} for {offending} in:\n{err}"
        );
        assert_eq!(
            carets_at(&err, &at),
            offending.chars().count(),
            "{offending}:\n{err}"
        );
    }
    assert_eq!(problems(&err), links.len(), "{err}");

    // A reference definition is checked where it is written; allowed schemes pass.
    p.write(INTRO, &text);
    let field = text
        .lines()
        .find(|l| l.trim_start().starts_with("body: |"))
        .expect("a block body in the introduction");
    let indent = " ".repeat(field.len() - field.trim_start().len() + 2);
    let defs = format!(
        "{field}\n{indent}See [the form][f], [mail](mailto:team@example.org), [call](tel:+441234567890).\n\n{indent}[f]: FTP://example.org/form\n"
    );
    p.edit_first(INTRO, &format!("{field}\n"), &defs);
    let err = failing_build(&p, &before);
    let at = p.locate(INTRO, "FTP://example.org/form");
    assert!(err.contains("unknown address scheme `ftp:`"), "{err}");
    assert_eq!(carets_at(&err, &at), "FTP://example.org/form".len());
    assert_eq!(problems(&err), 1, "{err}");
}

#[test]
fn a_broken_file_is_one_error_and_comes_first() {
    let p = Project::sample();
    // A standard that does not fit its type: everything referring to it (chapters,
    // checklists, examples, Markdown links) would otherwise be "unknown id".
    let std_file = "standards/ps-2-1.yaml";
    p.edit(
        std_file,
        "title: Assessment\n",
        "title: [Assessment, Planning]\n",
    );
    // An unrelated error in a file that comes earlier in path order.
    p.edit(
        "checklists/kcs-self-assessment.yaml",
        "version: \"1.0\"",
        "version: \"1.0\"\npublished: 2023-02-30",
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1);
    let cause = p.locate(std_file, "[Assessment");
    let other = p.locate("checklists/kcs-self-assessment.yaml", "2023-02-30");
    let (i, j) = (r.stderr.find(&cause), r.stderr.find(&other));
    assert!(i.is_some() && j.is_some(), "{}", r.stderr);
    assert!(i < j, "the root cause comes first:\n{}", r.stderr);
    assert!(!r.stderr.contains("unknown id"), "{}", r.stderr);
    assert_eq!(problems(&r.stderr), 2, "{}", r.stderr);
}

#[test]
fn a_syntax_error_in_the_glossary_or_a_guide_is_one_error() {
    let p = Project::sample();
    let glossary = p.read("glossary.yaml");
    let first = glossary.lines().find(|l| l.contains("term: ")).unwrap();
    p.edit_first("glossary.yaml", first, &format!("{first}: broken: here"));
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1);
    assert_eq!(problems(&r.stderr), 1, "{}", r.stderr);
    assert!(!r.stderr.contains("unknown id"), "{}", r.stderr);
    p.write("glossary.yaml", &glossary);

    // A guide.yaml whose title holds an unquoted `: `.
    let title = p.read(GUIDE).lines().next().unwrap().to_string();
    let broken = title.replacen("title: ", "title: Guide: ", 1);
    p.edit(GUIDE, &title, &broken);
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1);
    // libyaml points at the second colon.
    let colon = broken.match_indices(": ").nth(1).unwrap().0;
    let at = format!("content/{GUIDE}:1:{}", broken[..colon].chars().count() + 1);
    assert!(
        r.stderr.contains(&format!(
            "mapping values are not allowed in this context\n  ┌─ {at}\n"
        )),
        "{}",
        r.stderr
    );
    assert_eq!(carets_at(&r.stderr, &at), 1);
    assert!(r.stderr.contains("must be quoted"), "{}", r.stderr);
    assert!(!r.stderr.contains("has no guide.yaml"), "{}", r.stderr);
    assert!(!r.stderr.contains("unknown id"), "{}", r.stderr);
    assert!(!r.stderr.contains("is not used"), "{}", r.stderr);
    assert_eq!(problems(&r.stderr), 1, "{}", r.stderr);
}

#[test]
fn near_misses_get_suggestions_of_the_kind_expected() {
    let p = Project::sample();
    // An enumerated value (serde's "unknown variant").
    let kind = p
        .read(INTRO)
        .lines()
        .find(|l| l.starts_with("kind: "))
        .unwrap()
        .to_string();
    p.edit(INTRO, &format!("{kind}\n"), "kind: introductoin\n");
    let r = p.run(&["check"]);
    let at = p.locate(INTRO, "introductoin");
    assert!(r.stderr.contains(&at), "{}", r.stderr);
    assert!(
        r.stderr.contains("help: did you mean `introduction`?"),
        "{}",
        r.stderr
    );
    p.edit(INTRO, "kind: introductoin\n", &format!("{kind}\n"));

    // A key question id where a standard is expected: the suggestion is a standard, not the
    // (closer) prompt ids.
    let rel = "checklists/kps-self-assessment.yaml";
    let line = p
        .read(rel)
        .lines()
        .find(|l| l.trim() == "standard: ps-2-1")
        .unwrap()
        .to_string();
    p.edit_first(rel, &line, &line.replace("ps-2-1", "ps-2-1-1"));
    // A classification level misspelt.
    let ex = "examples/kps-example-checks-before-visit.yaml";
    let text = p.read(ex);
    let (scale, level) = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("classifications: {"))
        .and_then(|l| l.trim_end_matches('}').split(',').next()?.split_once(": "))
        .map(|(s, l)| (s.trim().to_string(), l.trim().to_string()))
        .expect("the example has a classification");
    // Swap the last two letters: one transposition.
    let mut chars: Vec<char> = level.chars().collect();
    let n = chars.len();
    chars.swap(n - 1, n - 2);
    let typo: String = chars.into_iter().collect();
    p.edit(
        ex,
        &format!("{scale}: {level}"),
        &format!("{scale}: {typo}"),
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1);
    let at = p.locate(rel, "ps-2-1-1\n");
    assert!(
        r.stderr.contains(&format!(
            "`ps-2-1-1` is a key question, but a standard is expected here\n   ┌─ {at}\n"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: did you mean `ps-2-1`?"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(&p.locate(ex, &typo)), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("help: did you mean `{level}`?")),
        "{}",
        r.stderr
    );
}

#[test]
fn carets_span_the_offending_characters() {
    let p = Project::sample();
    // A syntax error at one character on a line of Welsh: one caret, at the character.
    let rel = "scales/rag.yaml";
    let text = p.read(rel);
    let first = text.lines().next().unwrap();
    p.edit_first(rel, first, "title: \"Graddfa ŵŷ “RAG” \\q\"");
    let r = p.run(&["check"]);
    let at = p.locate(rel, "\\q");
    assert!(r.stderr.contains("unknown escape"), "{}", r.stderr);
    assert!(r.stderr.contains(&at), "{}", r.stderr);
    assert_eq!(carets_at(&r.stderr, &at), 1, "{}", r.stderr);
    // A misspelt field on such a line: the field name, in characters.
    p.edit_first(rel, "title: \"Graddfa ŵŷ “RAG” \\q\"", "tîtlé: Graddfa ŵŷ");
    let r = p.run(&["check"]);
    let at = p.locate(rel, "tîtlé");
    assert_eq!(carets_at(&r.stderr, &at), 5, "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `title`?"), "{}", r.stderr);
    p.write(rel, &text);

    // A character the PDF font cannot draw: a warning under that one character.
    let intro = p.read(INTRO);
    let title = intro.lines().next().unwrap();
    p.edit_first(INTRO, title, &format!("{title} ☃ ŵŷ ☃"));
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let at = p.locate(INTRO, "☃");
    assert!(r.stderr.contains("no glyph for `☃`"), "{}", r.stderr);
    assert_eq!(carets_at(&r.stderr, &at), 1, "{}", r.stderr);
}

/// The file kind a heading of docs/content-model.md names, e.g. "### site (`site.yaml`)".
fn parse_as(heading: &str, yaml: &str) -> Result<(), String> {
    use guidewright::model::*;
    fn typed<T: serde::de::DeserializeOwned>(yaml: &str) -> Result<(), String> {
        serde_yaml::from_str::<T>(yaml)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
    let file = heading.split('`').nth(1).unwrap_or_default();
    match file {
        "site.yaml" => typed::<Site>(yaml),
        "glossary.yaml" => typed::<Glossary>(yaml),
        "vocabulary.yaml" => typed::<Vocabulary>(yaml),
        "guides/<id>/guide.yaml" => typed::<Guide>(yaml),
        "guides/<guide>/<id>.yaml" => typed::<Chapter>(yaml),
        "standards/<id>.yaml" => typed::<Standard>(yaml),
        "evidence/<id>.yaml" => typed::<EvidenceSummary>(yaml),
        "findings/<id>.yaml" => typed::<Findings>(yaml),
        "examples/<id>.yaml" => typed::<PracticeExample>(yaml),
        "quotes/<any>.yaml" => typed::<QuoteFile>(yaml),
        "scales/<id>.yaml" => typed::<ClassificationScale>(yaml),
        "response-scales/<id>.yaml" => typed::<ResponseScale>(yaml),
        "checklists/<id>.yaml" => typed::<Checklist>(yaml),
        other => Err(format!("unknown kind of file `{other}`")),
    }
}

#[test]
fn content_model_examples_are_valid_yaml_of_their_kind() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content-model.md"),
    )
    .unwrap();
    let mut heading = String::new();
    let mut block: Option<(usize, String)> = None;
    let mut checked = 0;
    for (i, line) in doc.lines().enumerate() {
        match &mut block {
            None if line == "```yaml" => block = Some((i + 2, String::new())),
            None if line.starts_with('#') => heading = line.to_string(),
            None => {}
            Some((start, yaml)) if line == "```" => {
                let at = format!("docs/content-model.md:{start}");
                let value: serde_yaml::Value = serde_yaml::from_str(yaml)
                    .unwrap_or_else(|e| panic!("{at}: not valid YAML: {e}"));
                // The block right under an entity's heading is a whole file of that kind;
                // a later block (a fragment) is checked as YAML only.
                if heading.contains("(`") {
                    parse_as(&heading, yaml)
                        .unwrap_or_else(|e| panic!("{at}: not a valid {heading}: {e}"));
                    heading.clear();
                } else {
                    assert!(value.is_mapping(), "{at}: a fragment should be a mapping");
                }
                checked += 1;
                block = None;
            }
            Some((_, yaml)) => {
                yaml.push_str(line);
                yaml.push('\n');
            }
        }
    }
    assert!(block.is_none(), "an unclosed ```yaml block");
    assert!(checked >= 13, "only {checked} YAML blocks found");
}
