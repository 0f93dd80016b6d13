//! What every handler shares: the store, file storage and the settings.

use std::sync::Arc;

use ffe_store::Store;
use ffe_store::files::FileStore;

use crate::config::Settings;

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    files: FileStore,
    settings: Settings,
}

impl AppState {
    pub fn new(store: Store, files: FileStore, settings: Settings) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store,
                files,
                settings,
            }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn files(&self) -> &FileStore {
        &self.inner.files
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }
}
