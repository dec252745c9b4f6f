use atbalsts_domain::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    /// The change conflicts with the current state (translation key).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("not found")]
    NotFound,
    /// The viewer may see the object but not do this to it.
    #[error("forbidden")]
    Forbidden,
    #[error("file storage: {0}")]
    Io(#[from] std::io::Error),
    #[error("migration: {0}")]
    Migration(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl From<FieldErrors> for StoreError {
    fn from(e: FieldErrors) -> Self {
        StoreError::Invalid(e)
    }
}

impl StoreError {
    pub fn invalid(field: &str, code: &'static str) -> Self {
        StoreError::Invalid(atbalsts_domain::FieldError::new(field, code).into())
    }

    /// A unique constraint was violated (both databases report it differently).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Db(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}
