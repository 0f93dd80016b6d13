//! Applications: who sees which, who may start and submit one.

use super::{Refusal, Rights};
use crate::applications::{ApplicationStatus, ApplicationSummary};
use crate::batches::{Batch, BatchStatus};
use crate::ids::{ApplicationId, BatchId, OrgId, UserId};
use crate::users::Role;

/// The applications a caller may see. The repositories turn each case into a `WHERE` clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplicationScope {
    /// The province sees every application, drafts included (to watch progress).
    All,
    /// A city authority sees its city's applications.
    City(String),
    /// An enterprise sees its own.
    Org(OrgId),
    /// An expert sees the submitted applications assigned to them, nothing else.
    AssignedTo(UserId),
}

impl ApplicationScope {
    /// The same decision as the SQL, in Rust: used by tests to check the two agree.
    pub fn covers(&self, app: &ApplicationSummary, assigned_experts: &[UserId]) -> bool {
        match self {
            ApplicationScope::All => true,
            ApplicationScope::City(city) => app.city_code.as_deref() == Some(city.as_str()),
            ApplicationScope::Org(org) => app.org_id == *org,
            ApplicationScope::AssignedTo(expert) => {
                app.status != ApplicationStatus::Draft && assigned_experts.contains(expert)
            }
        }
    }
}

/// Leave to start an application for one enterprise in one open batch.
#[derive(Debug, Clone)]
pub struct ApplicationCreator {
    batch: BatchId,
    org: OrgId,
    user: UserId,
}

impl ApplicationCreator {
    pub fn batch(&self) -> BatchId {
        self.batch
    }
    pub fn org(&self) -> OrgId {
        self.org
    }
    pub fn user(&self) -> UserId {
        self.user
    }
}

/// Leave to submit one application.
#[derive(Debug, Clone)]
pub struct ApplicationSubmitter {
    app: ApplicationId,
}

impl ApplicationSubmitter {
    pub fn application(&self) -> ApplicationId {
        self.app
    }
}

fn batch_takes_work(batch: &Batch) -> Result<(), Refusal> {
    match batch.status {
        BatchStatus::Open => Ok(()),
        BatchStatus::Draft => Err(Refusal::BatchNotOpen),
        BatchStatus::Closed => Err(Refusal::BatchClosed),
    }
}

impl Rights {
    pub fn application_scope(&self) -> ApplicationScope {
        match self.role() {
            Role::ProvinceAdmin => ApplicationScope::All,
            Role::CityAdmin => ApplicationScope::City(self.city().unwrap_or_default().to_owned()),
            Role::Expert => ApplicationScope::AssignedTo(self.user_id()),
            Role::EnterpriseAdmin | Role::EnterpriseMember => {
                // `Rights::for_account` guarantees an enterprise account has its organisation.
                ApplicationScope::Org(self.org().unwrap_or(OrgId(-1)))
            }
        }
    }

    pub fn perm_create_application(&self, batch: &Batch) -> Result<ApplicationCreator, Refusal> {
        let org = self.enterprise().ok_or(Refusal::EnterpriseOnly)?;
        batch_takes_work(batch)?;
        Ok(ApplicationCreator {
            batch: batch.id,
            org,
            user: self.user_id(),
        })
    }

    pub fn can_create_application(&self, batch: &Batch) -> bool {
        self.perm_create_application(batch).is_ok()
    }

    /// Fill in answers: any account of the enterprise, while the application is a draft and the
    /// batch is open.
    pub fn perm_edit_application(
        &self,
        app: &ApplicationSummary,
        batch: &Batch,
    ) -> Result<(), Refusal> {
        let org = self.enterprise().ok_or(Refusal::EnterpriseOnly)?;
        if app.org_id != org {
            return Err(Refusal::OtherOrganization);
        }
        if app.status != ApplicationStatus::Draft {
            return Err(Refusal::ApplicationNotDraft);
        }
        batch_takes_work(batch)
    }

