//! Typed row ids, so an organisation id is never passed where an application id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// An organisation: the province, a city authority or an enterprise.
    OrgId
);
id_type!(
    /// An account.
    UserId
);
id_type!(
    /// An evaluation batch.
    BatchId
);
id_type!(
    /// An enterprise's application in a batch.
    ApplicationId
);
