//! Standards, their key questions and lettered prompts.

use super::common::entity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A lettered prompt under a key question. Its id is `<key question id>-<letter>`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    /// A single lower-case letter: a, b, c …
    pub letter: String,
    /// The prompt as a question.
    pub text: String,
    /// The prompt as an instruction completing "Practitioners should: …".
    #[serde(default)]
    pub imperative: Option<String>,
}

/// A key question of a standard.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyQuestion {
    /// Unique across the content tree.
    pub id: String,
    /// Displayed code, e.g. "2.1.3".
    pub code: String,
    /// Practice area: an id from `vocabulary.yaml`'s `practice_areas`.
    #[serde(alias = "lens")]
    pub practice_area: String,
    /// The question, e.g. "Does assessment focus sufficiently on …?"
    pub text: String,
    /// Markdown guidance.
    #[serde(default)]
    pub guidance: Option<String>,
    /// Response scale id used when the question is asked directly.
    #[serde(default)]
    pub answer_scale: Option<String>,
    /// Phrase for generated sentences, e.g. "assessment focused sufficiently on …".
    #[serde(default)]
    pub summary_phrase: Option<String>,
    #[serde(default)]
    pub prompts: Vec<Prompt>,
}

entity! {
    /// `standards/<id>.yaml`: a standard of an inspection framework.
    pub struct Standard {
        /// The framework the standard belongs to: an id from `vocabulary.yaml`'s `frameworks`.
        pub framework: String,
        /// Number within the framework, e.g. "2.1".
        pub number: String,
        pub title: String,
        /// Stage of work: an id from `vocabulary.yaml`'s `stages`.
        #[serde(default, alias = "aspire_stage")]
        pub stage: Option<String>,
        /// Markdown: what the standard expects overall.
        #[serde(default)]
        pub statement: Option<String>,
        pub key_questions: Vec<KeyQuestion>,
    }
}

impl KeyQuestion {
    /// The global id of one of this question's prompts.
    pub fn prompt_id(&self, p: &Prompt) -> String {
        format!("{}-{}", self.id, p.letter)
    }
}

impl Standard {
    /// The key questions that any of `ids` names, directly or through one of its prompts, in
    /// the standard's order.
    pub fn key_questions_for<'a>(&'a self, ids: &[&str]) -> Vec<&'a KeyQuestion> {
        self.key_questions
            .iter()
            .filter(|kq| {
                ids.iter()
                    .any(|id| *id == kq.id || kq.prompts.iter().any(|p| kq.prompt_id(p) == *id))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_questions_are_found_through_their_prompts() {
        let yaml = "framework: F\nnumber: '1'\ntitle: T\nkey_questions:\n  - {id: k1, code: '1', lens: engagement, text: A, prompts: [{letter: a, text: x}]}\n  - {id: k2, code: '2', lens: desistance, text: B}\n  - {id: k3, code: '3', lens: desistance, text: C}\n";
        let s: Standard = serde_yaml::from_str(yaml).unwrap();
        let found: Vec<&str> = s
            .key_questions_for(&["k1-a", "k3", "elsewhere"])
            .iter()
            .map(|k| k.id.as_str())
            .collect();
        assert_eq!(found, ["k1", "k3"]);
    }
}
