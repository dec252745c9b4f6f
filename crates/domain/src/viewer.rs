use crate::Role;

/// The person on whose behalf data is read. Store functions that return
/// customer data take a `Viewer`, so the authorisation rule is part of the
/// query; an unscoped read has to be written on purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub user_id: i64,
    pub institution_id: Option<i64>,
    /// Granted per person: also sees the tickets of their institution.
    pub sees_institution_tickets: bool,
    pub is_system_admin: bool,
    /// (desk id, role) pairs.
    pub desk_roles: Vec<(i64, Role)>,
}

impl Viewer {
    /// Desks on which this person works as staff (sees every ticket and internal notes).
    pub fn staff_desks(&self) -> Vec<i64> {
        let mut desks: Vec<i64> = self
            .desk_roles
            .iter()
            .filter(|(_, r)| r.is_staff())
            .map(|(d, _)| *d)
            .collect();
        desks.sort_unstable();
        desks.dedup();
        desks
    }

    pub fn is_staff_on(&self, desk_id: i64) -> bool {
        self.is_system_admin
            || self
                .desk_roles
                .iter()
                .any(|(d, r)| *d == desk_id && r.is_staff())
    }

    pub fn has_role(&self, desk_id: i64, role: Role) -> bool {
        self.desk_roles
            .iter()
            .any(|(d, r)| *d == desk_id && *r == role)
    }

    /// Reads the desk's reports (such as priority overrides): its team
    /// leads, service owners and administrators, and system administrators.
    pub fn reads_reports_of(&self, desk_id: i64) -> bool {
        self.is_system_admin
            || self.desk_roles.iter().any(|(d, r)| {
                *d == desk_id && matches!(r, Role::TeamLead | Role::ServiceOwner | Role::DeskAdmin)
            })
    }

    pub fn is_staff_anywhere(&self) -> bool {
        self.is_system_admin || self.desk_roles.iter().any(|(_, r)| r.is_staff())
    }
}
