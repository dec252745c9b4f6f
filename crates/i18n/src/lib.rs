//! The translation catalogue: Fluent resources for Latvian and English,
//! embedded in the binary. Fluent carries each language's plural rules
//! (Latvian has zero, one and other), so messages like "1 pieteikums" /
//! "2 pieteikumi" / "10 pieteikumu" come out right.

mod format;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
pub use format::{format_datetime, format_decimal, format_number};

pub use atbalsts_domain::Locale;

const SOURCES: &[(Locale, &str, &str)] = &[
    (
        Locale::Lv,
        "lv/main.ftl",
        include_str!("../../../locales/lv/main.ftl"),
    ),
    (
        Locale::En,
        "en/main.ftl",
        include_str!("../../../locales/en/main.ftl"),
    ),
];

pub struct Catalogue {
    lv: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(locale: Locale) -> FluentBundle<FluentResource> {
    let lang = match locale {
        Locale::Lv => unic_langid::langid!("lv"),
        Locale::En => unic_langid::langid!("en"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![lang]);
    // Unicode isolation marks would show up in HTML attributes and tests.
    bundle.set_use_isolating(false);
    for (l, name, source) in SOURCES {
        if *l == locale {
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(_, errors)| panic!("{name} does not parse: {errors:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("{name} has duplicate keys: {errors:?}"));
        }
    }
    bundle
}

impl Default for Catalogue {
    fn default() -> Self {
        Self::load()
    }
}

impl Catalogue {
    pub fn load() -> Self {
        Self {
            lv: bundle(Locale::Lv),
            en: bundle(Locale::En),
        }
    }

    fn bundle(&self, locale: Locale) -> &FluentBundle<FluentResource> {
        match locale {
            Locale::Lv => &self.lv,
            Locale::En => &self.en,
        }
    }

    pub fn has(&self, locale: Locale, key: &str) -> bool {
        self.bundle(locale).has_message(key)
    }

    /// The message `key` in `locale`. A missing key shows as the key itself
    /// (the catalogue test keeps that from reaching users).
    pub fn t(&self, locale: Locale, key: &str) -> String {
        self.t_args(locale, key, &[])
    }

    /// The message `key` with arguments; numbers choose plural forms.
    pub fn t_args(&self, locale: Locale, key: &str, args: &[(&str, Arg)]) -> String {
        let bundle = self.bundle(locale);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Str(s) => fargs.set(*name, FluentValue::from(s.as_str())),
                Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = vec![];
        bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// A duration in hours and minutes ("2 h 15 min"), rounded down to the
    /// minute; never in days, as business days differ in length. The sign
    /// is dropped: the caller says whether it is time left or overdue. The
    /// SLA panel, the policy pages and the SLA mail all word time so.
    pub fn duration(&self, locale: Locale, secs: i64) -> String {
        let secs = secs.abs();
        let (hours, minutes) = (secs / 3600, (secs % 3600) / 60);
        let key = match (hours, minutes) {
            (0, _) => "sla-duration-minutes",
            (_, 0) => "sla-duration-hours",
            _ => "sla-duration-both",
        };
        self.t_args(
            locale,
            key,
            &[("hours", Arg::from(hours)), ("minutes", Arg::from(minutes))],
        )
    }

    /// Every message key of a language, for the completeness tests.
    pub fn keys(locale: Locale) -> Vec<String> {
        let mut keys = Vec::new();
        for (l, _, source) in SOURCES {
            if *l == locale {
                let resource = FluentResource::try_new((*source).to_owned()).expect("parses");
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        keys.push(m.id.name.to_owned());
                    }
                }
            }
        }
        keys.sort();
        keys
    }
}

/// A message argument.
#[derive(Debug, Clone)]
pub enum Arg {
    Str(String),
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::{Catalogue, Locale};

    #[test]
    fn durations_are_hours_and_minutes_rounded_down_and_never_days() {
        let c = Catalogue::load();
        assert_eq!(
            c.duration(Locale::Lv, 2 * 3600 + 15 * 60 + 59),
            "2 h 15 min"
        );
        assert_eq!(c.duration(Locale::En, -(3 * 3600)), "3 h");
        assert_eq!(c.duration(Locale::En, 59), "0 min");
        assert_eq!(c.duration(Locale::En, 30 * 3600 + 60), "30 h 1 min");
    }
}