    pub fn can_edit_application(&self, app: &ApplicationSummary, batch: &Batch) -> bool {
        self.perm_edit_application(app, batch).is_ok()
    }

    /// Submit: the enterprise administrator, once, while the batch is open.
    pub fn perm_submit_application(
        &self,
        app: &ApplicationSummary,
        batch: &Batch,
    ) -> Result<ApplicationSubmitter, Refusal> {
        self.perm_edit_application(app, batch)?;
        if self.role() != Role::EnterpriseAdmin {
            return Err(Refusal::EnterpriseAdminOnly);
        }
        Ok(ApplicationSubmitter { app: app.id })
    }

    pub fn can_submit_application(&self, app: &ApplicationSummary, batch: &Batch) -> bool {
        self.perm_submit_application(app, batch).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::super::cast::*;
    use super::*;
    use crate::batches::tests::batch;

    fn app(org: i64, city: &str, status: ApplicationStatus) -> ApplicationSummary {
        ApplicationSummary {
            id: ApplicationId(100),
            batch_id: BatchId(1),
            batch_name: "b".into(),
            org_id: OrgId(org),
            org_name: "e".into(),
            city_code: Some(city.into()),
            county_code: None,
            industry_code: None,
            production_mode: None,
            status,
            answered: 0,
            version: 1,
            created_at: 0,
            updated_at: 0,
            submitted_at: None,
        }
    }

    #[test]
    fn each_role_sees_its_own_slice() {
        let own = app(10, "330100", ApplicationStatus::Draft);
        let foreign = app(11, "330200", ApplicationStatus::Submitted);
        assert!(province().application_scope().covers(&foreign, &[]));
        assert!(city_hz().application_scope().covers(&own, &[]));
        assert!(!city_hz().application_scope().covers(&foreign, &[]));
        assert!(city_nb().application_scope().covers(&foreign, &[]));
        assert!(ent_admin().application_scope().covers(&own, &[]));
        assert!(ent_member().application_scope().covers(&own, &[]));
        assert!(!ent_admin().application_scope().covers(&foreign, &[]));
        assert!(!other_ent_admin().application_scope().covers(&own, &[]));
        // An expert sees only what is assigned, and never a draft.
        let e = expert();
        assert!(!e.application_scope().covers(&foreign, &[]));
        assert!(e.application_scope().covers(&foreign, &[e.user_id()]));
        assert!(!e.application_scope().covers(&own, &[e.user_id()]));
    }

    #[test]
    fn only_the_enterprise_starts_and_only_its_admin_submits_while_open() {
        let open = batch(BatchStatus::Open);
        let closed = batch(BatchStatus::Closed);
        let draft = batch(BatchStatus::Draft);
        let own = app(10, "330100", ApplicationStatus::Draft);
        assert!(ent_admin().can_create_application(&open));
        assert_eq!(
            ent_admin().perm_create_application(&closed).err(),
            Some(Refusal::BatchClosed)
        );
        assert_eq!(
            ent_admin().perm_create_application(&draft).err(),
            Some(Refusal::BatchNotOpen)
        );
        for r in [province(), city_hz(), expert()] {
            assert_eq!(
                r.perm_create_application(&open).err(),
                Some(Refusal::EnterpriseOnly)
            );
        }
        assert!(ent_admin().can_submit_application(&own, &open));
        assert!(ent_member().can_edit_application(&own, &open));
        assert_eq!(
            ent_member().perm_submit_application(&own, &open).err(),
            Some(Refusal::EnterpriseAdminOnly)
        );
        assert_eq!(
            ent_admin().perm_submit_application(&own, &closed).err(),
            Some(Refusal::BatchClosed)
        );
        assert_eq!(
            other_ent_admin().perm_submit_application(&own, &open).err(),
            Some(Refusal::OtherOrganization)
        );
        let submitted = app(10, "330100", ApplicationStatus::Submitted);
        assert_eq!(
            ent_admin().perm_submit_application(&submitted, &open).err(),
            Some(Refusal::ApplicationNotDraft)
        );
    }
}
