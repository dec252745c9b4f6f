//! A distribution of durations as reports show it: count, median, p90 and
//! max, by the nearest-rank method (a value that occurred, the same on
//! every database, since the values are read and ranked here).

use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Distribution {
    pub count: usize,
    /// Seconds; `None` without values.
    pub median: Option<i64>,
    pub p90: Option<i64>,
    pub max: Option<i64>,
}

impl Distribution {
    /// Of `values` in any order.
    pub fn of(mut values: Vec<i64>) -> Self {
        values.sort_unstable();
        let rank = |p: f64| -> Option<i64> {
            if values.is_empty() {
                return None;
            }
            // Nearest rank: the smallest value with at least p of them at or below it.
            let n = ((p * values.len() as f64).ceil() as usize).clamp(1, values.len());
            Some(values[n - 1])
        };
        Self {
            count: values.len(),
            median: rank(0.5),
            p90: rank(0.9),
            max: values.last().copied(),
        }
    }
}

impl Distribution {
    /// Of values counted by the database: (value, how many times), any order.
    pub fn of_counts(mut counts: Vec<(i64, i64)>) -> Self {
        counts.retain(|(_, n)| *n > 0);
        counts.sort_unstable();
        let total: i64 = counts.iter().map(|(_, n)| n).sum();
        let rank = |p: f64| -> Option<i64> {
            if total == 0 {
                return None;
            }
            let want = ((p * total as f64).ceil() as i64).clamp(1, total);
            let mut seen = 0;
            counts.iter().find_map(|(v, n)| {
                seen += n;
                (seen >= want).then_some(*v)
            })
        };
        Self {
            count: total as usize,
            median: rank(0.5),
            p90: rank(0.9),
            max: counts.last().map(|(v, _)| *v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_p90_are_nearest_ranks_of_the_values() {
        let d = Distribution::of(vec![50, 10, 40, 30, 20, 60, 70, 80, 90, 100]);
        assert_eq!(d.count, 10);
        assert_eq!(d.median, Some(50));
        assert_eq!(d.p90, Some(90));
        assert_eq!(d.max, Some(100));
        let one = Distribution::of(vec![7]);
        assert_eq!((one.median, one.p90, one.max), (Some(7), Some(7), Some(7)));
        assert_eq!(Distribution::of(Vec::new()).median, None);
    }

    #[test]
    fn counted_values_rank_as_the_values_themselves() {
        let values = vec![50, 10, 40, 30, 20, 60, 70, 80, 90, 100, 10, 10];
        let mut counts = std::collections::BTreeMap::new();
        for v in &values {
            *counts.entry(*v).or_insert(0) += 1;
        }
        assert_eq!(
            Distribution::of_counts(counts.into_iter().collect()),
            Distribution::of(values)
        );
        assert_eq!(
            Distribution::of_counts(vec![(5, 0)]),
            Distribution::of(Vec::new())
        );
    }
}
