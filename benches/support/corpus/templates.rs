//! The YAML templates and word lists the corpus generator expands.

/// `(aspire_stage, chapter id suffix, label, checklist code letter)` of the four stages.
pub(super) const STAGES: [(&str, &str, &str, &str); 4] = [
    ("assessment", "assessing", "Assessment", "A"),
    ("planning", "planning", "Planning", "P"),
    (
        "implementation-delivery",
        "delivering",
        "Implementation and delivery",
        "I",
    ),
    ("reviewing", "reviewing", "Reviewing", "R"),
];
#[rustfmt::skip]
pub(super) const TOPICS: [&str; 8] = [
    "Keeping people safe", "Working with families", "Managing transitions",
    "Building engagement", "Supporting desistance", "Education, training and work",
    "Health and wellbeing", "Housing and stability",
];
#[rustfmt::skip]
pub(super) const WORDS: &[&str] = &[
    "the", "practitioner", "assessment", "plan", "review", "agencies", "risk", "harm", "of",
    "and", "to", "with", "in", "for", "when", "where", "child", "person", "family", "partner",
    "support", "evidence", "record", "safety", "wellbeing", "police", "services", "meeting",
    "information", "shared", "regularly", "clearly", "analysis", "change", "progress",
    "engagement", "desistance", "strengths", "needs", "concerns", "behaviour", "relationships",
    "school", "health", "manager", "team", "supervision", "case", "visit", "home", "quickly",
    "carefully", "curious", "contact", "housing", "education", "work", "victims", "known",
    "potential", "factors", "protective", "circumstances", "decisions", "defensible", "timely",
    "inspectors", "found", "should", "could", "was", "were", "is", "often", "rarely", "each",
    "every", "other", "new", "current", "early", "after", "before", "during", "because", "so",
    "that", "which", "their", "them", "it", "a", "an", "practice", "guidance", "standards",
    "questions", "prompts", "consistent", "specific",
];
pub(super) const PSEUDONYMS: [&str; 8] = [
    "Dan", "Amira", "Kofi", "Leah", "Tomasz", "Jade", "Ravi", "Sian",
];
/// Shared glossary terms: `(id, term, abbreviation)`.
pub(super) const TERMS: [(&str, &str, Option<&str>); 10] = [
    ("rosh", "Risk of serious harm", Some("RoSH")),
    (
        "mappa",
        "Multi-Agency Public Protection Arrangements",
        Some("MAPPA"),
    ),
    (
        "marac",
        "Multi-agency risk assessment conference",
        Some("MARAC"),
    ),
    (
        "aspire",
        "Assess, sentence plan, implement, review and evaluate",
        Some("ASPIRE"),
    ),
    ("oasys", "Offender Assessment System", Some("OASys")),
    ("yot", "Youth offending team", Some("YOT")),
    ("safeguarding", "Safeguarding", None),
    ("protective-factors", "Protective factors", None),
    ("contingency-plan", "Contingency plan", None),
    ("professional-curiosity", "Professional curiosity", None),
];

// The templates (see `Rng::expand`). Generated text never contains `"`, `\` or `$`.

