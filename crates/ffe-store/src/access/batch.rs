//! Batches: everyone logged in sees the published ones; only the province creates, opens, closes.

use super::{Refusal, Rights};
use crate::batches::{Batch, BatchStatus};
use crate::ids::BatchId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchScope {
    /// Drafts included.
    All,
    /// Open and closed batches only.
    Published,
}

impl BatchScope {
    pub fn covers(&self, batch: &Batch) -> bool {
        match self {
            BatchScope::All => true,
            BatchScope::Published => batch.status != BatchStatus::Draft,
        }
    }
}

/// Leave to create batches and to move them through draft → open → closed.
#[derive(Debug, Clone)]
pub struct BatchAdmin {
    by: crate::ids::UserId,
}

impl BatchAdmin {
    pub fn by(&self) -> crate::ids::UserId {
        self.by
    }
}

/// Leave to move one batch from one status to the next.
#[derive(Debug, Clone)]
pub struct BatchTransition {
    pub(crate) batch: BatchId,
    pub(crate) from: BatchStatus,
    pub(crate) to: BatchStatus,
}

impl BatchTransition {
    pub fn batch(&self) -> BatchId {
        self.batch
    }
    pub fn from(&self) -> BatchStatus {
        self.from
    }
    pub fn to(&self) -> BatchStatus {
        self.to
    }
}

impl Rights {
    pub fn batch_scope(&self) -> BatchScope {
        if self.is_province() {
            BatchScope::All
        } else {
            BatchScope::Published
        }
    }

    pub fn perm_manage_batches(&self) -> Result<BatchAdmin, Refusal> {
        if self.is_province() {
            Ok(BatchAdmin { by: self.user_id() })
        } else {
            Err(Refusal::ProvinceOnly)
        }
    }

    pub fn can_manage_batches(&self) -> bool {
        self.perm_manage_batches().is_ok()
    }

    /// Open a draft batch or close an open one; nothing goes back.
    pub fn perm_change_batch_status(
        &self,
        batch: &Batch,
        to: BatchStatus,
    ) -> Result<BatchTransition, Refusal> {
        self.perm_manage_batches()?;
        let allowed = matches!(
            (batch.status, to),
            (BatchStatus::Draft, BatchStatus::Open) | (BatchStatus::Open, BatchStatus::Closed)
        );
        if !allowed {
            return Err(Refusal::BatchTransition);
        }
        Ok(BatchTransition {
            batch: batch.id,
            from: batch.status,
            to,
        })
    }

    pub fn can_change_batch_status(&self, batch: &Batch, to: BatchStatus) -> bool {
        self.perm_change_batch_status(batch, to).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::super::cast::*;
    use super::*;
    use crate::batches::tests::batch;

    #[test]
    fn only_the_province_manages_batches_forward_only() {
        let draft = batch(BatchStatus::Draft);
        let open = batch(BatchStatus::Open);
        let closed = batch(BatchStatus::Closed);
        let p = province();
        assert!(p.can_change_batch_status(&draft, BatchStatus::Open));
        assert!(p.can_change_batch_status(&open, BatchStatus::Closed));
        assert_eq!(
            p.perm_change_batch_status(&closed, BatchStatus::Open).err(),
            Some(Refusal::BatchTransition)
        );
        assert_eq!(
            p.perm_change_batch_status(&draft, BatchStatus::Closed)
                .err(),
            Some(Refusal::BatchTransition)
        );
        for r in [city_hz(), expert(), ent_admin(), ent_member()] {
            assert_eq!(r.perm_manage_batches().err(), Some(Refusal::ProvinceOnly));
            assert!(!r.can_change_batch_status(&draft, BatchStatus::Open));
            assert!(!r.batch_scope().covers(&draft));
            assert!(r.batch_scope().covers(&open));
        }
        assert!(p.batch_scope().covers(&draft));
    }
}
