//! Accounts: who sees which accounts, who may change a role.

use super::{Refusal, Rights};
use crate::ids::{OrgId, UserId};
use crate::users::{Account, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserScope {
    All,
    /// The accounts of organisations in one city (its enterprises and the authority itself).
    City(String),
    Org(OrgId),
    /// Only oneself.
    Own(UserId),
}

impl UserScope {
    pub fn covers(&self, account: &Account) -> bool {
        match self {
            UserScope::All => true,
            UserScope::City(city) => account.city_code.as_deref() == Some(city.as_str()),
            UserScope::Org(org) => account.org_id == Some(*org),
            UserScope::Own(id) => account.id == *id,
        }
    }
}

/// Leave to give one account one new role.
#[derive(Debug, Clone)]
pub struct RoleChanger {
    user: UserId,
    role: Role,
}

impl RoleChanger {
    pub fn user(&self) -> UserId {
        self.user
    }
    pub fn role(&self) -> Role {
        self.role
    }
}

impl Rights {
    pub fn user_scope(&self) -> UserScope {
        match self.role() {
            Role::ProvinceAdmin => UserScope::All,
            Role::CityAdmin => UserScope::City(self.city().unwrap_or_default().to_owned()),
            Role::EnterpriseAdmin => UserScope::Org(self.org().unwrap_or(OrgId(-1))),
            Role::Expert | Role::EnterpriseMember => UserScope::Own(self.user_id()),
        }
    }

    /// Roles stay within their organisation's kind: an enterprise account is its enterprise's
    /// administrator or member. The province and the enterprise's own administrator may switch it.
    pub fn perm_change_role(&self, target: &Account, role: Role) -> Result<RoleChanger, Refusal> {
        if target.id == self.user_id() {
            return Err(Refusal::OwnRole);
        }
        let allowed_by = match self.role() {
            Role::ProvinceAdmin => true,
            Role::EnterpriseAdmin => {
                if target.org_id != self.org() {
                    return Err(Refusal::OtherOrganization);
                }
                true
            }
            _ => false,
        };
        if !allowed_by {
            return Err(Refusal::EnterpriseAdminOnly);
        }
        if !(target.role.is_enterprise() && role.is_enterprise()) {
            return Err(Refusal::RoleNotAllowed);
        }
        Ok(RoleChanger {
            user: target.id,
            role,
        })
    }

    pub fn can_change_role(&self, target: &Account, role: Role) -> bool {
        self.perm_change_role(target, role).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::super::cast::*;
    use super::*;

    #[test]
    fn role_changes_stay_inside_the_enterprise() {
        let member = ent_member();
        let member = member.account();
        assert!(ent_admin().can_change_role(member, Role::EnterpriseAdmin));
        assert!(province().can_change_role(member, Role::EnterpriseAdmin));
        assert_eq!(
            other_ent_admin()
                .perm_change_role(member, Role::EnterpriseAdmin)
                .err(),
            Some(Refusal::OtherOrganization)
        );
        assert_eq!(
            province()
                .perm_change_role(member, Role::ProvinceAdmin)
                .err(),
            Some(Refusal::RoleNotAllowed)
        );
        let admin = ent_admin();
        assert_eq!(
            admin
                .perm_change_role(admin.account(), Role::EnterpriseMember)
                .err(),
            Some(Refusal::OwnRole)
        );
        for r in [city_hz(), expert(), ent_member()] {
            assert!(!r.can_change_role(ent_admin().account(), Role::EnterpriseMember));
        }
    }

    #[test]
    fn user_scopes() {
        let member = ent_member();
        assert!(ent_admin().user_scope().covers(member.account()));
        assert!(city_hz().user_scope().covers(member.account()));
        assert!(!city_nb().user_scope().covers(member.account()));
        assert!(!other_ent_admin().user_scope().covers(member.account()));
        assert!(!expert().user_scope().covers(member.account()));
        assert!(member.user_scope().covers(member.account()));
    }
}
