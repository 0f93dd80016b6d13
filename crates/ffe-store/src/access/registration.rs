//! Enterprise registrations: the city authority reviews its city's, the province may review any.

use super::{Refusal, Rights};
use crate::ids::{OrgId, UserId};
use crate::organizations::{OrgStatus, Organization};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistrationScope {
    All,
    City(String),
}

impl RegistrationScope {
    pub fn covers(&self, org: &Organization) -> bool {
        match self {
            RegistrationScope::All => true,
            RegistrationScope::City(city) => org.city_code.as_deref() == Some(city.as_str()),
        }
    }
}

/// Leave to approve or reject one pending registration.
#[derive(Debug, Clone)]
pub struct RegistrationReviewer {
    org: OrgId,
    reviewer: UserId,
}

impl RegistrationReviewer {
    pub fn org(&self) -> OrgId {
        self.org
    }
    pub fn reviewer(&self) -> UserId {
        self.reviewer
    }
}

impl Rights {
    pub fn registration_scope(&self) -> Result<RegistrationScope, Refusal> {
        if self.is_province() {
            Ok(RegistrationScope::All)
        } else if let Some(city) = self.city_admin_of() {
            Ok(RegistrationScope::City(city.to_owned()))
        } else {
            Err(Refusal::CityOrProvinceOnly)
        }
    }

    pub fn perm_review_registration(
        &self,
        org: &Organization,
    ) -> Result<RegistrationReviewer, Refusal> {
        let scope = self.registration_scope()?;
        if !scope.covers(org) {
            return Err(Refusal::OtherCity);
        }
        if org.status != OrgStatus::Pending {
            return Err(Refusal::AlreadyReviewed);
        }
        Ok(RegistrationReviewer {
            org: org.id,
            reviewer: self.user_id(),
        })
    }

    pub fn can_review_registration(&self, org: &Organization) -> bool {
        self.perm_review_registration(org).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::super::cast::*;
    use super::*;
    use crate::organizations::OrgKind;

    fn pending_in(city: &str) -> Organization {
        Organization {
            id: OrgId(50),
            kind: OrgKind::Enterprise,
            name: "x".into(),
            city_code: Some(city.into()),
            county_code: None,
            credit_code: None,
            industry_code: None,
            production_mode: None,
            status: OrgStatus::Pending,
            review_note: None,
            created_at: 0,
        }
    }

    #[test]
    fn the_own_city_and_the_province_review() {
        let hz = pending_in("330100");
        assert!(city_hz().can_review_registration(&hz));
        assert!(province().can_review_registration(&hz));
        assert_eq!(
            city_nb().perm_review_registration(&hz).err(),
            Some(Refusal::OtherCity)
        );
        for r in [expert(), ent_admin(), ent_member()] {
            assert_eq!(
                r.perm_review_registration(&hz).err(),
                Some(Refusal::CityOrProvinceOnly)
            );
        }
        let mut done = hz;
        done.status = OrgStatus::Approved;
        assert_eq!(
            city_hz().perm_review_registration(&done).err(),
            Some(Refusal::AlreadyReviewed)
        );
    }
}
