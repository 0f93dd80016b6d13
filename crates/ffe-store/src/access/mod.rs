//! Who may see and do what: the one place that decides.
//!
//! A request's [`Rights`] are computed once from the caller's account and never change during the
//! request. Reading goes through a *scope* (`application_scope`, `registration_scope`, …) that the
//! repositories turn into a `WHERE` clause, so a list never shows, and a lookup never finds, what the
//! caller may not see: a foreign object answers "not found". Acting goes through a `perm_x` method
//! that returns either a capability value (required by the repository method that acts) or a
//! [`Refusal`] whose text is shown to the user; `can_x` is the same question as a yes/no.
//!
//! Split by subject: applications, batches, registrations, users, audit.

mod application;
mod audit;
mod batch;
mod refusal;
mod registration;
mod user;

pub use application::{ApplicationCreator, ApplicationScope, ApplicationSubmitter};
pub use audit::AuditReader;
pub use batch::{BatchAdmin, BatchScope, BatchTransition};
pub use refusal::{Refusal, RefusalKind};
pub use registration::{RegistrationReviewer, RegistrationScope};
pub use user::{RoleChanger, UserScope};

use crate::ids::{OrgId, UserId};
use crate::organizations::OrgStatus;
use crate::users::{Account, Role};

/// The caller's rights for one request. Only [`Rights::for_account`] makes one, and only for an
/// account that may use the system right now.
#[derive(Debug, Clone)]
pub struct Rights {
    account: Account,
}

impl Rights {
    /// The rights of a logged-in account, or why it may not use the system (disabled, its
    /// enterprise not approved yet, an authority account without its organisation).
    pub fn for_account(account: Account) -> Result<Rights, Refusal> {
        if !account.active {
            return Err(Refusal::AccountDisabled);
        }
        match account.role {
            Role::EnterpriseAdmin | Role::EnterpriseMember => match account.org_status {
                Some(OrgStatus::Approved) => {}
                Some(OrgStatus::Pending) => return Err(Refusal::RegistrationPending),
                Some(OrgStatus::Rejected) => return Err(Refusal::RegistrationRejected),
                None => return Err(Refusal::AccountIncomplete),
            },
            Role::CityAdmin if account.city_code.is_none() => {
                return Err(Refusal::AccountIncomplete);
            }
            _ => {}
        }
        Ok(Rights { account })
    }

    pub fn account(&self) -> &Account {
        &self.account
    }

    pub fn user_id(&self) -> UserId {
        self.account.id
    }

    pub fn role(&self) -> Role {
        self.account.role
    }

    pub(crate) fn org(&self) -> Option<OrgId> {
        self.account.org_id
    }

    pub(crate) fn city(&self) -> Option<&str> {
        self.account.city_code.as_deref()
    }

    pub(crate) fn is_province(&self) -> bool {
        self.account.role == Role::ProvinceAdmin
    }

    /// The city an authority account administers; `None` for everyone else.
    pub(crate) fn city_admin_of(&self) -> Option<&str> {
        match self.account.role {
            Role::CityAdmin => self.city(),
            _ => None,
        }
    }

    /// The enterprise an enterprise account belongs to; `None` for everyone else.
    pub(crate) fn enterprise(&self) -> Option<OrgId> {
        if self.account.role.is_enterprise() {
            self.org()
        } else {
            None
        }
    }
}

#[cfg(test)]
pub(crate) mod cast {
    //! A cast of named people for the permission tests.
    use super::*;

    pub fn account(id: i64, role: Role, org: Option<i64>, city: Option<&str>) -> Account {
        Account {
            id: UserId(id),
            username: format!("u{id}"),
            display_name: format!("U{id}"),
            role,
            active: true,
            org_id: org.map(OrgId),
            org_name: None,
            org_status: org.map(|_| OrgStatus::Approved),
            city_code: city.map(str::to_owned),
        }
    }

    pub fn rights(id: i64, role: Role, org: Option<i64>, city: Option<&str>) -> Rights {
        match Rights::for_account(account(id, role, org, city)) {
            Ok(r) => r,
            Err(e) => panic!("cast member refused: {e:?}"),
        }
    }

    pub fn province() -> Rights {
        rights(1, Role::ProvinceAdmin, Some(1), None)
    }
    pub fn city_hz() -> Rights {
        rights(2, Role::CityAdmin, Some(2), Some("330100"))
    }
    pub fn city_nb() -> Rights {
        rights(3, Role::CityAdmin, Some(3), Some("330200"))
    }
    pub fn expert() -> Rights {
        rights(4, Role::Expert, None, None)
    }
    /// Admin of enterprise 10, in Hangzhou.
    pub fn ent_admin() -> Rights {
        rights(5, Role::EnterpriseAdmin, Some(10), Some("330100"))
    }
    /// Member of enterprise 10, in Hangzhou.
    pub fn ent_member() -> Rights {
        rights(6, Role::EnterpriseMember, Some(10), Some("330100"))
    }
    /// Admin of enterprise 11, in Ningbo.
    pub fn other_ent_admin() -> Rights {
        rights(7, Role::EnterpriseAdmin, Some(11), Some("330200"))
    }
}

#[cfg(test)]
mod tests {
    use super::cast::*;
    use super::*;

    #[test]
    fn disabled_and_pending_accounts_get_no_rights() {
        let mut a = account(9, Role::EnterpriseAdmin, Some(10), Some("330100"));
        a.org_status = Some(OrgStatus::Pending);
        assert_eq!(
            Rights::for_account(a.clone()).err(),
            Some(Refusal::RegistrationPending)
        );
        a.org_status = Some(OrgStatus::Rejected);
        assert_eq!(
            Rights::for_account(a.clone()).err(),
            Some(Refusal::RegistrationRejected)
        );
        a.org_status = Some(OrgStatus::Approved);
        a.active = false;
        assert_eq!(Rights::for_account(a).err(), Some(Refusal::AccountDisabled));
        let city_without_city = account(8, Role::CityAdmin, Some(2), None);
        assert_eq!(
            Rights::for_account(city_without_city).err(),
            Some(Refusal::AccountIncomplete)
        );
    }

    #[test]
    fn refusal_texts_are_chinese() {
        for r in Refusal::ALL {
            let zh = r.message_zh();
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{r:?}"
            );
            assert!(!r.message_en().is_empty());
        }
        let _ = province();
    }
}
