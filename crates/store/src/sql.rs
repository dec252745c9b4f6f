use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Executor};

/// Rows per multi-row statement. SQLite looks up a `$n` placeholder by
/// name through a list, so preparing a statement costs the square of its
/// placeholders: a thousand rows of fifteen values took a second to
/// prepare, a hundred take milliseconds and still save most round trips.
pub const MULTI_ROW: usize = 100;

/// A value bound to a `$n` placeholder.
#[derive(Debug, Clone)]
pub enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(Some(v))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        Arg::Int(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(Some(v.to_owned()))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(Some(v))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        Arg::Text(v)
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Self {
        Arg::Text(v.map(str::to_owned))
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Int(Some(v as i64))
    }
}

/// SQL text built in pieces with numbered `$n` placeholders, which both
/// PostgreSQL and SQLite accept, for queries whose shape depends on input
/// (filters, the viewer's scope).
#[derive(Debug, Clone)]
pub struct Sql {
    text: String,
    args: Vec<Arg>,
    /// Kept as a prepared statement and reused (the default).
    persistent: bool,
}

impl Default for Sql {
    fn default() -> Self {
        Self::new("")
    }
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            args: Vec::new(),
            persistent: true,
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Self {
        self.args.push(value.into());
        self.text.push('$');
        self.text.push_str(&self.args.len().to_string());
        self
    }

    /// Appends `$a, $b, ...` for a list of values.
    pub fn bind_list(&mut self, values: &[i64]) -> &mut Self {
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(*v);
        }
        self
    }

    /// Planned anew with its values every time it runs, for queries whose
    /// best plan depends on them (a filter that selects ten tickets or a
    /// million): PostgreSQL would otherwise settle on one generic plan for
    /// a reused statement after a few runs.
    pub fn planned_each_time(&mut self) -> &mut Self {
        self.persistent = false;
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text).persistent(self.persistent);
        for arg in &self.args {
            q = match arg {
                Arg::Int(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.clone()),
            };
        }
        q
    }

    pub async fn fetch_all<'e, E: Executor<'e, Database = Any>>(
        &self,
        ex: E,
    ) -> sqlx::Result<Vec<AnyRow>> {
        self.query().fetch_all(ex).await
    }

    pub async fn fetch_one<'e, E: Executor<'e, Database = Any>>(
        &self,
        ex: E,
    ) -> sqlx::Result<AnyRow> {
        self.query().fetch_one(ex).await
    }

    pub async fn fetch_optional<'e, E: Executor<'e, Database = Any>>(
        &self,
        ex: E,
    ) -> sqlx::Result<Option<AnyRow>> {
        self.query().fetch_optional(ex).await
    }
}
