//! The audit log is read by the province only.

use super::{Refusal, Rights};

/// Leave to read the audit log.
#[derive(Debug, Clone)]
pub struct AuditReader {
    _private: (),
}

impl Rights {
    pub fn perm_read_audit(&self) -> Result<AuditReader, Refusal> {
        if self.is_province() {
            Ok(AuditReader { _private: () })
        } else {
            Err(Refusal::ProvinceOnly)
        }
    }

    pub fn can_read_audit(&self) -> bool {
        self.perm_read_audit().is_ok()
    }
}