pub(super) const YES_PARTLY_NO_NA: &str = "title: Yes, partly, no or not applicable
options:
  - {value: \"yes\", label: \"Yes\", counts_as: positive}
  - {value: partly, label: Partly, counts_as: partial}
  - {value: \"no\", label: \"No\", counts_as: negative}
  - {value: not-applicable, label: Not applicable, counts_as: excluded}
";
pub(super) const YES_NO_NA: &str = "title: Yes, no or not applicable
options:
  - {value: \"yes\", label: \"Yes\", counts_as: positive}
  - {value: \"no\", label: \"No\", counts_as: negative}
  - {value: not-applicable, label: Not applicable, counts_as: excluded}
";
/// The vocabulary the generated content refers to. (The templates keep the old field names
/// `aspire_stage` and `lens`, which the loader still accepts.)
pub(super) const VOCABULARY: &str = "services:
  - {id: probation, label: Probation}
  - {id: youth-justice, label: Youth justice}
practice_areas:
  - {id: engagement, label: Engagement}
  - {id: desistance, label: Desistance}
  - {id: keeping-the-child-safe, label: Keeping the child safe}
  - {id: keeping-other-people-safe, label: Keeping other people safe}
stages:
  - {id: assessment, label: Assessment}
  - {id: planning, label: Planning}
  - {id: implementation-delivery, label: Implementation and delivery}
  - {id: reviewing, label: Reviewing}
frameworks:
  - {id: synthetic-case-supervision, label: Synthetic case supervision standards}
";
pub(super) const SITE: &str = "name: Synthetic practice library
organisation: Example Inspectorate
base_url: https://example.org/guidance/
language: en-GB
licence: Open Government Licence v3.0
licence_url: https://example.org/licence
contact_email: publications@example.org
footer_links:
  - {label: Privacy, url: https://example.org/privacy}
accessibility:
  known_issues: [\"Generated content: the text is filler and reads as nonsense.\"]
  response_days: 10
";
pub(super) const SCALE: &str = "title: @title classification
description: |
  $para
levels:
  - {id: low, label: Low, colour: green, definition: \"$sentence\"}
  - {id: medium, label: Medium, colour: yellow, definition: \"$sentence\"}
  - {id: high, label: High, colour: amber, definition: \"$sentence\"}
  - {id: very-high, label: Very high, colour: red, definition: \"$sentence\"}
";
pub(super) const TERM: &str = "  - id: @id
    term: \"@term\"
    @abbr
    definition: |
      $para @links [RoSH](term:rosh) [](ref:risk-of-serious-harm)
";
pub(super) const GUIDE: &str = "title: \"@topic: guide @n\"
summary: |
  $sentence $sentence
service: @service
audience: Practitioners and their managers
chapters:
  - @g-introduction
  - @g-evidence
  - @g-assessing
  - @g-planning
  - @g-delivering
  - @g-reviewing
  - @g-examples
  - @g-resources
checklists: [@g-self-assessment]
@related
pdf: true
version: \"1.0\"
published: @published
updated: @updated
";
pub(super) const STANDARD: &str = "framework: synthetic-case-supervision
number: \"@n.@k\"
title: @label
aspire_stage: @stage
statement: |
  $para
key_questions:
  @kqs
";
pub(super) const KEY_QUESTION: &str = "- id: @g-std-@k-@j
  code: \"@n.@k.@j\"
  lens: @lens
  text: \"Does @lower $phrase?\"
  guidance: |
    $para [safeguarding](term:safeguarding)
  summary_phrase: \"$phrase\"
  prompts:
    - {letter: a, text: \"Does @lower $phrase?\", imperative: \"$phrase\"}
    - {letter: b, text: \"Does @lower $phrase?\", imperative: \"$phrase\"}
    - {letter: c, text: \"Does @lower $phrase?\", imperative: \"$phrase\"}
";
pub(super) const EVIDENCE: &str = "title: \"What the evidence says: guide @n\"
lens: @lens
summary: |
  $para
points:
  - heading: \"$Phrase\"
    text: |
      $para [MAPPA](term:mappa)
    citations: [\"Author (2019) $Phrase. Publisher.\", \"Author (2021) $Phrase. Publisher.\"]
  - heading: \"$Phrase\"
    text: |
      $para [OASys](term:oasys)
  - heading: \"$Phrase\"
    text: |
      $para
    citations: [\"Author (2020) $Phrase. Publisher.\"]
  - heading: \"$Phrase\"
    text: |
      $para [professional curiosity](term:professional-curiosity)
";
pub(super) const FINDINGS: &str = "title: \"What our inspections found: guide @n\"
source:
  publication: Annual report @n on case supervision
  date: @date
  @url
fieldwork: {from: @from, to: @to}
sample:
  count: @count
  unit: case assessments
  inspections: $num
summary: |
  $para
statistics:
  @stats
strengths: [\"$sentence\", \"$sentence\", \"$sentence\"]
failings:
  - \"$sentence\"
  - \"$sentence\"
  - \"$sentence\"
  - \"$sentence\"
";
pub(super) const STATISTIC: &str = "- id: @g-stat-@i
  label: \"$Phrase\"
  numerator: @num
  denominator: @den
  @extra
  measures: [@g-std-@k-3, @g-std-@k-3-a]
";
pub(super) const EXAMPLE: &str = "title: \"$Phrase\"
names_changed: true
aspire_stage: @stage
demonstrates: [@g-std-@k-3, @g-std-@k-3-a, @g-std-@k-3-b]
person:
  pseudonym: @pseudonym
  age_band: @age
  classifications: {@scale: @level}
case_summary: |
  $para
practice: |
  $para [OASys](term:oasys)

  $list 3
inspector_comments: |
  $para
takeaway_learning: |
  $list 3
@continues
";
pub(super) const QUOTES: &str = "quotes:
  - {id: @g-quote-1, text: \"$sentence $sentence\", attribution: \"Anonymous, @who\", group: @group}
  - {id: @g-quote-2, text: \"$sentence\", attribution: \"Anonymous, @who\", group: @group}
  - {id: @g-quote-3, text: \"$sentence $sentence\", attribution: \"Anonymous, @who\"}
  - {id: @g-quote-4, text: \"$sentence\", attribution: \"Anonymous, @who\", group: @group}
  - {id: @g-quote-5, text: \"$sentence $sentence\", attribution: \"Anonymous, @who\", group: @group}
";
pub(super) const CHECKLIST: &str = "title: \"Guide @n: case self-assessment\"
guide: @gid
version: \"1.0\"
unit: @unit
instructions: |
  $para [this guide](ref:@gid)

  $list 3
sampling: {percent: 20, minimum: 20, notes: \"$sentence\"}
metadata_fields:
  - {id: team, label: Team or office, kind: text}
  - {id: auditor-role, label: Your role, kind: choice, options: [Practitioner, Manager, Other]}
  - {id: audit-date, label: Date of audit, kind: date}
  - {id: case-reference, label: Case reference, kind: text, hint: Pseudonymised only.}
  - {id: recorded-classification, label: Recorded classification, kind: choice, scale: @scale}
sections:
  @sections
action_plan: {rows: 5}
sign_off:
  - {id: signed-by-role, label: Role of the person signing off}
  - {id: sign-off-date, label: Date, kind: date}
";
pub(super) const CHECKLIST_SECTION: &str = "- id: @g-checklist-@suffix
  title: @label
  aspire_stage: @stage
  standard: @g-std-@k
  questions:
    @questions
";
pub(super) const QUESTION: &str = "- id: @g-q@q
  code: @code
  text: \"$Phrase?\"
  @hint
  maps_to: [@maps]
  response: @response
  @when
  evidence: {label: \"What did you find?\", word_limit: @limit}
  summary_phrase: \"$phrase\"
";
pub(super) const INTRODUCTION: &str = "title: \"Introduction: @topic\"
nav_label: Introduction
kind: introduction
summary: |
  $sentence
sections:
  - id: why-it-matters
    heading: Why it matters
    kind: prose
    body: |
      $para

      $para [the guide's own term](term:@g-term)

  - id: what-we-mean
    heading: What we mean
    kind: prose
    body: |
      $para

      $list 4 [protective factors](term:protective-factors) [curiosity](term:professional-curiosity)

  - id: how-to-use-this-guide
    heading: How to use this guide
    kind: prose
    body: |
      $para [ASPIRE](term:aspire)

      | Stage | Standard | In brief, we expect |
      | --- | --- | --- |
      | Assessment | [](ref:@g-std-1) | $phrase |
      | Planning | [](ref:@g-std-2) | $phrase |
      | Implementation and delivery | [](ref:@g-std-3) | $phrase |
      | Reviewing | [](ref:@g-std-4) | $phrase |

      $para [self-assessment checklist](ref:@g-self-assessment)
";
pub(super) const EVIDENCE_CHAPTER: &str = "title: What the evidence and our inspections tell us
nav_label: Evidence
kind: evidence
summary: |
  $sentence
sections:
  - id: overview
    heading: Overview
    kind: prose
    body: |
      $para

  - id: evidence-summary
    heading: What the research tells us
    kind: evidence-summary
    evidence: @g-evidence-summary

  - id: what-inspections-found
    heading: What our inspections found
    kind: inspection-findings
    body: |
      $para [the headline figure](ref:@g-stat-1)
    findings: @g-findings

  - id: what-people-told-us
    heading: What people told us
    kind: lived-experience
    body: |
      $para
    quotes: [@g-quote-1, @g-quote-2, @g-quote-3, @g-quote-4, @g-quote-5]

  - id: classifying
    heading: Classifying risk
    kind: classification-scale
    body: |
      $para [RoSH](term:rosh)
    scale: @scale
";
pub(super) const STAGE_CHAPTER: &str = "title: @label in practice
nav_label: @label
kind: stage
aspire_stage: @stage
standards: [@g-std-@k]
summary: |
  $sentence
sections:
  - id: overview
    heading: Overview
    kind: prose
    body: |
      $para [the key question](ref:@g-std-@k-3) [](ref:@g-std-@k-3-b) [MARAC](term:marac)

      # $Phrase

      $para

  - id: what-we-expect
    heading: What we expect
    kind: expectations
    body: |
      $para [our standard](ref:@g-std-@k)
    standard: @g-std-@k

  - id: what-inspections-found
    heading: What our inspections found
    kind: prose
    body: |
      $para [our findings](ref:@g-findings)

      $list 4

      | Measure | Cases | Per cent |
      | --- | ---: | ---: |
      | $Phrase | $num | $num% |
      | $Phrase | $num | $num% |
      | $Phrase | $num | $num% |

  - id: case-example
    heading: \"Case example: $phrase\"
    kind: case-example
    @example_body
    example: @g-example-@k

  @comments
  - id: take-away-learning
    heading: Take-away learning
    kind: take-away-learning
    body: |
      $list 4 [contingency plan](term:contingency-plan)
";
pub(super) const INSPECTOR_COMMENTS: &str = "- id: inspector-comments
  heading: A note from our inspectors
  kind: inspector-comments
  body: |
    $para

";
pub(super) const EXAMPLES_CHAPTER: &str = "title: Practice examples
nav_label: Examples
kind: examples
summary: |
  $sentence
sections:
  - id: all-examples
    heading: All the examples in this guide
    kind: prose
    body: |
      $para

      - [](ref:@g-example-1)
      - [](ref:@g-example-2)
      - [](ref:@g-example-3)
      - [](ref:@g-example-4)
";
pub(super) const RESOURCES_CHAPTER: &str = "title: Resources
nav_label: Resources
kind: resources
summary: |
  $sentence
sections:
  - id: self-assessment
    heading: Self-assessment checklist
    kind: resources
    body: |
      $para [](ref:@g-self-assessment) [the first question](ref:@g-q1)

  - id: related-guidance
    heading: Related guidance
    kind: resources
    body: |
      $list 3 [related guidance](ref:@prev) [](ref:@g-evidence-summary) [](ref:@scale)

  - id: key-terms
    heading: Key terms
    kind: resources
    body: |
      $para [MAPPA](term:mappa) [YOT](term:yot) [OASys](term:oasys)
";
