//! The score an application's answers would get under its batch's scoring scheme: the enterprise's
//! self-diagnosis, shown beside the application to everyone who may see it. Scoring itself is
//! ffe-score's (pure); this picks the engine the batch names and turns stored answers into the
//! answers format. Nothing is stored: the score follows the answers as they are now.

use ffe_score::{Answers, IndustryType, LedgerValues, Profile, Scorecard};
use ffe_store::{Application, Batch, ProductionMode};

/// A scored application, with the stored answers that could not be scored (and why).
pub struct SelfAssessment {
    pub scorecard: Scorecard,
    pub skipped: Vec<(String, String)>,
}

/// Why an application cannot be scored here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unscorable {
    /// The batch names a scheme or edition this build does not ship.
    UnknownScheme { scheme: String, edition: String },
    /// The enterprise has not declared discrete or process production.
    NoProductionMode,
}

impl Unscorable {
    pub fn message(&self) -> (String, String) {
        match self {
            Unscorable::UnknownScheme { scheme, edition } => (
                format!(
                    "本批次的计分方案“{scheme}”（指数版本“{edition}”）不在本系统内置版本中，暂无法计算自评得分。"
                ),
                format!(
                    "This batch's scheme {scheme:?} (edition {edition:?}) is not available here."
                ),
            ),
            Unscorable::NoProductionMode => (
                "企业尚未声明离散型或流程型，无法确定适用的评价内容。".to_owned(),
                "The enterprise has not declared discrete or process production.".to_owned(),
            ),
        }
    }
}

/// Score `app`'s answers with the scheme its batch uses.
pub fn assess(app: &Application, batch: &Batch) -> Result<SelfAssessment, Unscorable> {
    let unknown = || Unscorable::UnknownScheme {
        scheme: batch.scheme_edition.clone(),
        edition: batch.index_edition.clone(),
    };
    let engine = ffe_score::shipped::engine().map_err(|_| unknown())?;
    let edition = ffe_index::shipped::edition().map_err(|_| unknown())?;
    if engine.scheme_id() != batch.scheme_edition || engine.edition_id() != batch.index_edition {
        return Err(unknown());
    }
    let industry_type = match app.production_mode {
        Some(ProductionMode::Discrete) => IndustryType::Discrete,
        Some(ProductionMode::Process) => IndustryType::Process,
        None => return Err(Unscorable::NoProductionMode),
    };
    // The platform does not yet ask whether an enterprise makes high-value equipment (2.3.1 c):
    // until the profile does, that item drops out, which never lowers a score.
    let mut answers = Answers::new(Profile {
        industry_type,
        high_value_equipment: false,
    });
    let mut skipped = Vec::new();
    if let Some(stored) = app.answers.as_object() {
        for (code, value) in stored {
            if let Err(problem) = answers.set(edition, code, value) {
                skipped.push((code.clone(), problem.to_string()));
            }
        }
    }
    Ok(SelfAssessment {
        scorecard: engine.score(&answers, &LedgerValues::new()),
        skipped,
    })
}
